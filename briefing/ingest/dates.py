"""Small date parsers for the forms news copy uses; everything comes out as YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
          "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_PATTERNS = [
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>\d{4})/(?P<m>\d{1,2})/(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<m>\d{1,2})\.(?P<year>\d{4})(?!\d)"),
    re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?!\d)"),
    re.compile(_WEEKDAY + r"(?<![\w])(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH
               + r",?\s+(?P<year>\d{4})(?!\d)", re.I),
    re.compile(_WEEKDAY + r"(?<![\w])" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
               r"(?P<year>\d{4})(?!\d)", re.I),
]


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("a") is not None:
        a, b = int(groups["a"]), int(groups["b"])
        month, day = (b, a) if a > 12 else (a, b)
    elif groups.get("month") is not None:
        month = MONTHS[groups["month"].lower()[:3]]
        day = int(groups["day"])
    else:
        month, day = int(groups["m"]), int(groups["day"])
    if not 1900 <= year <= 2100:
        return None
    return _iso(year, month, day)


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first recognisable full date in `text`: (YYYY-MM-DD, start, end)."""
    best: tuple[str, int, int] | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _from_match(m)
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
                break
    return best


def parse_date(value: object) -> str | None:
    """A date from metadata (front matter, JSON, feeds, HTML): ISO, RFC 822 or prose."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:200]
    if re.match(r"[A-Za-z]{3},\s+\d", text):
        try:
            return parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    found = find_date(text)
    return found[0] if found else None
