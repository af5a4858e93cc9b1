"""Find in the article view: a bar at the bottom, every match highlighted, `n`/`N` to the
next and previous one."""

from __future__ import annotations

import re

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Input

MATCH_STYLE = "black on yellow"
CURRENT_STYLE = "black on bright_magenta"


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Offsets of every occurrence of `needle` in `text`, ignoring case ([] for '')."""
    if not needle:
        return []
    return [m.span() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]


def mark_matches(body: Text, matches: list[tuple[int, int]], current: int | None) -> Text:
    """`body` with each match styled, the current one apart."""
    for i, (start, end) in enumerate(matches):
        body.stylize(CURRENT_STYLE if i == current else MATCH_STYLE, start, end)
    return body


class FindBar(Input):
    """The search box: hidden until `/`; Enter keeps the search, Esc closes it."""

    DEFAULT_CSS = """
    FindBar { display: none; dock: bottom; margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "close", "Close find", show=False, id="close_find")]

    def __init__(self) -> None:
        super().__init__(placeholder="find in the article…", compact=True, id="find")

    def open(self) -> None:
        self.display = True
        self.focus()

    def action_close(self) -> None:
        self.display = False
        self.screen.focus_next()
