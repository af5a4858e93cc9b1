"""Which files in a folder are articles: recursive, hidden and temp files skipped, no loops."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path, PurePosixPath

from briefing.config import Config
from briefing.model import LoadWarning

SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".xml", ".rss",
            ".atom"}


def ignored(rel: str, config: Config) -> bool:
    """True for hidden files or folders, editor temp files, and unknown extensions."""
    parts = PurePosixPath(rel).parts
    if any(part.startswith(".") for part in parts):
        return True
    name = parts[-1] if parts else rel
    if any(fnmatch.fnmatch(name, pattern) for pattern in config.ingest.ignore):
        return True
    return PurePosixPath(name).suffix.lower() not in SUFFIXES


def list_files(folder: Path, config: Config,
               warnings: list[LoadWarning] | None = None) -> list[Path]:
    """Article files under `folder`, sorted by relative path; a folder that cannot be listed
    adds a warning to `warnings`. Directory symlinks are not followed (so no loops); file
    symlinks are."""
    found: list[tuple[str, Path]] = []

    def unlisted(err: OSError) -> None:
        if warnings is None:
            return
        where = Path(err.filename or folder)
        rel = where.relative_to(folder).as_posix() if where.is_relative_to(folder) else "."
        warnings.append(LoadWarning(rel, f"cannot list folder: {err.strerror or err}"))

    for root, dirs, files in os.walk(folder, followlinks=False, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if not ignored(rel, config):
                found.append((rel, path))
    return [path for _, path in sorted(found)]
