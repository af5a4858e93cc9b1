"""The extractive, cited summary of a story, and the briefing's summary across stories.

Per story, the first usable sentences of its most central sources are scored by
- centrality: closeness to the story's centroid (each source weighs the same),
- position: news puts what matters first,
- corroboration: how many other sources say something close,
- entities: the story's people and missions it names (when the NLP found them),
times how well it reads on its own (sentences.quality: no fragments, captions or questions;
a leading "He"/"That" costs). The TF-IDF vectors are the rows of one numpy matrix per story;
the similarities between them are summed term by term (sparse, no BLAS threads).

Points are then picked best first, never repeating a fact (see `Redundancy` and `_pick`): a
sentence whose content the points told already hold (`covered_share` of it) is skipped; one
telling the same point as a picked one (close text, the same quoted remark, or holding most of
that point's content) replaces it only when it adds clearly more, so of a fact told three ways
the fullest telling stays. Each point cites every source with a near-duplicate of it.

A single-source story is summarised by its best lead sentences (position times quality) under
the same redundancy rules, with no centrality or corroboration to compute.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from briefing.config import SummaryConfig
from briefing.digest.features import Lead, lead_of
from briefing.digest.sentences import Sentence
from briefing.digest.similarity import all_words
from briefing.digest.vocabulary import Vocabulary
from briefing.model import Summary, SummaryPoint

MIN_QUOTE_WORDS = 5  # a quote this long is matched on its words, in any order
MIN_FRAGMENT_WORDS = 2  # a shorter quoted fragment must stand verbatim in the other quote
CORROBORATION_MIN = 0.2  # a sentence elsewhere this similar corroborates
SWAP_SCORE = 0.5  # a point is replaced only by a sentence scoring this share of it or more
SWAP_GAIN = 3.0  # ... and adding more than this many times what the point would lose
_QUOTED_PHRASE = re.compile(r"[“\"]([^”\"]{6,})(?:[”\"]|$)")  # in a sentence, maybe unclosed
_INFLECTION = re.compile(r"(?<=[a-z]{3})(?:ing|ed)$")


def _quoted(sentence: Sentence) -> list[list[str]]:
    return [words for m in _QUOTED_PHRASE.finditer(sentence.text)
            if len(words := all_words(m.group(1))) >= MIN_FRAGMENT_WORDS]


def _same_remark(qa: list[str], qb: list[str]) -> bool:
    """The same quote: a long stretch sharing most of its words, or a quoted fragment
    ("certainly planning") standing word for word in the other."""
    short, long = sorted((qa, qb), key=len)
    if len(short) >= MIN_QUOTE_WORDS and len(set(short) & set(long)) >= 0.8 * len(set(short)):
        return True
    return f" {' '.join(short)} " in f" {' '.join(long)} "


@dataclass
class StoryRows:
    """The story's usable sentences as unit TF-IDF rows (IDF over these sentences); rows of
    one source are contiguous, sources in the story's order."""

    sentences: list[Sentence]
    quality: np.ndarray
    rank: np.ndarray  # among the source's usable sentences
    owner: np.ndarray  # index of the row's source in `sources`
    sources: list[str]
    starts: np.ndarray  # first row of each source
    matrix: np.ndarray  # rows x story terms, float32, unit rows
    vocabulary: Vocabulary
    terms: np.ndarray  # term id (of `vocabulary`) of each column
    shared: np.ndarray  # the columns of terms in two sentences or more
    idf: np.ndarray  # of each column

    @classmethod
    def of(cls, leads: Sequence[tuple[str, Lead]]) -> StoryRows:
        vocabulary = leads[0][1].vocabulary if leads else Vocabulary()
        leads = [(s, lead) for s, lead in leads if lead.sentences]
        sentences = [x for _, lead in leads for x in lead.sentences]
        m = len(sentences)
        counts = [len(lead.sentences) for _, lead in leads]
        if m:
            ids = np.concatenate([lead.ids for _, lead in leads])
            tf = np.concatenate([lead.tf for _, lead in leads])
            lengths = np.concatenate([lead.lengths for _, lead in leads])
        else:
            ids, tf, lengths = (np.zeros(0, np.int64), np.zeros(0, np.float32),
                                np.zeros(0, np.int64))
        terms, column = np.unique(ids, return_inverse=True)
        rows = np.repeat(np.arange(m), lengths)
        df = np.bincount(column, minlength=len(terms))
        idf = np.log((1.0 + m) / (1.0 + df)) + 1.0
        weight = tf * idf[column]
        norms = np.sqrt(np.bincount(rows, weights=weight * weight, minlength=m))
        matrix = np.zeros((m, len(terms)), dtype=np.float32)
        matrix[rows, column] = weight / np.where(norms > 0, norms, 1.0)[rows]
        return cls(sentences=sentences,
                   quality=np.concatenate([lead.quality for _, lead in leads]) if m
                   else np.zeros(0),
                   rank=np.concatenate([np.arange(c) for c in counts]) if m
                   else np.zeros(0, np.int64),
                   owner=np.repeat(np.arange(len(leads)), counts),
                   sources=[s for s, _ in leads],
                   starts=np.cumsum([0, *counts[:-1]]).astype(np.int64),
                   matrix=matrix, vocabulary=vocabulary, terms=terms,
                   shared=np.flatnonzero(df >= 2), idf=idf)

    def select(self, keep: np.ndarray) -> StoryRows:
        """The rows of the sources marked in `keep`, columns unchanged."""
        rows = keep[self.owner]
        index = np.flatnonzero(keep)
        renumber = np.full(len(self.sources), -1)
        renumber[index] = np.arange(len(index))
        counts = np.bincount(self.owner[rows], minlength=len(self.sources))[index]
        return StoryRows([s for s, r in zip(self.sentences, rows, strict=True) if r],
                     self.quality[rows], self.rank[rows], renumber[self.owner[rows]],
                     [self.sources[i] for i in index],
                     np.cumsum([0, *counts[:-1]]).astype(np.int64),
                     self.matrix[rows], self.vocabulary, self.terms, self.shared, self.idf)

    def similarity(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Cosines of the given rows (all by default) with every row, summed term by term
        over the sentences sharing it (rows hold a few terms each: sparse work, no BLAS). A
        term only one sentence holds adds nothing between two sentences: left out."""
        m = len(self.sentences)
        index = np.arange(m) if rows is None else rows
        position = np.full(m, -1)
        position[index] = np.arange(len(index))
        column, row = np.nonzero(self.matrix[:, self.shared].T)  # grouped by column
        weight = self.matrix[row, self.shared[column]]
        size = np.bincount(column, minlength=len(self.shared))[column]
        first = np.cumsum(np.r_[0, np.bincount(column, minlength=len(self.shared))])[column]
        mine = position[row] >= 0
        left = np.repeat(np.flatnonzero(mine), size[mine])
        offset = np.arange(len(left)) - np.repeat(np.cumsum(size[mine]) - size[mine],
                                                  size[mine])
        right = np.repeat(first[mine], size[mine]) + offset
        out = np.bincount(position[row[left]] * m + row[right],
                          weights=weight[left] * weight[right],
                          minlength=len(index) * m).reshape(len(index), m)
        out[np.arange(len(index)), index] = 1.0
        return out

    def source_vectors(self) -> np.ndarray:
        """Per source, the normalised sum of its rows."""
        return _unit(np.add.reduceat(self.matrix, self.starts, axis=0))


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def _scaled(values: np.ndarray) -> np.ndarray:
    top = values.max() if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def _central(story: StoryRows, limit: int) -> StoryRows:
    """The story restricted to its `limit` sources closest to its centre."""
    if len(story.sources) <= limit:
        return story
    docs = story.source_vectors()
    closeness = docs @ _unit(docs.sum(axis=0))
    keep = np.zeros(len(story.sources), dtype=bool)
    keep[np.argsort(-closeness, kind="stable")[:limit]] = True
    return story.select(keep)


def _corroboration(story: StoryRows, similarity: np.ndarray) -> np.ndarray:
    """For each sentence, the mean over the other sources of its best similarity there."""
    k = len(story.sources)
    if k < 2:
        return np.zeros(len(story.sentences))
    best = np.maximum.reduceat(similarity, story.starts, axis=1)
    best[np.arange(len(story.sentences)), story.owner] = 0.0
    best[best < CORROBORATION_MIN] = 0.0
    out: np.ndarray = best.sum(axis=1) / (k - 1)
    return out


def _entity_salience(sentences: Sequence[Sentence]) -> np.ndarray:
    """Names of people and missions weighted by how many sources of the story name them."""
    named: dict[str, set[str]] = {}
    for s in sentences:
        for name in s.people + s.missions:
            named.setdefault(name, set()).add(s.source)
    return np.array([sum(len(named[n]) for n in set(s.people + s.missions))
                     for s in sentences], dtype=np.float64)


class Redundancy:
    """Whether a sentence repeats a fact. Two sentences tell one point when their TF-IDF
    cosine reaches `duplicate_similarity` or they quote the same remark; `covered` is the
    share of a sentence's content that other sentences hold (word containment, not a
    symmetric cosine). Content is the sentence's content words with inflections folded
    ("plans", "planning" -> "plan"), a person's name parts folded into the person, and the
    reporting words ("confirmed", "press conference") left out, each weighted by its IDF."""

    def __init__(self, story: StoryRows, similarity: np.ndarray, config: SummaryConfig) -> None:
        self.story = story
        self.similarity = similarity
        self.config = config
        self._quotes: dict[int, list[list[str]]] = {}
        self._quoting: list[int] | None = None
        self._content: dict[int, dict[str, float]] = {}

    def quotes(self, i: int) -> list[list[str]]:
        if i not in self._quotes:
            self._quotes[i] = _quoted(self.story.sentences[i])
        return self._quotes[i]

    def same_remark(self, i: int, j: int) -> bool:
        return any(_same_remark(qa, qb) for qa in self.quotes(i) for qb in self.quotes(j))

    def same_point(self, i: int, j: int) -> bool:
        return bool(self.similarity[i, j] >= self.config.duplicate_similarity) or \
            self.same_remark(i, j)

    def quoting(self) -> list[int]:
        """The sentences holding a quote."""
        if self._quoting is None:
            self._quoting = [j for j, s in enumerate(self.story.sentences)
                             if ('"' in s.text or "“" in s.text) and self.quotes(j)]
        return self._quoting

    def content(self, i: int) -> dict[str, float]:
        found = self._content.get(i)
        if found is None:
            found = self._content[i] = _content(self.story, i)
        return found

    def covered(self, i: int, by: Sequence[int]) -> float:
        """The share of sentence i's content that the sentences `by` hold."""
        mine = self.content(i)
        total = sum(mine.values())
        if not total or not by:
            return 0.0
        held = set().union(*(self.content(j) for j in by))
        return sum(w for t, w in mine.items() if t in held) / total

    def new_content(self, i: int, by: Sequence[int]) -> float:
        held = set().union(*(self.content(j) for j in by)) if by else set()
        return sum(w for t, w in self.content(i).items() if t not in held)


