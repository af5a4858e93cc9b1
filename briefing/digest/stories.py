"""Stories: the sources that cover the same event, grouped with a reason a reader can check.

Each article becomes a TF-IDF vector over its content words and the people and missions the
NLP found in it. Candidate pairs come from an inverted index over each article's strongest
terms (never all pairs). A pair is linked when its text is very similar, or similar and it
shares a person, two names (people or missions) or the same quote from the same speaker;
generic words such as an agency name never link on their own. Clusters then merge average-link
style: two groups join only when at least half of the pairs between them are links, so one
loose pair cannot chain two events into one story.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from briefing.config import StoryConfig
from briefing.digest.features import ArticleFeatures, compute, term_of, term_ranks
from briefing.digest.memo import IdentityMemo
from briefing.model import Article, ArticleAnalysis

TOP_TERMS = 30  # terms per article used to find candidate pairs
CANDIDATE_SHARE = 1 / 3  # a pair is compared when its top terms give this share of the bar
PAIRS_AT_ONCE = 1 << 21  # pair sums made in one go while finding candidates (memory bound)


@dataclass
class Profile:
    """What clustering knows about one article: its unit TF-IDF vector as global term ids
    (digest.features.term_id) and weights, its names and its long quotes."""

    index: int
    source: str
    ids: np.ndarray
    weights: np.ndarray
    entities: frozenset[str] = frozenset()  # people and missions, canonical names
    people: frozenset[str] = frozenset()
    # long quotes: their words, and the speaker when the NLP attributed them
    quotes: list[tuple[frozenset[str], str | None]] = field(default_factory=list)

    @property
    def vector(self) -> dict[str, float]:
        return {term_of(int(t)): float(w) for t, w in zip(self.ids, self.weights, strict=True)}


@dataclass
class Link:
    similarity: float
    shared: list[str]
    quote: bool


@dataclass
class Group:
    """A story before its summary: sources in reading order and why they are together."""

    sources: list[str]
    reason: str
    similarity: float = 0.0


def build_profiles(articles: Sequence[Article], features: Mapping[str, ArticleFeatures]
                   ) -> list[Profile]:
    """Each article's TF-IDF vector (smoothed IDF over these articles) and names."""
    n = len(articles)
    found = [features[a.id] for a in articles]
    ids = np.concatenate([f.term_ids for f in found] or [np.zeros(0, np.int64)])
    tf = np.concatenate([f.term_tf for f in found] or [np.zeros(0)])
    indptr = np.cumsum([0, *(len(f.term_ids) for f in found)])
    doc = np.repeat(np.arange(n), np.diff(indptr))
    df = np.bincount(ids)
    weight = tf * (np.log((1.0 + n) / (1.0 + df)) + 1.0)[ids]
    norms = np.sqrt(np.bincount(doc, weights=weight * weight, minlength=n))
    weight /= np.where(norms > 0, norms, 1.0)[doc]
    return [Profile(i, a.id, ids[indptr[i]:indptr[i + 1]], weight[indptr[i]:indptr[i + 1]],
                    f.entities, f.people, f.quotes)
            for i, (a, f) in enumerate(zip(articles, found, strict=True))]


