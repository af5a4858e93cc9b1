"""Sources pane: one option per article (title, outlet, date, story), then skipped files."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from briefing.model import Briefing
from briefing.tui.widgets.pane import FilterPane


class SourcesPane(FilterPane):
    def __init__(self, *, id: str = "sources") -> None:
        super().__init__("Sources", id=id)
        self.briefing = Briefing(analysed=False)
        self.only: set[str] | None = None
        self.only_label = ""

    def update_briefing(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.render_options()

    def narrow(self, ids: set[str] | None, label: str = "") -> None:
        """Show only the sources in `ids` (None: all of them)."""
        self.only = ids
        self.only_label = label
        self.render_options()

    def render_options(self) -> None:
        briefing = self.briefing
        options: list[Option] = []
        for number, article in enumerate(briefing.sources, 1):
            if self.only is not None and article.id not in self.only:
                continue
            story = briefing.story_of(article.id)
            title = article.title or article.id
            facts = tuple(f for f in (article.outlet, article.date) if f)
            if briefing.analysed:
                facts += (f"story: {story.title}" if story is not None else "analysing…",)
            options.append(self.item_option(
                f"source:{article.id}", (number, title, facts),
                lambda n=number, t=title, f=facts: _prompt(n, t, f), article,
                " ".join([title, article.id, *facts, article.text])))
        if briefing.warnings and self.only is None:
            options.append(Option(Text(f"Skipped or partly read ({len(briefing.warnings)})",
                                       style="bold yellow"), disabled=True))
            for i, warning in enumerate(briefing.warnings):
                look = (warning.path, warning.message)
                options.append(self.reuse(("warning", i), look,
                                          lambda w=warning: _warning(w.path, w.message)))
        if not briefing.sources:
            options.append(Option(Text("No readable article yet.", style="dim"), disabled=True))
        self.total = len(briefing.sources)
        if self.only is None:
            self.heading = "Sources"
            self.border_subtitle = ""
        else:
            self.heading = f"Sources · {self.only_label}"
            self.border_subtitle = "esc: all sources"
        self.show(options)


def _prompt(number: int, title: str, facts: tuple[str, ...]) -> Text:
    prompt = Text.assemble((f"[{number}] ", "bold"), (title, "bold"))
    if facts:
        prompt.append("\n" + " · ".join(facts), style="dim")
    return prompt


def _warning(path: str, message: str) -> Option:
    return Option(Text.assemble(("⚠ ", "yellow"), (path, "yellow"), ("\n" + message, "dim")),
                  disabled=True)
