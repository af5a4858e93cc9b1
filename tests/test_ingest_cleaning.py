"""Cleaning rules: furniture, captions, duplicates, glued sentences, paragraph layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.ingest import load_folder
from briefing.ingest.clean import dedupe, strip_furniture, unglue, units_of
from briefing.model import Article

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"



@pytest.fixture(scope="module")
def fixtures(config):
    return {a.id: a for a in load_folder(FIXTURES, config)[0]}


def load_text(tmp_path: Path, config, text: str, name: str = "a.txt"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    articles, warnings = load_folder(tmp_path, config)
    return articles[0], warnings


@pytest.mark.parametrize("glued, fixed", [
    ("press conference.NASA Administrator said", "press conference. NASA Administrator said"),
    ("at the earliest opportunity.The station", "at the earliest opportunity. The station"),
    ("he added.Earlier on Friday", "he added. Earlier on Friday"),
    ("in 2024.The crew", "in 2024. The crew"),
    ('he said."Next', 'he said." Next'),
    ("the U.S. Army", "the U.S. Army"),
    ("in Washington, D.C. on Monday", "in Washington, D.C. on Monday"),
    ("e.g. rockets", "e.g. rockets"),
    ("it cost 3.5 million", "it cost 3.5 million"),
    ("at https://www.Example.com/News.Story now", "at https://www.Example.com/News.Story now"),
    ("visit Space.Com now", "visit Space.Com now"),
    ("chief V. Narayanan said", "chief V. Narayanan said"),
    ("Dr.Smith and Ph.D holders", "Dr.Smith and Ph.D holders"),
])
def test_unglue(glued, fixed):
    assert unglue(glued) == fixed


def test_run_together_copy_is_dropped():
    paragraphs = [
        "The probe reached orbit on Monday.The team cheered loudly in the control room.",
        "The probe reached orbit on Monday.",
        "The team cheered loudly in the control room.",
        "Engineers will test the instruments next week.",
    ]
    assert dedupe([unglue(p) for p in paragraphs]) == paragraphs[1:]


def test_repeated_paragraph_and_sentence_kept_once():
    paragraphs = [
        "The capsule landed safely in the desert on Tuesday morning.",
        "Recovery crews reached it within minutes.",
        "The capsule landed safely in the desert on Tuesday morning.",
        "The crew was in good health. The capsule landed safely in the desert on Tuesday morning.",
    ]
    assert dedupe(paragraphs) == [paragraphs[0], paragraphs[1], "The crew was in good health."]


def test_short_repeated_sentences_are_kept():
    paragraphs = ["“Go,” he said. The rocket rose.", "“Stop,” he said. The rocket rose."]
    assert dedupe(paragraphs) == paragraphs


def test_hard_wrapped_block_is_one_paragraph():
    text = ("The agency said the launch would go ahead on Thursday after engineers\n"
            "replaced a faulty valve on the upper stage of the rocket over the\n"
            "weekend, a spokesperson said.\n\nA second paragraph follows here.")
    assert units_of(text) == [
        "The agency said the launch would go ahead on Thursday after engineers replaced a "
        "faulty valve on the upper stage of the rocket over the weekend, a spokesperson said.",
        "A second paragraph follows here."]


@pytest.mark.parametrize("line", [
    "Leave feedback about this", "  • Quality", "PROS", "+", "Add Field", "Source link",
    "First Appeared on Orbit Weekly", "10:28 GMT", "Updated 09:15 a.m. EST", "World",
    "In this photo provided by ESA, the rocket stands on the pad",
    "The rover on Mars, seen in a file image - Orbit News, 1920, 11.01.2026",
    "Photo: Jane Doe/Orbit News", "Crew members wave before launch (AP Photo/John Raoux)",
    "Reporting by Tom Hale; Editing by Ruth Orme", "© 2026 Orbit News",
    "https://example.com/story", "Share this article",
    "Photo taken on March 10, 2026 shows the rocket lifting off. (Xinhua/Yang Guanyu)",
    "A handout photo released by the agency shows the crew", "Enditem",
])
def test_furniture_lines_are_removed(config, line):
    body = ["The rocket lifted off on time from the coast on Tuesday, the agency said.", line,
            "Engineers said every system worked as planned during the ascent."]
    cleaned = strip_furniture(body, config.ingest.furniture_phrases)
    assert cleaned.paragraphs == [body[0], body[2]]
    assert cleaned.removed == [line]


def test_trailing_related_headlines_are_removed(config):
    body = ["The rocket lifted off on time from the coast on Tuesday, the agency said.",
            "Comet Breaks Apart Near the Sun", "Rocket Engine Test Fires for Eight Minutes"]
    cleaned = strip_furniture(body, config.ingest.furniture_phrases)
    assert cleaned.paragraphs == body[:1]
    assert cleaned.removed == body[1:]


def test_subheading_inside_body_is_kept(config):
    body = ["The rocket lifted off on time from the coast on Tuesday, the agency said.",
            "What happens next for the crew",
            "Engineers said every system worked as planned during the ascent."]
    assert strip_furniture(body, config.ingest.furniture_phrases).paragraphs == body


def test_caption_tail_gives_outlet(config):
    body = ["The rocket lifted off on time from the coast on Tuesday, the agency said.",
            "The pad at sunrise - Orbit News International, 1920, 05.03.2026"]
    cleaned = strip_furniture(body, config.ingest.furniture_phrases)
    assert (cleaned.outlet, cleaned.date) == ("Orbit News International", "2026-03-05")


def test_fixture_text_is_clean(fixtures):
    cape = fixtures["cape_wire.txt"]
    assert cape.text.startswith("Two astronauts waiting to fly Boeing's Starliner capsule")
    for junk in ("Share this article", "Advertisement", "In this image released", "AP Photo",
                 "Read more", "Boeing Shares Slip", "Weather Squadron Issues", "14:05 EST",
                 "Orlando 7", "By Dana Whitfield"):
        assert junk not in cape.text
    assert "“We are in no rush, and the crew is in great spirits,” flight director Maria Lopez" \
           in cape.text
    assert "Advertisement" in cape.removed
    london = fixtures["london_reuters.txt"]
    assert "in a statement. The money will go" in london.text
    assert "Reporting by" not in london.text and "Our Standards" not in london.text
    glued = fixtures["glued_copy.txt"]
    assert glued.text.count("Ingenuity flew 72 times") == 1
    assert glued.text.count("the prize belongs to everyone") == 1
    assert "Dr. T. Canham, spoke for 3.5 minutes." in glued.text
    assert "Perseverance Rover" not in glued.text and "Related" not in glued.text


def test_paragraphs_separated_by_one_blank_line(fixtures):
    for article in fixtures.values():
        assert "\n\n\n" not in article.text
        assert article.text == article.text.strip()
        for paragraph in article.text.split("\n\n"):
            assert paragraph.strip() == paragraph and paragraph


def test_seed_text_keeps_every_sentence_and_quote(config):
    articles = {a.id: a for a in load_folder(ROOT / "seeds", config)[0]}
    first = articles["000_c34876a6c97edda2.txt"]
    assert len(first.paragraphs) == 13
    assert "“I am certainly planning to attend the next crewed Soyuz launch,” he said" in first.text
    assert "hard to imagine to miss it..”" in first.text
    second = articles["001_2e1da42c93aa5fe6.txt"]
    assert len(second.paragraphs) == 6
    assert second.text.count("NASA Administrator Jared Isaacman on Friday said") == 1
    assert ('"I am certainly planning to attend the next Soyuz launch ," Isaacman said during a '
            "NASA's Space X Crew-12 post launch press conference.") in second.paragraphs
    assert ('"I know that we are making preparations for a discussion with my counterpart '
            '[Bakanov] at the earliest opportunity," Isaacman said at a press conference.'
            ) in second.paragraphs
    assert "conference.NASA" not in second.text


def test_markup_is_kept_literally(tmp_path, config):
    article, _ = load_text(tmp_path, config, "The [bold red]launch[/bold red] went well, the "
                           "[link=https://example.com]agency[/link] said on Monday.\n")
    assert "[bold red]launch[/bold red]" in article.text
    assert "[link=https://example.com]agency[/link]" in article.text


def test_paragraph_inside_a_longer_variant_is_dropped():
    paragraphs = [
        "The rocket lifted off at dawn from the coast.",
        "Engineers cheered.",
        "CAPE TOWN (Wire) - The rocket lifted off at dawn from the coast.",
    ]
    assert dedupe(paragraphs) == paragraphs[1:]


def test_name_heavy_last_paragraph_is_kept(config):
    body = ["The rocket lifted off on time from the coast on Tuesday, the agency said.",
            "Isaacman met with ESA Director General Josef Aschbacher in Washington on Feb. 11."]
    assert strip_furniture(body, config.ingest.furniture_phrases).paragraphs == body


def test_question_headline_after_body_is_removed(config):
    body = ["The rocket lifted off on time from the coast on Tuesday, the agency said.",
            "Why Is the Station Running Out of Time?"]
    assert strip_furniture(body, config.ingest.furniture_phrases).paragraphs == body[:1]


def test_one_sentence_a_line_is_not_joined():
    lines = ["NASA Administrator said he plans to attend the Soyuz launch.",
             "The launch is set for July from Baikonur in Kazakhstan.",
             "NASA Says Deploying Joint Crews Helps Ensure Safety",
             "10:28 GMT"]
    assert units_of("\n".join(lines)) == lines


def test_sentence_starting_with_a_phrase_is_kept(config):
    body = ["Sign up for the mission opened Monday.",
            "The rocket lifted off on time from the coast on Tuesday, the agency said."]
    assert strip_furniture(body, config.ingest.furniture_phrases).paragraphs == body


def test_squad_and_name_lists_after_the_story_are_kept(config):
    body = ["Portugal beat Spain 2-1 in the final on Sunday with two late goals from the bench.",
            "Squad: Ana Lima, Rui Costa, Joel Sousa, Tiago Reis",
            "- Marta Dias", "- Ines Rocha",
            "1. Harbour City 14", "2. Riverside Rovers 12"]
    cleaned = strip_furniture(body, config.ingest.furniture_phrases)
    assert cleaned.paragraphs == body
    assert cleaned.removed == []


def test_list_after_an_end_marker_is_removed(config):
    body = ["Portugal beat Spain 2-1 in the final on Sunday with two late goals from the bench.",
            "Related stories",
            "- Spain Coach Quits After Final Defeat", "- Fans Celebrate Late Into the Night"]
    cleaned = strip_furniture(body, config.ingest.furniture_phrases)
    assert cleaned.paragraphs == body[:1]
    assert cleaned.removed == body[1:]


def test_lone_bullet_label_is_still_a_label(config):
    body = ["Portugal beat Spain 2-1 in the final on Sunday with two late goals from the bench.",
            "• Football",
            "Fans celebrated in Lisbon until dawn, police said on Monday."]
    assert strip_furniture(body, config.ingest.furniture_phrases).removed == ["• Football"]


@pytest.mark.parametrize("line", ["試合は終わった。", "मैच खत्म।", "انتهت؟"])
def test_short_sentences_of_other_scripts_are_kept(config, line):
    body = ["Portugal beat Spain 2-1 in the final on Sunday with two late goals from the bench.",
            line, "Fans celebrated in Lisbon until dawn, police said on Monday."]
    assert strip_furniture(body, config.ingest.furniture_phrases).paragraphs == body


@pytest.mark.parametrize("structured", [False, True])
def test_calls_to_action_that_end_the_copy_are_removed(config, structured):
    body = ["Portugal beat Spain 2-1 in the final on Sunday with two late goals from the bench.",
            "Sign up for our football newsletter to get every result in your inbox.",
            "Fans celebrated in Lisbon until dawn, police said on Monday.",
            "Get every result first. Subscribe to our Sports Desk newsletter.",
            "Follow us on the Sports Desk app for live scores."]
    cleaned = strip_furniture(body, config.ingest.furniture_phrases, structured,
                              config.ingest.promo_phrases)
    assert cleaned.paragraphs == body[:3]
    assert cleaned.removed == body[3:]


def test_last_paragraph_about_subscribers_or_quoting_is_kept(config):
    body = ["The paper said its print edition would close at the end of the month.",
            "The newsletter now has 40,000 subscribers, the company said.",
            "“We will keep writing for our subscribers,” the editor said."]
    cleaned = strip_furniture(body, config.ingest.furniture_phrases, True,
                              config.ingest.promo_phrases)
    assert cleaned.paragraphs == body


def test_sports_wire_keeps_its_line_up_and_lists(fixtures):
    wire = fixtures["cup_wire.txt"]
    paragraphs = wire.text.split("\n\n")
    for line in ("Harbour City: Dario Ferri; Sami Haddad, Leon Wirth, Ana Lima, Rui Costa; "
                 "Ruth Okonjo, Joel Sousa", "Substitutes:", "- Marta Dias", "Fixtures:",
                 "2. Riverside Rovers v Harbour City, March 21"):
        assert line in paragraphs
    for junk in ("Related stories", "Fans Queue Overnight", "Lantern Ground to Be Rebuilt",
                 "Sign up for our Sports Desk newsletter"):
        assert junk not in wire.text


@pytest.mark.parametrize("structured", [False, True])
def test_items_under_a_furniture_label_are_furniture(config, structured):
    body = ["Portugal beat Spain 2-1 in the final on Sunday with two late goals from the bench.",
            "Tags: Football, Portugal, Spain, Cup final",
            "Squad: Ana Lima, Rui Costa, Joel Sousa, Tiago Reis"]
    cleaned = strip_furniture(body, config.ingest.furniture_phrases, structured)
    assert cleaned.removed == [body[1]]


@pytest.mark.parametrize("text, count", [
    ("The crew landed safely on Sunday.", 6),
    ("試合は終わった。", 7),
    ("北京で会議が開かれた。", 10),
    ("การแข่งขันจบแล้ว", 16),
    ("Toyota 社長は 東京 で話した。", 10),
])
def test_article_words_count_every_script(text, count):
    assert Article(id="a.txt", path="a.txt", text=text).words == count