def _flat(profiles: Sequence[Profile]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All vectors end to end: term ids, weights, and where each article's part starts."""
    ids = np.concatenate([p.ids for p in profiles] or [np.zeros(0, np.int64)])
    weights = np.concatenate([p.weights for p in profiles] or [np.zeros(0)])
    return ids, weights, np.cumsum([0, *(len(p.ids) for p in profiles)])


def _candidates(profiles: Sequence[Profile], bar: float) -> list[tuple[int, int]]:
    """Pairs (i < j) whose strong, not-too-common terms alone give a dot product of `bar`:
    an inverted index over each article's TOP_TERMS heaviest terms (ties broken by
    features.term_ranks, the same in every run), summed with numpy."""
    n = len(profiles)
    df_cap = max(10, n // 20)  # terms in more articles find too many pairs to be useful
    ids, weights, indptr = _flat(profiles)
    doc = np.repeat(np.arange(n), np.diff(indptr))
    by_weight = np.lexsort((term_ranks(ids), -weights, doc))
    top = by_weight[np.arange(len(ids)) - indptr[doc[by_weight]] < TOP_TERMS]
    order = top[np.lexsort((doc[top], ids[top]))]
    doc, term, weight = doc[order], ids[order], weights[order]
    if not len(term):
        return []
    first = np.flatnonzero(np.r_[True, term[1:] != term[:-1]])
    size = np.diff(np.r_[first, len(term)])
    useful = np.repeat((size >= 2) & (size <= df_cap), size)
    # each posting pairs with the postings after it in its term's list (later articles).
    # The sums are made for a block of first articles at a time, in a dense block-by-n
    # table: memory stays bounded (all pairs at once took 450 MB at 5,000 articles).
    after = np.where(useful, np.repeat(first + size, size) - np.arange(len(term)) - 1, 0)
    by_doc = np.argsort(doc, kind="stable")  # the postings of each article, in term order
    doc_start = np.searchsorted(doc[by_doc], np.arange(n + 1))
    pairs_before = np.r_[0, np.cumsum(after[by_doc])][doc_start]  # pairs of articles < i
    rows = max(1, PAIRS_AT_ONCE // max(n, 1))
    found: list[tuple[int, int]] = []
    block = 0
    while block < n:
        end = min(n, block + rows,
                  max(block + 1, int(np.searchsorted(pairs_before,
                                                     pairs_before[block] + PAIRS_AT_ONCE,
                                                     side="right")) - 1))
        postings = by_doc[doc_start[block]:doc_start[end]]
        counts = after[postings]
        left = np.repeat(postings, counts)
        right = left + np.arange(len(left)) - np.repeat(np.cumsum(counts) - counts, counts) + 1
        sums = np.bincount((doc[left] - block) * n + doc[right],
                           weights=weight[left] * weight[right], minlength=(end - block) * n)
        i, j = np.nonzero(sums.reshape(end - block, n) >= bar)
        found += zip((i + block).tolist(), j.tolist(), strict=True)
        block = end
    return found


def _cosines(profiles: Sequence[Profile], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """The cosine of each pair (sorted by first article): the first article's vector spread
    into a dense array once, the partners' terms gathered from it."""
    ids, weights, indptr = _flat(profiles)
    dense = np.zeros(int(ids.max()) + 1 if len(ids) else 1)
    left = np.array([i for i, _ in pairs], dtype=np.int64)
    right = np.array([j for _, j in pairs], dtype=np.int64)
    out = np.zeros(len(pairs))
    bounds = np.flatnonzero(np.r_[True, left[1:] != left[:-1], True]) if len(pairs) else []
    for start, end in zip(bounds[:-1], bounds[1:], strict=True):
        p = profiles[int(left[start])]
        dense[p.ids] = p.weights
        partners = right[start:end]
        lengths = indptr[partners + 1] - indptr[partners]
        at = np.repeat(indptr[partners] - (np.cumsum(lengths) - lengths), lengths) + \
            np.arange(int(lengths.sum()))
        out[start:end] = np.bincount(np.repeat(np.arange(end - start), lengths),
                                     weights=dense[ids[at]] * weights[at],
                                     minlength=end - start)
        dense[p.ids] = 0.0
    return out


def _quotes_shared_in(memo: IdentityMemo[bool]) -> Callable[[Profile, Profile], bool]:
    """Whether two articles share a quote, kept in `memo` for the pairs of the last grouping:
    the quote lists are the articles' memoised features, the same objects from one reload to
    the next while the articles do not change."""

    def shared(a: Profile, b: Profile) -> bool:
        return bool(a.quotes and b.quotes) and memo.get(
            (a.quotes, b.quotes), lambda: _quotes_shared(a, b))

    return shared


def _quotes_shared(a: Profile, b: Profile) -> bool:
    """The same quote (most of its words) from the same speaker, when both are attributed."""
    for qa, speaker_a in a.quotes:
        for qb, speaker_b in b.quotes:
            if speaker_a and speaker_b and speaker_a != speaker_b:
                continue
            if len(qa & qb) >= 0.8 * min(len(qa), len(qb)):
                return True
    return False


def link(a: Profile, b: Profile, similarity: float, config: StoryConfig,
         shares_quote: Callable[[Profile, Profile], bool] = _quotes_shared) -> Link | None:
    """The link between two articles whose vectors have this cosine, or None when they do
    not tell the same event: similar text, and then either very similar text, a shared
    person, two shared names (people or missions: a mission alone has many events) or the
    same quote."""
    if similarity < config.min_similarity:
        return None
    shared = sorted(a.entities & b.entities)
    quote = shares_quote(a, b)
    if (similarity >= config.strong_similarity or len(shared) >= 2 or quote
            or a.people & b.people):
        return Link(similarity, shared, quote)
    return None


def group_stories(articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis],
                  config: StoryConfig, features: Mapping[str, ArticleFeatures] | None = None,
                  shared_quotes: IdentityMemo[bool] | None = None) -> list[Group]:
    """Sources grouped into stories, each group in the articles' order; groups in the order
    of their first source. `features` (digest.features.article_features) saves recomputing
    them; `shared_quotes` keeps which pairs share a quote between groupings (digest.state)."""
    memo: IdentityMemo[bool] = shared_quotes if shared_quotes is not None else IdentityMemo()
    quotes_shared = _quotes_shared_in(memo)
    if features is None:
        features = {a.id: compute(a, analyses.get(a.id)) for a in articles}
    profiles = build_profiles(articles, features)
    links: dict[tuple[int, int], Link] = {}
    pairs = _candidates(profiles, config.min_similarity * CANDIDATE_SHARE)
    for (i, j), similarity in zip(pairs, _cosines(profiles, pairs).tolist(), strict=True):
        found = link(profiles[i], profiles[j], similarity, config, quotes_shared)
        if found is not None:
            links[(i, j)] = found
    cluster_of = list(range(len(profiles)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(profiles))}
    between: dict[int, dict[int, int]] = {i: {} for i in range(len(profiles))}  # link counts
    for i, j in links:
        between[i][j] = between[j][i] = 1
    for (i, j), _ in sorted(links.items(), key=lambda kv: -kv[1].similarity):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        if between[ci][cj] < config.min_linked_share * len(members[ci]) * len(members[cj]):
            continue
        keep, gone = (ci, cj) if len(members[ci]) >= len(members[cj]) else (cj, ci)
        for x in members[gone]:
            cluster_of[x] = keep
        members[keep] += members.pop(gone)
        for other, count in between.pop(gone).items():
            del between[other][gone]
            if other != keep:
                between[keep][other] = between[keep].get(other, 0) + count
                between[other][keep] = between[keep][other]
    memo.next_generation()
    groups = []
    for indices in sorted(members.values(), key=min):
        indices.sort()
        groups.append(_group([profiles[i] for i in indices], links))
    return groups


def _group(profiles: list[Profile], links: Mapping[tuple[int, int], Link]) -> Group:
    sources = [p.source for p in profiles]
    if len(profiles) == 1:
        return Group(sources, "single source: no other source tells this event")
    inside = [links[(a.index, b.index)] for x, a in enumerate(profiles)
              for b in profiles[x + 1:] if (a.index, b.index) in links]
    similarity = sum(lk.similarity for lk in inside) / len(inside)
    counts: Counter[str] = Counter(name for lk in inside for name in lk.shared)
    parts = []
    if counts:
        parts.append("share " + ", ".join(name for name, _ in counts.most_common(4)))
    elif terms := _shared_terms(profiles):
        parts.append("share the words " + ", ".join(terms))
    if any(lk.quote for lk in inside):
        parts.append("a quote")
    parts = [" and ".join(parts)] if parts else []
    return Group(sources, "; ".join([*parts, f"text similarity {similarity:.2f}"]), similarity)


def _shared_terms(profiles: Sequence[Profile], limit: int = 4) -> list[str]:
    """The heaviest words the sources have in common, for the reason line."""
    vectors = [p.vector for p in profiles]
    common = set.intersection(*map(set, vectors))
    weight = {t: sum(v[t] for v in vectors) for t in common if not t.startswith("@")}
    return [t for t, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def story_id(first_source: str) -> str:
    """Stable across reloads while the story's first source stays: a short hash of its id."""
    return "story-" + hashlib.sha1(first_source.encode("utf-8")).hexdigest()[:10]
