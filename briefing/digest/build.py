"""assemble_briefing: analysed articles -> Briefing (placeholder until digest lands)."""

from __future__ import annotations

from collections.abc import Mapping

from briefing.config import Config
from briefing.model import Article, ArticleAnalysis, Briefing, LoadWarning, Story


def assemble_briefing(articles: list[Article], analyses: Mapping[str, ArticleAnalysis],
                      warnings: list[LoadWarning], config: Config) -> Briefing:
    stories = [Story(id=f"story-{i + 1}", title=a.title or a.id, sources=[a.id])
               for i, a in enumerate(articles)]
    return Briefing(sources=articles, stories=stories, warnings=warnings)
