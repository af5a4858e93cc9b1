"""The store's one SQLite file and its one connection per run. Every method is safe to call
when the file is unusable: lookups then miss and writes do nothing; a file that is not a
usable database is replaced, and one corrupted mid-use is started afresh."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from briefing.store.fingerprints import CACHE_FORMAT

MAX_ENTRIES = 20_000  # per table; the oldest entries are dropped beyond this
CHUNK = 500  # keys per SELECT, below SQLite's host-parameter limit
TABLES = ("analyses", "sources", "briefings", "digests")

Row = tuple[bytes, str | bytes]


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = self._open()

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self) -> sqlite3.Connection | None:
        """A ready connection; a file that is not a usable database is replaced once."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        for attempt in range(2):
            db = None
            try:
                db = sqlite3.connect(self.path, timeout=5, check_same_thread=False)
                _prepare(db)
                return db
            except sqlite3.OperationalError:
                if db is not None:
                    db.close()
                return None
            except sqlite3.DatabaseError:
                if db is not None:
                    db.close()
                if attempt or not self._remove_file():
                    return None
        return None

    def _remove_file(self) -> bool:
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        except OSError:
            return False
        return True

    def _broken(self) -> None:
        """The database turned out corrupt mid-use: start a fresh file (or turn off)."""
        self.close()
        self._remove_file()
        self._db = self._open()

    def fetch(self, table: str, keys: Sequence[bytes]) -> dict[bytes, str | bytes]:
        """The stored data of those keys that are present."""
        if self._db is None or not keys:
            return {}
        found: dict[bytes, str | bytes] = {}
        try:
            for i in range(0, len(keys), CHUNK):
                chunk = keys[i:i + CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(self._db.execute(
                    f"SELECT key, data FROM {table} WHERE key IN ({marks})", chunk))
        except sqlite3.OperationalError:
            return found
        except sqlite3.DatabaseError:
            self._broken()
            return {}
        return found

    def empty(self, table: str) -> bool:
        """Whether the table holds no entry (an unusable file holds none)."""
        if self._db is None:
            return True
        try:
            return self._db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None
        except sqlite3.OperationalError:
            return True
        except sqlite3.DatabaseError:
            self._broken()
            return True

    def store(self, table: str, rows: Sequence[Row]) -> None:
        """Store rows in one transaction; trims the oldest entries beyond MAX_ENTRIES."""
        if self._db is None or not rows:
            return
        try:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)
                (count,) = self._db.execute(f"SELECT count(*) FROM {table}").fetchone()
                if count > MAX_ENTRIES:
                    self._db.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT rowid "
                                     f"FROM {table} ORDER BY rowid LIMIT ?)",
                                     (count - MAX_ENTRIES,))
        except sqlite3.OperationalError:
            return
        except sqlite3.DatabaseError:
            self._broken()


def _prepare(db: sqlite3.Connection) -> None:
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version == CACHE_FORMAT:
        return
    with db:
        for table in TABLES:
            db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute(f"CREATE TABLE {table} (key BLOB PRIMARY KEY, data TEXT NOT NULL)")
        db.execute(f"PRAGMA user_version = {CACHE_FORMAT}")
