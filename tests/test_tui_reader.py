"""The dashboard as a reader uses it: panes that wrap and count true, search, open, read state.
Driven with Pilot on the fake NLP of test_tui.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import (
    ARTICLES,
    SIZE,
    analysed,
    dashboard,
    fake_analyse,
    fake_assemble,
    make_config,
    wait_for,
)

from briefing import pipeline
from briefing.tui.run import make_app
from briefing.tui.widgets.pane import PaneList
from briefing.tui.widgets.summary import SummaryPane

LONG = ("Officials said the crew of Soyuz MS-29 and astronaut Anil Menon trained for a year "
        "in Star City before the launch, a long paragraph that wraps over several lines of "
        "any pane and ends with the word sunrise.")


@pytest.fixture
def fake_nlp(monkeypatch):
    fake_analyse.seen = []
    monkeypatch.setattr(pipeline, "analyse", fake_analyse)
    monkeypatch.setattr(pipeline, "assemble", fake_assemble)
    monkeypatch.setattr(pipeline, "prepare_analysis", lambda config: None)


@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def wrapped_true(option_list: PaneList) -> bool:
    """Every option gets as many lines as its prompt wraps to at the list's width."""
    style = option_list.get_visual_style("option-list--option")
    heights = option_list._heights
    return all(heights[i] == len(option_list._get_option_render(option, style))
               for i, option in enumerate(option_list.options))


def option_text(option_list: PaneList) -> str:
    """The lines the list lays out, top to bottom."""
    style = option_list.get_visual_style("option-list--option")
    lines = []
    for index, offset in option_list._lines:
        strips = option_list._get_option_render(option_list.get_option_at_index(index), style)
        lines.append(strips[offset].text.rstrip())
    return "\n".join(lines)


async def test_a_zoomed_summary_wraps_inside_its_border(seeds, fake_nlp, tmp_path):
    (seeds / "long.txt").write_text(LONG, encoding="utf-8")
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        summary = dashboard(app).query_one(SummaryPane)
        await pilot.press("tab", "tab", "tab", "z")
        await pilot.pause()
        await pilot.pause()
        assert dashboard(app).maximized is summary
        assert summary.region.right <= SIZE[0]
        assert wrapped_true(summary.list)
        assert "ends with the word sunrise. [3]" in " ".join(option_text(summary.list).split())
        await pilot.press("z")
        await pilot.pause()
        assert dashboard(app).maximized is None
        assert wrapped_true(summary.list)


async def test_no_summary_line_is_lost_when_the_scrollbar_appears(seeds, fake_nlp, tmp_path):
    for n in range(12):
        (seeds / f"long{n:02}.txt").write_text(LONG, encoding="utf-8")
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        summary = dashboard(app).query_one(SummaryPane)
        await pilot.pause()
        assert summary.list.show_vertical_scrollbar
        assert wrapped_true(summary.list)
        summary.list.focus()
        await pilot.press("G")
        await pilot.pause()
        last = summary.list
        assert last.scroll_offset.y == last.max_scroll_y
        assert option_text(last).rstrip().endswith("Dubrov. [15]")
