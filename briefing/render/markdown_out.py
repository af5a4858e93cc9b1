"""Markdown output for `briefing print --format markdown`: the same briefing as the rich
output, with footnote citations ([^1]) and a footnote per source, ready to paste.

Article text is escaped where Markdown would read it as syntax, and control characters are
removed (render.text.clean).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing.date_labels import event_label
from briefing.model import Briefing, Changes, Story, SummaryPoint
from briefing.render.changes_text import change_rows, change_title, nothing_new
from briefing.render.text import (
    cited,
    clean,
    plural,
    source_label,
    source_numbers,
    summary_sections,
)

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(#|>|[-+]\s|\d+[.)]\s)")


def escape(text: str | None) -> str:
    """Literal Markdown for one line of article text."""
    out = _INLINE.sub(r"\\\1", clean(text))
    return _LINE_START.sub(r"\\\1", out)


def _notes(sources: Iterable[str], numbers: dict[str, int]) -> str:
    return "".join(f"[^{n}]" for n in cited(sources, numbers))


def _point(point: SummaryPoint, numbers: dict[str, int]) -> str:
    return f"- {escape(point.text)}{_notes(point.sources, numbers)}"


def _story(story: Story, numbers: dict[str, int]) -> list[str]:
    count = len(story.sources)
    lines = [f"### {escape(story.title)}", "",
             f"*{plural(count, 'source')}"
             + (f": {escape(story.reason)}" if story.reason else "")
             + f"*{_notes(story.sources, numbers)}", ""]
    lines += [_point(p, numbers) for p in story.points]
    if story.quotes:
        lines += ["", "**Key quotes**", ""]
        for quote in story.quotes:
            speaker = f" — {escape(quote.speaker)}" if quote.speaker else ""
            lines.append(f"> “{escape(quote.text)}”{speaker}{_notes(quote.sources, numbers)}")
            lines.append(">")
        lines.pop()
    if story.timeline:
        lines += ["", "**Timeline**", ""]
        lines += [f"- **{escape(event_label(e))}**: {escape(e.text)}{_notes(e.sources, numbers)}"
                  for e in story.timeline]
    if story.differences:
        lines += ["", "**Where sources differ**", ""]
        for difference in story.differences:
            versions = " / ".join(f"“{escape(v.text)}”{_notes(v.sources, numbers)}"
                                  for v in difference.versions)
            lines.append(f"- {escape(difference.topic)}: {versions}")
    return lines + [""]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _changes(changes: Changes, numbers: dict[str, int]) -> list[str]:
    rows = change_rows(changes)
    lines = [f"## {escape(change_title(changes))}", ""]
    lines += [f"- **{escape(kind)}**: {escape(text)}{_notes(sources, numbers)}"
              for kind, text, sources in rows] or [escape(nothing_new(changes))]
    return lines + [""]


def render_markdown(briefing: Briefing, changes: Changes | None = None,
                    only_changes: bool = False) -> str:
    """The briefing, with a "What's new" section when `changes` are given; `only_changes`:
    that section alone (`print --since`)."""
    numbers = source_numbers(briefing)
    if only_changes and changes is not None:
        return "\n".join(_changes(changes, numbers))
    lines = [f"# {escape(briefing.summary.headline) or 'Briefing'}", ""]
    if changes is not None:
        lines += _changes(changes, numbers)
    if len(briefing.stories) > 1 and briefing.summary.points:
        lines += ["## Summary", ""]
        for title, points in summary_sections(briefing):
            if title:
                lines += ["", f"**{escape(title)}**", ""]
            lines += [_point(p, numbers) for p in points]
        lines.append("")
    if briefing.stories:
        lines += ["## Stories", ""]
        for story in briefing.stories:
            lines += _story(story, numbers)
    if briefing.people:
        lines += ["## Who's who", ""]
        lines += _table(["Person", "Role", "Missions", "Sources"], [
            [escape(p.name), escape("; ".join(p.roles)), escape(", ".join(p.missions)),
             _notes(p.sources, numbers)] for p in briefing.people])
    if briefing.missions:
        lines += ["## Missions and crews", ""]
        lines += _table(["Mission", "Crew", "Sources"], [
            [escape(m.name), escape(", ".join(m.people)), _notes(m.sources, numbers)]
            for m in briefing.missions])
    if briefing.sources:
        lines += ["## Sources", ""]
        for article in briefing.sources:
            code = clean(article.id).replace("`", "")
            lines.append(f"[^{numbers[article.id]}]: {escape(source_label(article))} (`{code}`)")
        lines.append("")
    return "\n".join(lines)
