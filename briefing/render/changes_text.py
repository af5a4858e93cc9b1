"""The "What's new" section as rows every renderer (and the dashboard) formats its own way:
(kind, text, sources cited)."""

from __future__ import annotations

from briefing.model import Changes
from briefing.render.text import plural

Row = tuple[str, str, tuple[str, ...]]


def change_title(changes: Changes) -> str:
    if changes.previous is None:
        return "What's new"
    if changes.since == "last":
        return f"What's new since the last briefing ({changes.previous})"
    return f"What's new since {changes.since}"


def change_rows(changes: Changes) -> list[Row]:
    """One row per change, in the order an editor reads them; none when nothing changed."""
    rows: list[Row] = []
    rows += [("New story", s.title, s.sources) for s in changes.new_stories]
    rows += [("Joined", f"{plural(len(s.sources), 'source')} joined "
              f"“{s.title}”", s.sources) for s in changes.joined]
    rows += [("Summary changed", s.title, s.sources) for s in changes.changed_summaries]
    rows += [("New person", name, ()) for name in changes.new_people]
    rows += [("New role", f"{r.person}: {r.role}", r.sources) for r in changes.new_roles]
    rows += [("New quote", f"“{q.text}”" + (f" — {q.speaker}" if q.speaker else ""),
              q.sources) for q in changes.new_quotes]
    rows += [("Updated", source, (source,)) for source in changes.updated]
    rows += [("Removed", r.title or r.id, ()) for r in changes.removed]
    return rows


def nothing_new(changes: Changes) -> str:
    if changes.previous is None:
        return "No earlier briefing of this folder to compare with."
    return "Nothing new."
