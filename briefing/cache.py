"""On-disk caches that make a start with unchanged files cheap: no spaCy, no HTML extraction.

- analyses: keyed by what the NLP reads of an article (its cleaned text and metadata, not its
  path, so a renamed file stays cached) plus a fingerprint of everything else that changes the
  analysis: the NLP code, the analysis schema, spaCy and model versions, and the config
  sections the NLP reads.
- sources: the articles and warnings one file gives, keyed by its bytes and relative path plus
  a fingerprint of the ingest code, the `ingest` config and the extraction libraries.
- briefings: whole briefings, keyed by every article and warning plus a fingerprint of all the
  code and the settings that shape the briefing.
- digests: what the digest made of each article version and of each story, with the same
  fingerprint, so that after one file changed a new run recomputes only what it touches.

Nothing here imports spaCy or trafilatura: versions are read from files on disk. Both live in
one SQLite file under, in order of precedence: --cache-dir, $BRIEFING_CACHE_DIR, config
`cache.dir`, the user cache dir. Lookups are batched (one query per chunk of keys) and entries
are compact JSON, or checksummed marshal data for whole briefings. A corrupt or foreign entry
is a miss and is rewritten; a broken database file is replaced; an unusable cache dir turns
caching off. The caches never raise.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.util
import json
import marshal
import os
import sqlite3
import types
import typing
import weakref
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from stat import S_ISREG
from typing import Any, Self

from briefing.collector import paused
from briefing.config import Config
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

if typing.TYPE_CHECKING:
    from briefing.digest.state import DigestState
    from briefing.ingest.known import Loaded

# Bump when the NLP or ingest output changes for a reason the fingerprints cannot see.
PIPELINE_VERSION = "1"
# Bump when the database layout or the row encoding changes: older files are rebuilt.
CACHE_FORMAT = 6
DB_NAME = "briefing-cache.sqlite3"
MAX_ENTRIES = 20_000  # per table; the oldest entries are dropped beyond this
CHUNK = 500  # keys per SELECT, below SQLite's host-parameter limit
TABLES = ("analyses", "sources", "briefings", "digests")

# The list fields of an analysis and the dataclass of their items; each item is stored as a
# list of its field values, in field order (the field names are part of the fingerprint).
_ROWS: dict[str, type] = {
    "sentences": Span,
    "mentions": EntityMention,
    "roles": RoleMention,
    "crew": CrewLink,
    "dates": DateMention,
    "quotes": QuoteMention,
}
_ROW_FIELDS = {name: [f.name for f in dataclasses.fields(cls)] for name, cls in _ROWS.items()}
_ARTICLE_FIELDS = [f.name for f in dataclasses.fields(Article)]
_WARNING_FIELDS = [f.name for f in dataclasses.fields(LoadWarning)]
_KEYED_FIELDS = ("text", "title", "title_derived", "outlet", "date", "dateline", "section",
                 "author", "url")
# Config sections that do not change an article's analysis; any other section does.
_CONFIG_IGNORED = ("seeds", "source", "ingest", "stories", "summary", "tui", "cache")
_NLP_IGNORED = ("batch_size", "processes")
_HERE = Path(__file__).parent


class _ArticleDigests:
    """The digest of an article's keyed fields, made once per article object: the analysis,
    digest and briefing keys all start from it (hashing 1,000 texts three times took 0.1 s).
    An article that is gone is forgotten."""

    def __init__(self) -> None:
        self._made: dict[int, tuple[weakref.ref[Article], str]] = {}

    def __call__(self, article: Article) -> str:
        found = self._made.get(id(article))
        if found is not None and found[0]() is article:
            return found[1]
        made = _hashed(hashlib.sha256(), (getattr(article, name) for name in _KEYED_FIELDS)
                       ).hexdigest()
        key = id(article)
        self._made[key] = (weakref.ref(article, lambda _: self._made.pop(key, None)), made)
        return made


article_digest = _ArticleDigests()


def cache_dir_for(config: Config, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder the cache lives in (see the module docstring for the precedence)."""
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


