"""`o` and `y` on a source, in the dashboard and the article view: open the original with
the system's opener, copy its URL (OSC 52, through Textual)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App

from briefing import opener
from briefing.model import Article


def open_original(app: App[object], article: Article, folder: Path) -> None:
    where = opener.target(article, folder)
    if opener.open_target(where):
        app.notify(Text(where), title="Opened")
    else:
        app.notify(Text(f"No system opener (xdg-open) on this machine: {where}"),
                   title="Not opened", severity="warning")


def copy_url(app: App[object], article: Article) -> None:
    url = opener.web_url(article)
    if url is None:
        app.notify("This source has no web address.", severity="warning")
        return
    app.copy_to_clipboard(url)
    app.notify(Text(url), title="Copied")
