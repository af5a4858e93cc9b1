"""How entries are written: analyses and sources as compact JSON rows, whole briefings as
checksummed marshal data, keys as length-prefixed digests."""

from __future__ import annotations

import dataclasses
import json
import marshal
import types
import typing
import zlib
from collections.abc import Callable, Iterable
from typing import Any

from briefing.hashing import text_bytes
from briefing.model import (
    Article,
    ArticleAnalysis,
    Briefing,
    CrewLink,
    DateMention,
    EntityMention,
    LoadWarning,
    QuoteMention,
    RoleMention,
    Span,
)

# The list fields of an analysis and the dataclass of their items; each item is stored as a
# list of its field values, in field order (the field names are part of the fingerprint).
ROWS: dict[str, type] = {
    "sentences": Span,
    "mentions": EntityMention,
    "roles": RoleMention,
    "crew": CrewLink,
    "dates": DateMention,
    "quotes": QuoteMention,
}
ROW_FIELDS = {name: [f.name for f in dataclasses.fields(cls)] for name, cls in ROWS.items()}
ARTICLE_FIELDS = [f.name for f in dataclasses.fields(Article) if f.init]
WARNING_FIELDS = [f.name for f in dataclasses.fields(LoadWarning)]


def hashed(digest: Any, parts: Iterable[Any]) -> Any:
    """`digest` updated with the parts, each tagged and length-prefixed (text is hashed as
    is: cheaper than quoting it as JSON)."""
    for part in parts:
        data = (b"s" + text_bytes(part) if isinstance(part, str)
                else b"j" + text_bytes(dumps(part)))
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def encode_analysis(analysis: ArticleAnalysis) -> str:
    """An analysis as compact JSON: each list item as a row of its field values."""
    data: dict[str, Any] = {
        name: [[getattr(item, f) for f in ROW_FIELDS[name]] for item in getattr(analysis, name)]
        for name in ROWS
    }
    data["aliases"] = analysis.aliases
    return dumps(data)


def decode_analysis(blob: str | bytes, source_id: str, content_hash: str) -> ArticleAnalysis:
    """The analysis stored by `encode_analysis`, for the given article. Raises ValueError if
    malformed."""
    try:
        data = json.loads(blob)
        rows = {name: [cls(*row) for row in data[name]] for name, cls in ROWS.items()}
        aliases = data["aliases"]
    except (TypeError, KeyError, AttributeError) as exc:
        raise ValueError(f"malformed cache entry: {exc}") from None
    if not isinstance(aliases, dict):
        raise ValueError("malformed cache entry: aliases")
    return ArticleAnalysis(source_id=source_id, content_hash=content_hash, aliases=aliases,
                           **rows)


def encode_sources(articles: list[Article], warnings: list[LoadWarning]) -> str:
    return dumps([[[getattr(a, f) for f in ARTICLE_FIELDS] for a in articles],
                  [[getattr(w, f) for f in WARNING_FIELDS] for w in warnings]])


def decode_sources(blob: str | bytes) -> tuple[list[Article], list[LoadWarning]] | None:
    """The articles and warnings stored by `encode_sources`; None if malformed."""
    try:
        articles, warnings = json.loads(blob)
        return ([Article(*row) for row in articles], [LoadWarning(*row) for row in warnings])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


# A whole briefing is stored in marshal's format, much quicker to write than JSON, after a
# checksum: marshal is not meant for damaged data, so a damaged entry is not read at all.
def encode_briefing(briefing: Briefing) -> bytes:
    body = marshal.dumps(_Plain()(briefing))
    return zlib.crc32(body).to_bytes(4, "big") + body


def decode_briefing(blob: str | bytes) -> Briefing:
    """The briefing stored by `encode_briefing`. Raises ValueError (or TypeError, KeyError,
    AttributeError, EOFError) if damaged or of another layout."""
    if not isinstance(blob, bytes) or int.from_bytes(blob[:4], "big") != zlib.crc32(blob[4:]):
        raise ValueError("not a checked marshal entry")
    revive: Callable[[Any], Briefing] = _Revivers()(Briefing)
    return revive(marshal.loads(blob[4:]))


def _same(value: Any) -> Any:
    return value


class _Revivers:
    """Functions rebuilding values of an annotation (dataclasses, lists, dicts, optionals)
    from their plain form; one per type, so decoding a large briefing stays fast."""

    def __init__(self) -> None:
        self._made: dict[Any, Callable[[Any], Any]] = {}

    def __call__(self, tp: Any) -> Callable[[Any], Any]:
        found = self._made.get(tp)
        if found is None:
            found = self._made[tp] = self._make(tp)
        return found

    def _make(self, tp: Any) -> Callable[[Any], Any]:
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            cls = tp
            hints = typing.get_type_hints(cls)
            parts = [(f.name, self(hints[f.name])) for f in dataclasses.fields(cls) if f.init]
            return lambda data: cls(**{name: revive(data[name]) for name, revive in parts})
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (types.UnionType, typing.Union):
            (inner,) = [arg for arg in args if arg is not type(None)]
            revive = self(inner)
            return _same if revive is _same else (
                lambda data: None if data is None else revive(data))
        item = self(args[-1]) if origin in (list, dict) else _same
        if item is _same:
            return _same
        if origin is list:
            return lambda data: [item(value) for value in data]
        return lambda data: {key: item(value) for key, value in data.items()}


class _Plain:
    """What dataclasses.asdict gives for JSON, for less: no deep copies, and a
    list or dict whose first item is plain data is taken as it is (the model's containers
    hold one kind of item). Fields that are not init arguments (derived) are left out."""

    def __init__(self) -> None:
        self._names: dict[type, tuple[str, ...]] = {}

    def _fields(self, cls: type) -> tuple[str, ...]:
        found = self._names.get(cls)
        if found is None:
            found = self._names[cls] = tuple(
                f.name for f in dataclasses.fields(cls) if f.init)
        return found

    def __call__(self, value: Any) -> Any:
        if hasattr(value, "__dataclass_fields__"):
            return {name: self(getattr(value, name)) for name in self._fields(type(value))}
        if isinstance(value, list):
            if not value or not _nested(value[0]):
                return value
            return [self(item) for item in value]
        if isinstance(value, dict):
            if not value or not _nested(next(iter(value.values()))):
                return value
            return {key: self(item) for key, item in value.items()}
        return value


def plain(value: Any) -> Any:
    """A dataclass value as plain lists, dicts and scalars (what a briefing is stored as)."""
    return _Plain()(value)


def _nested(value: Any) -> bool:
    return hasattr(value, "__dataclass_fields__") or (
        isinstance(value, list | dict) and bool(value) and _nested(
            value[0] if isinstance(value, list) else next(iter(value.values()))))
