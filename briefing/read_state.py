"""Which sources the reader has read, and which are new since the dashboard was last open.

Kept across runs in the cache dir (one small JSON file per seeds folder, never in the seeds
folder); without a cache (`--no-cache`, `cache.enabled: false`) only for this run. A source
is known by its id (its path in the folder)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from briefing.config import Config
from briefing.store.location import cache_dir_for


def state_file(config: Config, cache_dir: str | None = None) -> Path:
    folder = str(config.seeds.resolve())
    name = hashlib.sha256(folder.encode()).hexdigest()[:24]
    return cache_dir_for(config, cache_dir) / "read-state" / f"{name}.json"


class ReadState:
    """Read and new marks for one seeds folder. `seen` is every source the dashboard has
    listed before this run: the others are new."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.read: set[str] = set()
        self.seen: set[str] = set()
        self.known = False  # a state from an earlier run was found
        self._listed: set[str] = set()
        if path is None:
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict):
            self.read = {i for i in data.get("read", []) if isinstance(i, str)}
            self.seen = {i for i in data.get("seen", []) if isinstance(i, str)}
            self.known = True

    @classmethod
    def for_config(cls, config: Config, cache_dir: str | None = None,
                   use_cache: bool = True) -> ReadState:
        keep = use_cache and config.cache.enabled
        return cls(state_file(config, cache_dir) if keep else None)

    def is_read(self, source: str) -> bool:
        return source in self.read

    def is_new(self, source: str) -> bool:
        """Listed since the dashboard was last open (nothing is new on a first run)."""
        return self.known and source not in self.seen

    def listed(self, sources: Iterable[str]) -> None:
        """The dashboard lists these sources now: they are not new on the next run."""
        before = len(self._listed)
        self._listed.update(sources)
        if len(self._listed) != before:
            self.save()

    def set_read(self, source: str, read: bool = True) -> None:
        if (source in self.read) != read:
            (self.read.add if read else self.read.discard)(source)
            self.save()

    def save(self) -> bool:
        """Write the state (False when it cannot be written: it is then kept for this run)."""
        if self.path is None:
            return False
        data = {"read": sorted(self.read), "seen": sorted(self.seen | self._listed)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out)
            os.replace(temp, self.path)
        except OSError:
            return False
        return True
