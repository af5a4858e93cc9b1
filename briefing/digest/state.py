"""What the digest keeps from one assembly to the next, in one object the caller owns.

A live session (briefing.session) keeps one DigestState for as long as it runs, so a reload
recomputes only the articles that changed and the stories they touch; a one-shot build makes
a new one. `assemble_briefing` takes it as an argument and holds its lock while it works: two
assemblies never share it unlocked, and without one an assembly starts from nothing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from briefing.digest.entities import Brought, brought_by
from briefing.digest.features import ArticleFeatures, features_memo
from briefing.digest.memo import ArticleMemo, IdentityMemo
from briefing.digest.stories import Grouping
from briefing.digest.vocabulary import Vocabulary

if TYPE_CHECKING:
    from briefing.digest.build import StoryText

# a vocabulary is outgrown when it holds this many times the words in use, and at least
# this many words (a small folder never pays for a new state)
OUTGROWN_FACTOR = 2
OUTGROWN_MIN_WORDS = 20_000


def _brought() -> ArticleMemo[Brought]:
    return ArticleMemo(brought_by)


@dataclass(eq=False)
class DigestState:
    """Memos of the digest: per article version its features (their term ids numbered by
    `vocabulary`) and what it brings to the entity merge; per set of sources a story's text;
    the last grouping into stories."""

    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    features: ArticleMemo[ArticleFeatures] = field(init=False)
    brought: ArticleMemo[Brought] = field(default_factory=_brought)
    stories: IdentityMemo[StoryText] = field(default_factory=IdentityMemo)
    grouping: Grouping | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    words_checked: int = 0  # the vocabulary's size when `outgrown` last counted

    def __post_init__(self) -> None:
        self.features = features_memo(self.vocabulary)

    def outgrown(self) -> bool:
        """True when most words of the vocabulary belong to article versions the memos no
        longer hold: a live session that ran through many edits. The vocabulary only grows
        (term ids must stay stable while features use them), so the session then starts a
        new DigestState: one assembly computes every article's features again, and memory
        stays proportional to the folder. Counting is only done once the vocabulary has
        grown by half since it last counted."""
        size = len(self.vocabulary)
        if size < max(OUTGROWN_MIN_WORDS, self.words_checked * 3 // 2):
            return False
        self.words_checked = size
        in_use = [f.term_ids for f in self.features.values()]
        used = len(np.unique(np.concatenate(in_use))) if in_use else 0
        return size > OUTGROWN_FACTOR * used
