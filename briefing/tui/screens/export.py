"""The export dialog (`e`): a file name, prefilled with one in the current directory."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


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
