"""Sentences of an article for the summary: split robustly (with or without the NLP's spans),
strip datelines, and judge whether a sentence can stand in a summary on its own."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from briefing.digest.similarity import content_words
from briefing.model import Article, ArticleAnalysis, Span

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt
inc corp ltd co bros no nos vs etc approx dept est fig vol ed eds op cf al
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|(?<=[a-z]{2})[.!?](?=[A-Z][A-Za-z])")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")
_OPENERS = "\"'“‘([«"
_DATELINE = re.compile(
    r"^[A-Z][A-Z .,'’-]{1,40}?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?"
    r"\s*[—–-]{1,2}\s+")
_MONTH = ("(?:January|February|March|April|May|June|July|August|September|October|November|"
          "December)")
# a dateline's date glued before the first sentence ("Tuesday, January 18, 2005Through ...")
_LEADING_DATE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}},?|\d{{1,2}}\s+{_MONTH})\s+\d{{4}}\s*(?=[A-Z\"“‘(])")
_CLOSED = re.compile(r"[.!?…:;,\"'”’)\]]$")
_NON_WORD = re.compile(r"\W+")
_TERMINAL = re.compile(r"[.!…][\"'”’)\]]*$")
_LEADING_REFERENCE = frozenset("""
he she they it this that these those his her their its him them
""".split())
_WEAK_OPENERS = frozenset("but and also however meanwhile still yet so or".split())


@dataclass
class Sentence:
    """One sentence of one source, with what the summary needs to weigh it."""

    source: str
    position: int  # order among the article's sentences
    start: int
    end: int
    text: str  # whitespace collapsed, dateline removed
    people: list[str] = field(default_factory=list)  # canonical names mentioned
    missions: list[str] = field(default_factory=list)
    quoted: bool = False  # holds a quote the NLP found

    @cached_property
    def words(self) -> list[str]:
        """Content words (similarity.content_words), computed once."""
        return content_words(self.text)


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut text[start:end] where a sentence cannot continue: blank lines, and line ends of
    short lines with no closing punctuation (headings, bylines, captions)."""
    out: list[tuple[int, int]] = []
    block_start = start
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        if nl == -1:
            break
        line = text[pos:nl].strip()
        rest = text[nl + 1:end]
        next_line = rest.lstrip(" \t\r")
        blank_follows = next_line.startswith("\n") or not next_line.strip()
        ends_open = not _CLOSED.search(line)
        short = len(line.split()) < 8
        lower_next = next_line[:1].islower()
        if blank_follows or (line and ends_open and short and not lower_next):
            out.append((block_start, nl))
            block_start = nl + 1
        pos = nl + 1
    out.append((block_start, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _is_boundary(text: str, at: int, match: re.Match[str]) -> bool:
    """Is the punctuation matched at `at` the end of a sentence?"""
    mark = match.group()
    if not mark.startswith("."):
        return True
    before = text[:at]
    word = before.split()[-1] if before.split() else ""
    bare = word.lstrip(_OPENERS).rstrip(".").lower()
    after = text[match.end():].lstrip()
    nxt = after[:1]
    if not nxt:
        return True
    if nxt.islower() or nxt in ",;:":
        return False
    if bare in ABBREVIATIONS:
        return False
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "George W. Bush"
    if _DOTTED.search(word.lstrip(_OPENERS) + "."):
        # "U.S." / "D.C.": a boundary only when the next word cannot continue a name
        following = after.split()[0] if after.split() else ""
        return following.lower() in _LEADING_REFERENCE or following in ("The", "A", "In")
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of text[start:end] (offsets into `text`), trimmed of whitespace."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for b_start, b_end in _blocks(text, start, end):
        chunk_start = b_start
        for match in _CANDIDATE.finditer(text, b_start, b_end):
            if _is_boundary(text, match.start(), match):
                spans.append(Span(chunk_start, match.end()))
                chunk_start = match.end()
        spans.append(Span(chunk_start, b_end))
    out = []
    for span in spans:
        s, e = span.start, span.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s, e))
    return out


