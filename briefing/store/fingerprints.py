"""What a stored entry depends on besides its own key: the code, the libraries, the model and
the settings. Nothing here imports spaCy or trafilatura: versions are read from files."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import os
from functools import cached_property
from pathlib import Path
from typing import Any

from briefing.config import Config
from briefing.store.codec import ARTICLE_FIELDS, ROW_FIELDS, WARNING_FIELDS

# Bump when the NLP or ingest output changes for a reason the fingerprints cannot see.
PIPELINE_VERSION = "1"
# Bump when the database layout or the row encoding changes: older files are rebuilt.
CACHE_FORMAT = 7
# Config sections that do not change an article's analysis; any other section does.
_CONFIG_IGNORED = ("seeds", "source", "ingest", "stories", "summary", "tui", "cache")
_NLP_IGNORED = ("batch_size", "processes")
_PACKAGE = Path(__file__).resolve().parent.parent


def code_digest(folder: Path) -> str:
    """A digest of a package's source files (read, not imported)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def installed(package: str) -> str:
    """Which install of a package this is (changes on upgrade), without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return "absent"
    if spec is None or not spec.origin or not os.path.isfile(spec.origin):
        return "absent"
    stat = os.stat(spec.origin)
    return f"{spec.origin}:{stat.st_size}:{stat.st_mtime_ns}"


def model_version(model: str) -> str:
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


class Fingerprints:
    """The fingerprints of one config, each made when first asked for. Whoever runs for a
    while (a live session) keeps one, as digesting the code reads every source file."""

    def __init__(self, config: Config) -> None:
        self.config = config

    @cached_property
    def analysis(self) -> str:
        """Everything besides the article itself that an analysis depends on."""
        config = self.config
        settings = {f.name: dataclasses.asdict(getattr(config, f.name))
                    for f in dataclasses.fields(config) if f.name not in _CONFIG_IGNORED}
        for name in _NLP_IGNORED:
            settings["nlp"].pop(name, None)
        return _digest({
            "pipeline": PIPELINE_VERSION,
            "format": CACHE_FORMAT,
            "code": code_digest(_PACKAGE / "nlp"),
            "schema": ROW_FIELDS,
            "spacy": installed("spacy"),
            "model": model_version(config.nlp.model),
            "config": settings,
        })

    @cached_property
    def ingest(self) -> str:
        """Everything besides a file's bytes and path that the articles it gives depend on."""
        return _digest({
            "pipeline": PIPELINE_VERSION,
            "format": CACHE_FORMAT,
            "code": code_digest(_PACKAGE / "ingest"),
            "schema": [ARTICLE_FIELDS, WARNING_FIELDS],
            "libraries": [installed(name) for name in ("trafilatura", "charset_normalizer")],
            "config": dataclasses.asdict(self.config.ingest),
        })

    @cached_property
    def briefing(self) -> str:
        """Everything besides the articles that an assembled briefing depends on: all the
        code and every setting that shapes what is printed."""
        config = self.config
        settings = {f.name: dataclasses.asdict(getattr(config, f.name))
                    for f in dataclasses.fields(config)
                    if f.name not in ("seeds", "source", "tui", "cache")}
        return _digest({
            "pipeline": PIPELINE_VERSION,
            "format": CACHE_FORMAT,
            "code": code_digest(_PACKAGE),
            "analysis": self.analysis,
            "config": settings,
        })
