"""Whole briefings, keyed by every article and warning they were built from: a start with
nothing changed prints without analysing or assembling anything."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.collector import paused
from briefing.model import Article, Briefing, LoadWarning
from briefing.store.codec import decode_briefing, encode_briefing
from briefing.store.table import Table


class BriefingTable(Table):
    name = "briefings"

    def key_of(self, articles: Sequence[Article], warnings: Sequence[LoadWarning]) -> bytes:
        return self.key(*(part for a in articles
                          for part in (a.id, a.path, a.content_hash, a.digest)),
                        [[w.path, w.message] for w in warnings])

    def get(self, key: bytes) -> Briefing | None:
        blob = self.fetch([key]).get(key)
        if blob is None:
            return None
        try:
            with paused():
                return decode_briefing(blob)
        except (ValueError, TypeError, KeyError, AttributeError, EOFError):
            return None

    def put(self, key: bytes, briefing: Briefing) -> None:
        self.store([(key, encode_briefing(briefing))])
