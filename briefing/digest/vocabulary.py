"""The term vocabulary of one digest state: every content word its features used, numbered.

Term arrays (digest.features) hold these numbers, not words, so clustering and summaries work
on integer arrays. Numbers are given in the order words are first seen, so they mean nothing
outside the `Vocabulary` that gave them; a `DigestState` owns one for as long as it keeps
features, and a one-shot assembly makes its own. It only grows, by the distinct words of the
articles its state has seen (a live session keeps every word of every version it analysed).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterable

import numpy as np


class Vocabulary:
    """Words <-> term ids; thread-safe."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._terms: list[str] = []
        self._ranks: list[int] = []  # per term id: a number from the word alone
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._terms)

    def id(self, term: str) -> int:
        found = self._ids.get(term)
        if found is None:
            with self._lock:
                found = self._ids.get(term)
                if found is None:
                    found = self._ids[term] = len(self._terms)
                    self._terms.append(term)
                    self._ranks.append(zlib.crc32(term.encode("utf-8")))
        return found

    def ids(self, terms: Iterable[str]) -> list[int]:
        get, new = self._ids.get, self.id
        return [new(t) if (found := get(t)) is None else found for t in terms]

    def term(self, term_id: int) -> str:
        return self._terms[term_id]

    def ranks(self, ids: np.ndarray) -> np.ndarray:
        """For ordering terms the same way in every run: ids depend on the order words were
        first seen (which articles a run took from the cache), these do not."""
        with self._lock:
            ranks = np.array(self._ranks, dtype=np.int64)
        found: np.ndarray = ranks[ids]
        return found
