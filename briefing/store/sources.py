"""What ingest made of each file (its articles and warnings), keyed by its relative path and
bytes and the ingest fingerprint: the memo ingest.load_folder consults (ingest.KnownFiles)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from briefing.collector import paused
from briefing.ingest.folder import Skip, read_file, relative_id
from briefing.ingest.known import Loaded
from briefing.store.codec import decode_sources, encode_sources
from briefing.store.database import Database
from briefing.store.table import Table


class SourceTable(Table):
    name = "sources"

    def __init__(self, db: Database, fingerprint: str, max_file_bytes: int) -> None:
        super().__init__(db, fingerprint)
        self.max_file_bytes = max_file_bytes
        self._digests: dict[Path, tuple[bytes, str]] = {}

    def find(self, folder: Path, paths: Sequence[Path]) -> dict[Path, Loaded]:
        """What the files whose relative path and bytes were seen before gave then."""
        for path in paths:
            rel = relative_id(path, folder)
            try:
                # the file opened is checked, not the name: a FIFO swapped in never blocks
                digest = hashlib.sha256(read_file(path, self.max_file_bytes)).hexdigest()
            except (OSError, Skip):
                continue  # left to ingest, which says why
            self._digests[path] = (self.key(rel, digest), digest)
        blobs = self.fetch([key for key, _ in self._digests.values()])
        with paused():
            found = {path: decode_sources(blobs[key])
                     for path, (key, _) in self._digests.items() if key in blobs}
        return {path: hit for path, hit in found.items() if hit is not None}

    def add(self, loaded: Sequence[tuple[Path, Loaded]]) -> None:
        """Store what a file gave when its articles carry the hash of the bytes read."""
        rows = []
        for path, (articles, warnings) in loaded:
            known = self._digests.get(path)
            if known is not None and all(a.content_hash.startswith(known[1]) for a in articles):
                rows.append((known[0], encode_sources(articles, warnings)))
        self.store(rows)
