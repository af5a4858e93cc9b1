"""Per-article memos: what the digest computes from one version of an article is kept for the
next assembly, so a reload recomputes only the articles that changed.

A version is the article's id, its digest (its text, title and the other fields the NLP
reads: model.Article.digest) and a fingerprint of its analysis: a content key. A memo keeps
two generations (what this assembly used and what the one before used); an entry neither
used is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from briefing.model import Article, ArticleAnalysis

T = TypeVar("T")


def version(article: Article, analysis: ArticleAnalysis | None) -> Hashable:
    return (article.id, article.digest, _fingerprint(analysis))


def _fingerprint(analysis: ArticleAnalysis | None) -> Hashable:
    if analysis is None:
        return None
    return (analysis.content_hash, len(analysis.sentences),
            hash(tuple((m.name, m.label, m.start) for m in analysis.mentions)),
            hash(tuple((q.start, q.end, q.speaker) for q in analysis.quotes)))


Entry = tuple[Article, "ArticleAnalysis | None", Hashable, T]


class ArticleMemo(Generic[T]):
    """Values computed from one article version; thread-safe. The same article and analysis
    objects (the dashboard keeps them between reloads) are found without computing their
    version again; equal ones (read back from the cache) by their version."""

    def __init__(self, make: Callable[[Article, ArticleAnalysis | None], T]) -> None:
        self._make = make
        self._lock = threading.Lock()
        self._current: dict[Hashable, T] = {}
        self._previous: dict[Hashable, T] = {}
        self._same: dict[tuple[int, int], Entry[T]] = {}
        self._same_before: dict[tuple[int, int], Entry[T]] = {}
        self._made: set[str] = set()
        self.made: frozenset[str] = frozenset()  # ids computed during the last assembly

    def lookup(self, article: Article, analysis: ArticleAnalysis | None
               ) -> tuple[Hashable, T | None]:
        """The article's version and the value this or the last assembly had for it (None:
        not known), without computing the value."""
        ident = (id(article), id(analysis))
        with self._lock:
            same = self._same.get(ident) or self._same_before.get(ident)
            if same is not None and same[0] is article and same[1] is analysis:
                return same[2], same[3]
        key = version(article, analysis)
        with self._lock:
            found = self._current.get(key)
            return key, self._previous.get(key) if found is None else found

    def get(self, article: Article, analysis: ArticleAnalysis | None) -> T:
        """The value for this version of the article, computed if not known."""
        key, found = self.lookup(article, analysis)
        if found is None:
            found = self._make(article, analysis)
            with self._lock:
                self._made.add(article.id)
        self.seed(article, analysis, found, key)
        return found

    def seed(self, article: Article, analysis: ArticleAnalysis | None, value: T,
             key: Hashable) -> None:
        """Keep `value` for this version (`key`) in this assembly's generation; also how the
        cache hands over what an earlier run computed."""
        with self._lock:
            self._current[key] = value
            self._same[(id(article), id(analysis))] = (article, analysis, key, value)

    def values(self) -> list[T]:
        """Every value this memo still holds (this generation's and the one before's)."""
        with self._lock:
            return [*self._current.values(), *self._previous.values()]

    def next_generation(self) -> None:
        """One assembly is over: forget what neither it nor the one before used."""
        with self._lock:
            self._previous, self._current = self._current, {}
            self._same_before, self._same = self._same, {}
            self.made, self._made = frozenset(self._made), set()


class IdentityMemo(Generic[T]):
    """Values computed from objects that stay the same while they do not change (an article's
    memoised features, the config): found again by the identity of those inputs. Two
    generations, as ArticleMemo; not locked (one assembly at a time uses one)."""

    def __init__(self) -> None:
        self._current: dict[tuple[int, ...], tuple[tuple[object, ...], T]] = {}
        self._previous: dict[tuple[int, ...], tuple[tuple[object, ...], T]] = {}

    def get(self, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        """The value for these very inputs, from `make()` the first time."""
        key = tuple(map(id, inputs))
        found = self._current.get(key) or self._previous.get(key)
        if found is None or any(a is not b for a, b in zip(found[0], inputs, strict=True)):
            found = (inputs, make())
        self._current[key] = found
        return found[1]

    def next_generation(self) -> None:
        """One use is over: forget what neither it nor the one before asked for."""
        self._previous, self._current = self._current, {}
