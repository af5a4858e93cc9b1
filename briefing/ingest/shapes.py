"""Line and sentence shapes shared by the metadata and cleaning rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Sentence ends of every script: Latin, CJK full-width (。！？．), Devanagari danda (। ॥),
# Arabic question mark and full stop (؟ ۔), Armenian (։), Ethiopic (።), Burmese (။).
_ENDS = ".!?…。！？．।॥؟۔։።။"
TERMINAL = re.compile(rf"[{_ENDS}][\"'”’)\]」』）]*$|[\"”’」』]$")
# Scripts written without spaces between words: each character counts as a word.
_UNSPACED = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
             "\u4e00-\u9fff\uf900-\ufaff")
_LETTER = rf"[^\W_{_UNSPACED}]"  # a letter or digit of a spaced script
_WORD = re.compile(rf"[{_UNSPACED}]|{_LETTER}+(?:['’.-]{_LETTER}+)*")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "sen",
    "rep", "gov", "pres", "prof", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "fla", "calif", "ariz", "ala", "tex", "mass", "wash", "ore", "colo", "ill", "mich", "md",
    "va", "pa", "ga", "mt", "ft", "ave", "approx", "est", "dept", "univ", "e.g", "i.e",
}
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|"
                           r"[。！？।॥؟۔]+[\"'”’)\]」』）]*\s*(?=\S)")
TIMESTAMP = re.compile(r"^(?:updated|published|posted|last updated)?:?\s*"
                       r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}(?:[+-]\d{1,2})?)?$",
                       re.I)


def words(text: str) -> list[str]:
    """Words, a character each in scripts written without spaces (Chinese, Japanese, Thai)."""
    return _WORD.findall(text)


def word_spans(text: str) -> Iterator[re.Match[str]]:
    """Where each of `words(text)` stands."""
    return _WORD.finditer(text)


def terminal(line: str) -> bool:
    """Ends like a sentence (full stop, question, exclamation, closing quote)."""
    return bool(TERMINAL.search(line.rstrip()))


_SMALL_WORDS = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "nor", "but",
                "with", "by", "from", "as", "vs", "via", "per", "into", "over"}


def title_case(line: str) -> bool:
    """Every word capitalised (small words aside), as in headlines and labels."""
    ws = [w for w in words(line) if w.casefold() not in _SMALL_WORDS]
    return bool(ws) and all(w[0].isupper() or w[0].isdigit() for w in ws)


_TOKEN_WINDOW = 40  # longer than any abbreviation or initials


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, spacing kept inside each; abbreviations and initials do not
    end a sentence."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        # the word before the stop, from a short window: splitting all the text since the
        # last sentence made a line of initials ("A. A. A. …") quadratic (13 s at 21,000)
        low = max(start, m.start() - _TOKEN_WINDOW)
        window = text[low:m.start() + 1]
        parts = window.split()
        cut = low > start and not window[:1].isspace() and len(parts) == 1
        token = parts[-1] if parts and not cut else ""
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
