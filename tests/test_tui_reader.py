"""The dashboard as a reader uses it: panes that wrap and count true, search, open, read state.
Driven with Pilot on the fake NLP of test_tui.py."""

from __future__ import annotations

import dataclasses
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
    names,
    wait_for,
)
from textual.widgets import Input, Static

from briefing import pipeline
from briefing.model import Briefing, Story, Summary, SummaryPoint
from briefing.tui.run import make_app
from briefing.tui.widgets.details import DetailsPane
from briefing.tui.widgets.entities import EntitiesPane
from briefing.tui.widgets.pane import PaneList
from briefing.tui.widgets.sources import SourcesPane
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


async def test_keys_typed_in_one_burst_after_slash_reach_the_filter(seeds, fake_nlp, tmp_path):
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await pilot.press("tab", "slash", *"kikina")
        entities = dashboard(app).query_one(EntitiesPane)
        await wait_for(pilot, lambda: entities.filter_text == "kikina")
        assert names(app) == ["Anna Kikina", "Soyuz MS-29"]  # the mission by its crew
        assert entities.border_title == "People & Missions (2 of 4)"
        headings = [str(o.prompt) for o in entities.list.options if o.disabled]
        assert headings == ["People (1 of 3)", "Missions (1)"]
        await pilot.press("escape")
        assert entities.border_title == "People & Missions (4)"
        assert not entities.query_one(Input).display


async def test_a_narrowed_sources_pane_counts_what_it_shows(seeds, fake_nlp, tmp_path):
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        sources = dashboard(app).query_one(SourcesPane)
        assert sources.border_title == "Sources (3)"
        dashboard(app).jump_to(next(p for p in dashboard(app).live.briefing.people
                                    if p.name == "Anna Kikina"))
        await pilot.pause()
        assert sources.border_title == "Sources · Anna Kikina (2 of 3)"
        assert dashboard(app).title.startswith("Briefing · 3 sources · 3 people · 1 mission")


async def test_details_list_every_mention_and_citations_ascend(seeds, fake_nlp, tmp_path):
    (seeds / "gamma.txt").write_text(
        "Astronaut Anna Kikina met the press. Later astronaut Anna Kikina and astronaut "
        "Anna Kikina's crew waved.", encoding="utf-8")
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        screen = dashboard(app)
        kikina = next(p for p in screen.live.briefing.people if p.name == "Anna Kikina")
        screen.jump_to(kikina)
        await pilot.pause()
        details = str(screen.query_one(DetailsPane).query_one(Static).render())
        assert f"Mentions in context ({kikina.mentions})" in details
        assert details.count("\n• ") == 3  # one sentence of alpha, one of beta, one of gamma
        assert "(×2)" in details


async def test_one_story_shows_each_point_once_citing_in_ascending_order(
        seeds, fake_nlp, tmp_path, monkeypatch):
    def one_story(articles, analyses, warnings, config, **cache) -> Briefing:
        briefing = fake_assemble(articles, analyses, warnings, config)
        ids = [a.id for a in articles]
        point = SummaryPoint("Both sources tell of the launch.", ids[1::-1], story="s0")
        story = Story(id="s0", title="The launch", sources=ids, points=[point])
        return dataclasses.replace(briefing, stories=[story],
                                   summary=Summary("The launch", [point]))

    monkeypatch.setattr(pipeline, "assemble", one_story)
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await pilot.pause()
        shown = [str(o.prompt) for o in dashboard(app).query_one(SummaryPane).list.options]
        assert sum("Both sources tell of the launch." in line for line in shown) == 1
        assert any(line.endswith("launch. [1][2]") for line in shown)
        assert any("The launch  3 sources [1][2][3]" in line for line in shown)


async def test_at_80x24_the_people_pane_lists_more_than_one_person(seeds, fake_nlp, tmp_path):
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await pilot.pause()
        entities = dashboard(app).query_one(EntitiesPane).list
        # the "People (3)" heading, then two people of two lines each
        assert entities.scrollable_content_region.height >= 1 + 2 * 2
        assert dashboard(app).query_one(SummaryPane).list.scrollable_content_region.height >= 4
