"""The store: one SQLite file that makes a start with unchanged files cheap (no spaCy, no
HTML extraction), opened once per run with one connection.

Its tables, one module each: `sources` (what ingest made of each file), `analyses` (per
article), `briefings` (whole briefings), `digests` (the digest's records per article version
and story texts). `fingerprints` says what each entry depends on besides its key; `codec`
how entries are written; `database` keeps the file usable (a corrupt entry is a miss and is
rewritten, a broken file is replaced, an unusable cache dir turns the store off). The store
never raises, and the location precedence is in `location`.
"""

from __future__ import annotations

import os
from functools import cached_property
from types import TracebackType

from briefing.config import Config
from briefing.store.analyses import AnalysisTable
from briefing.store.briefings import BriefingTable
from briefing.store.database import Database
from briefing.store.digests import DigestTable
from briefing.store.fingerprints import Fingerprints
from briefing.store.location import DB_NAME, cache_dir_for
from briefing.store.sources import SourceTable

__all__ = ["DB_NAME", "Fingerprints", "Store", "cache_dir_for"]


class Store:
    """The tables of one store file over one connection; a context manager that closes it."""

    def __init__(self, config: Config, db: Database, fingerprints: Fingerprints) -> None:
        self.config = config
        self.db = db
        self.fingerprints = fingerprints

    @classmethod
    def open(cls, config: Config, cache_dir: str | os.PathLike[str] | None = None,
             fingerprints: Fingerprints | None = None) -> Store:
        """The store for `config`; `fingerprints` of that config, when the caller keeps them
        from one run to the next."""
        return cls(config, Database(cache_dir_for(config, cache_dir) / DB_NAME),
                   fingerprints if fingerprints is not None else Fingerprints(config))

    @property
    def enabled(self) -> bool:
        return self.db.enabled

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    @cached_property
    def sources(self) -> SourceTable:
        return SourceTable(self.db, self.fingerprints.ingest,
                           self.config.ingest.max_file_bytes)

    @cached_property
    def analyses(self) -> AnalysisTable:
        return AnalysisTable(self.db, self.fingerprints.analysis)

    @cached_property
    def briefings(self) -> BriefingTable:
        return BriefingTable(self.db, self.fingerprints.briefing)

    @cached_property
    def digests(self) -> DigestTable:
        return DigestTable(self.db, self.fingerprints.briefing)
