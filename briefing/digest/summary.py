"""The extractive, cited summary of a story, and the briefing's summary across stories.

Per story, every usable sentence of its sources is scored by
- centrality: closeness to the story's centroid (each source weighs the same),
- position: news puts what matters first,
- corroboration: how many other sources say something close,
- entities: the story's people and missions it names (when the NLP found them),
times how well it reads on its own (sentences.quality: no fragments, captions or questions;
a leading "He"/"That" costs). Points are then picked best first, skipping any sentence close
to one already picked; each point cites every source with a near-duplicate of it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.config import SummaryConfig
from briefing.digest.sentences import Sentence, quality
from briefing.digest.similarity import (
    Vector,
    all_words,
    centroid,
    cosine,
    document_frequency,
    idf_table,
    tfidf,
)
from briefing.model import Summary, SummaryPoint

MIN_QUOTE_WORDS = 5  # a quote this long is matched on its words, in any order
MIN_FRAGMENT_WORDS = 2  # a shorter quoted fragment must stand verbatim in the other quote
COMMON_TERM_MIN = 30  # corroboration ignores terms in more sentences than this (and 5%)
_QUOTED = re.compile(r"[“\"]([^”\"]{6,})(?:[”\"]|$)")


@dataclass
class Candidate:
    sentence: Sentence
    vector: Vector
    quality: float
    rank: int  # among the source's usable sentences
    score: float = 0.0


class Resemblance:
    """Near-duplicate test between sentences: the TF-IDF cosine of their content words, or 1
    when both quote the same remark: a long quoted stretch sharing most of its words, or a
    quoted fragment ("certainly planning") that stands word for word in the other's quote."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        self._vectors = {id(c.sentence): c.vector for c in candidates}
        self._quotes: dict[int, list[list[str]]] = {}

    def _quoted(self, sentence: Sentence) -> list[list[str]]:
        key = id(sentence)
        if key not in self._quotes:
            self._quotes[key] = [words for m in _QUOTED.finditer(sentence.text)
                                 if len(words := all_words(m.group(1))) >= MIN_FRAGMENT_WORDS]
        return self._quotes[key]

    def __call__(self, a: Sentence, b: Sentence) -> float:
        for qa in self._quoted(a):
            for qb in self._quoted(b):
                if _same_remark(qa, qb):
                    return 1.0
        return cosine(self._vectors[id(a)], self._vectors[id(b)])


def _same_remark(qa: list[str], qb: list[str]) -> bool:
    short, long = sorted((qa, qb), key=len)
    if len(short) >= MIN_QUOTE_WORDS and len(set(short) & set(long)) >= 0.8 * len(set(short)):
        return True
    return f" {' '.join(short)} " in f" {' '.join(long)} "


def _candidates(sentences: Mapping[str, Sequence[Sentence]], sources: Sequence[str],
                config: SummaryConfig) -> list[Candidate]:
    picked: list[tuple[Sentence, float, int]] = []
    for source in sources:
        rank = 0
        for sentence in sentences.get(source, ()):
            q = quality(sentence.text, config.skip_phrases)
            if q <= 0:
                continue
            picked.append((sentence, q, rank))
            rank += 1
            if rank >= config.sentences_per_source:
                break
    terms = [s.words for s, _, _ in picked]
    idf = idf_table(document_frequency(terms), len(picked))
    return [Candidate(s, tfidf(t, idf), q, r)
            for (s, q, r), t in zip(picked, terms, strict=True)]


def _central_sources(candidates: Sequence[Candidate], sources: Sequence[str], limit: int
                     ) -> list[str]:
    """The `limit` sources closest to the story's centre (all of them in a small story)."""
    if len(sources) <= limit:
        return list(sources)
    docs = {s: centroid(c.vector for c in candidates if c.sentence.source == s) for s in sources}
    centre = centroid(docs.values())
    return sorted(sources, key=lambda s: -cosine(docs[s], centre))[:limit]


