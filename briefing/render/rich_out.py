"""Rich output for `briefing print` (minimal until the briefing issue's layout lands)."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.text import Text

from briefing.model import Briefing


def make_console(color: str, no_color: bool = False) -> Console:
    if color == "never" or (no_color and color != "always"):
        return Console(file=sys.stdout, color_system=None, highlight=False, emoji=False)
    return Console(file=sys.stdout, force_terminal=True if color == "always" else None,
                   highlight=False, emoji=False)


def render_rich(briefing: Briefing, console: Console) -> None:
    for article in briefing.sources:
        console.print(Text(article.title or article.id, style="bold"))
