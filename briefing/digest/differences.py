"""Where the sources of one story disagree: the same person quoted differently, and different
figures for what is otherwise the same statement."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

from briefing.digest.sentences import Sentence
from briefing.digest.similarity import STOPWORDS, all_words
from briefing.model import ArticleAnalysis, Difference, QuoteMention, SummaryPoint

_FIGURE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)(?:\s*(%|percent|per cent))?\s+([A-Za-z]+)")
_DIGIT = re.compile(r"\d")
QUOTE_SIMILAR = 0.6  # word-sequence similarity from which two quotes are the same remark
STATEMENT_SIMILAR = 0.5
SENTENCES_PER_SOURCE = 40  # share of content words from which two sentences state one fact


def _quote_differences(sources: Sequence[str], analyses: Mapping[str, ArticleAnalysis]
                       ) -> list[Difference]:
    by_speaker: dict[str, list[tuple[str, QuoteMention, list[str], Counter[str]]]] = {}
    for source in sources:
        for q in analyses[source].quotes if source in analyses else ():
            words = all_words(q.text)
            if q.speaker and len(words) >= 4:
                by_speaker.setdefault(q.speaker, []).append((source, q, words, Counter(words)))
    pairs = [(a, b) for quotes in by_speaker.values()
             for x, a in enumerate(quotes) for b in quotes[x + 1:] if a[0] != b[0]]
    out: list[Difference] = []
    seen: set[tuple[str, str]] = set()
    for (sa, qa, wa, ca), (sb, qb, wb, cb) in pairs:
        if wa == wb:
            continue
        key = (" ".join(wa), " ".join(wb))
        if key in seen:
            continue
        # the shared words bound SequenceMatcher's ratio from above: a cheap test first
        shared = sum((ca & cb).values())
        if 2 * shared < QUOTE_SIMILAR * (len(wa) + len(wb)):
            continue
        if SequenceMatcher(None, wa, wb, autojunk=False).ratio() < QUOTE_SIMILAR:
            continue
        seen.add(key)
        out.append(Difference(
            topic=f"{qa.speaker} quoted differently",
            versions=[SummaryPoint(qa.text, [sa]), SummaryPoint(qb.text, [sb])]))
    return out


def _figures(text: str) -> dict[str, str]:
    """Figure per counted thing: "12 people" -> {"people": "12"}."""
    out = {}
    for number, percent, noun in _FIGURE.findall(text):
        if noun.lower() in STOPWORDS:
            continue
        out[(percent and "percent ") + noun.lower()] = number.replace(",", "")
    return out


def _figure_differences(sentences: Mapping[str, Sequence[Sentence]], sources: Sequence[str]
                        ) -> list[Difference]:
    """Sentences of different sources that count the same thing with different figures and
    otherwise share most of their words. Only sentences counting the same thing are paired."""
    by_thing: dict[str, list[tuple[str, Sentence, dict[str, str], frozenset[str]]]] = {}
    for source in sources:
        for sentence in sentences.get(source, ())[:SENTENCES_PER_SOURCE]:
            if not _DIGIT.search(sentence.text):
                continue
            figures = _figures(sentence.text)
            words = frozenset(sentence.words)
            for thing in figures:
                by_thing.setdefault(thing, []).append((source, sentence, figures, words))
    out: list[Difference] = []
    seen: set[tuple[str, str, str]] = set()
    for thing in sorted(by_thing):
        items = by_thing[thing]
        if len({fig[thing] for _, _, fig, _ in items}) < 2:
            continue  # every source gives the same figure
        for x, (sa, a, fa, wa) in enumerate(items):
            for sb, b, fb, wb in items[x + 1:]:
                if sb == sa or fa[thing] == fb[thing]:
                    continue
                key = (thing, fa[thing], fb[thing])
                if key in seen or fa[thing] in fb.values() or fb[thing] in fa.values():
                    continue
                if not wa or not wb or len(wa & wb) < STATEMENT_SIMILAR * min(len(wa), len(wb)):
                    continue
                seen.add(key)
                out.append(Difference(
                    topic=f"{thing}: {fa[thing]} or {fb[thing]}",
                    versions=[SummaryPoint(a.text, [sa]), SummaryPoint(b.text, [sb])]))
    return out


def find_differences(sentences: Mapping[str, Sequence[Sentence]], sources: Sequence[str],
                     analyses: Mapping[str, ArticleAnalysis]) -> list[Difference]:
    if len(sources) < 2:
        return []
    return _quote_differences(sources, analyses) + _figure_differences(sentences, sources)