def _corroboration(candidates: Sequence[Candidate]) -> list[float]:
    """For each sentence, the mean over the other sources of its best similarity there,
    found through an inverted index rather than all pairs."""
    source_ids = {source: i for i, source in enumerate(
        dict.fromkeys(c.sentence.source for c in candidates))}
    if len(source_ids) < 2:
        return [0.0] * len(candidates)
    owner = [source_ids[c.sentence.source] for c in candidates]
    postings: dict[str, list[tuple[int, int, float]]] = {}
    for j, c in enumerate(candidates):
        for term, weight in c.vector.items():
            postings.setdefault(term, []).append((j, owner[j], weight))
    # terms in a large share of the sentences weigh little and cost the most: left out
    common = max(COMMON_TERM_MIN, len(candidates) // 20)
    postings = {t: p for t, p in postings.items() if len(p) <= common}
    out = []
    for i, c in enumerate(candidates):
        mine = owner[i]
        dots: dict[int, float] = {}
        for term, weight in c.vector.items():
            for j, src, other in postings.get(term, ()):
                if src != mine:
                    dots[j] = dots.get(j, 0.0) + weight * other
        best: dict[int, float] = {}
        for j, dot in dots.items():
            if dot >= 0.2 and dot > best.get(owner[j], 0.0):
                best[owner[j]] = dot
        out.append(sum(best.values()) / (len(source_ids) - 1))
    return out


def _entity_salience(candidates: Sequence[Candidate]) -> list[float]:
    """Names of people and missions weighted by how many sources of the story name them."""
    named: dict[str, set[str]] = {}
    for c in candidates:
        for name in c.sentence.people + c.sentence.missions:
            named.setdefault(name, set()).add(c.sentence.source)
    return [sum(len(named[n]) for n in set(c.sentence.people + c.sentence.missions))
            for c in candidates]


def _scaled(values: Sequence[float]) -> list[float]:
    top = max(values, default=0.0)
    return [v / top if top > 0 else 0.0 for v in values]


def rank_sentences(sentences: Mapping[str, Sequence[Sentence]], sources: Sequence[str],
                   config: SummaryConfig
                   ) -> tuple[list[Candidate], list[Candidate], Resemblance]:
    """The usable sentences of the story's most central sources, best first; and all the
    story's usable sentences (for citations) with the near-duplicate test over them."""
    usable = _candidates(sentences, sources, config)
    central = set(_central_sources(usable, sources, config.sources_per_story))
    candidates = [c for c in usable if c.sentence.source in central]
    docs = {}
    for c in candidates:
        docs.setdefault(c.sentence.source, []).append(c.vector)
    centre = centroid(centroid(vs) for vs in docs.values())
    centrality = _scaled([cosine(c.vector, centre) for c in candidates])
    corroboration = _scaled(_corroboration(candidates))
    entities = _scaled(_entity_salience(candidates))
    for i, c in enumerate(candidates):
        position = (1.0 + c.rank) ** -config.position_decay
        c.score = c.quality * (config.centrality_weight * centrality[i]
                               + config.position_weight * position
                               + config.corroboration_weight * corroboration[i]
                               + config.entity_weight * entities[i])
    candidates.sort(key=lambda c: (-c.score, c.sentence.source, c.sentence.position))
    return candidates, usable, Resemblance(usable)


def summarise_story(sentences: Mapping[str, Sequence[Sentence]], sources: Sequence[str],
                    config: SummaryConfig, max_points: int | None = None,
                    max_words: int | None = None) -> list[SummaryPoint]:
    """The story's points, best first, each citing every source that states it."""
    max_points = config.points_per_story if max_points is None else max_points
    max_words = config.max_words if max_words is None else max_words
    ranked, usable, resemblance = rank_sentences(sentences, sources, config)
    chosen: list[Sentence] = []
    words = 0
    for c in ranked:
        if len(chosen) >= max_points or words >= max_words:
            break
        if any(resemblance(c.sentence, s) >= config.duplicate_similarity for s in chosen):
            continue
        chosen.append(c.sentence)
        words += len(c.sentence.text.split())
    return [SummaryPoint(s.text, _citations(s, usable, resemblance, config)) for s in chosen]


def _citations(sentence: Sentence, usable: Sequence[Candidate], resemblance: Resemblance,
               config: SummaryConfig) -> list[str]:
    """The sentence's source, then every other source with a near-duplicate of it."""
    cited = [sentence.source]
    for c in usable:
        if c.sentence.source not in cited and \
                resemblance(sentence, c.sentence) >= config.duplicate_similarity:
            cited.append(c.sentence.source)
    return cited


def briefing_summary(headline: str, story_points: Sequence[Sequence[SummaryPoint]],
                     config: SummaryConfig) -> Summary:
    """The top points across stories: the biggest story's first, then round-robin, within
    the word budget; at least one point per story when there are many stories."""
    limit = max(config.points_per_story, len(story_points))
    points: list[SummaryPoint] = []
    words = 0
    depth = 0
    while len(points) < limit and any(depth < len(p) for p in story_points):
        for pts in story_points:
            if depth >= len(pts) or len(points) >= limit:
                continue
            size = len(pts[depth].text.split())
            if points and words + size > config.max_words:
                continue
            points.append(pts[depth])
            words += size
        depth += 1
    return Summary(headline=headline, points=points)
