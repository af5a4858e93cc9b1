"""Placeholder: plain-text files only, no cleaning (the ingest work replaces this)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from briefing.config import Config
from briefing.model import Article, LoadWarning


def load_file(path: Path, folder: Path, config: Config) -> tuple[list[Article], list[LoadWarning]]:
    """The articles in one file (a feed or JSON list gives several)."""
    text = path.read_text(encoding="utf-8")
    rel = path.relative_to(folder).as_posix()
    return [Article(id=rel, path=rel, text=text,
                    content_hash=hashlib.sha256(text.encode()).hexdigest())], []


def load_folder(folder: Path, config: Config) -> tuple[list[Article], list[LoadWarning]]:
    articles: list[Article] = []
    warnings: list[LoadWarning] = []
    for path in sorted(folder.rglob("*.txt")):
        found, problems = load_file(path, folder, config)
        articles += found
        warnings += problems
    return articles, warnings