@functools.cache
def _code_digest(folder: Path) -> str:
    """A digest of a package's source files (read, not imported); read once per process, as
    the code it runs does not change either (reading them took 50 ms to 0.5 s per reload)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def _installed(package: str) -> str:
    """Which install of a package this is (changes on upgrade), without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return "absent"
    if spec is None or not spec.origin or not os.path.isfile(spec.origin):
        return "absent"
    stat = os.stat(spec.origin)
    return f"{spec.origin}:{stat.st_size}:{stat.st_mtime_ns}"


@functools.cache
def _model_version(model: str) -> str:
    """The model's meta.json (a package name or a folder), read from disk."""
    meta = Path(model).expanduser() / "meta.json"
    if not meta.is_file():
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.origin:
            meta = Path(spec.origin).with_name("meta.json")
    if not meta.is_file():
        return model
    return hashlib.sha256(meta.read_bytes()).hexdigest()


def _digest(parts: dict[str, Any]) -> str:
    blob = json.dumps(parts, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


def _per_config(make: Callable[[Config], str]) -> Callable[[Config], str]:
    """`make(config)` once per config object: configs are frozen, and the dashboard opens the
    caches on every reload."""
    made: dict[int, tuple[Config, str]] = {}

    @functools.wraps(make)
    def get(config: Config) -> str:
        hit = made.get(id(config))
        if hit is None or hit[0] is not config:
            if len(made) >= 16:
                made.clear()
            hit = made[id(config)] = (config, make(config))
        return hit[1]

    return get


@_per_config
def fingerprint(config: Config) -> str:
    """Everything besides the article itself that an analysis depends on."""
    settings = {f.name: dataclasses.asdict(getattr(config, f.name))
                for f in dataclasses.fields(config) if f.name not in _CONFIG_IGNORED}
    for name in _NLP_IGNORED:
        settings["nlp"].pop(name, None)
    return _digest({
        "pipeline": PIPELINE_VERSION,
        "format": CACHE_FORMAT,
        "code": _code_digest(_HERE / "nlp"),
        "schema": _ROW_FIELDS,
        "spacy": _installed("spacy"),
        "model": _model_version(config.nlp.model),
        "config": settings,
    })


@_per_config
def ingest_fingerprint(config: Config) -> str:
    """Everything besides a file's bytes and path that the articles it gives depend on."""
    return _digest({
        "pipeline": PIPELINE_VERSION,
        "format": CACHE_FORMAT,
        "code": _code_digest(_HERE / "ingest"),
        "schema": [_ARTICLE_FIELDS, _WARNING_FIELDS],
        "libraries": [_installed(name) for name in ("trafilatura", "charset_normalizer")],
        "config": dataclasses.asdict(config.ingest),
    })


@_per_config
def briefing_fingerprint(config: Config) -> str:
    """Everything besides the articles that an assembled briefing depends on: all the code and
    every setting that shapes what is printed."""
    settings = {f.name: dataclasses.asdict(getattr(config, f.name))
                for f in dataclasses.fields(config) if f.name not in ("seeds", "source", "tui",
                                                                       "cache")}
    return _digest({
        "pipeline": PIPELINE_VERSION,
        "format": CACHE_FORMAT,
        "code": _code_digest(_HERE),
        "analysis": fingerprint(config),
        "config": settings,
    })


def _same(value: Any) -> Any:
    return value


@functools.cache
def _reviver(tp: Any) -> Callable[[Any], Any]:
    """A function rebuilding values of annotation `tp` (dataclasses, lists, dicts, optionals)
    from their JSON form; built once per type, so decoding a large briefing stays fast."""
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        parts = [(f.name, _reviver(hints[f.name])) for f in dataclasses.fields(tp) if f.init]
        return lambda data: tp(**{name: revive(data[name]) for name, revive in parts})
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [arg for arg in args if arg is not type(None)]
        revive = _reviver(inner)
        return _same if revive is _same else (
            lambda data: None if data is None else revive(data))
    item = _reviver(args[-1]) if origin in (list, dict) else _same
    if item is _same:
        return _same
    if origin is list:
        return lambda data: [item(value) for value in data]
    return lambda data: {key: item(value) for key, value in data.items()}


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: Any) -> Any:
    """What dataclasses.asdict gives for JSON, at a third of its cost: no deep copies, and a
    list or dict whose first item is plain data is taken as it is (the model's containers
    hold one kind of item)."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list):
        if not value or not _nested(value[0]):
            return value
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        if not value or not _nested(next(iter(value.values()))):
            return value
        return {key: _plain(item) for key, item in value.items()}
    return value


def _nested(value: Any) -> bool:
    return hasattr(value, "__dataclass_fields__") or (
        isinstance(value, list | dict) and bool(value) and _nested(
            value[0] if isinstance(value, list) else next(iter(value.values()))))


def _hashed(digest: Any, parts: Iterable[Any]) -> Any:
    """`digest` updated with the parts, each tagged and length-prefixed (text is hashed as
    is: cheaper than quoting it as JSON)."""
    for part in parts:
        data = b"s" + part.encode() if isinstance(part, str) else b"j" + _dumps(part).encode()
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def encode(analysis: ArticleAnalysis) -> str:
    """An analysis as compact JSON: each list item as a row of its field values."""
    data: dict[str, Any] = {
        name: [[getattr(item, f) for f in _ROW_FIELDS[name]] for item in getattr(analysis, name)]
        for name in _ROWS
    }
    data["aliases"] = analysis.aliases
    return _dumps(data)


def decode(blob: str | bytes, source_id: str, content_hash: str) -> ArticleAnalysis:
    """The analysis stored by `encode`, for the given article. Raises ValueError if malformed."""
    try:
        data = json.loads(blob)
        rows = {name: [cls(*row) for row in data[name]] for name, cls in _ROWS.items()}
        aliases = data["aliases"]
    except (TypeError, KeyError, AttributeError) as exc:
        raise ValueError(f"malformed cache entry: {exc}") from None
    if not isinstance(aliases, dict):
        raise ValueError("malformed cache entry: aliases")
    return ArticleAnalysis(source_id=source_id, content_hash=content_hash, aliases=aliases,
                           **rows)


def _encode_sources(articles: list[Article], warnings: list[LoadWarning]) -> str:
    return _dumps([[[getattr(a, f) for f in _ARTICLE_FIELDS] for a in articles],
                   [[getattr(w, f) for f in _WARNING_FIELDS] for w in warnings]])


def _decode_sources(blob: str | bytes) -> tuple[list[Article], list[LoadWarning]] | None:
    """The articles and warnings stored by `_encode_sources`; None if malformed."""
    try:
        articles, warnings = json.loads(blob)
        return ([Article(*row) for row in articles], [LoadWarning(*row) for row in warnings])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


class _Store:
    """One table of the cache file. Every method is safe to call when the cache is unusable:
    lookups then miss and writes do nothing."""

    table = ""

    def __init__(self, path: Path, config_fingerprint: str) -> None:
        self.path = path
        self.fingerprint = config_fingerprint
        self._db = self._open()

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
                self._prepare(db)
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

    @staticmethod
    def _prepare(db: sqlite3.Connection) -> None:
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version == CACHE_FORMAT:
            return
        with db:
            for table in TABLES:
                db.execute(f"DROP TABLE IF EXISTS {table}")
                db.execute(f"CREATE TABLE {table} (key BLOB PRIMARY KEY, data TEXT NOT NULL)")
            db.execute(f"PRAGMA user_version = {CACHE_FORMAT}")

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

    def _key(self, *parts: Any) -> bytes:
        """A digest of the fingerprint and the parts."""
        return _hashed(hashlib.sha256(self.fingerprint.encode()), parts).digest()

    def _fetch(self, keys: Sequence[bytes]) -> dict[bytes, str | bytes]:
        """The stored data of those keys that are present."""
        if self._db is None or not keys:
            return {}
        found: dict[bytes, str | bytes] = {}
        try:
            for i in range(0, len(keys), CHUNK):
                chunk = keys[i:i + CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(self._db.execute(
                    f"SELECT key, data FROM {self.table} WHERE key IN ({marks})", chunk))
        except sqlite3.OperationalError:
            return found
        except sqlite3.DatabaseError:
            self._broken()
            return {}
        return found

    def _store(self, rows: list[tuple[bytes, str | bytes]]) -> None:
        """Store rows in one transaction; trims the oldest entries beyond MAX_ENTRIES."""
        if self._db is None or not rows:
            return
        try:
            with self._db:
                self._db.executemany(f"INSERT OR REPLACE INTO {self.table} VALUES (?, ?)", rows)
                (count,) = self._db.execute(f"SELECT count(*) FROM {self.table}").fetchone()
                if count > MAX_ENTRIES:
                    self._db.execute(f"DELETE FROM {self.table} WHERE rowid IN (SELECT rowid "
                                     f"FROM {self.table} ORDER BY rowid LIMIT ?)",
                                     (count - MAX_ENTRIES,))
        except sqlite3.OperationalError:
            return
        except sqlite3.DatabaseError:
            self._broken()


class AnalysisCache(_Store):
    """Per-article analyses."""

    table = "analyses"

    @classmethod
    def open(cls, config: Config, cache_dir: str | os.PathLike[str] | None = None
             ) -> AnalysisCache:
        return cls(cache_dir_for(config, cache_dir) / DB_NAME, fingerprint(config))

    def key(self, article: Article) -> bytes:
        return self._key(article_digest(article))

    def get_many(self, articles: Sequence[Article]) -> dict[str, ArticleAnalysis]:
        """Cached analyses by article id, for the articles that have one."""
        return self.decode_many(articles, self.fetch_many(articles))

    def fetch_many(self, articles: Sequence[Article]) -> dict[str, str]:
        """The stored (still encoded) analyses by article id, for the articles that have one:
        what is missing is known before the decoding (decode_many)."""
        keys = {article.id: self.key(article) for article in articles}
        blobs = self._fetch(list(dict.fromkeys(keys.values())))
        return {source: blobs[key] for source, key in keys.items() if key in blobs}

    def decode_many(self, articles: Sequence[Article], blobs: typing.Mapping[str, str]
                    ) -> dict[str, ArticleAnalysis]:
        """The analyses of fetch_many's blobs; one that does not decode is left out."""

        def decode_all() -> dict[str, ArticleAnalysis]:
            found = {}
            for article in articles:
                blob = blobs.get(article.id)
                if blob is None:
                    continue
                try:
                    found[article.id] = decode(blob, article.id, article.content_hash)
                except ValueError:
                    continue
            return found

        with paused():
            return decode_all()

    def put_many(self, pairs: Iterable[tuple[Article, ArticleAnalysis]]) -> None:
        self._store([(self.key(article), encode(analysis)) for article, analysis in pairs])


