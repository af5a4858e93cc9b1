"""Typed messages posted from the dashboard's workers; the screen handles them with @on."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from briefing.model import Briefing


class SourcesLoaded(Message):
    """The sources are read (no analysis yet): enough for the first paint. `done` is False
    for the part of a big folder read so far."""

    def __init__(self, briefing: Briefing, done: bool = True) -> None:
        super().__init__()
        self.briefing = briefing
        self.done = done


class SourcesRead(Message):
    """Files that changed are read, their articles not analysed yet: the last briefing with
    the sources as they are now. `request` is the analysis request it belongs to."""

    def __init__(self, briefing: Briefing, request: int) -> None:
        super().__init__()
        self.briefing = briefing
        self.request = request


class AnalysisProgress(Message):
    """`done` of `total` articles analysed."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, AnalysisProgress)


class BriefingReady(Message):
    """A full briefing, with a note of what changed since the last one ('' for none) and the
    number of the analysis request it answers (0: none)."""

    def __init__(self, briefing: Briefing, note: str, request: int = 0) -> None:
        super().__init__()
        self.briefing = briefing
        self.note = note
        self.request = request


class FilesChanged(Message):
    """The watcher saw files added, changed or deleted in the seeds folder."""

    def __init__(self, paths: set[Path]) -> None:
        super().__init__()
        self.paths = paths
