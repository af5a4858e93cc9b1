"""The status of the briefing: while the first analysis runs, a line with n/N and a
ProgressBar above the footer; afterwards, in the header, when the briefing was last updated
and whether the folder is watched."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class AnalysisStatus(Horizontal):
    DEFAULT_CSS = """
    AnalysisStatus { height: 1; display: none; padding: 0 1; }
    AnalysisStatus > Label { width: auto; margin-right: 2; }
    AnalysisStatus.-running { display: block; }
    AnalysisStatus > ProgressBar { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="analysis-label")
        yield ProgressBar(show_eta=True, id="analysis-bar")

    def progress(self, done: int, total: int) -> None:
        self.add_class("-running")
        self.query_one(Label).update(Text(f"Analysing {done}/{total} articles"))
        self.query_one(ProgressBar).update(total=total, progress=done)

    def finished(self) -> None:
        self.remove_class("-running")


def updated_line(folder: str, watched: bool, when: datetime | None = None) -> str:
    """The header's subtitle: 'updated 09:56 · watched · seeds' (the folder last: a narrow
    header cuts it first)."""
    stamp = (when or datetime.now()).strftime("%H:%M")
    return f"updated {stamp} · {'watched' if watched else 'not watched'} · {folder}"
