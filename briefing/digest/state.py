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

from briefing.digest.entities import Brought, brought_by
from briefing.digest.features import ArticleFeatures, features_memo
from briefing.digest.memo import ArticleMemo, IdentityMemo
from briefing.digest.stories import Grouping
from briefing.digest.vocabulary import Vocabulary

if TYPE_CHECKING:
    from briefing.digest.build import StoryText


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

    def __post_init__(self) -> None:
        self.features = features_memo(self.vocabulary)
