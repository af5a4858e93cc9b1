"""Domain objects shared by every layer: plain dataclasses (one derived value: Article.digest).
What ingest and the NLP make (Article, ArticleAnalysis, LoadWarning) is frozen; the many
small mention records an analysis holds use slots (less memory, quicker to make).

The flow is Article (ingest) -> ArticleAnalysis (nlp, one per article, cacheable)
-> Briefing (aggregate: people, missions, stories, summary).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from briefing.hashing import text_bytes

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class LoadWarning:
    """A file that was skipped, truncated or only partly understood."""

    path: str
    message: str


# What the NLP reads of an article: its digest keys the analyses, digests and briefings
# stored for it (not its path, so a renamed file keeps them).
KEYED_FIELDS = ("text", "title", "title_derived", "outlet", "date", "dateline", "section",
                "author", "url")


@dataclass(frozen=True)
class Article:
    """One cleaned source. `id` is stable across reloads: the path relative to the seeds
    folder, with `#N` appended for the N-th entry of a feed or JSON list. `digest` is made
    from the KEYED_FIELDS when the article is made (also by dataclasses.replace)."""

    id: str
    path: str
    text: str
    title: str | None = None
    title_derived: bool = False
    outlet: str | None = None
    date: str | None = None  # YYYY-MM-DD
    dateline: str | None = None
    section: str | None = None
    author: str | None = None
    url: str | None = None
    content_hash: str = ""
    removed: list[str] = field(default_factory=list)  # furniture lines dropped by cleaning
    digest: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        made = hashlib.sha256()
        for name in KEYED_FIELDS:
            value = getattr(self, name)
            data = (b"s" + text_bytes(value) if isinstance(value, str)
                    else text_bytes(repr(value)))
            made.update(b"%d:" % len(data))
            made.update(data)
        object.__setattr__(self, "digest", made.hexdigest())

    @property
    def words(self) -> int:
        """Words of the text, a character each in scripts written without spaces."""
        # imported here: briefing.ingest imports this module
        from briefing.ingest.shapes import words

        return len(words(self.text))

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's cleaned text: character offsets into Article.text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A mention of an entity in one article, already resolved to its canonical name within
    that article (`name`), with the surface form as written (`text`)."""

    name: str
    text: str
    label: str  # PERSON, MISSION, ORG, PLACE, STORM ("Hurricane Odile": name "Odile")
    start: int
    end: int
    sentence: int  # index into ArticleAnalysis.sentences


@dataclass(frozen=True, slots=True)
class RoleMention:
    person: str  # canonical name within the article
    role: str  # as the text states it: "NASA Administrator", "Roscosmos cosmonaut"
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class CrewLink:
    mission: str
    person: str


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    value: str | None  # ISO date, month (YYYY-MM) or year, per precision; None if unresolved
    precision: str  # day, month, season, year, unknown
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuoteMention:
    text: str  # verbatim, as it stands in Article.text
    speaker: str | None  # canonical person name within the article, or None when unknown
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything the NLP pass learns from one article (briefing.store keeps it)."""

    source_id: str
    content_hash: str
    sentences: list[Span] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)
    crew: list[CrewLink] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[QuoteMention] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # canonical -> surface forms


@dataclass(frozen=True)
class Context:
    """One place an entity is mentioned: the sentence and its source."""

    source: str
    sentence: str


@dataclass(frozen=True)
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_sources: dict[str, list[str]] = field(default_factory=dict)
    organizations: list[str] = field(default_factory=list)
    missions: list[str] = field(default_factory=list)
    mentions: int = 0
    sources: list[str] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)


@dataclass(frozen=True)
class Mission:
    name: str
    aliases: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    mentions: int = 0
    sources: list[str] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)


@dataclass(frozen=True)
class Organization:
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Place:
    name: str
    mentions: int = 0
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SummaryPoint:
    """A cited sentence. It stands verbatim in sources[0], at start:end of its text (-1: not
    known); `story` is the id of the story it tells, in the briefing's summary."""

    text: str
    sources: list[str] = field(default_factory=list)
    start: int = -1
    end: int = -1
    story: str = ""


@dataclass(frozen=True)
class Difference:
    """Two sources telling the same thing differently."""

    topic: str
    versions: list[SummaryPoint] = field(default_factory=list)


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event a story's sources state: the sentence (or clause) telling it, the date
    (`date` by `precision`: day, week, month, season, year; `until` ends a range) and the
    sources that state it. `start`/`end` place the text in the first source."""

    date: str
    precision: str
    text: str
    sources: tuple[str, ...]
    until: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    sources: list[str] = field(default_factory=list)
    reason: str = ""  # why these sources were grouped
    points: list[SummaryPoint] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)


@dataclass(frozen=True)
class Summary:
    headline: str = ""
    points: list[SummaryPoint] = field(default_factory=list)


@dataclass(frozen=True)
class Briefing:
    sources: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    missions: list[Mission] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    warnings: list[LoadWarning] = field(default_factory=list)
    analysed: bool = True  # False while only the sources are known (first paint)

    @cached_property
    def _story_index(self) -> dict[str, Story]:
        return {source: story for story in self.stories for source in story.sources}

    def story_of(self, source_id: str) -> Story | None:
        """The story a source belongs to (a briefing is not changed once assembled)."""
        return self._story_index.get(source_id)


@dataclass(frozen=True)
class StoryChange:
    """A story in a change list, with the sources the change is about."""

    story: str  # story id
    title: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RoleChange:
    person: str
    role: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class QuoteChange:
    text: str
    speaker: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RemovedArticle:
    id: str
    title: str | None


@dataclass(frozen=True)
class Changes:
    """What changed in a folder's briefing since the last one shown (`since` "last") or
    since a date (`since` that date). `previous` is when that briefing was shown, or the
    date; None when there is nothing to compare with."""

    since: str
    previous: str | None
    new_stories: tuple[StoryChange, ...] = ()
    joined: tuple[StoryChange, ...] = ()  # sources that joined a known story
    new_people: tuple[str, ...] = ()
    new_roles: tuple[RoleChange, ...] = ()
    new_quotes: tuple[QuoteChange, ...] = ()
    changed_summaries: tuple[StoryChange, ...] = ()
    updated: tuple[str, ...] = ()  # articles whose text changed
    removed: tuple[RemovedArticle, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.new_stories or self.joined or self.new_people or self.new_roles
                    or self.new_quotes or self.changed_summaries or self.updated
                    or self.removed)
