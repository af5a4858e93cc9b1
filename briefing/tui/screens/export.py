"""The export dialog (`e`): a file name, prefilled with one in the current directory."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from briefing.model import Briefing, Story
from briefing.safe_text import clean


class ExportScreen(ModalScreen[Path | None]):
    """Asks where to write; dismissed with the path typed (None: cancelled)."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 80%; max-width: 100; height: auto;
        border: round $accent; padding: 0 1; background: $surface;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_export")]

    def __init__(self, what: str, default: Path) -> None:
        super().__init__()
        self.what = what
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"Export {self.what} as Markdown to:"))
            yield Input(str(self.default), id="export-path")
            yield Label(Text("enter: write · esc: cancel", style="dim"))

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(Path(value) if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def ask_and_export(app: App[object], briefing: Briefing, story: Story | None,
                   folder: Path) -> None:
    """Ask where to write the story (None: the whole briefing) as Markdown, write it there
    and say where it went, or why it could not. The writer (the Markdown renderer) is
    imported on the first export, not with the dashboard."""
    from briefing.export import ExportError, default_path, export_markdown

    def export(target: Path | None) -> None:
        if target is None:
            return
        try:
            written = export_markdown(briefing, story, target, folder)
        except ExportError as exc:
            app.notify(clean(str(exc)), title="Not exported", severity="error", timeout=8,
                       markup=False)
        else:
            app.notify(clean(str(written)), title="Exported", timeout=8, markup=False)

    what = f"the story “{story.title}”" if story is not None else "the whole briefing"
    app.push_screen(ExportScreen(what, default_path(story, Path.cwd())), export)
