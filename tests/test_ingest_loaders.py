"""Each format's loader, through load_folder / load_file, on fixture articles."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from briefing.ingest import load_file, load_folder

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"



@pytest.fixture(scope="module")
def loaded(config):
    articles, warnings = load_folder(FIXTURES, config)
    return {a.id: a for a in articles}, warnings


def test_folder_is_recursive_and_ids_are_relative(loaded):
    articles, _ = loaded
    assert "sub/paris_cp1252.txt" in articles
    assert list(articles) == sorted(articles)
    for ident, article in articles.items():
        assert ident.split("#")[0] == article.path


def test_multi_entry_files_are_numbered(loaded):
    articles, _ = loaded
    for name in ("wires.json", "agency.rss", "news.atom"):
        assert f"{name}#1" in articles and f"{name}#2" in articles
    assert "single.json" in articles


def test_content_hash_is_sha256_of_raw_bytes(loaded):
    articles, _ = loaded
    raw = hashlib.sha256((FIXTURES / "cape_wire.txt").read_bytes()).hexdigest()
    assert articles["cape_wire.txt"].content_hash == raw
    feed = hashlib.sha256((FIXTURES / "agency.rss").read_bytes()).hexdigest()
    assert articles["agency.rss#2"].content_hash == feed + "#2"


def test_markdown_front_matter(loaded):
    a = loaded[0]["blog_post.md"]
    assert (a.title, a.date, a.outlet, a.author, a.url) == (
        "Lunar lander passes final vibration test", "2026-02-10", "Moonwatch Daily",
        "Priya Raman", "https://example.org/lander-test")
    assert a.dateline == "HOUSTON"
    assert a.text.startswith("The lunar lander built for the next robotic mission")
    assert "lander.jpg" not in a.text and "](" not in a.text and "**" not in a.text
    assert "Share this article" not in a.text


def test_invalid_front_matter_warns_and_keeps_body(loaded):
    articles, warnings = loaded
    assert any(w.path == "broken_front.md" and "front matter" in w.message for w in warnings)
    assert "service module" in articles["broken_front.md"].text


def test_html_drops_page_chrome(loaded):
    a = loaded[0]["observatory.html"]
    assert a.title == "Telescope spots icy moon plumes"
    assert a.outlet == "Skyline Herald"
    assert a.date == "2026-02-12"
    assert a.author == "Lena Brooks"
    assert a.dateline == "TUCSON"
    assert a.text.startswith("Astronomers using a large infrared telescope")
    assert '"It opens a new window on ocean worlds."' in a.text
    for chrome in ("cookies", "Most read", "Comet breaks apart", "All rights reserved",
                   "Privacy policy", "Home"):
        assert chrome not in a.text


def test_json_list_and_object(loaded):
    articles, _ = loaded
    first = articles["wires.json#1"]
    assert (first.title, first.date, first.outlet, first.author) == (
        "Rocket Lab schedules next Electron flight", "2026-02-06", "Pacific Wire", "Mere Tane")
    assert first.dateline == "AUCKLAND"
    assert first.paragraphs == [
        "Rocket Lab said on Friday its next Electron rocket would launch from New Zealand "
        "within two weeks, carrying an Earth-imaging satellite.",
        "The company has flown 12 missions this year."]
    assert articles["wires.json#2"].text.startswith("India's space agency chief V. Narayanan")
    assert articles["single.json"].date == "2026-02-07"


def test_rss_and_atom_entries(loaded):
    articles, _ = loaded
    ariane = articles["agency.rss#1"]
    assert (ariane.title, ariane.outlet, ariane.date, ariane.author, ariane.url) == (
        "Ariane 6 lifts off with weather satellite", "Launch Desk", "2026-02-10",
        "Jules Martin", "https://example.com/ariane")
    assert ariane.dateline == "KOUROU"
    assert ariane.paragraphs[1] == "The satellite separated from the upper stage about 35 " \
                                   "minutes later."
    probe = articles["news.atom#1"]
    assert (probe.outlet, probe.date, probe.author, probe.url) == (
        "Deep Space Dispatch", "2026-02-09", "Ana Souza", "https://example.info/flyby")
    assert "<p>" not in probe.text
    assert articles["news.atom#2"].date == "2026-02-08"


def test_cp1252_curly_quotes(loaded):
    a = loaded[0]["sub/paris_cp1252.txt"]
    assert "“We are pleased,” said director Anne Café" in a.text
    assert a.dateline == "PARIS"


SPLASH = "“The capsule splashed down off California on Sunday,” the agency said."


@pytest.mark.parametrize("raw", [
    ("\ufeff" + SPLASH + "\r\n").encode(),
    SPLASH.encode("utf-16"),
    SPLASH.encode("cp1252"),
    SPLASH.encode("utf-8"),
])
def test_encodings(tmp_path, config, raw):
    (tmp_path / "a.txt").write_bytes(raw)
    articles, warnings = load_folder(tmp_path, config)
    assert warnings == []
    assert articles[0].text == SPLASH


def test_hidden_and_temp_files_ignored(tmp_path, config):
    story = b"The capsule splashed down off California on Sunday, the agency said.\n"
    for name in (".hidden.txt", "draft.txt~", "x.swp", "y.part", "z.tmp", "a.txt"):
        (tmp_path / name).write_bytes(story)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "b.txt").write_bytes(story)
    articles, warnings = load_folder(tmp_path, config)
    assert [a.id for a in articles] == ["a.txt"] and warnings == []
    assert load_file(tmp_path / "draft.txt~", tmp_path, config) == ([], [])


def test_load_file_matches_folder(loaded, config):
    found, warnings = load_file(FIXTURES / "wires.json", FIXTURES, config)
    assert warnings == []
    assert found == [loaded[0]["wires.json#1"], loaded[0]["wires.json#2"]]


def test_json_wrapper_object_and_alternative_keys(tmp_path, config):
    (tmp_path / "feed.json").write_text(json.dumps({"articles": [
        {"headline": "Crew lands safely",
         "body": "The crew landed safely on Sunday, officials said.",
         "published_at": "2026-02-01T08:00:00Z", "source": {"name": "Wire One"},
         "link": "https://example.com/1"},
        {"title": "Second", "content": "<p>The second story is about a rocket test today.</p>"},
    ]}))
    articles, warnings = load_folder(tmp_path, config)
    assert warnings == []
    first, second = articles
    assert (first.id, first.title, first.date, first.outlet, first.url) == (
        "feed.json#1", "Crew lands safely", "2026-02-01", "Wire One", "https://example.com/1")
    assert (second.id, second.text) == ("feed.json#2",
                                        "The second story is about a rocket test today.")


def test_markdown_lists_and_quotes(tmp_path, config):
    (tmp_path / "a.md").write_text("# Crew named\n\n> The crew was named on Monday, the agency "
                                   "said in a statement.\n\n- Anne Marsh will command the flight."
                                   "\n- Tom Berg will pilot it.\n")
    article = load_folder(tmp_path, config)[0][0]
    assert article.title == "Crew named"
    assert article.paragraphs == ["The crew was named on Monday, the agency said in a statement.",
                                  "- Anne Marsh will command the flight.",
                                  "- Tom Berg will pilot it."]


def test_markdown_name_lists_and_tables_are_content(tmp_path, config):
    (tmp_path / "squad.md").write_text(
        "# Harbour City name their squad\n\nHarbour City named a 20-player squad on Monday "
        "for the cup final against Millbrook Athletic.\n\nSquad:\n\n- Ana Ruiz\n- Joel Sousa"
        "\n* Marta Dias\n* Ines Rocha\n\n| Team | Played | Points |\n|------|:---:|---:|\n"
        "| Harbour City | 12 | 28 |\n| Millbrook Athletic | 12 | 25 |\n\n1. Final, March 14\n"
        "2. Replay, March 21\n", encoding="utf-8")
    article = load_folder(tmp_path, config)[0][0]
    assert article.paragraphs[1:] == [
        "Squad:", "- Ana Ruiz", "- Joel Sousa", "* Marta Dias", "* Ines Rocha",
        "Team | Played | Points", "Harbour City | 12 | 28", "Millbrook Athletic | 12 | 25",
        "1. Final, March 14", "2. Replay, March 21"]
    assert article.removed == []


def test_html_outlet_from_title_suffix(loaded):
    a = loaded[0]["crew_arrival.html"]
    assert (a.title, a.outlet, a.date, a.dateline, a.author) == (
        "Crew-13 astronauts arrive at launch site", "Orbital Times", "2026-03-01",
        "CAPE CANAVERAL", "Sam Ortiz")
    assert "cookies" not in a.text and "Crew-12 Returns Home" not in a.text
    assert "Copyright" not in a.text


def test_feed_declared_latin1(tmp_path, config):
    feed = ('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Café Orbit'
            '</title><item><title>Launch</title><description>The rocket flew from Kourou on '
            'Monday, the operator said.</description></item></channel></rss>')
    (tmp_path / "f.rss").write_bytes(feed.encode("latin-1"))
    (article,), warnings = load_folder(tmp_path, config)
    assert warnings == [] and article.outlet == "Café Orbit"


def test_utf8_with_stray_cp1252_bytes(tmp_path, config):
    raw = ("“Ready,” she said — the crew agreed. ".encode() + b"\x93Go,\x94 he said, "
           + "and the capsule’s hatch closed on time.".encode())
    (tmp_path / "a.txt").write_bytes(raw)
    (article,), _ = load_folder(tmp_path, config)
    assert article.text == ("“Ready,” she said — the crew agreed. “Go,” he said, and the "
                            "capsule’s hatch closed on time.")


def test_rdf_feed(tmp_path, config):
    (tmp_path / "f.xml").write_text(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>Old Wire</title></channel><item><title>Probe launched</title>"
        "<description>The probe launched on Monday from Japan, the agency said.</description>"
        "<dc:date>2026-01-05</dc:date></item></rdf:RDF>")
    (article,), warnings = load_folder(tmp_path, config)
    assert (article.id, article.outlet, article.date, article.title) == (
        "f.xml#1", "Old Wire", "2026-01-05", "Probe launched")
