"""Article titles, names and file names are data in the dashboard: no markup is parsed from
them (so "[VIDEO]" shows and "[@click=…]" runs nothing), no terminal escape or bidi control
from them reaches the screen, and nothing in them can crash a pane, the palette or a
notification. The pipeline is replaced by a briefing built from the hostile strings."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.widgets import Static
from textual.widgets._toast import Toast

from briefing import pipeline
from briefing.config import load_config
from briefing.model import (
    Article,
    ArticleAnalysis,
    Briefing,
    Context,
    Difference,
    LoadWarning,
    Mission,
    Person,
    Quote,
    Story,
    Summary,
    SummaryPoint,
)
from briefing.safe_text import clean
from briefing.tui.messages import BriefingReady
from briefing.tui.run import make_app
from briefing.tui.screens.article import ArticleScreen
from briefing.tui.screens.dashboard import DashboardScreen
from briefing.tui.widgets.details import DetailsPane

SIZE = (200, 60)
ESC = "\x1b"


def hostile_briefing(strings: list[str]) -> Briefing:
    """Every string as a title, a file name, an outlet, a person, a role, a mission, a story,
    a point, a quote, a difference and a skipped file."""
    sources = [Article(id=f"{s}-{i}.txt", path=f"{s}-{i}.txt",
                       text=f"Body {i} of {s}.\n\nSecond paragraph.", title=s, outlet=s,
                       author=s, url=s, content_hash=str(i))
               for i, s in enumerate(strings)]
    ids = [a.id for a in sources]
    people = [Person(name=f"{s} {i}", aliases=[s], roles=[s], role_sources={s: ids[:1]},
                     organizations=[s], missions=[s], mentions=1, sources=ids[:1],
                     contexts=[Context(ids[0], s)]) for i, s in enumerate(strings)]
    missions = [Mission(name=f"M {s} {i}", people=[s], mentions=1, sources=ids[:1],
                        contexts=[Context(ids[0], s)]) for i, s in enumerate(strings)]
    stories = [Story(id=f"story-{i}", title=s, sources=[ids[i]], reason=s,
                     points=[SummaryPoint(s, [ids[i]])], quotes=[Quote(s, s, [ids[i]])],
                     differences=[Difference(s, [SummaryPoint(s, [ids[i]])])])
               for i, s in enumerate(strings)]
    return Briefing(sources=sources, stories=stories, people=people, missions=missions,
                    summary=Summary(strings[0], [SummaryPoint(s, ids[:1]) for s in strings]),
                    warnings=[LoadWarning(s, s) for s in strings])


@pytest.fixture
def hostile(monkeypatch) -> Callable[[list[str]], None]:
    """Make the pipeline give the hostile briefing for these strings."""

    def use(strings: list[str]) -> None:
        briefing = hostile_briefing(strings)
        monkeypatch.setattr(pipeline, "read_sources",
                            lambda config, **_: (briefing.sources, briefing.warnings))
        monkeypatch.setattr(pipeline, "analyse", lambda articles, config, **_: {
            a.id: ArticleAnalysis(a.id, a.content_hash) for a in articles})
        monkeypatch.setattr(pipeline, "assemble", lambda *args, **_: briefing)
        monkeypatch.setattr(pipeline, "prepare_analysis", lambda config: None)

    return use


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settle(pilot, condition: Callable[[], bool]) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting for the dashboard")


def analysed(app) -> bool:
    screen = app.screen_stack[0]
    return isinstance(screen, DashboardScreen) and screen.live.briefing.analysed


async def visit_everything(app, pilot, note: str) -> list[str]:
    """Every pane, the Details of a source, a person and a mission, a notification, the
    palette's discovery list and search, the article screen: the screen text of each (the
    second item is the notifications' text, and the Details pane's text follows each
    screen's)."""
    seen = []
    await settle(pilot, lambda: analysed(app))
    dashboard = app.screen_stack[0]
    seen.append(screen_text(app))
    dashboard.post_message(BriefingReady(dashboard.live.briefing, note))
    await settle(pilot, lambda: bool(app.screen.query(Toast)))
    seen.append("\n".join(toast.render().plain for toast in app.screen.query(Toast)))
    seen.append(screen_text(app))
    details = dashboard.query_one(DetailsPane).query_one(Static)
    await pilot.press("j")
    seen.append(str(details.content))
    for _ in range(3):
        await pilot.press("tab")
        await pilot.press("j")
        seen.append(screen_text(app))
        seen.append(str(details.content))
    await pilot.press("ctrl+p")
    await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.pause(0.2)
    seen.append(screen_text(app))
    await pilot.press(*"Source")
    await pilot.pause(0.3)
    seen.append(screen_text(app))
    await pilot.press("escape")
    await settle(pilot, lambda: isinstance(app.screen, DashboardScreen))
    dashboard.open_article(dashboard.live.briefing.sources[0].id)
    await settle(pilot, lambda: isinstance(app.screen, ArticleScreen))
    await pilot.pause(0.1)
    seen.append(screen_text(app))
    await pilot.press("escape")
    return seen


def actions(content: Content) -> list[str]:
    """The click actions in rendered content (markup such as "[@click=app.quit]" makes one)."""
    return [str(span.style) for span in content.spans if "@click" in str(span.style)]


