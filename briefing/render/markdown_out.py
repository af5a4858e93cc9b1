"""Markdown output for `briefing print --format markdown` (minimal until the layout lands)."""

from __future__ import annotations

from briefing.model import Briefing


def render_markdown(briefing: Briefing) -> str:
    return "".join(f"- {a.title or a.id}\n" for a in briefing.sources)
