"""assemble_briefing: analysed articles -> Briefing (entities, stories, the cited summary)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from briefing.config import Config
from briefing.digest.differences import find_differences
from briefing.digest.entities import merge_entities
from briefing.digest.sentences import Sentence, article_sentences
from briefing.digest.similarity import content_words
from briefing.digest.stories import group_stories, story_id
from briefing.digest.summary import briefing_summary, summarise_story
from briefing.model import (
    Article,
    ArticleAnalysis,
    Briefing,
    LoadWarning,
    Quote,
    Story,
    SummaryPoint,
)

TITLE_CHARS = 90


def assemble_briefing(articles: list[Article], analyses: Mapping[str, ArticleAnalysis],
                      warnings: list[LoadWarning], config: Config) -> Briefing:
    entities = merge_entities(articles, analyses, config)
    sentences = sentences_by_source(articles, analyses)
    by_id = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    stories: list[tuple[tuple[int, int, int], Story]] = []
    for group in group_stories(articles, analyses, config.stories):
        points = summarise_story(sentences, group.sources, config.summary)
        story = Story(
            id=story_id(group.sources[0]),
            title=_title([by_id[s] for s in group.sources], points),
            sources=group.sources,
            reason=group.reason,
            points=points,
            quotes=_quotes(entities.quotes, group.sources, config.summary.quotes_per_story),
            differences=find_differences(sentences, group.sources, analyses))
        names = {n for s in group.sources for sent in sentences[s]
                 for n in sent.people + sent.missions}
        stories.append(((-len(group.sources), -len(names), order[group.sources[0]]), story))
    ordered = [story for _, story in sorted(stories, key=lambda kv: kv[0])]
    summary = briefing_summary(_headline(ordered, by_id), [s.points for s in ordered],
                               config.summary)
    return Briefing(sources=articles, stories=ordered, people=entities.people,
                    missions=entities.missions, organizations=entities.organizations,
                    places=entities.places, quotes=entities.quotes, summary=summary,
                    warnings=warnings)


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


def _quotes(quotes: Sequence[Quote], sources: Sequence[str], limit: int) -> list[Quote]:
    """The story's key quotes: attributed and long ones first, with the story's sources."""
    inside = set(sources)
    picked = [Quote(q.text, q.speaker, [s for s in q.sources if s in inside])
              for q in quotes if inside.intersection(q.sources)]
    picked.sort(key=lambda q: (q.speaker is None, -len(q.sources), -len(q.text.split())))
    return picked[:limit]


def sentences_by_source(articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
                    ) -> dict[str, list[Sentence]]:
    """Each article's sentences, keyed by source id."""
    return {a.id: article_sentences(a, analyses.get(a.id)) for a in articles}
