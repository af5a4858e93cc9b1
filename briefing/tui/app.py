"""BriefingApp: global keys, help and the command palette. Kept small: the panes' routing and
the workers live in DashboardScreen."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from briefing.session import Session
from briefing.tui.commands import JumpProvider
from briefing.tui.screens.dashboard import DashboardScreen


class BriefingApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Briefing"
    COMMANDS = App.COMMANDS | {JumpProvider}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
        Binding("ctrl+p", "command_palette", "Palette", show=False, priority=True,
                id="palette"),
    ]

    def __init__(self, live: Session) -> None:
        super().__init__()
        self.live = live
        self.set_keymap(live.config.tui.keys)

    def get_default_screen(self) -> Screen:
        return DashboardScreen(self.live)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "The keys and what the panes show", self.action_help)
        if isinstance(screen, DashboardScreen):
            yield SystemCommand("Reload", "Re-read the seeds folder now", screen.action_reload)

    def action_help(self) -> None:
        from briefing.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
