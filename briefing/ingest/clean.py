"""The body rules: paragraphs, page furniture, duplicate paragraphs and sentences, glued
sentences. Rules look at a line's shape, position and repetition, never at one site's text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing.ingest.html_body import CELL_SEPARATOR
from briefing.ingest.metadata import credit_outlet, date_line
from briefing.ingest.shapes import (
    TIMESTAMP,
    split_sentences,
    terminal,
    title_case,
    words,
)
from briefing.names import text_key as key

_BULLET = re.compile(r"^[\s•·*▪►▸‣◦○●■□✓✔➤>|+-]+")
_CAPTION_START = re.compile(
    r"^(?:in this (?:\w+ )?(?:photo|image|picture|handout|file photo)|"
    r"(?:this |a )?(?:handout |file |undated )?(?:photo|image|picture)s? (?:taken|shows?|"
    r"released|provided|made available)\b|"
    r"(?:file )?photo(?:graph)?\s*(?:by|:|credit)|image\s*(?:by|:|credit)|"
    r"(?:photo |image |picture )?credits?\s*:|pictured\s*:|caption\s*:|illustration\s*:|"
    r"(?:video|watch)\s*:|file photo\b)", re.I)
_CREDIT_END = re.compile(r"\((?:[A-Z][\w.]* )*(?:Photo|Photograph|Image|Video)\b[^)]*\)\s*$|"
                         r"\([A-Z][\w .&-]{1,30}/[A-Z][\w .'’-]{1,40}\)\s*$|"
                         r"\b(?:Getty Images|Shutterstock|via Reuters|AFP via|/ (?:AP|AFP|"
                         r"Reuters|EPA))\s*\)?\s*$")
_PRODUCTION = re.compile(r"^\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|"
                         r"produced)\s+by\b.*$|^(?:©|\(c\)|copyright\b)", re.I)
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_PUNCT_ONLY = re.compile(r"^[\W_]*$")
_GLUE = re.compile(r"(?<=[a-z0-9%)\]])([.!?][\"'”’)]?)(?=[A-Z])")
_DOMAINISH = re.compile(r"https?://|www\.|@|\.(?:com|org|net|gov|edu|io|int|uk|ru|de|fr|in|"
                        r"jp|cn|info|news)\b", re.I)


@dataclass
class Cleaned:
    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)
    outlet: str | None = None  # from a caption credit tail
    date: str | None = None  # from a caption credit tail or a stray date line


def units_of(text: str) -> list[str]:
    """Paragraph candidates: blank-line blocks, hard-wrapped blocks joined, else one a line."""
    units: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if _hard_wrapped(lines):
            units.append(" ".join(lines))
        else:
            units.extend(lines)
    return units


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    body = lines[:-1]
    lengths = [len(line) for line in body]
    if min(lengths) < 40 or max(lengths) > 110 or max(lengths) - min(lengths) > 30:
        return False
    if sum(1 for line in body if not terminal(line)) * 2 < len(body):
        return False  # one sentence or paragraph a line, as scrapes print them
    return len(lines) >= 3 or lines[1][:1].islower()


def _phrase(line: str, phrases: set[str], prefixes: list[str]) -> bool:
    """The whole line is a furniture phrase, or starts with one and names a site or a link
    ("First Appeared on Orbit Weekly", "Our Standards: …"), not a sentence."""
    bare = re.sub(r"[^\w'’]+", " ", line.casefold()).strip()
    if bare in phrases:
        return True
    labelled = _BULLET.sub("", line).casefold()
    return any(bare.startswith(p + " ") and len(bare[len(p):].split()) <= 5
               and (not terminal(line) or re.match(re.escape(p) + r"\s*:", labelled))
               for p in prefixes)


def furniture(line: str, phrases: set[str], prefixes: list[str]) -> bool:
    """Page furniture wherever it stands."""
    stripped = line.strip()
    return bool(
        _PUNCT_ONLY.match(stripped)
        or _phrase(stripped, phrases, prefixes)
        or TIMESTAMP.match(stripped)
        or _URL_ONLY.match(stripped)
        or _PRODUCTION.match(stripped)
        or _CAPTION_START.match(_BULLET.sub("", stripped))
        or _CREDIT_END.search(stripped)
        or credit_outlet(stripped)
        or _tag_line(stripped, phrases)
    )


def _tag_line(line: str, phrases: set[str]) -> bool:
    """"Tags: NASA, Artemis, Moon": items listed under a furniture label."""
    m = _LABELLED.match(_BULLET.sub("", line))
    return bool(m and key(m.group()) in phrases and _enumeration(line))


def strip_furniture(units: list[str], phrase_list: list[str], structured: bool = False,
                    promo: Sequence[str] = ()) -> Cleaned:
    """Furniture out, the story kept. Evidence makes a line furniture: a known phrase or a
    shape of furniture (a caption, a credit, a timestamp, a link), and in plain text also
    repetition of a short line in the copy, a label of one or two words, and, after the last
    story paragraph, a teaser headline. A list is content: lines in a run that share a bullet
    or numbering, and a line that enumerates ("Squad: A, B, C"), are kept after the story
    unless a furniture phrase ("Related", "Read more") stands above them. `structured` units
    are lines the page's markup set apart (paragraphs, items, table rows): only the known
    phrases and shapes of furniture apply to them. In both, the lines that end the copy and
    are calls to action (a `promo` phrase, spoken to the reader) go."""
    phrases = {re.sub(r"[^\w'’]+", " ", p.casefold()).strip() for p in phrase_list}
    prefixes = [p for p in phrases if len(p.split()) >= 2]
    counts = Counter(key(u) for u in units if not terminal(u) and len(words(u)) <= 6)
    listed = _listed(units)
    out = Cleaned(paragraphs=[])
    kept: list[tuple[str, bool]] = []
    markers: list[int] = []  # where a furniture phrase stood, as a position in `kept`
    for unit, in_list in zip(units, listed, strict=True):
        credit = credit_outlet(unit)
        if credit:
            out.outlet = out.outlet or credit[0]
            out.date = out.date or credit[1]
        dated = date_line(unit) if not terminal(unit) else None
        if dated:
            out.date = out.date or dated[0]
        short_label = not terminal(unit) and len(words(unit)) <= 2
        repeated = counts.get(key(unit), 0) > 1
        if furniture(unit, phrases, prefixes) or dated or (
                not structured and not in_list and (short_label or repeated)):
            out.removed.append(unit)
            if _phrase(unit.strip(), phrases, prefixes):
                markers.append(len(kept))
        else:
            kept.append((unit, in_list))
    if structured:
        out.paragraphs = [u for u, _ in kept]
    else:
        last_real = max((i for i, (u, _) in enumerate(kept) if story_paragraph(u)),
                        default=len(kept) - 1)
        end = min((m for m in markers if m > last_real), default=len(kept))
        for i, (unit, in_list) in enumerate(kept):
            teaser = i > last_real and _headline(unit) and (i >= end or not in_list)
            (out.removed if teaser else out.paragraphs).append(unit)
    calls = [f" {key(p)} " for p in promo if key(p)]
    tail = len(out.paragraphs)
    while tail > 1 and _call_to_action(out.paragraphs[tail - 1], calls):
        tail -= 1
    out.removed += out.paragraphs[tail:]
    del out.paragraphs[tail:]
    return out


_READER = re.compile(r" (?:you|your|yours|we|us|our|ours) ")
QUOTED = re.compile(r"[\"“”«»„]")


def _call_to_action(unit: str, calls: list[str]) -> bool:
    """"Sign up for our newsletter", "Subscribe now to our edition for the full story": a
    promo phrase in a line spoken to the reader (or opening with a phrase of two words or
    more), short, quoting no one."""
    bare = f" {key(unit)} "
    if len(words(unit)) > 60 or QUOTED.search(unit) or not any(c in bare for c in calls):
        return False
    return bool(_READER.search(bare)) or any(
        bare.startswith(c) and len(c.split()) >= 2 for c in calls)


_MARKER = re.compile(r"^\s*(?:([-–—•·*▪►‣◦○●■])|\d{1,3}[.)])\s+\S")
_LABELLED = re.compile(r"^[^\W\d_][\w'’ -]{0,30}:\s+")


def _enumeration(unit: str) -> bool:
    """"Squad: Ana Lima, Rui Costa, Joel Sousa": three items or more, a few words each."""
    items = [i.strip() for i in re.split(r"[,;]", _LABELLED.sub("", unit, count=1))]
    return len(items) >= 3 and all(0 < len(words(i)) <= 6 for i in items)


def _row_mark(unit: str) -> str | None:
    """A table row ("cell | cell"), marked by its number of cells."""
    cells = unit.count(CELL_SEPARATOR) + 1
    return f"|{cells}" if cells > 1 else None


def _listed(units: list[str]) -> list[bool]:
    """Which units are list content: a run of two lines or more with the same bullet (or
    both numbered, or table rows of as many cells), a line that enumerates items, and the
    "Substitutes:" label of a list."""
    marks = [m.group(1) or "1" if (m := _MARKER.match(u)) else _row_mark(u) for u in units]
    listed = [_enumeration(u) or (mark is not None and (
        (i > 0 and marks[i - 1] == mark) or (i + 1 < len(marks) and marks[i + 1] == mark)))
        for i, (u, mark) in enumerate(zip(units, marks, strict=True))]
    return [in_list or (u.rstrip().endswith(":") and i + 1 < len(units) and listed[i + 1])
            for i, (u, in_list) in enumerate(zip(units, listed, strict=True))]


def story_paragraph(unit: str) -> bool:
    """A story paragraph: a sentence of some length that is not a title-case headline."""
    return terminal(unit) and len(words(unit)) >= 6 and not title_case(unit)


def _headline(unit: str) -> bool:
    """After the story: a related-story link, a widget label, a title-case teaser."""
    return not terminal(unit) or (title_case(unit) and len(words(unit)) >= 3)


def unglue(text: str) -> str:
    """'conference.NASA said' -> 'conference. NASA said'; URLs, U.S., Ph.D and decimals kept."""

    def fix(m: re.Match[str]) -> str:
        start = text.rfind(" ", 0, m.start()) + 1
        end = text.find(" ", m.end())
        token = text[start:end if end != -1 else len(text)]
        letters = re.search(r"[A-Za-z]+$", text[start:m.start()])
        if _DOMAINISH.search(token) or (letters and len(letters.group()) <= 2
                                        and letters.group()[0].isupper()):
            return m.group(1)
        return m.group(1) + " "

    return _GLUE.sub(fix, text)


def dedupe(paragraphs: list[str]) -> list[str]:
    """One copy of each paragraph (also when a copy is several paragraphs run together, or
    is contained in a longer one mid-sentence) and of each sentence (the first stays)."""
    seen: set[str] = set()
    unique = []
    for p in paragraphs:
        k = key(p)
        if k and k not in seen:
            seen.add(k)
            unique.append(p)
    keys = [f" {key(p)} " for p in unique]
    sentences = [[key(s) for s in split_sentences(p)] for p in unique]
    alive = [True] * len(unique)

    pool = "\n".join(keys)  # the keys of the paragraphs still alive, one a line

    def elsewhere(i: int, text: str) -> bool:
        needle = f" {text} "
        return pool.count(needle) > (keys[i].count(needle) if alive[i] else 0)

    def drop(i: int) -> str:
        alive[i] = False
        return "\n".join(k for k, a in zip(keys, alive, strict=True) if a)

    for i in sorted(range(len(unique)), key=lambda j: -len(sentences[j])):
        if len(sentences[i]) >= 2 and all(elsewhere(i, s) for s in sentences[i] if s):
            pool = drop(i)
    for i in sorted(range(len(unique)), key=lambda j: len(keys[j])):
        if len(keys[i].split()) >= 6 and elsewhere(i, keys[i].strip()):
            whole = {s for j, ss in enumerate(sentences) if alive[j] and j != i for s in ss}
            if not all(s in whole for s in sentences[i]):
                pool = drop(i)
    result = []
    said: set[str] = set()
    for p, ss, keep in zip(unique, sentences, alive, strict=True):
        if not keep:
            continue
        parts = split_sentences(p)
        fresh = [s for s, k in zip(parts, ss, strict=True)
                 if not (len(k.split()) >= 5 and k in said)]
        said.update(ss)
        if fresh:
            result.append(" ".join(fresh) if len(fresh) < len(parts) else p)
    return result
