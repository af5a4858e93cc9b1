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
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefing.config import StoryConfig
from briefing.digest.similarity import (
    Vector,
    all_words,
    content_words,
    cosine,
    document_frequency,
    idf_table,
    tfidf,
)
from briefing.model import Article, ArticleAnalysis

TOP_TERMS = 30  # terms per article used to find candidate pairs
CANDIDATE_SHARE = 1 / 3  # a pair is compared when its top terms give this share of the bar
ENTITY_WEIGHT = 2.0  # a person or mission counts as much as two words
MIN_QUOTE_WORDS = 5
_QUOTED = re.compile(r"“([^”]{20,600})”|\"([^\"\n]{20,600})\"")


@dataclass
class Profile:
    """What clustering knows about one article."""

    index: int
    source: str
    vector: Vector = field(default_factory=dict)
    entities: set[str] = field(default_factory=set)  # people and missions, canonical names
    people: set[str] = field(default_factory=set)
    # long quotes: their words, and the speaker when the NLP attributed them
    quotes: list[tuple[frozenset[str], str | None]] = field(default_factory=list)


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


def _entity_token(name: str) -> str:
    return "@" + name.lower()


def build_profiles(articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis]
                   ) -> list[Profile]:
    term_lists: list[list[str]] = []
    profiles: list[Profile] = []
    for i, article in enumerate(articles):
        analysis = analyses.get(article.id)
        words = content_words(article.text)
        if article.title and not article.title_derived:
            words += content_words(article.title)
        profile = Profile(i, article.id)
        if analysis is not None:
            profile.entities.update(m.name for m in analysis.mentions
                                    if m.label in ("PERSON", "MISSION"))
            profile.people.update(m.name for m in analysis.mentions if m.label == "PERSON")
        if analysis is not None and analysis.quotes:
            quotes = [(q.text, q.speaker) for q in analysis.quotes]
        else:
            quotes = [(m.group(1) or m.group(2), None) for m in _QUOTED.finditer(article.text)]
        for quote, speaker in quotes:
            quote_words = all_words(quote)
            if len(quote_words) >= MIN_QUOTE_WORDS:
                profile.quotes.append((frozenset(quote_words), speaker))
        words += [_entity_token(e) for e in sorted(profile.entities)]
        term_lists.append(words)
        profiles.append(profile)
    idf = idf_table(document_frequency(term_lists), len(articles))
    for profile, words in zip(profiles, term_lists, strict=True):
        weights = {_entity_token(e): ENTITY_WEIGHT for e in profile.entities}
        profile.vector = tfidf(words, idf, weights)
    return profiles


def _candidates(profiles: Sequence[Profile]) -> dict[tuple[int, int], float]:
    """Pairs sharing strong, not-too-common terms, with a partial dot product as a guide."""
    n = len(profiles)
    df_cap = max(10, n // 20)  # terms in more articles find too many pairs to be useful
    postings: dict[str, list[tuple[int, float]]] = {}
    for p in profiles:
        top = sorted(p.vector.items(), key=lambda kv: -kv[1])[:TOP_TERMS]
        for term, weight in top:
            postings.setdefault(term, []).append((p.index, weight))
    partial: dict[tuple[int, int], float] = {}
    for plist in postings.values():
        if len(plist) < 2 or len(plist) > df_cap:
            continue
        for x in range(len(plist)):
            i, wi = plist[x]
            for y in range(x + 1, len(plist)):
                j, wj = plist[y]
                key = (i, j) if i < j else (j, i)
                partial[key] = partial.get(key, 0.0) + wi * wj
    return partial


def _quotes_shared(a: Profile, b: Profile) -> bool:
    """The same quote (most of its words) from the same speaker, when both are attributed."""
    for qa, speaker_a in a.quotes:
        for qb, speaker_b in b.quotes:
            if speaker_a and speaker_b and speaker_a != speaker_b:
                continue
            if len(qa & qb) >= 0.8 * min(len(qa), len(qb)):
                return True
    return False


def link(a: Profile, b: Profile, config: StoryConfig) -> Link | None:
    """The link between two articles, or None when they do not tell the same event: similar
    text, and then either very similar text, a shared person, two shared names (people or
    missions: a mission alone has many events) or the same quote."""
    similarity = cosine(a.vector, b.vector)
    if similarity < config.min_similarity:
        return None
    shared = sorted(a.entities & b.entities)
    quote = _quotes_shared(a, b)
    if (similarity >= config.strong_similarity or len(shared) >= 2 or quote
            or a.people & b.people):
        return Link(similarity, shared, quote)
    return None


def group_stories(articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis],
                  config: StoryConfig) -> list[Group]:
    """Sources grouped into stories, each group in the articles' order; groups in the order
    of their first source."""
    profiles = build_profiles(articles, analyses)
    links: dict[tuple[int, int], Link] = {}
    bar = config.min_similarity * CANDIDATE_SHARE
    for (i, j), partial in _candidates(profiles).items():
        if partial < bar:
            continue
        found = link(profiles[i], profiles[j], config)
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
    common = set.intersection(*(set(p.vector) for p in profiles))
    weight = {t: sum(p.vector[t] for p in profiles) for t in common if not t.startswith("@")}
    return [t for t, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def story_id(first_source: str) -> str:
    """Stable across reloads while the story's first source stays: a short hash of its id."""
    return "story-" + hashlib.sha1(first_source.encode("utf-8")).hexdigest()[:10]