def _content(story: StoryRows, i: int) -> dict[str, float]:
    columns = np.flatnonzero(story.matrix[i])
    sentence = story.sentences[i]
    parts = {w: "@" + name for name in sentence.people
             for w in map(str.lower, name.split()) if len(w) > 1}
    out: dict[str, float] = {}
    for column, term in zip(columns.tolist(), story.terms[columns].tolist(), strict=True):
        word = story.vocabulary.term(term)
        key = parts.get(word) or _fold(word)
        if key not in _REPORTING:
            out[key] = max(out.get(key, 0.0), float(story.idf[column]))
    return out


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    """A word without its -ing, -ed or final e: "planning", "planned", "plan" -> "plan";
    "scheduled", "schedule" -> "schedul"."""
    stem = _INFLECTION.sub("", word)
    if stem != word and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]
    return stem[:-1] if stem.endswith("e") and len(stem) > 3 else stem


# words that only say who reported a fact, not what it is
_REPORTING = frozenset(map(_fold, """
add added adding confirm confirmed announce announced note noted noting state stated report
reported reporter ask asked according statement spokesperson spokesman spokeswoman press
conference briefing interview""".split()))


def _pick(order: Sequence[int], score: np.ndarray, redundancy: Redundancy,
          config: SummaryConfig, max_points: int, max_words: int) -> list[int]:
    """Best first, skipping what repeats a point told. A sentence telling the same point as
    picked ones (see Redundancy) takes their place when it adds more than SWAP_GAIN times
    what they would lose and scores at least SWAP_SCORE of the best sentence that held their
    place; what a replaced point said stays told."""
    chosen: list[int] = []
    told: list[int] = []  # the picked points and those they replaced
    slot: dict[int, float] = {}  # picked point -> best score that held its place
    words = 0
    for i in order:
        if len(chosen) >= max_points or words >= max_words:
            break
        if any(redundancy.same_point(i, j) for j in told if j not in chosen):
            continue
        same = [j for j in chosen if redundancy.same_point(i, j)
                or redundancy.covered(j, [i]) >= config.covered_share]
        if same:
            others = [j for j in chosen if j not in same]
            gain = redundancy.new_content(i, others + same)
            loss = sum(redundancy.new_content(j, [*others, i]) for j in same)
            best = max(slot[j] for j in same)
            if gain <= SWAP_GAIN * loss or score[i] < SWAP_SCORE * best:
                continue
            at = chosen.index(same[0])
            chosen = [j for j in chosen if j not in same]
            chosen.insert(at, i)
            slot[i] = max(best, float(score[i]))
        elif redundancy.covered(i, told) >= config.covered_share:
            continue
        else:
            chosen.append(i)
            slot[i] = float(score[i])
        told.append(i)
        words = sum(len(redundancy.story.sentences[j].text.split()) for j in chosen)
    return chosen


