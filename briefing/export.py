"""The dashboard's export (`e`): the whole briefing or one story as Markdown, through the
renderer of `briefing print --format markdown`, to a file the user names (never into the
seeds folder)."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

from briefing.model import Briefing, Story, Summary
from briefing.render.markdown_out import render_markdown


class ExportError(ValueError):
    """The file cannot be written where asked (the message says why)."""


def story_briefing(briefing: Briefing, story: Story) -> Briefing:
    """The part of the briefing that tells `story`: its sources, people, missions and
    points (the sources numbered again from 1)."""
    ids = set(story.sources)

    def mentioned(entities: list) -> list:
        return [e for e in entities if not ids.isdisjoint(e.sources)]
    return dataclasses.replace(
        briefing, sources=[a for a in briefing.sources if a.id in ids], stories=[story],
        people=mentioned(briefing.people), missions=mentioned(briefing.missions),
        organizations=mentioned(briefing.organizations), places=mentioned(briefing.places),
        quotes=[q for q in briefing.quotes if not ids.isdisjoint(q.sources)],
        summary=Summary(story.title, [p for p in briefing.summary.points
                                      if p.story == story.id]),
        warnings=[])


def default_path(story: Story | None, folder: Path, today: date | None = None) -> Path:
    """briefing-2026-02-16.md, or briefing-<story title>.md, in `folder`."""
    name = f"briefing-{(today or date.today()).isoformat()}"
    if story is not None:
        slug = re.sub(r"[^\w]+", "-", story.title.casefold()).strip("-")[:60] or story.id
        name = f"briefing-{slug}"
    return folder / f"{name}.md"


def export_markdown(briefing: Briefing, story: Story | None, target: Path,
                    seeds: Path) -> Path:
    """Write the briefing (or the story's part) as Markdown to `target`; the resolved path.
    Refused (ExportError) inside the seeds folder, or when the file cannot be written."""
    path = target.expanduser().resolve()
    if path.is_relative_to(seeds.resolve()):
        raise ExportError(f"{path}: inside the seeds folder; choose another place")
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; name a file")
    text = render_markdown(briefing if story is None else story_briefing(briefing, story))
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: {exc.strerror or exc}") from exc
    return path
