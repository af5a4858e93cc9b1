"""The summary: sentences split robustly, near-duplicates merged and cited, furniture never
picked, every point cited; differences between sources found."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from briefing.config import builtin_defaults
from briefing.digest import assemble_briefing
from briefing.digest.differences import find_differences
from briefing.digest.sentences import article_sentences, quality, split_sentences
from briefing.digest.summary import summarise_story
from briefing.model import Article, ArticleAnalysis, QuoteMention, Span

CONFIG = builtin_defaults()
SKIP = CONFIG.summary.skip_phrases

FIXTURES = Path(__file__).parent / "fixtures" / "digest"


def articles() -> list[Article]:
    """Two reports of one event; the first repeats a sentence and carries page furniture."""
    one = (FIXTURES / "ferry_one.txt").read_text(encoding="utf-8")
    two = (FIXTURES / "ferry_two.txt").read_text(encoding="utf-8")
    return [Article(id="one.txt", path="one.txt", text=one, title="Ferry terminal"),
            Article(id="two.txt", path="two.txt", text=two)]


def test_splitter_keeps_abbreviations_and_initials_inside_sentences():
    text = ("Mr. Smith met George W. Bush in Washington, D.C. on Feb. 13 at 3 p.m. local time. "
            "The U.S. Senate voted later.It passed.")
    pieces = [text[s.start:s.end] for s in split_sentences(text)]
    assert pieces == ["Mr. Smith met George W. Bush in Washington, D.C. on Feb. 13 at 3 p.m. "
                      "local time.", "The U.S. Senate voted later.", "It passed."]


def test_splitter_cuts_at_headings_and_blank_lines():
    text = "A headline without a stop\n\nThe first sentence runs on\nover a wrapped line. Next."
    pieces = [text[s.start:s.end] for s in split_sentences(text)]
    assert pieces == ["A headline without a stop",
                      "The first sentence runs on\nover a wrapped line.", "Next."]


def test_nlp_spans_are_refined_not_trusted_blindly():
    article = Article(id="a", path="a", text="Heading line\n\nThe council met today. It voted.")
    analysis = ArticleAnalysis("a", "", sentences=[Span(0, len(article.text))])
    texts = [s.text for s in article_sentences(article, analysis)]
    assert texts == ["Heading line", "The council met today.", "It voted."]


def test_quality_rejects_furniture_questions_fragments_and_penalises_pronouns():
    assert quality("Why did it take so long to build the terminal?", SKIP) == 0
    assert quality("Photo by John Smith of the new ferry terminal in the port.", SKIP) == 0
    assert quality("Harbour Authority approves new ferry terminal", SKIP) == 0
    assert quality("Read more", SKIP) == 0
    standalone = quality("The Harbour Authority approved a new ferry terminal on Monday.", SKIP)
    leading = quality("That terminal will open in 2028 after the review ends.", SKIP)
    assert standalone == 1 and 0 < leading < standalone


def test_dateline_is_stripped_and_repeated_sentence_kept_once():
    sentences = article_sentences(articles()[0], None)
    texts = [s.text for s in sentences]
    assert texts.count("The Harbour Authority approved a new ferry terminal on Monday after a "
                       "two-year review of its cost and design.") == 1
    assert not any(t.startswith("PORTSMOUTH") for t in texts)


def test_near_duplicates_become_one_point_citing_both_sources():
    briefing = assemble_briefing(articles(), {}, [], CONFIG)
    assert len(briefing.stories) == 1
    points = briefing.stories[0].points
    approvals = [p for p in points if "approv" in p.text]
    assert len(approvals) == 1
    assert approvals[0].sources == ["one.txt", "two.txt"] or \
        approvals[0].sources == ["two.txt", "one.txt"]
    texts = [p.text for p in points]
    assert len(texts) == len(set(texts))


def test_every_point_is_cited_and_no_furniture_reaches_the_summary():
    briefing = assemble_briefing(articles(), {}, [], CONFIG)
    summary = briefing.summary
    assert summary.headline and summary.points
    for point in summary.points + briefing.stories[0].points:
        assert point.sources
        assert "Photo by" not in point.text and "Read more" not in point.text
        assert not point.text.endswith("?")


def test_lengths_follow_config():
    config = dataclasses.replace(
        CONFIG, summary=dataclasses.replace(CONFIG.summary, points_per_story=2))
    briefing = assemble_briefing(articles(), {}, [], config)
    assert len(briefing.stories[0].points) == 2


def test_differences_find_a_quote_worded_differently_and_a_different_figure():
    one, two = articles()
    q1 = "This terminal will carry the town for the next fifty years"
    q2 = "This terminal will serve the town for the next fifty years"
    analyses = {
        "one.txt": ArticleAnalysis("one.txt", "", quotes=[
            QuoteMention(q1, "Linda Okoye", one.text.index(q1), one.text.index(q1) + len(q1),
                         0)]),
        "two.txt": ArticleAnalysis("two.txt", "", quotes=[
            QuoteMention(q2, "Linda Okoye", two.text.index(q2), two.text.index(q2) + len(q2),
                         0)]),
    }
    sentences = {a.id: article_sentences(a, analyses[a.id]) for a in (one, two)}
    differences = find_differences(sentences, ["one.txt", "two.txt"], analyses)
    topics = [d.topic for d in differences]
    assert "Linda Okoye quoted differently" in topics
    assert any("80" in t and "85" in t for t in topics)
    for difference in differences:
        assert [v.sources for v in difference.versions] == [["one.txt"], ["two.txt"]]


def test_a_quoted_fragment_of_the_same_remark_is_not_a_second_point():
    one = Article(id="one", path="one", text=(
        "The administrator said on Friday that he is \"certainly planning\" to attend the "
        "next launch of the rocket. Engineers finished the last engine tests in March."))
    two = Article(id="two", path="two", text=(
        "\u201cI am certainly planning to attend the next crewed launch,\u201d the "
        "administrator told reporters at the press conference."))
    sentences = {a.id: article_sentences(a, None) for a in (one, two)}
    points = summarise_story(sentences, ["one", "two"], CONFIG.summary)
    planning = [p for p in points if "certainly planning" in p.text]
    assert len(planning) == 1
    assert sorted(planning[0].sources) == ["one", "two"]
