"""`briefing print` outputs: rich (literal, no escape bytes off a terminal), markdown
(footnotes, escaping) and json (shape)."""

from __future__ import annotations

import dataclasses
import json
from io import StringIO
from pathlib import Path

from rich.console import Console

from briefing.config import builtin_defaults
from briefing.digest import assemble_briefing
from briefing.model import (
    Article,
    Briefing,
    Difference,
    Mission,
    Person,
    Quote,
    Story,
    Summary,
    SummaryPoint,
)
from briefing.render.json_out import render_json
from briefing.render.markdown_out import escape, render_markdown
from briefing.render.rich_out import render_rich
from briefing.render.text import clean

HOSTILE = "[bold red]Alarm[/] \x1b[31mred\x1b[0m *star* _under_ <b>tag</b> | pipe"


def briefing() -> Briefing:
    sources = [
        Article(id="a.txt", path="a.txt", text="x", title=f"First {HOSTILE}", outlet="Wire",
                date="2026-02-13"),
        Article(id="b.txt", path="b.txt", text="y", title="Second title", outlet=None,
                date=None),
    ]
    point = SummaryPoint(f"The council voted {HOSTILE}.", ["a.txt", "b.txt"])
    story = Story(
        id="story-1", title=f"Council {HOSTILE}", sources=["a.txt", "b.txt"],
        reason="share Linda Okoye; text similarity 0.41", points=[point],
        quotes=[Quote("This terminal will carry the town", "Linda Okoye", ["a.txt"])],
        differences=[Difference("Linda Okoye quoted differently", [
            SummaryPoint("carry the town", ["a.txt"]), SummaryPoint("serve the town", ["b.txt"])])])
    return Briefing(
        sources=sources, stories=[story],
        people=[Person("Linda Okoye", roles=["Harbour Authority chair"], sources=["a.txt"])],
        missions=[Mission("Soyuz MS-29", people=["Anil Menon"], sources=["b.txt"])],
        summary=Summary(headline=f"Headline {HOSTILE}", points=[point]))


def rich_text() -> str:
    out = StringIO()
    render_rich(briefing(), Console(file=out, width=100))
    return out.getvalue()


def test_rich_has_no_escape_bytes_and_keeps_markup_literal():
    text = rich_text()
    assert "\x1b" not in text
    assert "[bold red]Alarm[/]" in text
    for part in ("Linda Okoye", "Harbour Authority chair", "Soyuz MS-29", "Anil Menon",
                 "Key quotes", "quoted differently", "[1][2]", "Wire", "2026-02-13"):
        assert part in text, part


def test_rich_on_a_terminal_colours_only_its_own_styles():
    out = StringIO()
    render_rich(briefing(), Console(file=out, width=100, force_terminal=True))
    text = out.getvalue()
    assert "\x1b[31mred" not in text  # the article's escape sequence is gone
    assert "[bold red]Alarm[/]" in text


def test_clean_strips_control_and_bidi_characters():
    assert clean("a\x1b[2Jb\x07c\u202ed\n e") == "abcd e"  # the whole escape sequence goes


def test_markdown_footnotes_and_escaping():
    text = render_markdown(briefing())
    assert "\x1b" not in text
    assert "[^1][^2]" in text
    assert "[^1]: Wire, 2026-02-13, First" in text
    assert "[^2]: Second title (`b.txt`)" in text
    assert "\\[bold red\\]Alarm\\[/\\]" in text
    assert "\\*star\\*" in text and "\\_under\\_" in text and "\\<b\\>" in text
    assert "| Linda Okoye | Harbour Authority chair |" in text
    assert "> “This terminal will carry the town” — Linda Okoye[^1]" in text


def test_markdown_escapes_line_starts():
    assert escape("# not a heading") == "\\# not a heading"
    assert escape("- not a bullet") == "\\- not a bullet"


def test_json_shape():
    data = json.loads(render_json(briefing()))
    assert {"schema", "sources", "stories", "people", "missions", "quotes", "summary"} <= set(data)
    story = data["stories"][0]
    assert set(story) == {"id", "title", "sources", "reason", "points", "quotes", "differences",
                          "timeline"}
    assert story["points"][0]["sources"] == ["a.txt", "b.txt"]
    assert story["differences"][0]["versions"][1] == {"text": "serve the town",
                                                      "sources": ["b.txt"], "start": None,
                                                      "end": None}
    point = data["summary"]["points"][0]
    assert set(point) == {"text", "sources", "start", "end", "story"}
    assert data["summary"]["headline"].startswith("Headline")
    assert data["sources"][0]["story"] == "story-1"


