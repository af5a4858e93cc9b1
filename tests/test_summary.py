"""The summary: sentences split robustly, near-duplicates merged and cited, furniture never
picked, every point cited; differences between sources found."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from briefing.config import builtin_defaults
from briefing.digest import assemble_briefing
from briefing.digest.differences import find_differences
from briefing.digest.features import article_features
from briefing.digest.sentences import (
    article_sentences,
    clean_sentence,
    quality,
    split_sentences,
)
from briefing.digest.state import DigestState
from briefing.digest.summary import summarise_story
from briefing.model import Article, ArticleAnalysis, EntityMention, QuoteMention, Span

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


def test_differences_per_story_follow_config():
    one, two = articles()
    q1 = "This terminal will carry the town for the next fifty years"
    q2 = "This terminal will serve the town for the next fifty years"
    analyses = {a.id: ArticleAnalysis(a.id, "", quotes=[
        QuoteMention(q, "Linda Okoye", a.text.index(q), a.text.index(q) + len(q), 0)])
        for a, q in ((one, q1), (two, q2))}
    capped = dataclasses.replace(
        CONFIG, summary=dataclasses.replace(CONFIG.summary, differences_per_story=1))
    assert len(assemble_briefing([one, two], analyses, [], CONFIG).stories[0].differences) == 2
    assert len(assemble_briefing([one, two], analyses, [], capped).stories[0].differences) == 1


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


def bridge_articles(with_nlp: bool) -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    """Two reports of a bridge reopening; the mayor's plan to attend is told three ways (a
    quoted fragment, the full quote, two paraphrases), one of them adding the date."""
    articles = []
    for name in ("bridge_a.txt", "bridge_b.txt"):
        title, _, body = (FIXTURES / name).read_text(encoding="utf-8").partition("\n\n")
        articles.append(Article(id=name, path=name, text=body.strip(), title=title.strip()))
    analyses = {}
    if with_nlp:
        for article in articles:
            mentions = []
            for match in re.finditer(r"(?:Elena )?Varga", article.text):
                mentions.append(EntityMention("Elena Varga", match.group(), "PERSON",
                                              match.start(), match.end(), 0))
            analyses[article.id] = ArticleAnalysis(article.id, "", mentions=mentions)
    return articles, analyses


@pytest.mark.parametrize("with_nlp", [False, True])
def test_a_fact_told_three_ways_is_one_point_and_the_fullest_telling_is_kept(with_nlp):
    articles, analyses = bridge_articles(with_nlp)
    sentences = {a.id: article_sentences(a, analyses.get(a.id)) for a in articles}
    points = summarise_story(sentences, [a.id for a in articles], CONFIG.summary)
    attend = [p for p in points if "attend" in p.text]
    assert len(attend) == 1
    assert "June" in attend[0].text  # the telling that adds the date
    assert sorted(attend[0].sources) == ["bridge_a.txt", "bridge_b.txt"]
    text = " ".join(p.text for p in points)
    for fact in ("cracks", "14 million", "safety report", "Cyclists"):
        assert fact in text


def test_a_sentence_adding_nothing_new_is_skipped_even_when_worded_apart():
    """Low cosine, but every content word of the third sentence is already told."""
    one = Article(id="one", path="one", text=(
        "The museum will reopen its east wing in October after a long renovation of the roof. "
        "Visitors will see three new galleries of Roman glass."))
    two = Article(id="two", path="two", text=(
        "After a long renovation of the roof and three new galleries, the east wing of the "
        "museum reopens in October, the director confirmed. "
        "Tickets go on sale next month at a lower price for students."))
    sentences = {a.id: article_sentences(a, None) for a in (one, two)}
    points = summarise_story(sentences, ["one", "two"], CONFIG.summary)
    assert len([p for p in points if "east wing" in p.text]) == 1
    assert any("Tickets" in p.text for p in points)


def test_a_single_source_story_is_its_best_lead_sentences():
    article = Article(id="solo", path="solo", text=(
        "The river ferry resumed service on Monday after a week of repairs to its engine. "
        "Why did the repairs take a week?\n\n"
        "He said the crew would work extra shifts through the holiday to clear the backlog. "
        "Commuters had used a bus link across the old bridge during the week of repairs. "
        "The operator will publish a new timetable on Friday for the summer season."))
    briefing = assemble_briefing([article], {}, [], CONFIG)
    points = [p.text for p in briefing.stories[0].points]
    assert points[0].startswith("The river ferry resumed service")
    assert not any(p.endswith("?") for p in points)
    assert all(p.startswith(("The", "He", "Commuters")) for p in points)


def test_reassembling_recomputes_only_the_changed_article():
    articles = [load_named(n) for n in ("bridge_a.txt", "bridge_b.txt", "ferry_one.txt",
                                        "ferry_two.txt")]
    memo = DigestState().features
    first = article_features(articles, {}, memo)
    changed = dataclasses.replace(articles[2], text=articles[2].text + "\n\nA late addition.")
    again = article_features([articles[0], articles[1], changed, articles[3]], {}, memo)
    assert again["bridge_a.txt"] is first["bridge_a.txt"]
    assert again["ferry_two.txt"] is first["ferry_two.txt"]
    assert again["ferry_one.txt"] is not first["ferry_one.txt"]
    assert again["ferry_one.txt"].sentences[-1].text == "A late addition."


def test_reassembled_briefing_equals_a_fresh_one():
    articles, analyses = bridge_articles(with_nlp=True)
    articles += [load_named("ferry_one.txt"), load_named("ferry_two.txt")]
    state = DigestState()
    first = assemble_briefing(articles, analyses, [], CONFIG, state=state)
    again = assemble_briefing(list(articles), dict(analyses), [], CONFIG, state=state)
    assert again == first == assemble_briefing(articles, analyses, [], CONFIG)


def load_named(name: str) -> Article:
    return Article(id=name, path=name, text=(FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("raw", "clean"), [
    ("Tuesday, January 18, 2005Through a telethon, viewers gave money.",
     "Through a telethon, viewers gave money."),
    ("Saturday, March 26, 2005 Up to four times as many women died.",
     "Up to four times as many women died."),
    ("8 January 2005 “We will rebuild,” the governor said.",
     "“We will rebuild,” the governor said."),
    ("January 18, 2005 was the coldest day of the winter.",
     "January 18, 2005 was the coldest day of the winter."),
])
def test_a_dateline_date_glued_before_a_sentence_is_dropped(raw, clean):
    assert clean_sentence(raw) == clean
