"""What a folder read may take from a memo instead of reading the file again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from briefing.model import Article, LoadWarning

Loaded = tuple[list[Article], list[LoadWarning]]


class KnownFiles(Protocol):
    """A memo of what files gave before (briefing.store keeps one on disk)."""

    def find(self, folder: Path, paths: Sequence[Path]) -> Mapping[Path, Loaded]:
        """What each of these files gave before, for those whose bytes have not changed."""
        ...

    def add(self, loaded: Sequence[tuple[Path, Loaded]]) -> None:
        """What the files `find` did not give gave, read now."""
        ...
