"""One table of the store: its name, its fingerprint and the database it lives in."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from briefing.store.codec import hashed
from briefing.store.database import Database, Row


class Table:
    name = ""

    def __init__(self, db: Database, fingerprint: str) -> None:
        self.db = db
        self.fingerprint = fingerprint

    @property
    def enabled(self) -> bool:
        return self.db.enabled

    def key(self, *parts: Any) -> bytes:
        """A digest of the fingerprint and the parts."""
        digest: bytes = hashed(hashlib.sha256(self.fingerprint.encode()), parts).digest()
        return digest

    def fetch(self, keys: Sequence[bytes]) -> dict[bytes, str | bytes]:
        return self.db.fetch(self.name, keys)

    def store(self, rows: Sequence[Row]) -> None:
        self.db.store(self.name, rows)
