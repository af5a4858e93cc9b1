"""Entities merged across articles (placeholder until the extraction work lands)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from briefing.config import Config
from briefing.model import Article, ArticleAnalysis, Mission, Organization, Person, Place, Quote


@dataclass
class Entities:
    people: list[Person] = field(default_factory=list)
    missions: list[Mission] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def merge_entities(articles: list[Article], analyses: Mapping[str, ArticleAnalysis],
                   config: Config) -> Entities:
    return Entities()
