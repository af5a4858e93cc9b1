"""Line and sentence shapes shared by the metadata and cleaning rules."""

from __future__ import annotations

import re

TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "sen",
    "rep", "gov", "pres", "prof", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "fla", "calif", "ariz", "ala", "tex", "mass", "wash", "ore", "colo", "ill", "mich", "md",
    "va", "pa", "ga", "mt", "ft", "ave", "approx", "est", "dept", "univ", "e.g", "i.e",
}
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
TIMESTAMP = re.compile(r"^(?:updated|published|posted|last updated)?:?\s*"
                       r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}(?:[+-]\d{1,2})?)?$",
                       re.I)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def terminal(line: str) -> bool:
    """Ends like a sentence (full stop, question, exclamation, closing quote)."""
    return bool(TERMINAL.search(line.rstrip()))


_SMALL_WORDS = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "nor", "but",
                "with", "by", "from", "as", "vs", "via", "per", "into", "over"}


def title_case(line: str) -> bool:
    """Every word capitalised (small words aside), as in headlines and labels."""
    ws = [w for w in words(line) if w.casefold() not in _SMALL_WORDS]
    return bool(ws) and all(w[0].isupper() or w[0].isdigit() for w in ws)


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, spacing kept inside each; abbreviations and initials do not
    end a sentence."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start:m.start() + 1]
        token = before.split()[-1] if before.split() else ""
        bare = token.rstrip(".").lstrip("(\"'“‘").casefold()
        if bare in _ABBREVIATIONS or re.fullmatch(r"[A-Za-z]", bare) or re.fullmatch(
                r"(?:[a-z]\.)+[a-z]", bare):
            continue
        out.append(text[start:m.end()].rstrip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