class SourceCache(_Store):
    """What ingest made of each file: its articles and warnings."""

    table = "sources"

    @classmethod
    def open(cls, config: Config, cache_dir: str | os.PathLike[str] | None = None
             ) -> SourceCache:
        cache = cls(cache_dir_for(config, cache_dir) / DB_NAME, ingest_fingerprint(config))
        cache._max_bytes = config.ingest.max_file_bytes
        return cache

    def __init__(self, path: Path, config_fingerprint: str) -> None:
        super().__init__(path, config_fingerprint)
        self._digests: dict[Path, tuple[bytes, str]] = {}
        self._max_bytes = 0

    def recall(self, folder: Path, paths: Sequence[Path]) -> dict[Path, Loaded]:
        """What the files whose relative path and bytes were seen before gave then."""
        for path in paths:
            rel = path.relative_to(folder).as_posix()
            try:
                info = path.stat()
                if not S_ISREG(info.st_mode) or info.st_size > self._max_bytes:
                    continue  # left to ingest, which says why
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
            self._digests[path] = (self._key(rel, digest), digest)
        blobs = self._fetch([key for key, _ in self._digests.values()])
        with paused():
            found = {path: _decode_sources(blobs[key])
                     for path, (key, _) in self._digests.items() if key in blobs}
        return {path: hit for path, hit in found.items() if hit is not None}

    def keep(self, loaded: Sequence[tuple[Path, Loaded]]) -> None:
        """Store what a file gave when its articles carry the hash of the bytes read."""
        rows = []
        for path, (articles, warnings) in loaded:
            known = self._digests.get(path)
            if known is not None and all(a.content_hash.startswith(known[1]) for a in articles):
                rows.append((known[0], _encode_sources(articles, warnings)))
        self._store(rows)