def summarise_leads(leads: Sequence[tuple[str, Lead]], config: SummaryConfig,
                    max_points: int | None = None, max_words: int | None = None
                    ) -> list[SummaryPoint]:
    """The story's points, best first, each citing every source that states it. `leads`
    are the story's sources with their usable lead sentences, in the story's order."""
    max_points = config.points_per_story if max_points is None else max_points
    max_words = config.max_words if max_words is None else max_words
    if sum(1 for _, lead in leads if lead.sentences) == 1:
        return _lead_points(next(s for s, lead in leads if lead.sentences),
                            next(lead for _, lead in leads if lead.sentences),
                            config, max_points, max_words)
    usable = StoryRows.of(leads)
    if not usable.sentences:
        return []
    story = _central(usable, config.sources_per_story)
    similarity = story.similarity()
    centre = _unit(story.source_vectors().sum(axis=0))
    centrality = _scaled(story.matrix @ centre)
    corroboration = _scaled(_corroboration(story, similarity))
    entities = _scaled(_entity_salience(story.sentences))
    position = (1.0 + story.rank) ** -config.position_decay
    score = story.quality * (config.centrality_weight * centrality
                             + config.position_weight * position
                             + config.corroboration_weight * corroboration
                             + config.entity_weight * entities)
    order = sorted(range(len(story.sentences)), key=lambda i: (
        -score[i], story.sentences[i].source, story.sentences[i].position))
    chosen = _pick(order, score, Redundancy(story, similarity, config), config, max_points,
                   max_words)
    if story is not usable:
        index = {id(s): k for k, s in enumerate(usable.sentences)}
        chosen = [index[id(story.sentences[i])] for i in chosen]
    return _citations(usable, chosen, config)


