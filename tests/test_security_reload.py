"""Live reload keeps going when the seeds folder is deleted and made again, and the Details
pane never shows a source that is gone. The analysis is replaced by a stub (sources only)."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from test_tui import wait_for
from textual.widgets import Static

from briefing import pipeline
from briefing.config import load_config
from briefing.model import ArticleAnalysis, Briefing
from briefing.tui.run import make_app
from briefing.tui.widgets.details import DetailsPane

STORY = "The rocket lifted off on time from the coast on Tuesday, the agency said.\n"


@pytest.fixture
def stub_analysis(monkeypatch):
    monkeypatch.setattr(pipeline, "analyse", lambda articles, config, **_: {
        a.id: ArticleAnalysis(a.id, a.content_hash) for a in articles})
    monkeypatch.setattr(pipeline, "assemble", lambda articles, analyses, warnings, config, **_:
                        Briefing(sources=list(articles), warnings=list(warnings)))
    monkeypatch.setattr(pipeline, "prepare_analysis", lambda config: None)


def source_ids(app) -> list[str]:
    return [a.id for a in app.screen_stack[0].live.briefing.sources]


def details_text(app) -> str:
    return str(app.screen_stack[0].query_one(DetailsPane).query_one(Static).content)


async def test_a_deleted_and_recreated_folder_is_watched_again(tmp_path, stub_analysis):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "first.txt").write_text(STORY)
    config = load_config(None, seeds=seeds)
    config = dataclasses.replace(config, tui=dataclasses.replace(config.tui, debounce_ms=50))
    app = make_app(config, use_cache=False)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await wait_for(pilot, lambda: source_ids(app) == ["first.txt"]
                       and app.screen_stack[0].live.briefing.analysed)
        await pilot.press("tab", "shift+tab")  # focus back on Sources: Details shows it
        assert "File: first.txt" in details_text(app)
        await pilot.pause(0.3)
        shutil.rmtree(seeds)
        await wait_for(pilot, lambda: source_ids(app) == [])
        assert "first.txt" not in details_text(app)
        seeds.mkdir()
        await wait_for(pilot, lambda: any("back" in n.message for n in app._notifications))
        await pilot.pause(0.3)
        (seeds / "second.txt").write_text(STORY)
        await wait_for(pilot, lambda: source_ids(app) == ["second.txt"])
