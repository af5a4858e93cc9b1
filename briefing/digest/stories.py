"""Stories: the sources that cover the same event, grouped with a reason a reader can check.

Each article becomes a TF-IDF vector over its content words (the words of names weighing
more, digest.features.NAME_WEIGHT) and the people and missions the NLP found in it.
Candidate pairs come from an inverted index over each article's strongest terms (never all
pairs), and from the days articles' leads name (_lead_day_pairs). IDF counts IDF_PRIOR
articles more than the folder holds, so a small folder on one event does not fall apart
over its articles' own words. A pair's similarity is its cosine, lowered by the days between
the articles (time_factor), and halved when both articles name a few people, places or
missions (RICH_NAMES) and none of them the same (two events of one beat). Sources then join
by average-link clustering over that sparse graph: two groups join while the mean
similarity of all the pairs between them reaches `stories.min_similarity`, so an event and
its follow-ups, which share people, places and subject, hold together, while one loose pair
cannot chain two events into one story.

An article is dated by its own date and by the days its lead names with their year ("a
year after the bombings of July 7, 2005"); a pair's days are the fewest between those
(pair_days): an anniversary piece years later is as near to the reports of the day it
tells of as they are to one another, while two events of one beat years apart stay apart.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from briefing.config import StoryConfig
from briefing.date_labels import label
from briefing.digest.features import ArticleFeatures, article_features
from briefing.digest.vocabulary import Vocabulary
from briefing.hashing import text_bytes
from briefing.model import Article, ArticleAnalysis

TOP_TERMS = 30  # terms per article used to find candidate pairs
CANDIDATE_SHARE = 1 / 3  # a pair is compared when its top terms give this share of the bar
PAIRS_AT_ONCE = 1 << 21  # pair sums made in one go while finding candidates (memory bound)
# two articles sharing fewer terms never count as alike, however similar: in a small folder,
# where IDF (with IDF_PRIOR) tells common words little, two events share a name and a few words
MIN_SHARED_TERMS = 5
NEIGHBOURS = 25  # an article's pairs beyond its this many most similar count as 0
# IDF is taken as if the folder held this many more articles, none with the term: in a folder
# of ten articles on one event, the words all of them share are the event's, not common words,
# and a word in one article only must not outweigh them (IDF over ten articles alone splits
# such a folder into several stories); in a folder of hundreds it changes little
IDF_PRIOR = 50
# two articles each naming at least this many people, places and missions, none of them the
# same, tell two events of one beat (two earthquakes, two strikes): their similarity counts
# this share only
RICH_NAMES = 3
DISJOINT_SHARE = 0.5
# the days an article's lead (its first LEAD_SENTENCES sentences) names with their year, more
# than REF_DAYS from its own date, tell what it is about: it is dated by them too, and
# compared with the articles dated at most REF_DAYS from them (the reports of that day's
# event, or the previews before it)
LEAD_SENTENCES = 2
REF_DAYS = 10
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


@dataclass
class Profile:
    """What clustering knows about one article: its unit TF-IDF vector as term ids (of its
    features' vocabulary) and weights, its names and its date (a day number, None when the
    article has no full date)."""

    index: int
    source: str
    vocabulary: Vocabulary
    ids: np.ndarray
    weights: np.ndarray
    entities: frozenset[str] = frozenset()  # people and missions, canonical names
    day: int | None = None
    names: frozenset[str] = frozenset()  # people, places and missions, canonical, lowercase
    refs: tuple[int, ...] = ()  # the other days its lead names with their year (day numbers)

    @property
    def vector(self) -> dict[str, float]:
        term = self.vocabulary.term
        return {term(int(t)): float(w) for t, w in zip(self.ids, self.weights, strict=True)}


@dataclass(frozen=True)
class Group:
    """A story before its summary: sources by date and why they are together."""

    sources: list[str]
    reason: str
    similarity: float = 0.0


@dataclass(frozen=True, eq=False)
class Grouping:
    """One grouping's input and output, kept in the digest state (digest.state) so that an
    assembly with nothing changed does not group again: the story settings, each article's
    id and digest, and the features objects (the same objects while the article and its
    analysis are unchanged, digest.features.article_features)."""

    config: StoryConfig
    articles: tuple[tuple[str, str], ...]
    features: tuple[ArticleFeatures, ...]
    groups: tuple[Group, ...]

    def holds(self, config: StoryConfig, articles: Sequence[Article],
              features: Sequence[ArticleFeatures]) -> bool:
        return (self.config == config and len(self.features) == len(features)
                and all(a is b for a, b in zip(self.features, features, strict=True))
                and self.articles == tuple((a.id, a.digest) for a in articles))


def regroup(articles: Sequence[Article], config: StoryConfig,
            features: Mapping[str, ArticleFeatures], last: Grouping | None) -> Grouping:
    """group_stories of these articles, or `last` when it was made from the same input."""
    found = [features[a.id] for a in articles]
    if last is not None and last.holds(config, articles, found):
        return last
    return Grouping(config, tuple((a.id, a.digest) for a in articles), tuple(found),
                    tuple(group_stories(articles, {}, config, features)))


def build_profiles(articles: Sequence[Article], features: Mapping[str, ArticleFeatures]
                   ) -> list[Profile]:
    """Each article's TF-IDF vector (IDF over these articles and IDF_PRIOR more) and names."""
    n = len(articles)
    found = [features[a.id] for a in articles]
    ids = np.concatenate([f.term_ids for f in found] or [np.zeros(0, np.int64)])
    tf = np.concatenate([f.term_tf for f in found] or [np.zeros(0)])
    indptr = np.cumsum([0, *(len(f.term_ids) for f in found)])
    doc = np.repeat(np.arange(n), np.diff(indptr))
    df = np.bincount(ids)
    weight = tf * (np.log((1.0 + n + IDF_PRIOR) / (1.0 + df)) + 1.0)[ids]
    norms = np.sqrt(np.bincount(doc, weights=weight * weight, minlength=n))
    weight /= np.where(norms > 0, norms, 1.0)[doc]
    profiles = []
    for i, (a, f) in enumerate(zip(articles, found, strict=True)):
        day = day_of(a)
        profiles.append(Profile(i, a.id, f.vocabulary, ids[indptr[i]:indptr[i + 1]],
                                weight[indptr[i]:indptr[i + 1]], f.entities, day, _names(f),
                                _lead_days(f, day)))
    return profiles


