"""Loading spaCy once per (model, settings) and the rule component that runs before `ner`.

The rule component (`briefing_ruler`) tags, from regular expressions over the text, what the
statistical model gets wrong in space news: missions (families of name + number, listed names,
names introduced by cue words), organizations, outlets, facilities, places, vehicles and
celestial bodies. `ner` keeps these spans and predicts around them.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.config import Config, ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

# Labels the ruler sets; `ner` predicts PERSON, ORG, GPE, ... around them.
MISSION = "MISSION"
VEHICLE = "VEHICLE"
CELESTIAL = "CELESTIAL"
OUTLET = "OUTLET"
NOT_PERSON = "NOT_PERSON"

_NAME_WORD = r"[A-Z][\w-]*"
_STOP_WORDS = ("The|A|An|This|That|These|Those|Its|It|Their|His|Her|Our|My|Each|Every|Another|"
               "Next|First|Last|New|In|On|At|For|With|After|Before|During|And|But|If|When|As")
_WORD = rf"(?!(?:{_STOP_WORDS})\b){_NAME_WORD}"
_CAPITALISED_NAME = rf"(?:{_WORD}\s){{0,2}}{_WORD}"
_NAMED = r"(?:(?:named|called|dubbed|nicknamed)\s)?"


CUED = 3  # priority of the patterns that find a name from a cue word next to it


@dataclass(frozen=True)
class RulePattern:
    label: str
    regex: str
    priority: int  # lower wins an overlap, then the longer match
    propn: bool = False  # every token of the match must look like part of a name


def _alternation(phrases: list[str]) -> str:
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(f"(?:{p})" for p in ordered)


def _whole(phrases: list[str]) -> str:
    """Any of the phrases, as whole words."""
    return rf"(?<![\w-])(?:{_alternation(phrases)})(?![\w-])"


def _words(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def rule_patterns(config: Config) -> list[RulePattern]:
    """Every pattern of the ruler, from the config's gazetteers and mission settings."""
    gaz, mis = config.gazetteers, config.missions
    patterns = [RulePattern(MISSION, p, 0) for p in mis.patterns]
    organizations = [n for name, aliases in gaz.organizations.items() for n in (name, *aliases)]
    for label, phrases in ((VEHICLE, gaz.vehicles), (CELESTIAL, gaz.celestial),
                           ("ORG", organizations), (OUTLET, gaz.outlets),
                           ("FAC", gaz.facilities), ("GPE", gaz.places),
                           (NOT_PERSON, gaz.not_people)):
        if phrases:
            patterns.append(RulePattern(label, _whole(phrases), 1))
    if mis.names:
        patterns.append(RulePattern(MISSION, _whole(mis.names), 2))
    name = rf"(?P<name>{_CAPITALISED_NAME})"
    if gaz.vehicle_cues:
        cues = _words(gaz.vehicle_cues)
        patterns.append(RulePattern(VEHICLE, rf"\b{name}\s(?:{cues})\b", CUED, propn=True))
        patterns.append(RulePattern(VEHICLE, rf"\b(?:{cues})\s{_NAMED}{name}\b", CUED,
                                    propn=True))
    if gaz.celestial_cues:
        cues = _words(gaz.celestial_cues)
        patterns.append(RulePattern(CELESTIAL, rf"\b(?:{cues})\s{_NAMED}{name}\b", CUED,
                                    propn=True))
    if mis.cue_words:
        modifiers = _words(mis.modifiers) if mis.modifiers else "(?!)"
        cues = _words(mis.cue_words)
        patterns.append(RulePattern(MISSION, rf"\b{name}(?:\s(?:{modifiers}))*\s(?:{cues})\b",
                                    CUED + 1, propn=True))
    if mis.lead_words:
        patterns.append(RulePattern(MISSION, rf"\b(?:{_words(mis.lead_words)})\s{name}\b",
                                    CUED + 1, propn=True))
    for i, p in enumerate(patterns):
        try:
            re.compile(p.regex)
        except re.error as exc:
            raise ConfigError(f"gazetteers/missions: invalid pattern #{i} ({p.label}): "
                              f"{exc}") from None
    return patterns


def _name_like(token) -> bool:
    """A proper noun, or a capitalised noun inside a sentence ("NASA's Psyche mission")."""
    return token.tag_ in ("NNP", "NNPS") or (token.tag_ in ("NN", "NNS")
                                             and not token.is_sent_start)


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december"}