class BriefingCache(_Store):
    """Whole briefings, keyed by every article and warning they were built from: a start with
    nothing changed prints without analysing or assembling anything."""

    table = "briefings"

    @classmethod
    def open(cls, config: Config, cache_dir: str | os.PathLike[str] | None = None
             ) -> BriefingCache:
        return cls(cache_dir_for(config, cache_dir) / DB_NAME, briefing_fingerprint(config))

    def key(self, articles: Sequence[Article], warnings: Sequence[LoadWarning]) -> bytes:
        return self._key(*(part for a in articles
                           for part in (a.id, a.path, a.content_hash, article_digest(a))),
                         [[w.path, w.message] for w in warnings])

    def get(self, key: bytes) -> Briefing | None:
        blob = self._fetch([key]).get(key)
        if blob is None:
            return None
        try:
            with paused():
                return _reviver(Briefing)(_unpacked(blob))
        except (ValueError, TypeError, KeyError, AttributeError, EOFError):
            return None

    def put(self, key: bytes, briefing: Briefing) -> None:
        self._store([(key, _packed(_plain(briefing)))])


# A whole briefing is stored in marshal's format, five times quicker to write than JSON, after
# a checksum: marshal is not meant for damaged data, so a damaged entry is not read at all.
def _packed(data: Any) -> bytes:
    body = marshal.dumps(data)
    return zlib.crc32(body).to_bytes(4, "big") + body


