"""How a date value of the timeline reads ("5 Mar 2026", "summer 2026"): plain functions of
the value and its precision, shared by the timeline rules and every renderer."""

from __future__ import annotations

import datetime as dt

from briefing.model import TimelineEvent

_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def start_of(value: str, precision: str) -> dt.date:
    """The first day a date value covers."""
    if precision == "day":
        return dt.date.fromisoformat(value)
    if precision == "week":
        year, week = value.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    if precision == "month":
        return dt.date(int(value[:4]), int(value[5:7]), 1)
    if precision == "season":
        return dt.date(int(value[:4]), _SEASON_MONTH[value[5:]], 1)
    return dt.date(int(value[:4]), 1, 1)


def label(value: str, precision: str) -> str:
    """A date value as an editor reads it: "5 Mar 2026", "week of 2 Mar 2026", "Mar 2026",
    "summer 2026", "2026"."""
    try:
        start = start_of(value, precision)
    except (ValueError, KeyError):
        return value
    if precision == "day":
        return f"{start.day} {start:%b %Y}"
    if precision == "week":
        return f"week of {start.day} {start:%b %Y}"
    if precision == "month":
        return f"{start:%b %Y}"
    if precision == "season":
        return f"{value[5:]} {value[:4]}"
    return value


def event_label(event: TimelineEvent) -> str:
    """The event's date as an editor reads it, with the end of a range."""
    start = label(event.date, event.precision)
    return f"{start} – {label(event.until, event.precision)}" if event.until else start
