"""The folder watch of the live dashboard: an async loop run in the dashboard's worker."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.message import Message

from briefing.config import Config
from briefing.session import is_watched
from briefing.tui.messages import FilesChanged


async def watch(folder: Path, config: Config, post: Callable[[Message], object],
                notify: Callable[..., Any]) -> None:
    """Post the changes in the seeds folder. A watch ends with its folder: when the folder
    is deleted, wait for it to come back, say so, re-read it and watch it again."""
    from watchfiles import awatch

    tui = config.tui
    while True:
        async for changes in awatch(
                folder, debounce=max(tui.debounce_ms, 1), step=50,
                force_polling=tui.force_polling or None,
                watch_filter=lambda _, path: is_watched(path, folder, config)):
            post(FilesChanged({Path(path) for _, path in changes}))
            if not folder.is_dir():
                break
        if folder.is_dir():  # the watch ended for another reason: nothing to wait for
            return
        notify("The seeds folder is gone; watching for it to come back.",
               title="Live reload", severity="warning", markup=False)
        while not folder.is_dir():
            await asyncio.sleep(min(max(tui.debounce_ms, 50), 1000) / 1000)
        notify("The seeds folder is back: re-read and watched again.",
               title="Live reload", markup=False)
        post(FilesChanged({folder}))
