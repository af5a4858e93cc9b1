"""Snapshot tests of the dashboard (pytest-textual-snapshot): the main screen after the
analysis, the zoomed Summary pane and the article view, each at 160x45 and 80x24. They run on
test_tui.py's fake NLP and seed articles (fast, no spaCy), with the header's "updated HH:MM"
line pinned and a temporary cache dir, so every screenshot is the same on every run.

After a deliberate change to the screens, regenerate the SVGs with
`pytest tests/test_tui_snapshots.py --snapshot-update` and look at them before committing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from test_tui import ARTICLES, analysed, fake_analyse, fake_assemble, make_config, wait_for

from briefing import pipeline
from briefing.tui.run import make_app
from briefing.tui.screens import dashboard as dashboard_module
from briefing.tui.widgets.status import updated_line

SIZES = [pytest.param((160, 45), id="160x45"), pytest.param((80, 24), id="80x24")]
FIXED = datetime(2026, 1, 1, 9, 30)


@pytest.fixture
def snapshot_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_seeds: Any) -> Any:
    """The dashboard over the three seed articles, on the fake NLP, with a fixed clock and
    folder name in the header and a cache dir under tmp_path."""
    fake_analyse.seen = []
    monkeypatch.setattr(pipeline, "analyse", fake_analyse)
    monkeypatch.setattr(pipeline, "assemble", fake_assemble)
    monkeypatch.setattr(pipeline, "prepare_analysis", lambda config: None)
    # the header names the folder (a different tmp path each run) and the time of the update
    monkeypatch.setattr(dashboard_module, "updated_line",
                        lambda folder, watched: updated_line("seeds", watched, FIXED))
    cache = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    folder = write_seeds(ARTICLES)
    return make_app(make_config(folder, watch=False), cache_dir=str(cache), use_cache=False)


async def _analysed(pilot: Any) -> None:
    await wait_for(pilot, lambda: analysed(pilot.app))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_main_screen_after_analysis(snap_compare: Any, snapshot_app: Any, size) -> None:
    assert snap_compare(snapshot_app, terminal_size=size, run_before=_analysed)


@pytest.mark.parametrize("size", SIZES)
def test_zoomed_summary_pane(snap_compare: Any, snapshot_app: Any, size) -> None:
    async def zoom(pilot: Any) -> None:
        await _analysed(pilot)
        await pilot.press("shift+tab", "z")  # focus the Summary pane, then maximise it
        await pilot.pause()
        assert pilot.app.screen.maximized.id == "summary"

    assert snap_compare(snapshot_app, terminal_size=size, run_before=zoom)


@pytest.mark.parametrize("size", SIZES)
def test_article_view(snap_compare: Any, snapshot_app: Any, size) -> None:
    async def open_article(pilot: Any) -> None:
        await _analysed(pilot)
        await pilot.press("enter")  # the first source, alpha.txt
        await pilot.pause()
        assert pilot.app.screen.article.id == "alpha.txt"

    assert snap_compare(snapshot_app, terminal_size=size, run_before=open_article)