def _unpacked(blob: str | bytes) -> Any:
    if not isinstance(blob, bytes) or int.from_bytes(blob[:4], "big") != zlib.crc32(blob[4:]):
        raise ValueError("not a checked marshal entry")
    return marshal.loads(blob[4:])


class DigestCache(_Store):
    """Per-article digest records (digest.persist) and story texts (a digest.build.StoryBook),
    keyed by the articles as the analyses are, plus their ids."""

    table = "digests"

    @classmethod
    def open(cls, config: Config, cache_dir: str | os.PathLike[str] | None = None
             ) -> DigestCache:
        return cls(cache_dir_for(config, cache_dir) / DB_NAME, briefing_fingerprint(config))

    def __init__(self, path: Path, config_fingerprint: str) -> None:
        super().__init__(path, config_fingerprint)
        self._keys: dict[int, tuple[Article, bytes]] = {}
        self._pending: list[tuple[bytes, str]] = []

    def _article_key(self, article: Article) -> bytes:
        found = self._keys.get(id(article))
        if found is None or found[0] is not article:
            found = self._keys[id(article)] = (article, self._key(
                "article", article.id, article_digest(article)))
        return found[1]

    def _story_key(self, sources: Sequence[Article]) -> bytes:
        return self._key("story", [self._article_key(a).hex() for a in sources])

    def recall(self, state: DigestState, articles: Sequence[Article],
               analyses: typing.Mapping[str, ArticleAnalysis]) -> None:
        """Hand `state` what earlier runs computed for the articles it does not know."""
        from briefing.digest import persist

        def fetch(wanted: Sequence[Article]) -> dict[str, Any]:
            keys = {self._article_key(a): a.id for a in wanted}
            blobs = self._fetch(list(keys))
            records = {}
            for key, blob in blobs.items():
                try:
                    records[keys[key]] = json.loads(blob)
                except ValueError:
                    continue
            return records

        with paused():
            persist.recall(state, articles, analyses, fetch)

    def remember(self, state: DigestState, articles: Sequence[Article],
                 analyses: typing.Mapping[str, ArticleAnalysis]) -> None:
        """Store what the last assembly computed afresh, and the stories it summarised."""
        from briefing.digest import persist

        records = persist.records(state, articles, analyses)
        self._pending += [(self._article_key(a), _dumps(records[a.id]))
                          for a in articles if a.id in records]
        self._store(self._pending)
        self._pending = []

    def get(self, sources: Sequence[Article]) -> Any:
        """A story text (digest.build.StoryBook) stored for exactly these sources."""
        from briefing.digest.build import story_from_record

        key = self._story_key(sources)
        blob = self._fetch([key]).get(key)
        if blob is None:
            return None
        try:
            return story_from_record(json.loads(blob))
        except (ValueError, TypeError):
            return None

    def put(self, sources: Sequence[Article], text: Any) -> None:
        from briefing.digest.build import story_record

        self._pending.append((self._story_key(sources), _dumps(story_record(text))))