def _part_of_a_name(span) -> bool:
    """"Sun Weidong", "Freddie Mercury": a body's name used as a person's name."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start else None
    return bool(nxt is not None and span[-1].whitespace_ and nxt.is_title and nxt.tag_ == "NNP"
                and nxt.lower_ not in _CALENDAR) or bool(
        prev is not None and prev.whitespace_ and prev.is_title and prev.tag_ == "NNP"
        and not prev.is_sent_start)


class BriefingRuler:
    """Sets entity spans from regular expressions; later patterns never overlap earlier ones."""

    def __init__(self, patterns: list[dict[str, Any]]):
        self.patterns = [(re.compile(p["regex"]), p["label"], p["priority"], p["propn"])
                         for p in patterns]

    def __call__(self, doc):
        found = []
        text = doc.text
        for regex, label, priority, propn in self.patterns:
            for m in regex.finditer(text):
                start, end = m.span("name") if "name" in regex.groupindex else m.span()
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is None or (propn and not all(map(_name_like, span))) \
                        or (label == CELESTIAL and _part_of_a_name(span)):
                    continue
                found.append((priority, -(end - start), start, span))
        found.sort(key=lambda x: x[:3])
        taken: list[Any] = []
        occupied: set[int] = set()
        cued: dict[str, str] = {}
        for priority, _, _, span in found:
            tokens = range(span.start, span.end)
            if occupied.isdisjoint(tokens):
                occupied.update(tokens)
                taken.append(span)
                if priority >= CUED:
                    cued.setdefault(span.text, span.label_)
        # a name a cue word introduced ("the Hera probe") is the same thing everywhere
        if cued:
            again = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, cued))
                               + r")(?![\w-])(?!\s[A-Z])")
            for m in again.finditer(text):
                span = doc.char_span(m.start(), m.end(), label=cued[m.group()])
                if span is not None and occupied.isdisjoint(range(span.start, span.end)):
                    occupied.update(range(span.start, span.end))
                    taken.append(span)
        doc.set_ents(taken, default="unmodified")
        return doc


def _register() -> None:
    from spacy.language import Language

    if "briefing_ruler" not in Language.factories:
        Language.factory("briefing_ruler", default_config={"patterns": []})(
            lambda nlp, name, patterns: BriefingRuler(patterns))


# Not needed: `lemmatizer`. The `parser` stays: its sentences and dependency arcs (subjects of
# speech verbs, appositions, coordination) are what the people and quote rules read.
EXCLUDED = ("lemmatizer",)


def _load(model: str, patterns: tuple[RulePattern, ...]) -> Language:
    import spacy

    from briefing.nlp.attributes import index_attribute_ruler

    _register()
    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED))
    except OSError as exc:
        raise ConfigError(f"nlp.model: cannot load spaCy model {model!r}: {exc}") from None
    if "parser" not in nlp.pipe_names and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    index_attribute_ruler(nlp)  # the same annotations, without the Matcher's scan
    nlp.add_pipe("briefing_ruler", before="ner",
                 config={"patterns": [p.__dict__ for p in patterns]})
    return nlp


ModelKey = tuple[str, tuple[RulePattern, ...]]


class LoadedModels:
    """The spaCy pipelines this process has loaded, by (model, rule patterns): a pipeline
    takes seconds to load and hundreds of MB, so it is kept for the process, like a file
    handle, not per session. At most `limit` are kept (a config change in the dashboard
    loads another), the least recently used dropped first. One lock: two threads asking
    for the same pipeline load it once."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._models: OrderedDict[ModelKey, Language] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: ModelKey) -> Language:
        with self._lock:
            nlp = self._models.get(key)
            if nlp is None:
                nlp = self._models[key] = _load(*key)
                while len(self._models) > self._limit:
                    self._models.popitem(last=False)
            self._models.move_to_end(key)
            return nlp

    def __contains__(self, key: ModelKey) -> bool:
        """Whether the pipeline is held now; does not wait for a load in progress (one
        dict lookup: atomic)."""
        return key in self._models


# The one per-process resource of the core: every spaCy pipeline goes through it.
MODELS = LoadedModels(limit=4)


def _load_key(config: Config) -> ModelKey:
    return config.nlp.model, tuple(rule_patterns(config))


def load_nlp(config: Config) -> Language:
    """The spaCy pipeline for `config`, loaded once per process (MODELS)."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    return MODELS.get(_load_key(config))


def model_loaded(config: Config) -> bool:
    """Whether this process holds the pipeline for `config` (load_nlp returns at once)."""
    return _load_key(config) in MODELS
