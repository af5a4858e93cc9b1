"""Opening a source's original with the system's opener: its URL when it has a web one, else
its file. The target goes to the opener as one argument (never through a shell), and the
opener's output goes nowhere (not over a dashboard)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from briefing.model import Article


def web_url(article: Article) -> str | None:
    """The article's URL when it is an http(s) one (a URL from the article is data: nothing
    else is handed to an opener)."""
    url = (article.url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and url.isprintable():
        return url
    return None


def target(article: Article, folder: Path) -> str:
    """What `o` opens: the web URL, else the file (in the seeds `folder`) as a file:// URI."""
    return web_url(article) or (folder / article.path).resolve().as_uri()


def opener_command(platform: str = sys.platform) -> list[str] | None:
    """The platform's open command (None: there is none on this machine)."""
    if platform == "darwin":
        return ["open"]
    if platform == "win32":
        return None  # os.startfile
    found = shutil.which("xdg-open")
    return [found] if found else None


def open_target(where: str, platform: str = sys.platform) -> bool:
    """Hand `where` (a URL or file:// URI) to the system's opener; False when there is none."""
    if platform == "win32":
        os.startfile(where)  # type: ignore[attr-defined]  # noqa: S606 - no shell
        return True
    command = opener_command(platform)
    if command is None:
        return False
    subprocess.Popen([*command, where], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
    return True
