"""Words (content words, as every part of the digest counts them), and TF-IDF vectors with
cosine similarity on plain dicts for small comparisons; the stories and the summary work on
numpy arrays of global term ids instead (digest.features)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from operator import mul

Vector = dict[str, float]

STOPWORDS = frozenset("""
a about above after again against ago all almost also although always am among an and another
any anyone anything are around as at be because been before being below between both but by
can could did do does doing done down during each either else even ever every few for from
further had has have having he her here hers herself him himself his how however i if in into
is it its itself just last later least less like made make many may me might more most much
must my myself near neither new next no nor not now of off often on once one only or other
our ours ourselves out over own per quite rather really said same say says she should since
so some still such than that the their theirs them themselves then there these they this those
though through thus to too toward towards under until up upon us very via was we well were what
when where whether which while who whom whose why will with within without would yet you your
yours yourself told tell according also including week weeks day days year years time today
monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr
""".split())

_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")


@lru_cache(maxsize=1 << 18)
def normalise_word(token: str) -> str:
    """Lower-case, drop a possessive and fold a plural: "launches" -> "launch",
    "agencies" -> "agency", "crews" -> "crew"; "Roscosmos", "press" and "status" stay."""
    w = token.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'.-")
    if len(w) <= 4 or not w.isalpha():
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is", "os")):
        return w[:-1]
    return w


def content_words(text: str) -> list[str]:
    """The words that carry meaning: no stopwords, no one-letter tokens, no bare punctuation."""
    return [w for w in map(_content_word, _WORD.findall(text)) if w]


@lru_cache(maxsize=1 << 18)
def _content_word(token: str) -> str:
    """The token's content word, "" for none."""
    w = normalise_word(token)
    return w if len(w) > 1 and w not in STOPWORDS else ""


def all_words(text: str) -> list[str]:
    """Every word, lower-cased, for overlap measures where function words matter."""
    return [w for w in map(normalise_word, _WORD.findall(text)) if w]


def document_frequency(docs: Iterable[Iterable[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for terms in docs:
        df.update(set(terms))
    return df


def idf_table(df: Counter[str], n_docs: int) -> dict[str, float]:
    """Smoothed IDF, as scikit-learn computes it: never zero, never negative."""
    return {t: math.log((1 + n_docs) / (1 + d)) + 1.0 for t, d in df.items()}


def tfidf(terms: Iterable[str], idf: dict[str, float], weights: dict[str, float] | None = None
          ) -> Vector:
    """A unit-length TF-IDF vector (sub-linear term frequency); unknown terms get the top IDF."""
    counts = Counter(terms)
    if not counts:
        return {}
    top = max(idf.values(), default=1.0)
    vec = {t: (1.0 + math.log(c)) * idf.get(t, top) * (weights or {}).get(t, 1.0)
           for t, c in counts.items()}
    return normalise(vec)


def normalise(vec: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two unit vectors."""
    common = a.keys() & b.keys()
    total: float = sum(map(mul, map(a.__getitem__, common), map(b.__getitem__, common)))
    return total
