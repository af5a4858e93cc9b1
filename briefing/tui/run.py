"""Entry point for `briefing` without a subcommand: one factory for the CLI and the tests."""

from __future__ import annotations

from briefing.config import Config
from briefing.session import Session
from briefing.tui.app import BriefingApp
from briefing.tui.theme import check_theme


def make_app(config: Config, cache_dir: str | None = None, use_cache: bool = True) -> BriefingApp:
    return BriefingApp(Session(config, cache_dir=cache_dir, use_cache=use_cache))


def run_dashboard(config: Config, cache_dir: str | None = None, use_cache: bool = True) -> int:
    """The exit code: 0 after a quit, 1 when the app stopped on an error (Textual has
    printed it). Raises ConfigError for a `tui.theme` Textual does not have, before the
    screen is taken."""
    check_theme(config)
    app = make_app(config, cache_dir=cache_dir, use_cache=use_cache)
    app.run()
    return app.return_code or 0
