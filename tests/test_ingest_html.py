"""HTML pages: what the markup says (paragraphs, lists, tables, <br> lines, links) decides
what is article and what is furniture, before any plain-text rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from briefing.ingest import load_file, load_folder
from briefing.ingest.html_body import body_units
from briefing.ingest.loaders import html_to_text
from briefing.ingest.shapes import split_sentences, terminal, words

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"



@pytest.fixture(scope="module")
def final(config):
    articles, warnings = load_file(FIXTURES / "html" / "cup_final.html", FIXTURES, config)
    assert warnings == []
    return articles[0]


def page(tmp_path: Path, config, markup: str, name: str = "page.html"):
    (tmp_path / name).write_text(markup, encoding="utf-8")
    return load_folder(tmp_path, config)


def test_metadata_and_story(final):
    assert (final.title, final.outlet, final.date, final.author) == (
        "Harbour City win the Coastal Cup on penalties", "Northern Sports Desk", "2026-03-08",
        "Owen Marsh")
    assert final.text.startswith("Harbour City won the Coastal Cup for the first time")
    assert '"The whole club deserves it."' in final.text
    for chrome in ("Tennis", "All rights reserved", "Privacy policy"):
        assert chrome not in final.text


def test_table_rows_are_readable_lines(final):
    paragraphs = final.text.split("\n\n")
    assert "Pos | Club | Played | Points" in paragraphs
    assert "2 | Riverside Rovers | 6 | 12" in paragraphs
    assert "Final group standings" in paragraphs


def test_squad_list_and_br_lines_after_the_story_are_kept(final):
    paragraphs = final.text.split("\n\n")
    for line in ("Harbour City squad:", "Dario Ferri", "Leon Wirth", "Next fixtures:",
                 "March 21 -- Riverside Rovers v Harbour City"):
        assert line in paragraphs


def test_br_inside_a_sentence_does_not_split_it(final):
    assert ("stewards cleared a crowded entrance on the north side of the ground."
            in final.text)


def test_pointer_to_another_page_is_removed_but_inline_links_stay(final):
    assert "How Harbour City reached their first final" not in final.text
    assert "Read more: How Harbour City reached their first final" in final.removed
    assert "Coach Imke Brandt said the club would be back next season." in final.text


def body(xml: str):
    return body_units(etree.fromstring(f"<body>{xml}</body>"))


def test_link_list_and_its_label_are_removed():
    found = body("<p>The bridge will reopen in May after repairs, the council said.</p>"
                 "<head>More from the council</head>"
                 "<list><item><ref target='/a'>Council approves a new budget for schools</ref>"
                 "</item><item><ref target='/b'>Mayor opens the winter market early</ref></item>"
                 "</list>")
    assert [u.text for u in found.units] == [
        "The bridge will reopen in May after repairs, the council said."]
    assert found.removed == ["More from the council", "Council approves a new budget for schools",
                             "Mayor opens the winter market early"]


def test_link_titles_in_a_row_are_a_link_list_but_one_linked_sentence_is_not():
    found = body("<p>Engineers found cracks in two of the piers last week.</p>"
                 "<p><ref target='/a'>Flood barrier tested on the river</ref> [VIDEO]</p>"
                 "<p><ref target='/b'>Ferry timetable changes for the winter</ref></p>"
                 "<p><ref target='/c'>The ferry will run every hour until the bridge reopens.</ref>"
                 "</p>")
    assert [u.text for u in found.units] == [
        "Engineers found cracks in two of the piers last week.",
        "The ferry will run every hour until the bridge reopens."]


def test_list_of_names_with_links_is_kept():
    found = body("<p>The council named its new committee on Tuesday.</p>"
                 "<list><item><ref target='/a'>Ana Lima</ref></item>"
                 "<item><ref target='/b'>Rui Costa</ref></item></list>")
    assert [u.text for u in found.units][1:] == ["Ana Lima", "Rui Costa"]
    assert found.removed == []


def test_space_after_a_link_is_restored():
    found = body("<p><ref target='/x'>The council said</ref>that the bridge was safe.</p>")
    assert found.units[0].text == "The council said that the bridge was safe."


def test_cjk_sentences_are_kept(tmp_path, config):
    articles, _ = page(tmp_path, config, (
        "<html><head><title>橋の修理</title></head><body><article>"
        "<p>市議会は月曜日、古い橋を修理のために閉鎖することを決めた。</p>"
        "<p>技術者が二本の橋脚にひびを見つけた。</p>"
        "<p>橋は五月に再開される予定だ。市長は安全が第一だと述べた。</p>"
        "</article></body></html>"))
    assert "技術者が二本の橋脚にひびを見つけた。" in articles[0].text.split("\n\n")


def test_page_without_an_article_falls_back_with_a_warning(tmp_path, config):
    articles, warnings = page(tmp_path, config, (
        "<html><body><div class='comments'><p>The council voted on Monday to close the old "
        "bridge for repairs after engineers found cracks in two of its piers.</p></div>"
        "</body></html>"))
    assert articles[0].text.startswith("The council voted on Monday")
    assert [w.path for w in warnings] == ["page.html"]
    assert "visible text" in warnings[0].message


@pytest.mark.parametrize("line", ["市議会は橋を閉鎖した。", "यह पुल बंद है।", "هل الجسر مغلق؟",
                                  "「橋は閉鎖された」"])
def test_sentence_ends_of_every_script(line):
    assert terminal(line)


def test_words_of_unspaced_scripts_are_counted():
    assert len(words("技術者がひびを見つけた")) == 11
    assert words("Harbour City's 4-3 win") == ["Harbour", "City's", "4-3", "win"]
    assert split_sentences("橋は閉鎖された。五月に再開される。") == [
        "橋は閉鎖された。", "五月に再開される。"]


def test_fragment_table_rows_keep_their_cells_apart():
    text = html_to_text("<p>Standings:</p><table><tr><th>Pos</th><th>Club</th></tr>"
                        "<tr><td>1</td><td>Harbour City</td></tr></table>")
    assert text.split("\n\n") == ["Standings:", "Pos | Club", "1 | Harbour City"]