TITLES = ["Crew-12 [VIDEO] docks", "Stray [/] tag [/r/space]", "[link=https://x.example]L[/link]",
          "[@click=app.quit]Quit me[/]", "[sic] and [UPDATE]"]


async def test_titles_with_markup_show_literally_everywhere(tmp_path, hostile):
    hostile(TITLES)
    app = make_app(load_config(None, seeds=tmp_path), use_cache=False)
    note = "1 new source: [@click=app.quit]Quit me[/] [/]"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        seen = await visit_everything(app, pilot, note)
        assert app.is_running
    dashboard_text, toast_text, *_, palette_search, article_text = seen
    assert "Crew-12 [VIDEO] docks" in dashboard_text
    assert "[@click=app.quit]Quit me[/]" in dashboard_text
    assert "[link=https://x.example]L[/link]" in dashboard_text
    assert "[@click=app.quit]Quit me[/] [/]" in toast_text
    assert "Source: Stray [/] tag [/r/space]" in palette_search
    assert "Source: [sic] and [UPDATE]" in palette_search
    assert "Crew-12 [VIDEO] docks" in article_text


async def test_a_click_on_a_title_runs_no_action(tmp_path, hostile):
    target = tmp_path / "out"
    target.mkdir()
    title = f"[@click=app.screenshot('x.svg','{target}')]Shot[/]"
    hostile([title, "[@click=app.quit]Quit me[/]"])
    app = make_app(load_config(None, seeds=tmp_path), use_cache=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, lambda: analysed(app))
        dashboard = app.screen_stack[0]
        dashboard.post_message(BriefingReady(dashboard.live.briefing,
                                             "1 new source: [@click=app.quit]Quit me[/]"))
        await settle(pilot, lambda: bool(app.screen.query(Toast)))
        toast = app.screen.query_one(Toast)
        assert not actions(toast.render())
        await pilot.click(toast, offset=(4, 1))
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Shot")
        await pilot.pause(0.3)
        hits = app.screen.query_one(CommandList)
        assert hits.option_count and not any(
            actions(hits.get_option_at_index(i).prompt) for i in range(hits.option_count))
        await pilot.click(hits, offset=(10, 0))
        await pilot.pause(0.2)
        assert app.is_running
    assert list(target.iterdir()) == []


async def test_escapes_in_file_names_never_reach_the_screen(tmp_path, hostile):
    names = ["\x1b]52;c;aGVsbG8=\x07clip", "\x1b]0;retitled\x07title", "wipe\x1b[2J",
             "rtl\u202etxt.exe", "bad\udcff\udcfename"]
    hostile(names)
    app = make_app(load_config(None, seeds=tmp_path), use_cache=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        seen = await visit_everything(app, pilot, "; ".join(names))
    for text in seen:
        assert ESC not in text and "\u202e" not in text and "\x07" not in text
        assert not any("\ud800" <= ch <= "\udfff" for ch in text)
    shown = "\n".join(seen)
    assert "bad\ufffd\ufffdname" in seen[0]
    assert "File: title-1.txt" in shown and "rtltxt.exe" in shown


def test_clean_leaves_no_control_and_keeps_offsets_with_lines():
    assert clean("a\x1b]52;c;aGVsbG8=\x07b \x1b[2Jc\u202ed\x9b31me") == "ab cde"
    assert clean("x\udcffy") == "x\ufffdy"
    body = "one\x1b[1m two\n\nthree\u2066"
    assert len(clean(body, lines=True)) == len(body)
    assert clean(body, lines=True) == "one [1m two\n\nthree "


HOSTILE_TEXT = st.lists(st.sampled_from(
    ["[", "]", "[/]", "[@click=app.quit]", "[@click=app.screenshot('x','.')]", "[link=x]",
     "[b]", "\x1b", "\x1b]52;c;", "\x07", "\x9b", "\u202e", "\u2066", "\udcff", "\n", "\t",
     "$", "\\", "Ann", "Lee", " "]), min_size=1, max_size=12).map("".join)


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(strings=st.lists(HOSTILE_TEXT, min_size=1, max_size=4))
def test_random_hostile_strings_never_crash_nor_leak(tmp_path, hostile, strings):
    hostile(strings)
    app = make_app(load_config(None, seeds=tmp_path), use_cache=False)

    async def run() -> list[str]:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            seen = await visit_everything(app, pilot, "; ".join(strings))
            assert app.is_running
            return seen

    for text in asyncio.run(run()):
        assert ESC not in text and "\u202e" not in text
    assert app.return_code in (None, 0)


def test_a_dashboard_that_died_exits_non_zero(tmp_path, monkeypatch, hostile):
    from textual.app import App

    from briefing.tui import run

    def boom(self) -> None:
        raise RuntimeError("a pane failed")

    hostile(["Plain title"])
    monkeypatch.setattr(run.BriefingApp, "run", lambda self: App.run(self, headless=True))
    monkeypatch.setattr(DashboardScreen, "on_mount", boom)
    assert run.run_dashboard(load_config(None, seeds=tmp_path), use_cache=False) == 1


def test_the_seeds_path_in_the_header_is_cleaned(tmp_path: Path, hostile):
    folder = tmp_path / "wipe\x1b[2Jseeds"
    folder.mkdir()
    hostile(["Plain title"])
    app = make_app(load_config(None, seeds=folder), use_cache=False)

    async def run() -> str:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot, lambda: analysed(app))
            return screen_text(app)

    assert ESC not in asyncio.run(run())
