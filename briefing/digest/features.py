"""What the digest needs from one article, computed once per version of the article.

Sentences (split, cleaned, with their names), the content words that cluster it into a story,
its people and missions, and per summary setting its usable lead sentences as term arrays. The
features are memoised per version of the article (digest.memo), so reassembling after a
reload recomputes only the articles that changed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from typing import Any

import numpy as np

from briefing.digest.memo import ArticleMemo
from briefing.digest.sentences import Sentence, article_sentences, quality
from briefing.digest.similarity import content_words
from briefing.digest.vocabulary import Vocabulary
from briefing.model import Article, ArticleAnalysis

ENTITY_WEIGHT = 2.0  # in clustering, a person or mission counts as much as two words
# in clustering, a word of a name (a word the NLP found in a mention, or one capitalised
# inside a sentence) weighs twice: two events of one beat share the beat's words, the same
# event told twice shares its names (people, places, the storm, the party)
NAME_WEIGHT = 2.0

@dataclass
class Lead:
    """An article's first usable sentences under one summary setting, as term arrays: the
    k-th sentence's distinct content words are the next lengths[k] entries of ids (term ids
    of `vocabulary`), with their sub-linear frequencies in tf."""

    vocabulary: Vocabulary
    sentences: list[Sentence]
    quality: list[float]
    ids: np.ndarray
    tf: np.ndarray
    lengths: np.ndarray


@dataclass
class ArticleFeatures:
    source: str
    # for clustering: the content words of the body and of a real title, and the people and
    # missions ("@name"), as term ids of `vocabulary` with sub-linear counts (names:
    # ENTITY_WEIGHT)
    vocabulary: Vocabulary
    term_ids: np.ndarray
    term_tf: np.ndarray
    entities: frozenset[str]  # people and missions, canonical names
    # the article and its analysis, to split the sentences when first asked for
    origin: tuple[Article, ArticleAnalysis | None]
    _sentences: list[Sentence] | None = None
    _leads: dict[Hashable, Lead] = field(default_factory=dict)

    @property
    def sentences(self) -> list[Sentence]:
        """The article's sentences (digest.sentences.article_sentences); split on first use
        when these features came from the cache."""
        if self._sentences is None:
            self._sentences = article_sentences(*self.origin)
        return self._sentences

    def record(self) -> dict[str, Any]:
        """What `from_record` needs, as JSON data: terms as words, not this run's ids."""
        term = self.vocabulary.term
        return {"terms": [term(int(t)) for t in self.term_ids],
                "tf": self.term_tf.tolist(), "entities": sorted(self.entities)}

    @classmethod
    def from_record(cls, data: dict[str, Any], vocabulary: Vocabulary, article: Article,
                    analysis: ArticleAnalysis | None) -> ArticleFeatures:
        return cls(article.id, vocabulary,
                   np.array(vocabulary.ids(data["terms"]), dtype=np.int64),
                   np.array(data["tf"], dtype=np.float64), frozenset(data["entities"]),
                   (article, analysis))

    def lead(self, skip_phrases: Sequence[str], limit: int) -> Lead:
        """The first `limit` sentences that can stand in a summary, with their quality."""
        key = (tuple(skip_phrases), limit)
        found = self._leads.get(key)
        if found is None:
            found = self._leads[key] = lead_of(self.vocabulary, self.sentences, skip_phrases,
                                               limit)
        return found


def lead_of(vocabulary: Vocabulary, sentences: Sequence[Sentence], skip_phrases: Sequence[str],
            limit: int) -> Lead:
    picked: list[Sentence] = []
    qualities: list[float] = []
    for sentence in sentences:
        q = quality(sentence.text, skip_phrases)
        if q > 0:
            picked.append(sentence)
            qualities.append(q)
            if len(picked) >= limit:
                break
    flat = vocabulary.ids(t for s in picked for t in s.words)
    rows = np.repeat(np.arange(len(picked), dtype=np.int64), [len(s.words) for s in picked])
    pairs, counts = np.unique((rows << 32) | np.array(flat, dtype=np.int64),
                              return_counts=True)
    return Lead(vocabulary, picked, qualities, pairs & 0xFFFFFFFF,
                (1.0 + np.log(counts)).astype(np.float32),
                np.bincount(pairs >> 32, minlength=len(picked)))


def entity_token(name: str) -> str:
    return "@" + name.lower()


def compute(vocabulary: Vocabulary, article: Article, analysis: ArticleAnalysis | None
            ) -> ArticleFeatures:
    sentences = article_sentences(article, analysis)
    counts = Counter(chain.from_iterable(s.words for s in sentences))
    if article.title and not article.title_derived:
        counts.update(content_words(article.title))
    entities: frozenset[str] = frozenset()
    if analysis is not None:
        entities = frozenset(m.name for m in analysis.mentions
                             if m.label in ("PERSON", "MISSION"))
    names = _name_words(sentences, analysis)
    terms = {t: (1.0 + math.log(c)) * (NAME_WEIGHT if t in names else 1.0)
             for t, c in counts.items()}
    for name in sorted(entities):
        terms[entity_token(name)] = ENTITY_WEIGHT
    term_ids = np.array(vocabulary.ids(terms), dtype=np.int64)
    term_tf = np.array(list(terms.values()), dtype=np.float64)
    return ArticleFeatures(article.id, vocabulary, term_ids, term_tf, entities, (article, analysis),
                           sentences)


def _name_words(sentences: Sequence[Sentence], analysis: ArticleAnalysis | None
                ) -> frozenset[str]:
    """The content words of names: the words of the NLP's mentions (people, missions,
    organizations, places) and the capitalised words after a sentence's first word."""
    found = [m.text for m in analysis.mentions] if analysis is not None else []
    for sentence in sentences:
        found += [w for w in sentence.text.split()[1:] if w[:1].isupper()]
    return frozenset(content_words(" ".join(found)))


def features_memo(vocabulary: Vocabulary) -> ArticleMemo[ArticleFeatures]:
    """A memo of features whose term ids are `vocabulary`'s."""
    return ArticleMemo(partial(compute, vocabulary))


def article_features(articles: Sequence[Article], analyses: Mapping[str, ArticleAnalysis],
                     memo: ArticleMemo[ArticleFeatures] | None = None
                     ) -> dict[str, ArticleFeatures]:
    """Features of every article, keyed by source id; only new or changed articles are
    computed, the others come from `memo` (digest.state). One call is one assembly (one
    generation); without `memo`, every article is computed, over a new vocabulary."""
    memo = memo if memo is not None else features_memo(Vocabulary())
    out = {a.id: memo.get(a, analyses.get(a.id)) for a in articles}
    memo.next_generation()
    return out
