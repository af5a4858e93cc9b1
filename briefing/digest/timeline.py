"""A story's timeline: the dated events its sources state, in date order, each told once and
citing every source that tells it; and the events the sources date differently.

An event is a sentence that reads as one (digest.sentences.quality) holding a date the NLP
found, resolved by nlp.event_dates against the article's date, or against the event the
article told just before ("two days later"). A date left only in a dateline or a byline is
not an event: the dateline is cut from the sentence (clean_sentence) and a byline does not
read as a sentence. A sentence holding several dates gives one event per clause.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.date_labels import label
from briefing.digest.sentences import Sentence, quality
from briefing.digest.similarity import content_words
from briefing.model import Article, ArticleAnalysis, DateMention, Difference, SummaryPoint
from briefing.model import TimelineEvent as Event
from briefing.nlp.event_dates import EventDate, covers, event_date, future_before

FOLD_SIMILAR = 0.3  # share of the shorter event's content words: the same event retold
DIFFER_SIMILAR = 0.5  # the same event with a different date (a difference between sources)
EVENTS_PER_SOURCE = 60
_CLAUSE = re.compile(r";\s+|,\s+(?=(?:and|but|while|whereas|then|before|after)\s)|\s+—\s+")
_FOLLOWER = re.compile(r"\s+(ago|later|earlier|afterwards?)\b", re.I)
_SEASON_OF = re.compile(r"\b(?:spring|summer|autumn|fall|winter)\s+of\s+$", re.I)
_LINK = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*", re.I)


@dataclass(frozen=True)
class _Told:
    """One event as one source tells it."""

    source: str
    date: EventDate
    text: str
    start: int
    end: int
    words: frozenset[str]


def story_timeline(sources: Sequence[str], sentences: Mapping[str, Sequence[Sentence]],
                   by_id: Mapping[str, Article], analyses: Mapping[str, ArticleAnalysis]
                   ) -> tuple[list[Event], list[Difference]]:
    """The story's events in date order, and where its sources date one event differently."""
    told = [event for source in sources if source in analyses
            for event in _source_events(by_id[source], analyses[source],
                                        sentences.get(source, ()))[:EVENTS_PER_SOURCE]]
    groups: list[list[_Told]] = []
    for event in told:
        same = next((g for g in groups if _same_event(g[0], event)), None)
        if same is None:
            groups.append([event])
        else:
            same.append(event)
    timeline = [_fold(group) for group in groups]
    timeline.sort(key=lambda e: (EventDate(e.date, e.precision).start, e.precision != "day"))
    return timeline, _date_differences(groups)


def _source_events(article: Article, analysis: ArticleAnalysis,
                   sentences: Sequence[Sentence]) -> list[_Told]:
    text = article.text
    dates = _joined(text, sorted(analysis.dates, key=lambda d: d.start))
    out: list[_Told] = []
    seen: set[tuple[str, EventDate]] = set()
    anchor: EventDate | None = None
    at = 0
    for sentence in sentences:
        while at < len(dates) and dates[at].start < sentence.start:
            at += 1
        inside: list[DateMention] = []
        while at < len(dates) and dates[at].end <= sentence.end:
            inside.append(dates[at])
            at += 1
        if not inside or quality(sentence.text, ()) == 0.0:
            continue
        clauses = _clauses(sentence.text)
        resolved: list[tuple[str, EventDate]] = []
        for mention in inside:
            phrase = _phrase(text, mention)
            spoken = " ".join(mention.text.split())
            where = sentence.text.find(spoken)
            if where < 0:
                continue  # only in the dateline cut from the sentence
            clause = next((c for s, c in clauses if s <= where < s + len(c)), sentence.text)
            future = future_before(clause, clause.find(spoken))
            date = event_date(phrase, article.date, anchor=anchor, future=future)
            if date is None:
                continue
            resolved.append((clause, date))
            anchor = date
        distinct = {(d.value, d.until) for _, d in resolved}
        for clause, date in resolved:
            body = clause if len(distinct) > 1 else sentence.text
            if (body, date) in seen:
                continue
            seen.add((body, date))
            out.append(_Told(article.id, date, body, sentence.start, sentence.end,
                             frozenset(content_words(body))))
    return out


def _phrase(text: str, mention: DateMention) -> str:
    """The date as the event reads it: "two days" with the "later" that follows it, "2016"
    with the "autumn of" before it."""
    follower = _FOLLOWER.match(text, mention.end)
    season = _SEASON_OF.search(text, max(0, mention.start - 16), mention.start)
    return ((season.group(0) if season else "") + mention.text
            + (follower.group(0) if follower else ""))


def _joined(text: str, dates: Sequence[DateMention]) -> list[DateMention]:
    """Two dates the text joins into a range ("from April 15 to May 30") as one."""
    out: list[DateMention] = []
    for mention in dates:
        last = out[-1] if out else None
        if last is not None and _LINK.fullmatch(text, last.end, mention.start):
            out[-1] = DateMention(text[last.start:mention.end], None, "unknown", last.start,
                                  mention.end)
        else:
            out.append(mention)
    return out


def _clauses(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    start = 0
    for m in _CLAUSE.finditer(text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return [(s, c) for s, c in out if c.strip()]


def _similar(a: frozenset[str], b: frozenset[str], share: float) -> bool:
    return bool(a and b) and len(a & b) >= share * min(len(a), len(b))


def _compatible(a: EventDate, b: EventDate) -> bool:
    if a.precision == b.precision:
        return a.value == b.value
    return covers(a, b) or covers(b, a)


def _same_event(a: _Told, b: _Told) -> bool:
    if a.source == b.source and a.text == b.text:
        return a.date == b.date
    return _similar(a.words, b.words, FOLD_SIMILAR) and _compatible(a.date, b.date)


def _fold(group: Sequence[_Told]) -> Event:
    """One event for a group: the most precise date, the first source's wording."""
    order = ("day", "week", "month", "season", "year")
    best = min(group, key=lambda e: order.index(e.date.precision))
    first = group[0]
    return Event(date=best.date.value, precision=best.date.precision, text=first.text,
                 sources=tuple(dict.fromkeys(e.source for e in group)),
                 until=best.date.until, start=first.start, end=first.end)


def _date_differences(groups: Sequence[Sequence[_Told]]) -> list[Difference]:
    """Events of different sources told in nearly the same words with dates that cannot
    both hold."""
    out: list[Difference] = []
    heads = [group[0] for group in groups]
    for x, a in enumerate(heads):
        for b in heads[x + 1:]:
            if a.source == b.source or a.date.precision != b.date.precision:
                continue
            if not _similar(a.words, b.words, DIFFER_SIMILAR):
                continue
            early, late = sorted((a, b), key=lambda told: told.date.value)
            first, second = (label(early.date.value, early.date.precision),
                             label(late.date.value, late.date.precision))
            out.append(Difference(topic=f"date: {first} or {second}", versions=[
                SummaryPoint(early.text, [early.source]), SummaryPoint(late.text, [late.source])]))
    return out
