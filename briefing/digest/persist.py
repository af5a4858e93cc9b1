"""The digest's records: what it computes from one article version (its features and what it
brings to the entity merge) and a story's text, as JSON data, so a store (briefing.store) can
hand them to the next run: after one file changed, a new process recomputes that file only."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from briefing.digest.build import story_from_record, story_record
from briefing.digest.entities import Brought
from briefing.digest.features import ArticleFeatures
from briefing.digest.state import DigestState
from briefing.model import Article, ArticleAnalysis

__all__ = ["fresh_records", "seed", "story_from_record", "story_record"]


def seed(state: DigestState, articles: Sequence[Article],
           analyses: Mapping[str, ArticleAnalysis],
           fetch: Callable[[Sequence[Article]], Mapping[str, Any]]) -> None:
    """Seed `state` with what an earlier run computed for the analysed articles it does not
    know yet: `fetch` gives their records by article id. A record that does not decode is
    left out: its article is computed again."""
    wanted = {}
    for article in articles:
        analysis = analyses.get(article.id)
        if analysis is None:
            continue
        key, found = state.features.lookup(article, analysis)
        if found is None or state.brought.lookup(article, analysis)[1] is None:
            wanted[article.id] = (article, analysis, key)
    records = fetch([article for article, _, _ in wanted.values()]) if wanted else {}
    for source, data in records.items():
        article, analysis, key = wanted[source]
        try:
            found = ArticleFeatures.from_record(data["features"], state.vocabulary,
                                               article, analysis)
            brought = Brought.from_record(data["brought"])
        except (KeyError, TypeError, ValueError):
            continue
        state.features.seed(article, analysis, found, key)
        state.brought.seed(article, analysis, brought, key)


def fresh_records(state: DigestState, articles: Sequence[Article],
            analyses: Mapping[str, ArticleAnalysis]) -> dict[str, Any]:
    """The records, by id, of those articles the last assembly computed afresh."""
    fresh = state.features.made | state.brought.made
    out = {}
    for article in articles:
        analysis = analyses.get(article.id)
        if article.id not in fresh or analysis is None:
            continue
        _, found = state.features.lookup(article, analysis)
        _, brought = state.brought.lookup(article, analysis)
        if found is not None and brought is not None:
            out[article.id] = {"features": found.record(), "brought": brought.record()}
    return out