def _refine(text: str, span: Span) -> list[Span]:
    """The NLP's span, cut again only where it holds a line break or a likely boundary."""
    chunk = text[span.start:span.end]
    inner = chunk[:-1]
    if "\n" in chunk or (("." in inner or "!" in inner or "?" in inner or "…" in inner)
                         and _CANDIDATE.search(text, span.start, span.end)):
        return split_sentences(text, span.start, span.end)
    body = chunk.strip()
    start = span.start + len(chunk) - len(chunk.lstrip())
    return [Span(start, start + len(body))] if body else []


def clean_sentence(raw: str) -> str:
    """Whitespace collapsed and a leading dateline ("WASHINGTON (Sputnik) -", "Tuesday,
    January 18, 2005") removed."""
    text = _LEADING_DATE.sub("", " ".join(raw.split()), count=1)
    head = text[:110]
    if "-" in head or "—" in head or "–" in head:
        stripped = _DATELINE.sub("", text, count=1)
        if stripped != text and (stripped[:1].isupper() or stripped[:1] in _OPENERS):
            text = stripped
    return text.replace(" ,", ",").replace(" .", ".")


def article_sentences(article: Article, analysis: ArticleAnalysis | None) -> list[Sentence]:
    """The article's sentences, each once (a sentence the article repeats is kept once), with
    the people, missions and quotes the NLP found in it."""
    text = article.text
    if analysis is not None and analysis.sentences:
        spans = [s for span in analysis.sentences for s in _refine(text, span)]
    else:
        spans = split_sentences(text)
    seen: set[str] = set()
    out: list[Sentence] = []
    for span in spans:
        cleaned = clean_sentence(text[span.start:span.end])
        key = _NON_WORD.sub(" ", cleaned.lower()).strip()
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(Sentence(article.id, len(out), span.start, span.end, cleaned))
    if analysis is not None:
        _attach(out, analysis)
    return out


def _attach(sentences: list[Sentence], analysis: ArticleAnalysis) -> None:
    starts = [s.start for s in sentences]

    def find(offset: int) -> Sentence | None:
        lo = bisect_right(starts, offset)
        if lo and sentences[lo - 1].start <= offset < sentences[lo - 1].end:
            return sentences[lo - 1]
        return None

    for mention in analysis.mentions:
        sent = find(mention.start)
        if sent is None:
            continue
        target = sent.people if mention.label == "PERSON" else (
            sent.missions if mention.label == "MISSION" else None)
        if target is not None and mention.name not in target:
            target.append(mention.name)
    for quote in analysis.quotes:
        sent = find(quote.start)
        if sent is not None:
            sent.quoted = True


def quality(text: str, skip_phrases: Sequence[str]) -> float:
    """How well a sentence reads on its own in a summary, 0 (never) to 1. Zero for fragments,
    questions, captions, bylines, headings and page furniture."""
    words = text.split()
    if len(words) < 6 or len(words) > 80:
        return 0.0
    if not _TERMINAL.search(text) or text.rstrip("\"'”’)]").endswith("?"):
        return 0.0
    first = text[:1]
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return 0.0
    lower = text.lower()
    if any(phrase in lower for phrase in skip_phrases):
        return 0.0
    if 2 * sum(map(str.isupper, words)) > len(words):
        return 0.0  # mostly capitals: a heading or caption
    score = 1.0
    head = words[0].lstrip("\"'“‘(").strip(",").lower()
    if head in _LEADING_REFERENCE:
        score *= 0.6
    elif head in _WEAK_OPENERS:
        score *= 0.8
    if _unbalanced_quotes(text):
        score *= 0.7
    return score


def _unbalanced_quotes(text: str) -> bool:
    return text.count("“") != text.count("”") or text.count('"') % 2 == 1
