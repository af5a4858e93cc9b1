"""The JSON contract of `briefing print --format json` (schema 1, see README)."""

from __future__ import annotations

import json
from typing import Any

from briefing.model import SCHEMA_VERSION, Briefing, Quote, SummaryPoint


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
                "points": [_point(p) for p in s.points],
                "quotes": [_quote(q) for q in s.quotes],
                "differences": [{"topic": d.topic, "versions": [_point(v) for v in d.versions]}
                                for d in s.differences]}
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
    }


def _point(point: SummaryPoint) -> dict[str, Any]:
    return {"text": point.text, "sources": point.sources,
            "start": point.start if point.start >= 0 else None,
            "end": point.end if point.end >= 0 else None}


def _quote(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "speaker": quote.speaker, "sources": quote.sources}


def render_json(briefing: Briefing) -> str:
    """One line of JSON (compact: pipe it through `jq .` to read it)."""
    return json.dumps(briefing_to_dict(briefing), ensure_ascii=False) + "\n"
