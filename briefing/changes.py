"""What changed in a folder's briefing: against the last briefing shown for the folder (a
Snapshot kept by briefing.last_seen), or since a date (the articles' dates).

A story of the new briefing is matched with the earlier story sharing most of its sources;
sharing none, it is new. Since a date, the earlier briefing is this one as the articles dated
before that day (and the undated ones) made it: a story all of whose sources are newer is
new, the newer sources of another joined it, and its summary changed if a point cites them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from briefing.hashing import text_bytes
from briefing.model import (
    Briefing,
    Changes,
    QuoteChange,
    RemovedArticle,
    RoleChange,
    Story,
    StoryChange,
)


@dataclass(frozen=True)
class StorySeen:
    id: str
    title: str
    sources: tuple[str, ...]
    summary: str  # digest of the story's points


@dataclass(frozen=True)
class Snapshot:
    """What an editor was shown of a briefing, enough to tell what changed since."""

    shown: str  # when (ISO time), or the date a `--since` compares with
    articles: Mapping[str, tuple[str, str | None]]  # id -> (content hash, title)
    stories: tuple[StorySeen, ...]
    people: Mapping[str, tuple[str, ...]]  # name -> roles
    quotes: frozenset[str]  # quote_key of each quote


def _digest(text: str) -> str:
    return hashlib.blake2b(text_bytes(text), digest_size=8).hexdigest()


def quote_key(speaker: str | None, text: str) -> str:
    return _digest(f"{speaker or ''}\n{' '.join(text.split())}")


def _summary(story: Story, kept: Collection[str] | None) -> str:
    points = [p.text for p in story.points
              if kept is None or all(s in kept for s in p.sources)]
    return _digest("\n".join(points))


def snapshot(briefing: Briefing, shown: str, kept: Collection[str] | None = None) -> Snapshot:
    """The briefing as shown at `shown`; with `kept`, as only those sources made it."""

    def old(sources: Collection[str]) -> list[str]:
        return [s for s in sources if kept is None or s in kept]

    stories = tuple(StorySeen(s.id, s.title, tuple(old(s.sources)), _summary(s, kept))
                    for s in briefing.stories if old(s.sources))
    people = {p.name: tuple(r for r in p.roles if old(p.role_sources.get(r, p.sources)))
              for p in briefing.people if old(p.sources)}
    return Snapshot(
        shown=shown,
        articles={a.id: (a.content_hash, a.title) for a in briefing.sources
                  if kept is None or a.id in kept},
        stories=stories, people=people,
        quotes=frozenset(quote_key(q.speaker, q.text) for q in briefing.quotes
                         if old(q.sources)))


def compare(before: Snapshot | None, briefing: Briefing, since: str = "last") -> Changes:
    """What `briefing` has that `before` did not (None: nothing to compare with)."""
    if before is None:
        return Changes(since=since, previous=None)
    now = snapshot(briefing, before.shown)
    owner = {source: seen for seen in before.stories for source in seen.sources}
    new_stories: list[StoryChange] = []
    joined: list[StoryChange] = []
    changed: list[StoryChange] = []
    for story, seen in zip(briefing.stories, now.stories, strict=True):
        shared: dict[str, int] = {}
        for source in story.sources:
            if source in owner:
                shared[owner[source].id] = shared.get(owner[source].id, 0) + 1
        if not shared:
            new_stories.append(StoryChange(story.id, story.title, tuple(story.sources)))
            continue
        match = next(s for s in before.stories if s.id == max(shared, key=shared.__getitem__))
        came = tuple(s for s in story.sources if s not in match.sources)
        if came:
            joined.append(StoryChange(story.id, story.title, came))
        if seen.summary != match.summary:
            changed.append(StoryChange(story.id, story.title, tuple(story.sources)))
    people = {p.name: p for p in briefing.people}
    new_roles = [RoleChange(name, role, tuple(people[name].role_sources.get(role, ())))
                 for name, roles in now.people.items() if name in before.people
                 for role in roles if role not in before.people[name]]
    return Changes(
        since=since, previous=before.shown, new_stories=tuple(new_stories),
        joined=tuple(joined),
        new_people=tuple(name for name in now.people if name not in before.people),
        new_roles=tuple(new_roles),
        new_quotes=tuple(QuoteChange(q.text, q.speaker, tuple(q.sources))
                         for q in briefing.quotes
                         if quote_key(q.speaker, q.text) not in before.quotes),
        changed_summaries=tuple(changed),
        updated=tuple(a for a, (digest, _) in now.articles.items()
                      if a in before.articles and before.articles[a][0] != digest),
        removed=tuple(RemovedArticle(a, title) for a, (_, title) in before.articles.items()
                      if a not in now.articles))


def changes_since(briefing: Briefing, day: str) -> Changes:
    """What the articles dated `day` (YYYY-MM-DD) or later brought to the briefing."""
    kept = {a.id for a in briefing.sources if not a.date or a.date[:10] < day}
    return compare(snapshot(briefing, day, kept), briefing, since=day)
