"""Entry point of the NLP layer (placeholder until the extraction rules land)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.config import Config
from briefing.model import Article, ArticleAnalysis


def analyse_articles(articles: Sequence[Article], config: Config,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[ArticleAnalysis]:
    return [ArticleAnalysis(source_id=a.id, content_hash=a.content_hash) for a in articles]