def _names(features: ArticleFeatures) -> frozenset[str]:
    """The people, places and missions the NLP found in the article (without an analysis:
    its people and missions)."""
    analysis = features.origin[1]
    if analysis is None:
        return frozenset(name.lower() for name in features.entities)
    return frozenset(m.name.lower() for m in analysis.mentions
                     if m.label in ("PERSON", "PLACE", "MISSION"))


def _lead_days(features: ArticleFeatures, day: int | None) -> tuple[int, ...]:
    """The days the article's lead names to the day with their year ("July 7, 2005", not
    "July 7" or "last Thursday", which are read from the article's own date), more than
    REF_DAYS from its own date (a dateline, the week's events: nothing its date does not
    tell); none for an undated article or without an analysis."""
    analysis = features.origin[1]
    if analysis is None or day is None:
        return ()
    sentences = analysis.sentences
    end = (sentences[LEAD_SENTENCES - 1].end if len(sentences) >= LEAD_SENTENCES
           else len(features.origin[0].text))
    found = set()
    for mention in analysis.dates:
        if (mention.precision == "day" and mention.value and mention.start < end
                and _YEAR.search(mention.text)):
            named = _day_number(mention.value)
            if named is not None and abs(named - day) > REF_DAYS:
                found.add(named)
    return tuple(sorted(found))


def day_of(article: Article) -> int | None:
    """The article's date as a day number (date.toordinal), None without a full date."""
    if not article.date or len(article.date) != 10:
        return None
    return _day_number(article.date)


def _day_number(iso: str) -> int | None:
    """An ISO date as a day number (date.toordinal), None when it is no valid date."""
    try:
        return date.fromisoformat(iso).toordinal()
    except ValueError:
        return None


