"""F1 / `?`: the key list as Markdown in a modal; closing it restores the focus."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80;
        max-width: 90%;
        height: 80%;
        border: round $accent;
        border-title-color: $text;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="close_help"),
    ]

    def compose(self) -> ComposeResult:
        text = resources.files("briefing.tui").joinpath("help.md").read_text(encoding="utf-8")
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            yield Markdown(text)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss()
