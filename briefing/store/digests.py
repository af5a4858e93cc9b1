"""What the digest made of each article version and of each story (a digest.build.StoredStories),
keyed by the articles as the analyses are, plus their ids, and the briefing fingerprint. The
records are the digest's own (digest.persist); this table only keeps them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from briefing.collector import paused
from briefing.model import Article, ArticleAnalysis
from briefing.store.codec import dumps
from briefing.store.database import Database, Row
from briefing.store.table import Table

if TYPE_CHECKING:
    from briefing.digest.build import StoryText
    from briefing.digest.state import DigestState


class DigestTable(Table):
    name = "digests"

    def __init__(self, db: Database, fingerprint: str) -> None:
        super().__init__(db, fingerprint)
        self._pending: list[Row] = []

    def article_key(self, article: Article) -> bytes:
        return self.key("article", article.id, article.digest)

    def story_key(self, sources: Sequence[Article]) -> bytes:
        return self.key("story", [self.article_key(a).hex() for a in sources])

    def seed(self, state: DigestState, articles: Sequence[Article],
               analyses: Mapping[str, ArticleAnalysis]) -> None:
        """Hand `state` what earlier runs computed for the articles it does not know."""
        from briefing.digest import persist

        def fetch(wanted: Sequence[Article]) -> dict[str, Any]:
            keys = {self.article_key(a): a.id for a in wanted}
            records = {}
            for key, blob in self.fetch(list(keys)).items():
                try:
                    records[keys[key]] = json.loads(blob)
                except ValueError:
                    continue
            return records

        with paused():
            persist.seed(state, articles, analyses, fetch)

    def save(self, state: DigestState, articles: Sequence[Article],
                 analyses: Mapping[str, ArticleAnalysis]) -> None:
        """Store what the last assembly computed afresh, and the stories it summarised."""
        from briefing.digest import persist

        records = persist.fresh_records(state, articles, analyses)
        self._pending += [(self.article_key(a), dumps(records[a.id]))
                          for a in articles if a.id in records]
        self.store(self._pending)
        self._pending = []

    def get(self, sources: Sequence[Article]) -> StoryText | None:
        """A story text stored for exactly these sources."""
        from briefing.digest import persist

        key = self.story_key(sources)
        blob = self.fetch([key]).get(key)
        if blob is None:
            return None
        try:
            return persist.story_from_record(json.loads(blob))
        except (ValueError, TypeError):
            return None

    def put(self, sources: Sequence[Article], text: StoryText) -> None:
        from briefing.digest import persist

        self._pending.append((self.story_key(sources), dumps(persist.story_record(text))))
