"""Where the store's SQLite file lives."""

from __future__ import annotations

import os
from pathlib import Path

from briefing.config import Config

DB_NAME = "briefing-cache.sqlite3"


def cache_dir_for(config: Config, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder the store lives in, in order of precedence: --cache-dir,
    $BRIEFING_CACHE_DIR, config `cache.dir` (relative to the config file), the user cache
    dir."""
    if cache_dir:
        return Path(cache_dir).expanduser()
    env = os.environ.get("BRIEFING_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if config.cache.dir:
        folder = Path(config.cache.dir).expanduser()
        if not folder.is_absolute() and config.source is not None:
            folder = Path(config.source).resolve().parent / folder
        return folder
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing"))
