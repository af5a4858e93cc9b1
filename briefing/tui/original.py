"""`o` and `y` on a source, in the dashboard and the article view: open the original with
the system's opener, copy its URL (OSC 52, through Textual)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from briefing import opener
from briefing.model import Article
from briefing.safe_text import clean


def open_original(app: App[object], article: Article, folder: Path) -> None:
    where = opener.target(article, folder)
    if opener.open_target(where):
        app.notify(clean(where), title="Opened", markup=False)
    else:
        app.notify(clean(f"No system opener (xdg-open) on this machine: {where}"),
                   title="Not opened", severity="warning", markup=False)


def copy_url(app: App[object], article: Article) -> None:
    url = opener.web_url(article)
    if url is None:
        app.notify("This source has no web address.", severity="warning", markup=False)
        return
    app.copy_to_clipboard(url)
    app.notify(clean(url), title="Copied", markup=False)