def _flat(profiles: Sequence[Profile]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All vectors end to end: term ids, weights, and where each article's part starts."""
    ids = np.concatenate([p.ids for p in profiles] or [np.zeros(0, np.int64)])
    weights = np.concatenate([p.weights for p in profiles] or [np.zeros(0)])
    return ids, weights, np.cumsum([0, *(len(p.ids) for p in profiles)])


def _candidates(profiles: Sequence[Profile], bar: float, limit: int | None = None
                ) -> list[tuple[int, int]]:
    """Pairs (i < j) whose strong, not-too-common terms alone give a dot product of `bar`:
    an inverted index over each article's TOP_TERMS heaviest terms (ties broken by
    Vocabulary.ranks, the same in every run), summed with numpy. With `limit`, each
    article i keeps its `limit` highest sums with later articles (ties all kept)."""
    if not profiles:
        return []
    n = len(profiles)
    limit = n if limit is None else max(1, limit)
    df_cap = max(10, n // 20)  # terms in more articles find too many pairs to be useful
    ids, weights, indptr = _flat(profiles)
    doc = np.repeat(np.arange(n), np.diff(indptr))
    by_weight = np.lexsort((profiles[0].vocabulary.ranks(ids), -weights, doc))
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
        table = sums.reshape(end - block, n)
        if limit < n:  # below each row's limit-th largest sum: left out
            floor = -np.partition(-table, limit - 1, axis=1)[:, limit - 1:limit]
            table = np.where(table >= floor, table, 0.0)
        i, j = np.nonzero((table >= bar) & (table > 0))
        found += zip((i + block).tolist(), j.tolist(), strict=True)
        block = end
    return found


def _lead_day_pairs(profiles: Sequence[Profile]) -> list[tuple[int, int]]:
    """Pairs (i < j) where one article's lead names a day (Profile.refs) at most REF_DAYS
    from the other's date: compared whatever their strongest terms, as a piece written
    years later tells the event in other words than its first reports. Each named day
    pairs with the 2 * NEIGHBOURS articles dated nearest it at most."""
    dated = sorted((p.day, p.index) for p in profiles if p.day is not None)
    days = [day for day, _ in dated]
    found: set[tuple[int, int]] = set()
    for p in profiles:
        for ref in p.refs:
            near = dated[bisect.bisect_left(days, ref - REF_DAYS):
                         bisect.bisect_right(days, ref + REF_DAYS)]
            near = sorted(near, key=lambda d: (abs(d[0] - ref), d[1]))[:2 * NEIGHBOURS]
            found.update((min(p.index, j), max(p.index, j)) for _, j in near if j != p.index)
    return sorted(found)


def _cosines(profiles: Sequence[Profile], pairs: Sequence[tuple[int, int]]
             ) -> tuple[np.ndarray, np.ndarray]:
    """The cosine of each pair (sorted by first article) and how many terms the two share:
    the first article's vector spread into a dense array once, the partners' terms gathered
    from it."""
    ids, weights, indptr = _flat(profiles)
    dense = np.zeros(int(ids.max()) + 1 if len(ids) else 1)
    left = np.array([i for i, _ in pairs], dtype=np.int64)
    right = np.array([j for _, j in pairs], dtype=np.int64)
    out = np.zeros(len(pairs))
    shared = np.zeros(len(pairs), dtype=np.int64)
    bounds: np.ndarray | list[int] = (np.flatnonzero(np.r_[True, left[1:] != left[:-1], True])
                                      if len(pairs) else [])
    for start, end in zip(bounds[:-1], bounds[1:], strict=True):
        p = profiles[int(left[start])]
        dense[p.ids] = p.weights
        partners = right[start:end]
        lengths = indptr[partners + 1] - indptr[partners]
        at = np.repeat(indptr[partners] - (np.cumsum(lengths) - lengths), lengths) + \
            np.arange(int(lengths.sum()))
        rows = np.repeat(np.arange(end - start), lengths)
        mine = dense[ids[at]]
        out[start:end] = np.bincount(rows, weights=mine * weights[at], minlength=end - start)
        shared[start:end] = np.bincount(rows, weights=mine > 0, minlength=end - start)
        dense[p.ids] = 0.0
    return out, shared


def time_factor(days: np.ndarray, config: StoryConfig) -> np.ndarray:
    """How much of their similarity two articles `days` apart keep: 1 / (1 + days /
    config.day_scale), so follow-ups days or weeks apart still join, and two events of one
    beat years apart do not (NaN, no date: all of it; day_scale 0: dates do not count)."""
    if config.day_scale <= 0:
        return np.ones_like(days)
    kept: np.ndarray = np.where(np.isnan(days), 1.0, 1.0 / (1.0 + days / config.day_scale))
    return kept


def pair_days(profiles: Sequence[Profile], left: np.ndarray, right: np.ndarray
              ) -> np.ndarray:
    """The days between the two articles of each pair, NaN when one is undated: the fewest
    between the days each is dated by, its own date and the days its lead names
    (Profile.refs)."""
    days = np.array([np.nan if p.day is None else p.day for p in profiles], dtype=np.float64)
    gap: np.ndarray = np.abs(days[left] - days[right])
    named = np.array([bool(p.refs) for p in profiles], dtype=bool)
    for k in np.flatnonzero(~np.isnan(gap) & (named[left] | named[right])).tolist():
        a, b = profiles[int(left[k])], profiles[int(right[k])]
        if a.day is not None and b.day is not None:
            gap[k] = min(abs(x - y) for x in (a.day, *a.refs) for y in (b.day, *b.refs))
    return gap


def _nearest(left: np.ndarray, right: np.ndarray, similarity: np.ndarray, n: int,
             limit: int) -> np.ndarray:
    """Which pairs are among the `limit` most similar of either article: the graph stays
    sparse in a folder where everything is a little alike."""
    keep = np.zeros(len(left), dtype=bool)
    for side in (left, right):
        order = np.lexsort((-similarity, side))
        start = np.searchsorted(side[order], np.arange(n))
        rank = np.arange(len(order)) - start[side[order]]
        keep[order[rank < limit]] = True
    return keep


def group_stories(articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis],
                  config: StoryConfig, features: Mapping[str, ArticleFeatures] | None = None
                  ) -> list[Group]:
    """Sources grouped into stories by average-link clustering: two groups join while the
    mean similarity over all pairs between them is at least config.min_similarity and their
    closest pair reaches config.min_pair_similarity; the closest groups join first. A
    pair's similarity is the cosine of its vectors (content words, names weighing more,
    people and missions) times the time_factor of its days (pair_days); a pair whose names
    are both rich (RICH_NAMES) yet disjoint counts DISJOINT_SHARE of it. A pair never
    compared, sharing fewer than MIN_SHARED_TERMS terms, or beyond both articles' NEIGHBOURS
    most similar counts 0. Each group lists its sources by date (undated last, then in the
    articles' order); groups come in the order of their first article. `features`
    (digest.features.article_features) saves recomputing them."""
    if features is None:
        features = article_features(articles, analyses)
    profiles = build_profiles(articles, features)
    pairs = sorted({*_candidates(profiles, config.min_similarity * CANDIDATE_SHARE,
                                 2 * NEIGHBOURS), *_lead_day_pairs(profiles)})
    cosines, shared = _cosines(profiles, pairs)
    left = np.array([i for i, _ in pairs], dtype=np.int64)
    right = np.array([j for _, j in pairs], dtype=np.int64)
    common = np.array([len(profiles[i].names & profiles[j].names) for i, j in pairs],
                      dtype=np.float64)
    rich = np.array([len(p.names) >= RICH_NAMES for p in profiles], dtype=bool)
    found = cosines * time_factor(pair_days(profiles, left, right), config)
    found = np.where(rich[left] & rich[right] & (common == 0), found * DISJOINT_SHARE, found)
    keep = (shared >= MIN_SHARED_TERMS) & (found > 0) & (found >= config.min_similarity)
    left, right, found = left[keep], right[keep], found[keep]
    keep = _nearest(left, right, found, len(profiles), NEIGHBOURS)
    similarity = dict(zip(zip(left[keep].tolist(), right[keep].tolist(), strict=True),
                          found[keep].tolist(), strict=True))
    clusters = sorted(_average_link(len(profiles), similarity, config.min_similarity,
                                    config.min_pair_similarity), key=min)
    label = np.zeros(len(profiles), dtype=np.int64)
    for k, indices in enumerate(clusters):
        label[indices] = k
    inside = np.zeros(len(clusters))  # the sum of each cluster's pair similarities
    for (i, j), s in similarity.items():
        if label[i] == label[j]:
            inside[label[i]] += s
    groups = []
    for indices, total in zip(clusters, inside.tolist(), strict=True):
        indices.sort(key=lambda i: (profiles[i].day is None, profiles[i].day or 0, i))
        groups.append(_group([profiles[i] for i in indices], total))
    return groups


def _average_link(n: int, similarity: Mapping[tuple[int, int], float], bar: float,
                  support: float) -> list[list[int]]:
    """Average-link agglomerative clustering over a sparse similarity graph: the two groups
    with the highest mean similarity over all their pairs join while it is at least `bar`
    (and above 0), provided their closest pair reaches `support` (in a small folder, where
    IDF cannot tell common words, two events' articles are all a little alike). A heap of
    candidate joins, brought up to date when popped."""
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # between groups: the sum of their pairs' similarities, and the best pair
    sums: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    best: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for (i, j), s in similarity.items():
        sums[i][j] = sums[j][i] = best[i][j] = best[j][i] = s
    heap = [(-s, i, j) for (i, j), s in similarity.items()]
    heapq.heapify(heap)
    while heap:
        mean, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in sums[a]:
            continue
        current = sums[a][b] / (len(members[a]) * len(members[b]))
        if current < -mean:  # one of the two grew since: its mean fell
            if current >= bar and current > 0:
                heapq.heappush(heap, (-current, a, b))
            continue
        if current > -mean:  # the pair's sum grew: a fresher entry is in the heap
            continue
        if current <= 0 or current < bar:
            break
        if best[a][b] < support:
            continue
        keep, gone = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        members[keep] += members.pop(gone)
        top = best.pop(gone)
        size = len(members[keep])
        # only the sums with the smaller group's neighbours grow; the other means of the
        # kept group fall, and their entries are brought down when popped
        for other, s in sums.pop(gone).items():
            del sums[other][gone]
            del best[other][gone]
            if other != keep:
                total = sums[keep][other] = sums[other][keep] = sums[keep].get(other, 0.0) + s
                best[keep][other] = best[other][keep] = max(best[keep].get(other, 0.0),
                                                            top[other])
                mean = total / (size * len(members[other]))
                if mean >= bar:
                    heapq.heappush(heap, (-mean, min(keep, other), max(keep, other)))
    return list(members.values())


def _group(profiles: list[Profile], total: float) -> Group:
    """The group and its reason: the names most of its sources share (else its heaviest
    common words), the mean similarity of its pairs (`total` is their sum), the days its
    dates span and the days a source's lead names that date it near another source."""
    sources = [p.source for p in profiles]
    if len(profiles) == 1:
        return Group(sources, "single source: no other source tells this event")
    mean = total / (len(profiles) * (len(profiles) - 1) / 2)
    counts: Counter[str] = Counter(name for p in profiles for name in p.entities)
    shared = [name for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
              if count >= 2][:4]
    parts = []
    if shared:
        parts.append("share " + ", ".join(shared))
    elif terms := _shared_terms(profiles):
        parts.append("share the words " + ", ".join(terms))
    parts.append(f"similarity {mean:.2f}")
    days = [p.day for p in profiles if p.day is not None]
    if len(days) >= 2:
        span = max(days) - min(days)
        parts.append("same day" if span == 0 else f"{span} day{'s' if span > 1 else ''} "
                     + ("apart" if len(profiles) == 2 else "from first to last"))
    if named := _linking_days(profiles):
        parts.append("a lead names " + ", ".join(
            label(date.fromordinal(day).isoformat(), "day") for day in named[:2]))
    return Group(sources, "; ".join(parts), mean)


def _linking_days(profiles: Sequence[Profile]) -> list[int]:
    """The days a source's lead names (Profile.refs) that bring it nearer another source
    of the group than their dates do."""
    dated = [p for p in profiles if p.day is not None]
    return sorted({ref for p in dated for ref in p.refs for q in dated
                   if q.day is not None and p.day is not None
                   and abs(ref - q.day) <= REF_DAYS < abs(p.day - q.day)})


def _shared_terms(profiles: Sequence[Profile], limit: int = 4) -> list[str]:
    """The heaviest words most of the sources (and at least two) have in common, for the
    reason line."""
    vectors = [p.vector for p in profiles]
    held = Counter(t for v in vectors for t in v)
    enough = max(2, (len(vectors) + 1) // 2)
    weight = {t: sum(v.get(t, 0.0) for v in vectors) for t, count in held.items()
              if count >= enough and not t.startswith("@")}
    return [t for t, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def story_id(first_source: str) -> str:
    """Stable across reloads while the story's first source stays: a short hash of its id."""
    return "story-" + hashlib.sha1(text_bytes(first_source)).hexdigest()[:10]
