"""Details pane: every mention of a person or mission in context, or what a source gives.
Every string shown passes through safe_text.clean (file names included)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from briefing.mentions import MentionLine
from briefing.model import Article, Briefing, Mission, Person
from briefing.render.text import cited, plural
from briefing.safe_text import clean
from briefing.tui.widgets.pane import count_of


def entity_text(item: Person | Mission, briefing: Briefing, lines: list[MentionLine]) -> Text:
    """Who or what it is, then `lines`: every sentence naming it (from every_mention)."""
    numbers = {a.id: n for n, a in enumerate(briefing.sources, 1)}
    titles = {a.id: clean(a.title) or clean(a.id) for a in briefing.sources}
    text = Text(clean(item.name),
                style="bold cyan" if isinstance(item, Person) else "bold magenta")
    if item.aliases:
        text.append("  also: " + clean(", ".join(item.aliases)), style="dim")
    if isinstance(item, Person):
        for role in item.roles:
            numbered = "".join(f"[{n}]" for n in cited(item.role_sources.get(role, []),
                                                         numbers))
            text.append(f"\n{clean(role)} ")
            text.append(numbered, style="cyan")
        if item.organizations:
            text.append("\nOrganizations: " + clean(", ".join(item.organizations)))
        if item.missions:
            text.append("\nMissions: " + clean(", ".join(item.missions)))
    elif item.people:
        text.append("\nCrew: " + clean(", ".join(item.people)))
    listed = sum(line.mentions for line in lines)
    text.append(f"\n\nMentions in context ({count_of(listed, item.mentions)})", style="bold")
    for line in lines:
        text.append("\n• " + clean(line.sentence))
        if line.mentions > 1:
            text.append(f" (×{line.mentions})", style="dim")
        text.append(f"\n  [{numbers.get(line.source, '?')}] "
                    f"{titles.get(line.source) or clean(line.source)}", style="dim")
    return text


def source_text(article: Article, briefing: Briefing, contributions: int) -> Text:
    text = Text(clean(article.title) or clean(article.id), style="bold")
    facts = [("Outlet", article.outlet), ("Date", article.date),
             ("Author", article.author), ("File", article.id), ("URL", article.url)]
    for label, value in facts:
        if value:
            text.append(f"\n{label}: ", style="dim")
            text.append(clean(value))
    text.append(f"\n{article.words} words")
    story = briefing.story_of(article.id)
    if story is not None and briefing.analysed:
        text.append("\nStory: ", style="dim")
        text.append(clean(story.title))
        if story.reason:
            text.append(f" ({clean(story.reason)})", style="dim")
    if briefing.analysed:
        text.append(f"\nMarked ▌ in the summary: {plural(contributions, 'line')}",
                    style="green")
    people = [clean(p.name) for p in briefing.people if article.id in p.sources]
    missions = [clean(m.name) for m in briefing.missions if article.id in m.sources]
    if people:
        text.append("\nPeople: ", style="dim")
        text.append(", ".join(people), style="cyan")
    if missions:
        text.append("\nMissions: ", style="dim")
        text.append(", ".join(missions), style="magenta")
    if article.removed:
        text.append(f"\nCleaning removed {plural(len(article.removed), 'line')}", style="dim")
    text.append("\n\nenter: read the article", style="dim italic")
    return text


PLACEHOLDER = Text("Highlight a source, a person or a mission.", style="dim")


class DetailsPane(VerticalScroll):
    DEFAULT_CSS = """
    DetailsPane {
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        height: 1fr;
        padding: 0 1;
    }
    DetailsPane:focus { border: round $accent; border-title-color: $text; }
    """

    def __init__(self, *, id: str = "details") -> None:
        super().__init__(id=id)
        self.border_title = "Details"

    def compose(self) -> ComposeResult:
        yield Static(PLACEHOLDER)

    def clear(self) -> None:
        """Back to the placeholder (what was shown is gone)."""
        self.show_text("Details", PLACEHOLDER)

    def show_text(self, title: str, text: Text) -> None:
        self.border_title = Text(title)  # never markup: a title may hold article text
        self.query_one(Static).update(text)
        self.scroll_home(animate=False)
