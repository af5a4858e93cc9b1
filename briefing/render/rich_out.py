"""Rich output for `briefing print`: headline, stories with cited points, key quotes,
differences, who's who, missions and crews, and the numbered sources.

Everything is built from rich Text and Table objects, never from markup strings: article text
is data and prints literally ("[bold red]" stays "[bold red]"), with control characters
removed (render.text.clean).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from briefing.date_labels import event_label
from briefing.model import Briefing, Changes, Story, SummaryPoint
from briefing.render.changes_text import change_rows, change_title, nothing_new
from briefing.render.text import cited, clean, plural, source_numbers, summary_sections


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # the reader went away (`briefing print | head`): the command handles it as for the
        # other formats, instead of rich's exit with status 1
        raise BrokenPipeError


def make_console(color: str, no_color: bool = False) -> Console:
    if color == "never" or (no_color and color != "always"):
        return _Console(file=sys.stdout, color_system=None, highlight=False, emoji=False)
    return _Console(file=sys.stdout, force_terminal=True if color == "always" else None,
                    highlight=False, emoji=False)


def _citation(sources: Iterable[str], numbers: dict[str, int]) -> Text:
    return Text("".join(f"[{n}]" for n in cited(sources, numbers)), style="cyan")


def _point(point: SummaryPoint, numbers: dict[str, int]) -> Text:
    return Text.assemble(("• ", "bold"), clean(point.text), " ", _citation(point.sources, numbers))


def _heading(text: str) -> Rule:
    return Rule(Text(text, style="bold"), align="left", style="dim")


def _story(story: Story, index: int, numbers: dict[str, int], console: Console) -> None:
    console.print(_heading(f"{index}. {clean(story.title)}"))
    count = len(story.sources)
    console.print(Text.assemble(
        (f"{plural(count, 'source')} ", "dim"), _citation(story.sources, numbers),
        (f" — {clean(story.reason)}" if story.reason else "", "dim")))
    for point in story.points:
        console.print(_point(point, numbers))
    if story.quotes:
        console.print(Text("Key quotes", style="bold"))
        for quote in story.quotes:
            console.print(Text.assemble(
                "  “", (clean(quote.text), "italic"), "”",
                f" — {clean(quote.speaker)} " if quote.speaker else " ",
                _citation(quote.sources, numbers)))
    if story.timeline:
        console.print(Text("Timeline", style="bold"))
        for event in story.timeline:
            console.print(Text.assemble(
                "  ", (clean(event_label(event)), "bold"), "  ", clean(event.text), " ",
                _citation(event.sources, numbers)))
    if story.differences:
        console.print(Text("Where sources differ", style="bold"))
        for difference in story.differences:
            console.print(Text.assemble(("  ! ", "yellow"), clean(difference.topic)))
            for version in difference.versions:
                console.print(Text.assemble("     ", clean(version.text), " ",
                                            _citation(version.sources, numbers)))
    console.print()


def _people(briefing: Briefing, numbers: dict[str, int]) -> Table:
    table = Table(title=Text("Who's who", style="bold"), title_justify="left", expand=False)
    table.add_column("Person", style="bold")
    table.add_column("Role")
    table.add_column("Missions")
    table.add_column("Sources", style="cyan")
    for person in briefing.people:
        table.add_row(Text(clean(person.name)), Text(clean("; ".join(person.roles))),
                      Text(clean(", ".join(person.missions))),
                      _citation(person.sources, numbers))
    return table


def _missions(briefing: Briefing, numbers: dict[str, int]) -> Table:
    table = Table(title=Text("Missions and crews", style="bold"), title_justify="left")
    table.add_column("Mission", style="bold")
    table.add_column("Crew")
    table.add_column("Sources", style="cyan")
    for mission in briefing.missions:
        table.add_row(Text(clean(mission.name)), Text(clean(", ".join(mission.people))),
                      _citation(mission.sources, numbers))
    return table


def _sources(briefing: Briefing) -> Table:
    table = Table(title=Text("Sources", style="bold"), title_justify="left")
    table.add_column("#", justify="right", style="cyan")
    table.add_column("Outlet")
    table.add_column("Date")
    table.add_column("Title")
    for i, article in enumerate(briefing.sources, start=1):
        table.add_row(Text(str(i)), Text(clean(article.outlet) or "—"),
                      Text(clean(article.date) or "—"),
                      Text(clean(article.title) or clean(article.id)))
    return table


def _changes(changes: Changes, numbers: dict[str, int], console: Console) -> None:
    console.print(_heading(clean(change_title(changes))))
    rows = change_rows(changes)
    for kind, text, sources in rows:
        console.print(Text.assemble(("• ", "bold"), (clean(kind), "green"), ": ", clean(text),
                                    " ", _citation(sources, numbers)))
    if not rows:
        console.print(Text(nothing_new(changes), style="dim"))
    console.print()


def render_rich(briefing: Briefing, console: Console, changes: Changes | None = None,
                only_changes: bool = False) -> None:
    """The briefing, with a "What's new" section when `changes` are given; `only_changes`:
    that section alone (`print --since`)."""
    numbers = source_numbers(briefing)
    if only_changes and changes is not None:
        _changes(changes, numbers, console)
        return
    if briefing.summary.headline:
        console.print(Text(clean(briefing.summary.headline), style="bold reverse"))
        console.print()
    if changes is not None:
        _changes(changes, numbers, console)
    if len(briefing.stories) > 1 and briefing.summary.points:
        console.print(_heading("Summary"))
        for title, points in summary_sections(briefing):
            if title:
                console.print(Text(clean(title), style="bold"))
            for point in points:
                console.print(_point(point, numbers))
        console.print()
    for index, story in enumerate(briefing.stories, start=1):
        _story(story, index, numbers, console)
    if briefing.people:
        console.print(_people(briefing, numbers))
        console.print()
    if briefing.missions:
        console.print(_missions(briefing, numbers))
        console.print()
    if briefing.sources:  # none: the command says so on stderr
        console.print(_sources(briefing))
