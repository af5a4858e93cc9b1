"""assemble_briefing: analysed articles -> Briefing (entities, stories, the cited summary)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from briefing.collector import paused
from briefing.config import Config
from briefing.digest.differences import find_differences
from briefing.digest.entities import merge_entities
from briefing.digest.features import ArticleFeatures, article_features
from briefing.digest.memo import IdentityMemo
from briefing.digest.sentences import Sentence, article_sentences
from briefing.digest.similarity import STOPWORDS, content_words
from briefing.digest.state import DigestState
from briefing.digest.stories import Group, day_of, regroup, story_id
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

TITLE_WORDS = 15  # a story's title (and the briefing's headline) is at most this long


def assemble_briefing(articles: list[Article], analyses: Mapping[str, ArticleAnalysis],
                      warnings: list[LoadWarning], config: Config,
                      stored_stories: StoredStories | None = None,
                      state: DigestState | None = None) -> Briefing:
    """The briefing of these analysed articles. `stored_stories` holds story texts from
    earlier runs: a story whose sources are all as they were is not summarised again.
    `state` keeps what this assembly computes for the next one (digest.state); without it,
    nothing is kept."""
    state = state if state is not None else DigestState()
    # the collector's passes over the assembly's objects would find nothing to free
    with state.lock, paused():
        return _assemble(articles, analyses, warnings, config, stored_stories, state)


def _assemble(articles: list[Article], analyses: Mapping[str, ArticleAnalysis],
              warnings: list[LoadWarning], config: Config,
              stored_stories: StoredStories | None,
              state: DigestState) -> Briefing:
    entities = merge_entities(articles, analyses, config, state.brought)
    features = article_features(articles, analyses, state.features)
    by_id = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    quotes_of: dict[str, list[tuple[int, Quote]]] = {}
    for i, quote in enumerate(entities.quotes):
        for source in dict.fromkeys(quote.sources):
            quotes_of.setdefault(source, []).append((i, quote))
    stories: list[tuple[tuple[int, float, int], Story]] = []
    state.grouping = regroup(articles, config.stories, features, state.grouping)
    for group in state.grouping.groups:
        title, points, differences, timeline = _story(group, features, by_id, analyses,
                                                      config, stored_stories, state.stories)
        story = Story(
            id=story_id(group.sources[0]), title=title, sources=group.sources,
            reason=group.reason, points=points,
            quotes=_quotes(quotes_of, group.sources, config.summary.quotes_per_story),
            differences=differences, timeline=timeline)
        # biggest first, then the latest news (undated last), then the folder's order
        days = [d for s in group.sources if (d := day_of(by_id[s])) is not None]
        latest = -max(days) if days else float("inf")
        stories.append(((-len(group.sources), latest, order[group.sources[0]]), story))
    state.stories.next_generation()
    ordered = [story for _, story in sorted(stories, key=lambda kv: kv[0])]
    summary = briefing_summary(ordered[0].title if ordered else "",
                               [(s.id, s.points) for s in ordered], config.summary)
    return Briefing(sources=articles, stories=ordered, people=entities.people,
                    missions=entities.missions, organizations=entities.organizations,
                    places=entities.places, quotes=entities.quotes, summary=summary,
                    warnings=warnings)


StoryText = tuple[str, list[SummaryPoint], list[Difference], list[TimelineEvent]]


class StoredStories(Protocol):
    """Story texts kept between runs (briefing.store.digests.DigestTable), looked up by the story's
    sources as they are now."""

    def get(self, sources: Sequence[Article]) -> StoryText | None: ...

    def put(self, sources: Sequence[Article], text: StoryText) -> None: ...


def story_record(text: StoryText) -> list[Any]:
    """A story text as JSON data, for a StoredStories."""
    title, points, differences, timeline = text
    return [title, [[p.text, p.sources, p.start, p.end] for p in points],
            [[d.topic, [[v.text, v.sources] for v in d.versions]] for d in differences],
            [[e.date, e.precision, e.text, e.sources, e.until, e.start, e.end]
             for e in timeline]]


def story_from_record(data: list[Any]) -> StoryText:
    title, points, differences, timeline = data
    return (title, [SummaryPoint(text, sources, start, end)
                    for text, sources, start, end in points],
            [Difference(topic, [SummaryPoint(text, sources) for text, sources in versions])
             for topic, versions in differences],
            [TimelineEvent(date, precision, text, tuple(sources), until, start, end)
             for date, precision, text, sources, until, start, end in timeline])


def _story(group: Group, features: Mapping[str, ArticleFeatures],
           by_id: Mapping[str, Article], analyses: Mapping[str, ArticleAnalysis],
           config: Config, stored_stories: StoredStories | None,
           memo: IdentityMemo[StoryText]) -> StoryText:
    """The story's text: from the last assemblies (`memo`: a story's title, points and
    differences depend only on its sources' features and the summary settings), else from
    `stored_stories`, else written now (and given to `stored_stories`)."""

    def make() -> StoryText:
        sources = [by_id[s] for s in group.sources]
        text = stored_stories.get(sources) if stored_stories is not None else None
        if text is None:
            text = _story_text(group, features, by_id, analyses, config)
            if stored_stories is not None:
                stored_stories.put(sources, text)
        return text

    return memo.get((config.summary, *(features[s] for s in group.sources)), make)


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
    """A short headline: of the sources' own headlines, the one that best matches the
    story's points (the central telling), cut to TITLE_WORDS; else the top point cut to a
    headline; else a derived headline or the first source's id."""
    gist = set(content_words(" ".join(p.text for p in points)))
    titled = [a for a in sources if a.title and not a.title_derived]
    if titled:
        best = max(titled, key=lambda a: len(gist & set(content_words(a.title or ""))))
        return shorten(best.title or best.id)
    if points:
        return shorten(points[0].text)
    return next((shorten(a.title) for a in sources if a.title), sources[0].id)


def shorten(text: str, limit: int = TITLE_WORDS) -> str:
    """At most `limit` words: a longer text is cut at the last clause break (comma, dash,
    colon, semicolon) that keeps at least half of them, else after `limit` words less the
    function words ending it, and ends with "…"; a final full stop is dropped."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words).rstrip(".")
    head = words[:limit]
    breaks = [k for k, w in enumerate(head[:-1], 1) if w[-1] in ",;:" or head[k] in "—–-"]
    cut = max((k for k in breaks if k >= limit // 2), default=limit)
    while cut > limit // 2 and head[cut - 1].strip(",;:").lower() in STOPWORDS:
        cut -= 1  # not "... a review of…"
    return " ".join(head[:cut]).rstrip(",;:—–- ") + "…"


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
