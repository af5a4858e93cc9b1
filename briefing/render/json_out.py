"""The JSON contract of `briefing print --format json` (schema 1, see README)."""

from __future__ import annotations

import json
from typing import Any

from briefing.date_labels import event_label
from briefing.model import SCHEMA_VERSION, Briefing, Changes, Quote, SummaryPoint, TimelineEvent


def briefing_to_dict(briefing: Briefing, changes: Changes | None = None) -> dict[str, Any]:
    sources = []
    for a in briefing.sources:
        story = briefing.story_of(a.id)
        sources.append({
            "id": a.id, "path": a.path, "title": a.title, "title_derived": a.title_derived,
            "outlet": a.outlet, "date": a.date, "dateline": a.dateline, "section": a.section,
            "author": a.author, "url": a.url, "words": a.words,
            "story": story.id if story else None, "text": a.text,
        })
    stories = [{"id": s.id, "title": s.title, "sources": s.sources, "reason": s.reason,
                "points": [_point(p) for p in s.points],
                "quotes": [_quote(q) for q in s.quotes],
                "differences": [{"topic": d.topic, "versions": [_point(v) for v in d.versions]}
                                for d in s.differences],
                "timeline": [_event(e) for e in s.timeline]}
               for s in briefing.stories]
    people = [{"name": p.name, "aliases": p.aliases, "roles": p.roles,
               "role_sources": p.role_sources, "organizations": p.organizations,
               "missions": p.missions, "mentions": p.mentions, "sources": p.sources}
              for p in briefing.people]
    missions = [{"name": m.name, "aliases": m.aliases, "people": m.people,
                 "mentions": m.mentions, "sources": m.sources} for m in briefing.missions]
    return {
        "schema": SCHEMA_VERSION,
        "sources": sources,
        "stories": stories,
        "people": people,
        "missions": missions,
        "organizations": [{"name": o.name, "aliases": o.aliases, "mentions": o.mentions,
                           "sources": o.sources} for o in briefing.organizations],
        "places": [{"name": p.name, "mentions": p.mentions, "sources": p.sources}
                   for p in briefing.places],
        "quotes": [_quote(q) for q in briefing.quotes],
        "summary": {"headline": briefing.summary.headline,
                    "points": [{**_point(p), "story": p.story or None}
                               for p in briefing.summary.points]},
        "warnings": [{"path": w.path, "message": w.message} for w in briefing.warnings],
        "changes": changes_to_dict(changes) if changes is not None else None,
    }


def _event(event: TimelineEvent) -> dict[str, Any]:
    return {"date": event.date, "precision": event.precision, "until": event.until,
            "label": event_label(event), "text": event.text, "sources": list(event.sources)}


def changes_to_dict(changes: Changes) -> dict[str, Any]:
    def stories(items: tuple[Any, ...]) -> list[dict[str, Any]]:
        return [{"story": s.story, "title": s.title, "sources": list(s.sources)} for s in items]

    return {
        "since": changes.since, "previous": changes.previous, "empty": changes.empty,
        "new_stories": stories(changes.new_stories), "joined": stories(changes.joined),
        "new_people": list(changes.new_people),
        "new_roles": [{"person": r.person, "role": r.role, "sources": list(r.sources)}
                      for r in changes.new_roles],
        "new_quotes": [{"text": q.text, "speaker": q.speaker, "sources": list(q.sources)}
                       for q in changes.new_quotes],
        "changed_summaries": stories(changes.changed_summaries),
        "updated": list(changes.updated),
        "removed": [{"id": r.id, "title": r.title} for r in changes.removed],
    }


def _point(point: SummaryPoint) -> dict[str, Any]:
    return {"text": point.text, "sources": point.sources,
            "start": point.start if point.start >= 0 else None,
            "end": point.end if point.end >= 0 else None}


def _quote(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "speaker": quote.speaker, "sources": quote.sources}


def render_json(briefing: Briefing, changes: Changes | None = None,
                only_changes: bool = False) -> str:
    """One line of JSON (compact: pipe it through `jq .` to read it); `only_changes`: just
    the schema and the changes (`print --since`)."""
    if only_changes and changes is not None:
        data = {"schema": SCHEMA_VERSION, "changes": changes_to_dict(changes)}
    else:
        data = briefing_to_dict(briefing, changes)
    return json.dumps(data, ensure_ascii=False) + "\n"
