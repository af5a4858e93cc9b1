"""On-disk cache of per-article analyses.

Keyed by the article's cleaned text and date plus a fingerprint of everything that changes
the analysis (pipeline version, spaCy model, the config sections the NLP reads). Stored in one
SQLite file in the user cache dir (or BRIEFING_CACHE_DIR / --cache-dir). A corrupt or
foreign entry is ignored and rebuilt; a broken cache file is replaced, never a crash.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
from pathlib import Path

from briefing.config import Config
from briefing.model import Article, ArticleAnalysis

# Bump when the NLP rules change what an analysis contains.
PIPELINE_VERSION = "1"


def default_cache_dir() -> Path:
    env = os.environ.get("BRIEFING_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing"))


def fingerprint(config: Config) -> str:
    parts = {
        "pipeline": PIPELINE_VERSION,
        "nlp": dataclasses.asdict(config.nlp) | {"batch_size": None, "processes": None},
        "gazetteers": dataclasses.asdict(config.gazetteers),
        "missions": dataclasses.asdict(config.missions),
        "roles": dataclasses.asdict(config.roles),
    }
    blob = json.dumps(parts, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


class AnalysisCache:
    def __init__(self, path: Path, config_fingerprint: str) -> None:
        self.path = path
        self.fingerprint = config_fingerprint
        self._db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect(path)
        except (OSError, sqlite3.Error):
            self._db = None

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(path, check_same_thread=False, timeout=5)
            db.execute("CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, data TEXT)")
            return db
        except sqlite3.DatabaseError:
            path.unlink(missing_ok=True)
            db = sqlite3.connect(path, check_same_thread=False, timeout=5)
            db.execute("CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, data TEXT)")
            return db

    @classmethod
    def open(cls, config: Config, cache_dir: str | None = None) -> AnalysisCache:
        folder = Path(cache_dir) if cache_dir else default_cache_dir()
        return cls(folder / "analyses.sqlite3", fingerprint(config))

    def key(self, article: Article) -> str:
        blob = json.dumps([self.fingerprint, article.date, article.text]).encode()
        return hashlib.sha256(blob).hexdigest()

    def get(self, article: Article) -> ArticleAnalysis | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT data FROM analyses WHERE key = ?",
                                   (self.key(article),)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            analysis = ArticleAnalysis.from_dict(json.loads(row[0]))
        except (ValueError, TypeError, KeyError):
            return None
        return dataclasses.replace(analysis, source_id=article.id,
                                   content_hash=article.content_hash)

    def get_many(self, articles: list[Article]) -> dict[str, ArticleAnalysis]:
        found = {}
        for article in articles:
            hit = self.get(article)
            if hit is not None:
                found[article.id] = hit
        return found

    def put(self, article: Article, analysis: ArticleAnalysis) -> None:
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO analyses VALUES (?, ?)",
                                 (self.key(article), json.dumps(analysis.to_dict())))
        except sqlite3.Error:
            return
