"""Mission mentions in one article, with a long form and its short form merged
("Axiom Mission 4 (Ax-4)", "Double Asteroid Redirection Test (DART)")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.names import mission_key
from briefing.nlp.language import MISSION

_SMALL_WORDS = {"of", "the", "and", "for", "to", "on", "a"}


@dataclass
class MissionSpan:
    name: str
    text: str
    start: int
    end: int
    tok_start: int
    tok_end: int


def initials(words: str) -> str:
    return "".join(w[0] for w in re.findall(r"[\w']+", words) if w.lower() not in _SMALL_WORDS)


def _clean(text: str) -> str:
    return re.sub(r"['’]s$", "", re.sub(r"\s+", " ", text)).strip()


def find_missions(doc, text: str) -> tuple[list[MissionSpan], dict[str, list[str]]]:
    """Mission mentions with canonical names, and canonical -> other names (aliases)."""
    spans = [MissionSpan(name=_clean(e.text), text=e.text, start=e.start_char, end=e.end_char,
                         tok_start=e.start, tok_end=e.end)
             for e in doc.ents if e.label_ == MISSION]
    canonical: dict[str, str] = {}  # key -> canonical name
    for span in spans:
        canonical.setdefault(mission_key(span.name), span.name)
    aliases: dict[str, list[str]] = {}
    for short, long in _paired_forms(doc, text, spans):
        canonical[mission_key(long)] = canonical.get(mission_key(short), short)
        canonical.setdefault(mission_key(short), short)
        aliases.setdefault(canonical[mission_key(short)], []).append(long)
    for span in spans:
        span.name = canonical[mission_key(span.name)]
    for span in spans:
        if span.text != span.name and span.text not in aliases.setdefault(span.name, []):
            aliases[span.name].append(span.text)
    return spans, {k: v for k, v in aliases.items() if v}


def _paired_forms(doc, text: str, spans: list[MissionSpan]) -> list[tuple[str, str]]:
    """(short, long) from "LONG (SHORT)" where one of them is a mission and they fit."""
    pairs = []
    by_start = {s.tok_start: s for s in spans}
    by_end = {s.tok_end: s for s in spans}
    for m in re.finditer(r"\(([^()\n]{1,30})\)", text):
        inner_start = m.start(1)
        tok = doc.char_span(inner_start, m.end(1), alignment_mode="expand")
        if tok is None or tok.start < 1:
            continue
        inner = by_start.get(tok.start)
        before = by_end.get(tok.start - 1)
        if inner is not None and before is not None:
            pairs.append((inner.name, before.name))
        elif before is not None and initials(before.name).upper() == m.group(1).upper():
            spans.append(MissionSpan(name=m.group(1), text=m.group(1), start=inner_start,
                                     end=m.end(1), tok_start=tok.start, tok_end=tok.end))
            pairs.append((m.group(1), before.name))
        elif inner is not None:
            long = _capitalised_before(text, m.start())
            if long and initials(long).upper() == inner.name.upper():
                pairs.append((inner.name, long))
    spans.sort(key=lambda s: s.start)
    return pairs


def _capitalised_before(text: str, pos: int) -> str | None:
    m = re.search(r"((?:[A-Z][\w'-]*\s(?:(?:of|the|and|for)\s)?){1,7})$", text[:pos])
    return m.group(1).strip() if m else None
