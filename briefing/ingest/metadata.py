"""Metadata from messy plain text: the header block above the story, datelines, bylines,
caption credit tails, and a derived title when the copy has no headline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.ingest.dates import find_date
from briefing.ingest.shapes import TIMESTAMP, split_sentences, terminal, word_spans, words
from briefing.names import text_key as key

_LABEL_WORDS = {"date", "dated", "published", "updated", "posted", "last", "on", "at", "am",
                "pm", "gmt", "utc", "edt", "est", "cet", "msk", "bst", "pst", "pdt"}
_BYLINE = re.compile(r"^(?:by|written by|words by)\s+(?P<name>[^\W\d_][\w.'’-]*(?:\s+(?:[^\W\d_]"
                     r"[\w.'’-]*|and|&))*?)(?:\s*[,|/–—-]\s*(?P<rest>.*))?$", re.I)
_PLACE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
DATELINE = re.compile(
    r"^(?P<place>" + _PLACE + r")"
    r"(?:,\s*(?P<region>[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+\.?)?|[A-Z]{2,3}))??"
    r"(?:,\s*(?P<day>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<outlet>[^()\n]{2,40})\))?"
    r"(?:\s*[—–]\s*|\s*(?:--?|:)\s+)(?=\S)")
# "… - Sputnik International, 1920, 13.02.2026": an agency's photo caption credit tail
CREDIT_TAIL = re.compile(r"\s[-–—]\s*(?P<outlet>[A-Z][\w&'’. ]{1,40}?),\s*\d{3,4},\s*"
                         r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\s*$")
_NOT_PLACES = {"update", "updated", "breaking", "breaking news", "exclusive", "watch", "video",
               "photos", "note", "editor's note", "analysis", "opinion", "live", "correction",
               "read more", "related", "advertisement", "sponsored", "faq", "q&a"}
_NOT_OUTLETS = {"photo", "file", "video", "ap photo", "updated", "pictured"}


@dataclass
class Header:
    """What the lines above the story said."""

    title: str | None = None
    date: str | None = None
    section: str | None = None
    author: str | None = None
    removed: list[str] = field(default_factory=list)
    body_start: int = 0


def is_prose(line: str) -> bool:
    """A story paragraph rather than a label: a sentence of some length, or a dateline."""
    n = len(words(line))
    return (bool(DATELINE.match(line)) or (n >= 8 and terminal(line)) or n >= 16
            or len(line) > 200)


def date_line(line: str) -> tuple[str, str] | None:
    """A line that is a date (maybe with a label and a section word): (iso, leftover text)."""
    found = find_date(line)
    if not found:
        return None
    iso, start, end = found
    rest = line[:start] + " " + line[end:]
    rest = re.sub(r"\d{1,2}[:.]\d{2}", " ", rest)
    rest = " ".join(w for w in rest.split() if w.casefold().strip(":,.|-–—") not in _LABEL_WORDS)
    rest = rest.strip(" :,.|-–—•")
    left = words(rest)
    sentence = terminal(line) and len(words(line)) > 8
    if sentence or len(left) > 2 or not all(w[0].isupper() for w in left):
        return None  # a sentence that mentions a date, not a date line
    return iso, rest


def is_place_template(line: str) -> bool:
    """"Chicago 12, Melborne City, USA": a comma-separated place line, no sentence."""
    parts = [p.strip() for p in line.split(",")]
    if len(parts) < 2 or terminal(line) or len(words(line)) > 8:
        return False
    return all(p and len(p.split()) <= 4 and (p[0].isupper() or p[0].isdigit()) for p in parts)


def breadcrumbs(line: str) -> list[str] | None:
    """'Home » News » Space': the parts of a breadcrumb trail, home page dropped."""
    parts = [p.strip() for p in re.split(r"\s*[»›>/|]\s*", line)]
    if len(parts) < 2 or not all(p and len(words(p)) <= 3 and not terminal(p) for p in parts):
        return None
    named = [p for p in parts if p.casefold() not in ("home", "homepage", "news")]
    return named or None


def byline(line: str) -> str | None:
    m = _BYLINE.match(line.strip())
    if not m or len(m.group("name").split()) > 6 or terminal(m.group("name")):
        return None
    name = m.group("name").strip()
    return name if all(w[0].isupper() or w in ("and", "&") for w in name.split()) else None


def read_header(units: list[str], known_title: str | None) -> Header:
    """Classify the label lines above the first story paragraph. A short line ending in a
    full stop is a sentence, so the story starts there. When no paragraph in the first lines
    looks like prose, only the leading date and label lines count as header."""
    header = Header()
    titles: list[str] = []
    first_prose = next((i for i, u in enumerate(units[:10]) if is_prose(u)), None)
    end = first_prose if first_prose is not None else min(len(units), 10)
    i = 0
    while i < end:
        line = units[i]
        dated = date_line(line)
        if dated and header.date is None:
            header.date = dated[0]
            header.section = header.section or dated[1] or None
        elif byline(line) and header.author is None:
            header.author = byline(line)
        elif crumbs := breadcrumbs(line):
            header.section = header.section or crumbs[-1]
            header.removed.append(line)
        elif (words(line) and len(words(line)) <= 2 and not line.endswith(("!", "?"))
              and header.section is None and not is_place_template(line)
              and not TIMESTAMP.match(line)):
            header.section = line.strip(" :|-–—•")
        elif dated or TIMESTAMP.match(line) or is_place_template(line) or len(words(line)) <= 2:
            header.removed.append(line)
        elif first_prose is None or re.search(r"\.[\"'”’)]*$", line):
            break
        else:
            titles.append(line)
        i += 1
    if titles and header.section is None and len(words(titles[0])) <= 4 and len(titles) > 1:
        header.section = titles.pop(0).strip(" :|-–—•")
    if known_title is None and titles:
        header.title = titles.pop().strip()
    header.removed += [t for t in titles if not same_title(t, known_title)]
    header.body_start = i
    return header


def split_dateline(unit: str) -> tuple[str, str | None, str] | None:
    """'WASHINGTON (Sputnik) - NASA …' -> ('WASHINGTON', 'Sputnik', 'NASA …')."""
    m = DATELINE.match(unit)
    if not m:
        return None
    place = m.group("place").strip(" .")
    if place.casefold() in _NOT_PLACES:
        return None
    opening = unit[m.end()]
    if len(re.sub(r"[^A-Z]", "", place)) < 3 or not (opening.isupper() or opening in "\"“‘'"):
        return None
    outlet = m.group("outlet")
    if outlet and (outlet.casefold() in _NOT_OUTLETS or find_date(outlet)):
        outlet = None
    return place, outlet.strip() if outlet else None, unit[m.end():]


def credit_outlet(line: str) -> tuple[str, str | None] | None:
    """The outlet (and date) in a caption credit tail, if the line ends with one."""
    m = CREDIT_TAIL.search(line)
    if not m:
        return None
    found = find_date(m.group("date"))
    return m.group("outlet").strip(), found[0] if found else None


_SMALL = {"a", "an", "the", "of", "to", "and", "or", "in", "on", "at", "for", "with", "by",
          "from", "that", "as", "is", "was", "his", "her", "its", "their", "he", "she", "it"}


def derive_title(text: str, max_words: int = 14) -> str | None:
    """A title from the lead sentence, cut at a word boundary with balanced quotes; in a
    script written without spaces, cut after twice as many characters as words."""
    first = next((p for p in text.split("\n\n") if p.strip()), "")
    sentences = split_sentences(first)
    if not sentences:
        return None
    sentence = sentences[0].strip().rstrip(".。．").strip()
    tokens = sentence.split()
    if len(tokens) <= max_words:
        spans = list(word_spans(sentence))
        if len(spans) <= 2 * max_words:
            return sentence or None
        return sentence[:spans[2 * max_words - 1].end()] + "…"
    cut = tokens[:max_words]
    while cut and (cut[-1].casefold().strip(",;:") in _SMALL or cut[-1].endswith(",")
                   or _open_quote(cut)):
        cut.pop()
    if len(cut) < 4:
        cut = tokens[:max_words]
    return " ".join(cut).rstrip(",;:") + "…"


def _open_quote(tokens: list[str]) -> bool:
    text = " ".join(tokens)
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def same_title(line: str, title: str | None) -> bool:
    return title is not None and key(line) == key(title)