def _citations(story: StoryRows, chosen: Sequence[int], config: SummaryConfig
               ) -> list[SummaryPoint]:
    """Each chosen sentence's source, then every other source with a near-duplicate of it
    (the same point, see Redundancy.same_point)."""
    rows = np.array(chosen, dtype=np.int64)
    similarity = story.similarity(rows)
    redundancy = Redundancy(story, np.zeros((0, 0)), config)
    points = []
    for i, row in zip(chosen, similarity, strict=True):
        same = set(np.flatnonzero(row >= config.duplicate_similarity).tolist())
        if redundancy.quotes(i):
            same.update(j for j in redundancy.quoting() if redundancy.same_remark(i, j))
        cited = [story.sentences[i].source]
        for j in sorted(same):
            if story.sentences[j].source not in cited:
                cited.append(story.sentences[j].source)
        sentence = story.sentences[i]
        points.append(SummaryPoint(sentence.text, cited, sentence.start, sentence.end))
    return points


def _lead_points(source: str, lead: Lead, config: SummaryConfig, max_points: int,
                 max_words: int) -> list[SummaryPoint]:
    """A single source's points: its best lead sentences (position times quality), in that
    order, skipping one that repeats a picked point."""
    story = StoryRows.of([(source, lead)])
    score = story.quality * (1.0 + story.rank) ** -config.position_decay
    order = sorted(range(len(story.sentences)), key=lambda i: (-score[i], i))
    order = order[:4 * max_points]
    full = np.zeros((len(story.sentences), len(story.sentences)), dtype=np.float32)
    full[order] = story.similarity(np.array(order, dtype=np.int64))
    chosen = _pick(order, score, Redundancy(story, full, config), config, max_points,
                   max_words)
    return [SummaryPoint(story.sentences[i].text, [source], story.sentences[i].start,
                         story.sentences[i].end) for i in chosen]


