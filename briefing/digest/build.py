"""assemble_briefing: analysed articles -> Briefing (entities, stories, the cited summary)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from briefing.collector import paused
from briefing.config import Config
from briefing.digest.differences import find_differences
from briefing.digest.entities import merge_entities
from briefing.digest.features import ArticleFeatures, article_features
from briefing.digest.memo import SameInputs
from briefing.digest.sentences import Sentence, article_sentences
from briefing.digest.similarity import content_words
from briefing.digest.stories import Group, group_stories, story_id
from briefing.digest.summary import briefing_summary, summarise_leads
from briefing.digest.timeline import story_timeline
from briefing.model import (
    Article,
    ArticleAnalysis,
    Briefing,
    Difference,
    LoadWarning,
    Quote,
    Story,
    SummaryPoint,
    TimelineEvent,
)

TITLE_CHARS = 90


def assemble_briefing(articles: list[Article], analyses: Mapping[str, ArticleAnalysis],
                      warnings: list[LoadWarning], config: Config,
                      book: StoryBook | None = None) -> Briefing:
    """The briefing of these analysed articles. `book` holds story texts from earlier runs:
    a story whose sources are all as they were is not summarised again."""
    # the collector's passes over the assembly's objects cost a sixth of the time at scale
    with paused():
        return _assemble(articles, analyses, warnings, config, book)


def _assemble(articles: list[Article], analyses: Mapping[str, ArticleAnalysis],
              warnings: list[LoadWarning], config: Config, book: StoryBook | None) -> Briefing:
    entities = merge_entities(articles, analyses, config)
    features = article_features(articles, analyses)
    by_id = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    quotes_of: dict[str, list[tuple[int, Quote]]] = {}
    for i, quote in enumerate(entities.quotes):
        for source in dict.fromkeys(quote.sources):
            quotes_of.setdefault(source, []).append((i, quote))
    stories: list[tuple[tuple[int, int, int], Story]] = []
    for group in group_stories(articles, analyses, config.stories, features):
        title, points, differences, timeline = _story(group, features, by_id, analyses,
                                                      config, book)
        story = Story(
            id=story_id(group.sources[0]), title=title, sources=group.sources,
            reason=group.reason, points=points,
            quotes=_quotes(quotes_of, group.sources, config.summary.quotes_per_story),
            differences=differences, timeline=timeline)
        names = set().union(*(features[s].entities for s in group.sources))
        stories.append(((-len(group.sources), -len(names), order[group.sources[0]]), story))
    _STORIES.next_generation()
    ordered = [story for _, story in sorted(stories, key=lambda kv: kv[0])]
    summary = briefing_summary(_headline(ordered, by_id), [s.points for s in ordered],
                               config.summary)
    return Briefing(sources=articles, stories=ordered, people=entities.people,
                    missions=entities.missions, organizations=entities.organizations,
                    places=entities.places, quotes=entities.quotes, summary=summary,
                    warnings=warnings)


StoryText = tuple[str, list[SummaryPoint], list[Difference], list[TimelineEvent]]


class StoryBook(Protocol):
    """Story texts kept between runs (briefing.cache.DigestCache), looked up by the story's
    sources as they are now."""

    def get(self, sources: Sequence[Article]) -> StoryText | None: ...

    def put(self, sources: Sequence[Article], text: StoryText) -> None: ...


def story_record(text: StoryText) -> list[Any]:
    """A story text as JSON data, for a StoryBook."""
    title, points, differences, timeline = text
    return [title, [[p.text, p.sources] for p in points],
            [[d.topic, [[v.text, v.sources] for v in d.versions]] for d in differences],
            [[e.date, e.precision, e.text, e.sources, e.until, e.start, e.end]
             for e in timeline]]


def story_from_record(data: list[Any]) -> StoryText:
    title, points, differences, timeline = data
    return (title, [SummaryPoint(text, sources) for text, sources in points],
            [Difference(topic, [SummaryPoint(text, sources) for text, sources in versions])
             for topic, versions in differences],
            [TimelineEvent(date, precision, text, tuple(sources), until, start, end)
             for date, precision, text, sources, until, start, end in timeline])


# a story's title, points, differences and timeline depend only on its sources' features and
# the summary settings: kept for the stories of the last assembly, so a reload rewrites only the
# stories whose sources changed
_STORIES: SameInputs[StoryText] = SameInputs()


def _story(group: Group, features: Mapping[str, ArticleFeatures],
           by_id: Mapping[str, Article], analyses: Mapping[str, ArticleAnalysis],
           config: Config, book: StoryBook | None) -> StoryText:
    """The story's text: from this process's last assemblies, else from `book`, else
    written now (and given to `book`)."""

    def make() -> StoryText:
        sources = [by_id[s] for s in group.sources]
        text = book.get(sources) if book is not None else None
        if text is None:
            text = _story_text(group, features, by_id, analyses, config)
            if book is not None:
                book.put(sources, text)
        return text

    return _STORIES.get((config.summary, *(features[s] for s in group.sources)), make)


def _story_text(group: Group, features: Mapping[str, ArticleFeatures],
                by_id: Mapping[str, Article], analyses: Mapping[str, ArticleAnalysis],
                config: Config) -> StoryText:
    summary = config.summary
    leads = [(s, features[s].lead(summary.skip_phrases, summary.sentences_per_source))
             for s in group.sources]
    points = summarise_leads(leads, summary)
    sentences = {s: features[s].sentences for s in group.sources}
    timeline, dated_differently = story_timeline(group.sources, sentences, by_id, analyses)
    differences = find_differences(sentences, group.sources, analyses) + dated_differently
    return (_title([by_id[s] for s in group.sources], points), points,
            differences[:summary.differences_per_story], timeline)


def _title(sources: Sequence[Article], points: Sequence[SummaryPoint]) -> str:
    """The source headline that best matches the story's points; else the top point,
    shortened; else a derived headline or the first source's id."""
    gist = set(content_words(" ".join(p.text for p in points)))
    titled = [a for a in sources if a.title and not a.title_derived]
    if titled:
        best = max(titled, key=lambda a: len(gist & set(content_words(a.title or ""))))
        return best.title or best.id
    if points:
        return _shorten(points[0].text)
    return next((a.title for a in sources if a.title), sources[0].id)


def _shorten(text: str) -> str:
    if len(text) <= TITLE_CHARS:
        return text.rstrip(".")
    cut = text[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _headline(stories: Sequence[Story], by_id: Mapping[str, Article]) -> str:
    """One line for the whole briefing: the biggest story's headline, or its top point."""
    if not stories:
        return ""
    top = stories[0]
    if any(by_id[s].title == top.title and not by_id[s].title_derived for s in top.sources):
        return top.title
    return top.points[0].text if top.points else top.title


def _quotes(quotes_of: Mapping[str, Sequence[tuple[int, Quote]]], sources: Sequence[str],
            limit: int) -> list[Quote]:
    """The story's key quotes: attributed and long ones first, with the story's sources.
    `quotes_of` holds each source's quotes with their place among all quotes."""
    inside = set(sources)
    found = dict(item for s in sources for item in quotes_of.get(s, ()))
    picked = [Quote(q.text, q.speaker, [s for s in q.sources if s in inside])
              for _, q in sorted(found.items())]
    picked.sort(key=lambda q: (q.speaker is None, -len(q.sources), -len(q.text.split())))
    return picked[:limit]


def sentences_by_source(articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
                    ) -> dict[str, list[Sentence]]:
    """Each article's sentences, keyed by source id."""
    return {a.id: article_sentences(a, analyses.get(a.id)) for a in articles}
