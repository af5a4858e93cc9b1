"""When an event happened: a date expression resolved for a timeline, with its precision
(day, week, month, season, year) and, for a range, where it ends.

It extends `nlp.dates.normalise` (which it calls) with what only an event needs: ranges
("March 3-5", "from 2019 to 2021"), weeks ("this week", "last week"), counts back from the
article's date ("three years ago"), counts from the event told before in the same article
("two days later", "the next day"), qualified months ("early March", "the end of 2024"),
seasons with a year ("the summer of 2023"), and a weekday read forward when the clause speaks
of the future ("will vote on Friday").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefing.date_labels import start_of
from briefing.nlp.dates import normalise

PRECISIONS = ("day", "week", "month", "season", "year")
_RANK = {"day": 0, "week": 1, "month": 2, "season": 2, "year": 3}
_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBERS.update({"a": 1, "an": 1, "a few": 3, "several": 3, "a couple of": 2})
_COUNT = r"(?P<count>\d{1,3}|a couple of|a few|several|an?|" + "|".join(
    w for w in _NUMBERS if " " not in w and len(w) > 2) + ")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_AGO = re.compile(rf"^{_COUNT}\s{_UNIT}\s(?:ago|earlier|before)$", re.I)
_LATER = re.compile(rf"^{_COUNT}\s{_UNIT}\s(?:later|after(?:wards?)?|on)$", re.I)
_NEXT = re.compile(r"^(?:the\s)?(?P<dir>next|following|previous|preceding)\s(?P<unit>day|week|"
                   r"month|year)$|^(?:the\s)?(?P<unit2>day|week|month|year)\s(?P<dir2>after|"
                   r"before)$", re.I)
_WEEK = re.compile(r"^(?P<rel>this|last|next|earlier this|later this|past)\sweek(?:end)?$", re.I)
_QUALIFIED = re.compile(r"^(?:the\s)?(?:early|mid|late|middle of|start of|end of|beginning of|"
                        r"first half of|second half of)[\s-]+(?:the\s)?", re.I)
_SEASON_YEAR = re.compile(r"^(?:the\s)?(?P<season>spring|summer|autumn|fall|winter)"
                          r"(?:\sof)?\s(?P<year>(?:19|20)\d\d)$", re.I)
_RANGE = re.compile(r"^(?:from\s|between\s)?(?P<a>.+?)\s*(?:-|–|—|\sto\s|\sand\s|\suntil\s|"
                    r"\sthrough\s|\sthru\s)\s*(?P<b>.+)$", re.I)
_BARE_DAY = re.compile(r"^(?P<day>[0-3]?\d)(?:st|nd|rd|th)?$")
_WEEKDAY = re.compile(r"^(?:on\s)?(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)$", re.I)
_FUTURE = re.compile(r"\b(?:will|shall|'ll|is to|are to|is due|are due|is set to|are set to|"
                     r"scheduled|is expected|are expected|plans? to|planned for)\b", re.I)
_NAMED = re.compile(r"^(?:[0-3]?\d(?:st|nd|rd|th)?\s)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
                    r"nov|dec)[a-z]*\.?(?:\s[0-3]?\d(?:st|nd|rd|th)?)?$", re.I)
_PART_OF_DAY = re.compile(r"(?<=day)\s+(?:night|evening|morning|afternoon)$", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_LEAD = re.compile(r"^(?:the|on|in|since|by|until|from|around|during|as of|as early as|"
                   r"as late as|before|after|about)\s", re.I)


@dataclass(frozen=True)
class EventDate:
    """A resolved event date: `value` is an ISO date (day), an ISO week ("2026-W49"), a
    month ("2026-03"), a season ("2026-summer") or a year; `until` ends a range."""

    value: str
    precision: str
    until: str | None = None

    @property
    def start(self) -> dt.date:
        return start_of(self.value, self.precision)


def end_of(value: str, precision: str) -> dt.date:
    """The last day a date value covers."""
    start = start_of(value, precision)
    if precision == "day":
        return start
    if precision == "week":
        return start + dt.timedelta(days=6)
    if precision == "year":
        return dt.date(start.year, 12, 31)
    months = 1 if precision == "month" else 3
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)


def covers(outer: EventDate, inner: EventDate) -> bool:
    """Does `outer` (the vaguer) hold the whole of `inner`?"""
    return (start_of(outer.value, outer.precision) <= inner.start
            and end_of(inner.value, inner.precision) <= end_of(outer.value, outer.precision))


def _ref(article_date: str | None) -> dt.date | None:
    if not article_date:
        return None
    try:
        return dt.date.fromisoformat(article_date[:10])
    except ValueError:
        return None


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift(day: dt.date, unit: str, count: int) -> EventDate:
    unit = unit.lower()
    if unit == "day":
        return EventDate((day + dt.timedelta(days=count)).isoformat(), "day")
    if unit == "week":
        return EventDate(_week(day + dt.timedelta(weeks=count)), "week")
    if unit == "year":
        return EventDate(f"{day.year + count:04d}", "year")
    index = day.year * 12 + day.month - 1 + count
    return EventDate(f"{index // 12:04d}-{index % 12 + 1:02d}", "month")


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS[word]


def _nearest(date: EventDate, ref: dt.date, future: bool) -> EventDate:
    """A month or day named without its year ("in July", "on Dec. 5"): the one before the
    article's date when the clause tells what happened, the one after when it tells what is
    to come."""
    start, end = date.start, end_of(date.value, date.precision)
    year = start.year
    if not future and start > ref:
        year -= 1
    elif future and end < ref:
        year += 1
    if year == start.year:
        return date
    try:
        moved = start.replace(year=year)
    except ValueError:
        return date  # 29 February
    value = moved.isoformat() if date.precision == "day" else moved.isoformat()[:7]
    return EventDate(value, date.precision)


def _single(phrase: str, ref: dt.date | None, anchor: EventDate | None,
            future: bool) -> EventDate | None:
    phrase = " ".join(phrase.split()).strip(" ,.")
    while _LEAD.match(phrase):
        phrase = _LEAD.sub("", phrase, count=1)
    phrase = _QUALIFIED.sub("", phrase, count=1)
    phrase = _PART_OF_DAY.sub("", phrase)
    if phrase.lower() in ("last night", "tonight"):
        phrase = "yesterday" if phrase.lower() == "last night" else "today"
    m = _SEASON_YEAR.match(phrase)
    if m:
        season = m.group("season").lower()
        return EventDate(f"{m.group('year')}-{'autumn' if season == 'fall' else season}",
                         "season")
    m = _WEEKDAY.match(phrase)
    if m and ref is not None and future:
        value, _ = normalise("next " + m.group("weekday"), ref.isoformat())
        return EventDate(value, "day") if value else None
    value, precision = normalise(phrase, ref.isoformat() if ref else None)
    if value is not None and precision in ("day", "month") and ref is not None \
            and _NAMED.match(phrase) and not _YEAR.search(phrase):
        return _nearest(EventDate(value, precision), ref, future)
    if value is not None and precision in PRECISIONS:
        return EventDate(value, precision)
    m = _WEEK.match(phrase)
    if m and ref is not None:
        rel = m.group("rel").lower()
        weeks = -1 if rel in ("last", "past") else 1 if rel == "next" else 0
        return EventDate(_week(ref + dt.timedelta(weeks=weeks)), "week")
    m = _AGO.match(phrase)
    if m and ref is not None:
        count = _count(m.group("count"))
        if phrase.lower().endswith("ago"):
            return _shift(ref, m.group("unit"), -count)
        base = _counted_from(anchor, m.group("unit"))
        return _shift(base, m.group("unit"), -count) if base else None
    m = _LATER.match(phrase)
    base = _counted_from(anchor, m.group("unit")) if m else None
    if m and base is not None:
        return _shift(base, m.group("unit"), _count(m.group("count")))
    m = _NEXT.match(phrase)
    unit = (m.group("unit") or m.group("unit2")) if m else ""
    base = _counted_from(anchor, unit) if m else None
    if m and base is not None:
        direction = (m.group("dir") or m.group("dir2")).lower()
        return _shift(base, unit, -1 if direction in ("previous", "preceding", "before") else 1)
    return None


def _counted_from(anchor: EventDate | None, unit: str) -> dt.date | None:
    """The day "two days later" counts from: the event told before, when it is at least as
    precise as the count ("four years later" after "in 2012"; not "the next day" after it)."""
    if anchor is None or _RANK[anchor.precision] > _RANK[unit.lower()]:
        return None
    return anchor.start


def event_date(text: str, article_date: str | None, *, anchor: EventDate | None = None,
               future: bool = False) -> EventDate | None:
    """The date of an event stated as `text` in an article dated `article_date`; `anchor`
    is the day of the event the article told just before ("two days later"), `future` says
    the clause speaks of what is to come ("will meet on Friday"). None: not a date, or a
    duration, or nothing to resolve it against."""
    ref = _ref(article_date)
    m = _RANGE.match(" ".join(text.split()).strip(" ,."))
    span = _range(m, ref, anchor, future) if m else None
    return span if span is not None else _single(text, ref, anchor, future)


def _range(m: re.Match[str], ref: dt.date | None, anchor: EventDate | None,
           future: bool) -> EventDate | None:
    first, last = m.group("a"), m.group("b")
    end = _single(last, ref, anchor, future)
    if end is None and first.split()[0].isalpha():
        # "March 3-5, 2024", "March 3 to 5": the end borrows the month of the start
        end = _single(f"{first.split()[0]} {last}", ref, anchor, future)
    if end is None:
        return None
    # "3-5 March": the start borrows the month and year of the end; "March to May 2024" the
    # year: the start is read against the end, as the latest such date before it
    head = _single(first, end.start, anchor, future=False)
    bare = _BARE_DAY.match(first)
    if head is None and bare and end.precision == "day":
        try:
            head = EventDate(end.start.replace(day=int(bare["day"])).isoformat(), "day")
        except ValueError:
            return None
    if head is None or head.start > end.start:
        return None
    return EventDate(head.value, head.precision, until=end.value)


def future_before(clause: str, at: int) -> bool:
    """Does the clause speak of what is to come before offset `at` (its date)?"""
    return bool(_FUTURE.search(clause[:at]))
