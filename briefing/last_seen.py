"""The last briefing shown for a folder, remembered as a small JSON file in the cache dir
(`last-seen/<digest of the folder's path>.json`), never in the seeds folder.

A missing, unreadable or foreign file reads as no earlier briefing; a cache dir that cannot
be written to means nothing is remembered (the briefing is shown all the same).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from briefing.changes import Snapshot, StorySeen, compare, snapshot
from briefing.config import Config
from briefing.hashing import text_bytes
from briefing.model import Briefing, Changes
from briefing.store.location import cache_dir_for

FORMAT = 1


def path_for(config: Config, cache_dir: str | None = None) -> Path:
    folder = str(Path(config.seeds).expanduser().resolve())
    name = hashlib.blake2b(text_bytes(folder), digest_size=10).hexdigest()
    return cache_dir_for(config, cache_dir) / "last-seen" / f"{name}.json"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def recall(config: Config, cache_dir: str | None = None) -> Snapshot | None:
    """The snapshot of the last briefing shown for the config's folder, if any."""
    try:
        data = json.loads(path_for(config, cache_dir).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return Snapshot(
            shown=str(data["shown"]),
            articles={k: (str(v[0]), v[1]) for k, v in data["articles"].items()},
            stories=tuple(StorySeen(i, t, tuple(s), d) for i, t, s, d in data["stories"]),
            people={k: tuple(v) for k, v in data["people"].items()},
            quotes=frozenset(data["quotes"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def remember(config: Config, snapshot: Snapshot, cache_dir: str | None = None) -> None:
    """Keep `snapshot` as the folder's last briefing shown (written whole, then renamed)."""
    data: dict[str, Any] = {
        "format": FORMAT, "folder": str(Path(config.seeds).expanduser().resolve()),
        "shown": snapshot.shown,
        "articles": {k: list(v) for k, v in snapshot.articles.items()},
        "stories": [[s.id, s.title, list(s.sources), s.summary] for s in snapshot.stories],
        "people": {k: list(v) for k, v in snapshot.people.items()},
        "quotes": sorted(snapshot.quotes)}
    target = path_for(config, cache_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        return


def shown(config: Config, briefing: Briefing, before: Snapshot | None,
          cache_dir: str | None = None, keep: bool = True) -> tuple[Changes, Snapshot]:
    """What `briefing` brings since `before` (the briefing shown last), and the snapshot of
    `briefing` now that it is shown, kept as the folder's last briefing when `keep`. When
    nothing changed, `before` stays as it is (and the file is not written again)."""
    changes = compare(before, briefing)
    if before is not None and changes.empty:
        return changes, before
    now_shown = snapshot(briefing, now())
    if keep and briefing.sources:
        remember(config, now_shown, cache_dir)
    return changes, now_shown


class ShownInTurn:
    """The briefings one dashboard shows, one after another. Each is compared with the one
    shown before it; the first with the last one shown for the folder (recalled from the
    cache dir when `keep`). The caller writes the snapshot `show` hands back (off the UI
    thread) with `remember`."""

    def __init__(self, config: Config, cache_dir: str | None, keep: bool) -> None:
        self.config = config
        self.cache_dir = cache_dir
        self.keep = keep
        self.last: Snapshot | None = None
        self.recalled = False

    def show(self, briefing: Briefing) -> tuple[Changes, Snapshot | None]:
        """What `briefing` brings since the briefing shown before it, and its snapshot when
        it is to be remembered (None: nothing new, or nothing to keep)."""
        if not self.recalled:
            self.recalled = True
            self.last = recall(self.config, self.cache_dir) if self.keep else None
        before = self.last
        changes, self.last = shown(self.config, briefing, before, keep=False)
        if self.keep and self.last is not before and briefing.sources:
            return changes, self.last
        return changes, None