def test_all_formats_render_an_assembled_briefing():
    folder = Path(__file__).parent / "fixtures" / "digest"
    articles = [Article(id=p.name, path=p.name, text=p.read_text(encoding="utf-8"))
                for p in sorted(folder.glob("*.txt"))]
    assembled = assemble_briefing(articles, {}, [], builtin_defaults())
    out = StringIO()
    render_rich(assembled, Console(file=out, width=120))
    text = out.getvalue()
    assert "\x1b" not in text and "Sources" in text
    markdown = render_markdown(assembled)
    assert markdown.count("]: ") >= len(articles)
    data = json.loads(render_json(assembled))
    assert len(data["stories"]) == len(assembled.stories)
    assert all(p["sources"] for s in data["stories"] for p in s["points"])


def two_story_briefing() -> Briefing:
    sources = [Article(id=f"{k}.txt", path=f"{k}.txt", text="x") for k in "abc"]
    ferry = [SummaryPoint("The ferry terminal was approved.", ["a.txt"], 0, 30, "story-f"),
             SummaryPoint("It will cost 80 million pounds.", ["b.txt"], 0, 30, "story-f")]
    storm = [SummaryPoint("A storm closed the harbour.", ["c.txt"], 0, 27, "story-s")]
    return Briefing(sources=sources, stories=[
        Story("story-f", "Ferry terminal approved", ["a.txt", "b.txt"], points=ferry),
        Story("story-s", "Storm closes the harbour", ["c.txt"], points=storm)],
        summary=Summary("Ferry terminal approved", [*ferry, *storm]))


def test_the_summary_of_two_stories_puts_each_point_under_its_story():
    text = render_markdown(two_story_briefing())
    summary = text.split("## Summary")[1].split("## Stories")[0]
    assert summary.index("approved.") < summary.index("pounds.") \
        < summary.index("**Storm closes the harbour**") < summary.index("closed the harbour.")
    out = StringIO()
    render_rich(two_story_briefing(), Console(file=out, width=100))
    shown = out.getvalue().split("Summary")[1]
    assert shown.index("pounds.") < shown.index("Storm closes the harbour") \
        < shown.index("closed the harbour.")


def _timeline_and_changes():
    from briefing.model import Changes, QuoteChange, StoryChange, TimelineEvent

    data = briefing()
    data.stories[0] = dataclasses.replace(data.stories[0], timeline=[
        TimelineEvent("2026-02-11", "day", f"The vote {HOSTILE}.", ("a.txt", "b.txt")),
        TimelineEvent("2026-summer", "season", "The terminal opens.", ("b.txt",))])
    changes = Changes(since="last", previous="2026-02-12T08:00:00+00:00",
                      new_stories=(StoryChange("story-1", f"Council {HOSTILE}", ("a.txt",)),),
                      new_quotes=(QuoteChange(f"Said {HOSTILE}", None, ("b.txt",)),))
    return data, changes


def test_timeline_and_whats_new_in_every_format():
    data, changes = _timeline_and_changes()
    out = StringIO()
    render_rich(data, Console(file=out, width=200), changes)
    text = out.getvalue()
    assert "\x1b" not in text and "[bold red]Alarm[/]" in text
    assert "Timeline" in text and "11 Feb 2026  The vote" in text and "summer 2026" in text
    assert text.index("What's new since the last briefing") < text.index("Timeline")
    assert "New story: Council" in text
    markdown = render_markdown(data, changes)
    assert "- **11 Feb 2026**: The vote \\[bold red\\]Alarm" in markdown
    assert "- **New quote**: “Said \\[bold red\\]" in markdown
    only = render_markdown(data, changes, only_changes=True)
    assert only.startswith("## What's new") and "Timeline" not in only
    story = json.loads(render_json(data, changes))["stories"][0]
    assert story["timeline"][0] == {"date": "2026-02-11", "precision": "day", "until": None,
                                    "label": "11 Feb 2026", "text": f"The vote {HOSTILE}.",
                                    "sources": ["a.txt", "b.txt"]}
    alone = json.loads(render_json(data, changes, only_changes=True))
    assert set(alone) == {"schema", "changes"}
    assert alone["changes"]["new_stories"][0]["sources"] == ["a.txt"]
