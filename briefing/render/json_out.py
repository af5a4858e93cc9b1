"""The JSON contract of `briefing print --format json` (schema 1, see README)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from briefing.model import SCHEMA_VERSION, Briefing


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
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
                "points": [dataclasses.asdict(p) for p in s.points],
                "quotes": [dataclasses.asdict(q) for q in s.quotes],
                "differences": [dataclasses.asdict(d) for d in s.differences]}
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
        "organizations": [dataclasses.asdict(o) for o in briefing.organizations],
        "places": [dataclasses.asdict(p) for p in briefing.places],
        "quotes": [dataclasses.asdict(q) for q in briefing.quotes],
        "summary": dataclasses.asdict(briefing.summary),
        "warnings": [dataclasses.asdict(w) for w in briefing.warnings],
    }


def render_json(briefing: Briefing) -> str:
    return json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2) + "\n"
