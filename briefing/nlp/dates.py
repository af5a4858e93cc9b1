"""Dates in the text (spaCy DATE entities) normalised with their precision, relative ones
("on Friday", "last July", "this summer", "Feb. 13") resolved against the article's date.
Durations ("two days", "the years ahead") are kept with no value."""

from __future__ import annotations

import datetime as dt
import re

from briefing.model import DateMention

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_WEEKDAYS = {d: i for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}
_SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_FORMS = [
    re.compile(rf"^(?:on\s)?{_DAY}\s{_MONTH},?(?:\s{_YEAR})?", re.I),
    re.compile(rf"^(?:on\s)?{_MONTH}\s{_DAY}(?:,?\s{_YEAR})?(?!\d)", re.I),
    re.compile(rf"^(?:in\s)?{_MONTH},?\s{_YEAR}$", re.I),
    re.compile(r"^(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)"),
    re.compile(r"^(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)$"),
]
_RELATIVE = re.compile(rf"^(?:(?P<rel>last|this|next|earlier this|later this)\s)?(?:{_MONTH}|"
                       r"(?P<season>spring|summer|autumn|fall|winter)|"
                       r"(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)|"
                       r"(?P<unit>year|month|week))$", re.I)
_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _month_number(name: str) -> int:
    return int(name) if name.isdigit() else _MONTHS[name[:3].lower()]


def normalise(text: str, article_date: str | None) -> tuple[str | None, str]:
    """(value, precision) for a date expression; (None, "unknown") when it is not one."""
    ref = _parse_iso(article_date)
    phrase = re.sub(r"^(?:the|on|in|since|by|until|from|around)\s", "", text.strip(), flags=re.I)
    for form in _FORMS:
        m = form.match(phrase)
        if not m:
            continue
        parts = m.groupdict()
        month = _month_number(parts["month"])
        year = int(parts["year"]) if parts.get("year") else (ref.year if ref else None)
        if year is None:
            return None, "unknown"
        if parts.get("day"):
            try:
                return dt.date(year, month, int(parts["day"])).isoformat(), "day"
            except ValueError:
                return None, "unknown"
        return f"{year:04d}-{month:02d}", "month"
    if re.fullmatch(r"(?:19|20)\d\d", phrase):
        return phrase, "year"
    if phrase.lower() in _DAYS and ref:
        return (ref + dt.timedelta(days=_DAYS[phrase.lower()])).isoformat(), "day"
    m = _RELATIVE.match(phrase)
    if not m or ref is None:
        return None, "unknown"
    return _relative(m, ref)


def _relative(m: re.Match[str], ref: dt.date) -> tuple[str | None, str]:
    rel = (m.group("rel") or "").lower()
    shift = -1 if rel == "last" else 1 if rel == "next" else 0
    if m.group("weekday"):
        back = (ref.weekday() - _WEEKDAYS[m.group("weekday")[:3].lower()]) % 7
        if rel == "next":
            return (ref + dt.timedelta(days=(7 - back) % 7 or 7)).isoformat(), "day"
        back += 7 if rel == "last" and back == 0 else 0
        return (ref - dt.timedelta(days=back)).isoformat(), "day"
    if m.group("month"):
        month = _month_number(m.group("month"))
        year = ref.year
        if rel == "last" and month >= ref.month:
            year -= 1
        elif rel == "next" and month <= ref.month:
            year += 1
        return f"{year:04d}-{month:02d}", "month"
    if m.group("season"):
        season = m.group("season").lower()
        return f"{ref.year + shift:04d}-{'autumn' if season == 'fall' else season}", "season"
    unit = m.group("unit").lower()
    if not rel or unit == "week":
        return None, "unknown"
    if unit == "year":
        return f"{ref.year + shift:04d}", "year"
    month_index = ref.year * 12 + ref.month - 1 + shift
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_DAY_TIME = re.compile(r"^(?:(?:last|this|next|on)\s)?(?:(?:mon|tues|wednes|thurs|fri|satur|"
                       r"sun)day|yesterday|today|tomorrow|tonight|last night)\b", re.I)


def find_dates(doc, article_date: str | None) -> list[DateMention]:
    """The DATE entities, and the TIME ones that name a day ("Monday night", "last night")."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE" and not (ent.label_ == "TIME" and _DAY_TIME.match(ent.text)):
            continue
        text = ent.text.strip(" -–—,")
        value, precision = normalise(text, article_date)
        start = ent.start_char + ent.text.find(text)
        out.append(DateMention(text=text, value=value, precision=precision, start=start,
                               end=start + len(text)))
    return out