def summarise_story(sentences: Mapping[str, Sequence[Sentence]], sources: Sequence[str],
                    config: SummaryConfig, max_points: int | None = None,
                    max_words: int | None = None) -> list[SummaryPoint]:
    """The story's points from its sources' sentences (digest.sentences.article_sentences)."""
    vocabulary = Vocabulary()
    leads = [(s, lead_of(vocabulary, sentences.get(s, ()), config.skip_phrases,
                         config.sentences_per_source)) for s in sources]
    return summarise_leads(leads, config, max_points, max_words)


def briefing_summary(headline: str, stories: Sequence[tuple[str, Sequence[SummaryPoint]]],
                     config: SummaryConfig) -> Summary:
    """The top points across stories (each given as its id and points, biggest first):
    chosen round-robin, the biggest story's first, within the word budget, at least one
    point per story when there are many stories; then grouped by story, in the stories'
    order, each point marked with its story's id. A point that only repeats the headline
    is left out."""
    story_points = [[p for p in points if p.text != headline] for _, points in stories]
    limit = max(config.points_per_story, len(story_points))
    chosen: list[list[SummaryPoint]] = [[] for _ in story_points]
    count = words = depth = 0
    while count < limit and any(depth < len(p) for p in story_points):
        for k, pts in enumerate(story_points):
            if depth >= len(pts) or count >= limit:
                continue
            size = len(pts[depth].text.split())
            if count and words + size > config.max_words:
                continue
            chosen[k].append(pts[depth])
            count += 1
            words += size
        depth += 1
    points = [dataclasses.replace(p, story=story) for (story, _), picked
              in zip(stories, chosen, strict=True) for p in picked]
    return Summary(headline=headline, points=points)
