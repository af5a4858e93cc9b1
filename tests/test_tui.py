"""The dashboard, driven with Pilot. The NLP and digest steps are replaced by a small fake
(names after 'astronaut', missions 'Soyuz MS-N') so these tests are fast and do not depend on
the models; test_tui_real.py runs the real pipeline once."""

from __future__ import annotations

import dataclasses
import gc
import re
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text
from textual.widgets import Input

from briefing import pipeline
from briefing.config import Config, load_config
from briefing.model import (
    Article,
    ArticleAnalysis,
    Briefing,
    Context,
    EntityMention,
    LoadWarning,
    Mission,
    Person,
    Span,
    Story,
    Summary,
    SummaryPoint,
)
from briefing.session import Session, describe_changes, is_watched
from briefing.tui.messages import BriefingReady
from briefing.tui.run import make_app
from briefing.tui.screens.article import SENTENCE_STYLE, ArticleScreen
from briefing.tui.screens.dashboard import DashboardScreen
from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.pane import FilterPane, ItemOption, PaneList
from briefing.tui.widgets.summary import SummaryPane

SIZE = (160, 45)
PERSON = re.compile(r"(?<=astronaut )[A-Z][a-z]+ [A-Z][a-z]+")
MISSION = re.compile(r"Soyuz MS-\d+")

ARTICLES = {
    "alpha.txt": "Soyuz MS-29 will carry astronaut Anil Menon to the station.\n\n"
                 "The crew trained for a year, said astronaut Anna Kikina.",
    "beta.txt": "A launch date for Soyuz MS-29 was set. Officials praised astronaut Anna Kikina.",
    "markup.txt": "Odd copy with [bold red]not markup[/bold red] and astronaut Pyotr Dubrov.",
}


def fake_analyse(articles, config, *, cache_dir=None, use_cache=True, store=None, progress=None,
                 cancelled=None, helping=None) -> dict[str, ArticleAnalysis]:
    fake_analyse.seen += [a.id for a in articles]
    results = {}
    for n, article in enumerate(articles, 1):
        mentions = [EntityMention(m.group(), m.group(), label, m.start(), m.end(), 0)
                    for label, rx in (("PERSON", PERSON), ("MISSION", MISSION))
                    for m in rx.finditer(article.text)]
        results[article.id] = ArticleAnalysis(article.id, article.content_hash,
                                              [Span(0, len(article.text))], mentions)
        if progress:
            progress(n, len(articles), sum(a.words for a in articles[:n]))
    return results


fake_analyse.seen = []


def fake_assemble(articles, analyses: Mapping[str, ArticleAnalysis], warnings,
                  config, **cache) -> Briefing:
    people: dict[str, Person] = {}
    missions: dict[str, Mission] = {}
    mentions: dict[str, int] = {}
    for article in articles:
        analysis = analyses[article.id]
        for m in analysis.mentions:
            table, cls = (people, Person) if m.label == "PERSON" else (missions, Mission)
            extra = {"roles": ["astronaut"]} if cls is Person else {}
            entity = table.setdefault(m.name, cls(name=m.name, **extra))
            mentions[m.name] = mentions.get(m.name, 0) + 1
            if article.id not in entity.sources:
                entity.sources.append(article.id)
            entity.contexts.append(Context(article.id, article.text))
        crew = [m.name for m in analysis.mentions if m.label == "PERSON"]
        for m in analysis.mentions:
            if m.label == "MISSION":
                missions[m.name].people.extend([c for c in crew
                                                if c not in missions[m.name].people])
    people = {n: dataclasses.replace(p, mentions=mentions[n]) for n, p in people.items()}
    missions = {n: dataclasses.replace(m, mentions=mentions[n]) for n, m in missions.items()}
    stories = [Story(id=f"s{i}", title=a.id, sources=[a.id],
                     points=[SummaryPoint(a.paragraphs[0], [a.id])])
               for i, a in enumerate(articles)]
    return Briefing(sources=list(articles), stories=stories,
                    people=sorted(people.values(), key=lambda p: p.name),
                    missions=list(missions.values()),
                    summary=Summary("Fake headline", []), warnings=list(warnings))


@pytest.fixture
def fake_nlp(monkeypatch):
    fake_analyse.seen = []
    monkeypatch.setattr(pipeline, "analyse", fake_analyse)
    monkeypatch.setattr(pipeline, "assemble", fake_assemble)
    monkeypatch.setattr(pipeline, "prepare_analysis", lambda config: None)
    return fake_analyse


@pytest.fixture
def seeds(write_seeds) -> Path:
    return write_seeds(ARTICLES)


def make_config(seeds: Path, **tui) -> Config:
    config = load_config(None, seeds=seeds)
    return dataclasses.replace(config, tui=dataclasses.replace(config.tui, **tui))


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    """Pause until condition() holds; a loaded CI machine can take seconds per reload."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting for the dashboard")


def dashboard(app) -> DashboardScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, DashboardScreen)
    return screen


def items(app, list_id: str) -> list[object]:
    option_list = app.screen_stack[0].query_one(f"#{list_id}")
    return [option_list.get_option_at_index(i).item for i in range(option_list.option_count)
            if isinstance(option_list.get_option_at_index(i), ItemOption)]


def names(app) -> list[str]:
    return [item.name for item in items(app, "entities-list")]


def analysed(app) -> bool:
    return dashboard(app).live.briefing.analysed


async def test_tab_moves_focus_across_panes(seeds, fake_nlp):
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        seen = [app.focused.id]
        for _ in range(4):
            await pilot.press("tab")
            seen.append(app.focused.id)
        assert seen == ["sources-list", "entities-list", "details", "summary-list",
                        "sources-list"]
        await pilot.press("shift+tab")
        assert app.focused.id == "summary-list"
        await pilot.press("z")
        assert app.screen.maximized.id == "summary"
        await pilot.press("z")
        assert app.screen.maximized is None
        assert [a.id for a in items(app, "sources-list")] == sorted(ARTICLES)
        assert names(app) == ["Anil Menon", "Anna Kikina", "Pyotr Dubrov", "Soyuz MS-29"]
        await pilot.click("#entities-list", offset=(3, 3))
        assert app.focused.id == "entities-list"
        assert app.focused.highlighted_option.item.name == "Anna Kikina"


async def test_slash_filters_the_people_list(seeds, fake_nlp):
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await pilot.press("tab", "slash")
        await pilot.press(*"dubr")
        assert names(app) == ["Pyotr Dubrov"]
        await pilot.press("enter")
        assert app.focused.id == "entities-list"
        await pilot.press("escape")
        assert "Anil Menon" in names(app)


async def test_help_opens_and_closes_restoring_focus(seeds, fake_nlp):
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        assert app.focused.id == "entities-list"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, DashboardScreen)


async def test_palette_jumps_to_a_person(seeds, fake_nlp):
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await pilot.press("ctrl+p")
        await pilot.press(*"Pyotr Dubrov")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is not None
                       and app.focused.id == "entities-list")
        chosen = app.focused.highlighted_option.item
        assert chosen.name == "Pyotr Dubrov"
        assert [a.id for a in items(app, "sources-list")] == ["markup.txt"]
        await pilot.press("escape")
        assert len(items(app, "sources-list")) == 3


async def test_enter_on_a_source_opens_the_article(seeds, fake_nlp):
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await pilot.press("G", "enter")
        assert isinstance(app.screen, ArticleScreen)
        body = app.screen.query_one("#article-body Static").render()
        assert "[bold red]not markup[/bold red]" in str(body)
        assert app.screen.article.id == "markup.txt"
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        assert app.focused.id == "sources-list"
        await pilot.press("shift+tab", "j", "enter")
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.id == "alpha.txt"


async def test_an_article_opened_early_gets_highlights_when_analysis_ends(seeds, fake_nlp,
                                                                         monkeypatch):
    gate = threading.Event()

    def slow(*args, **kwargs):
        gate.wait(10)
        return fake_analyse(*args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", slow)
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: len(items(app, "sources-list")) == 3)
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen) and app.screen.analysis is None
        gate.set()
        await wait_for(pilot, lambda: app.screen.analysis is not None)
        body = app.screen.query_one("#article-body Static").render()
        assert any("Anil Menon" == body.plain[s.start:s.end] for s in body.spans)


async def test_a_failing_analysis_is_reported_not_fatal(seeds, fake_nlp, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("model missing")

    monkeypatch.setattr(pipeline, "assemble", broken)
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: any("model missing" in n.message
                                          for n in app._notifications))
        assert len(items(app, "sources-list")) == 3
        assert "failed" in str(dashboard(app).query_one("#entities").border_subtitle)


async def test_selecting_a_source_marks_its_summary_lines(seeds, fake_nlp):
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await pilot.press("j")
        summary = dashboard(app).query_one("#summary-list")
        marked = [summary.get_option_at_index(i) for i in range(summary.option_count)]
        marked = [o.item for o in marked if isinstance(o, ItemOption)
                  and str(o.prompt).startswith("▌")]
        assert marked and all(item.sources == ["beta.txt"] for item in marked)


async def test_live_reload_adds_and_removes_people(seeds, fake_nlp):
    app = make_app(make_config(seeds, debounce_ms=50), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await pilot.press("tab", "j")
        assert app.focused.highlighted_option.item.name == "Anna Kikina"
        await pilot.pause(0.3)
        fake_nlp.seen.clear()
        (seeds / ".#gamma.txt").write_text("editor lock", encoding="utf-8")
        (seeds / "gamma.txt~").write_text("backup", encoding="utf-8")
        (seeds / "bad.txt").write_bytes(b"\xff\xfe\x00 astronaut \x80\x81")
        (seeds / "gamma.txt").write_text("Docking went well for astronaut Aaron Zane.",
                                         encoding="utf-8")
        await wait_for(pilot, lambda: "Aaron Zane" in names(app))
        assert "gamma.txt" in fake_nlp.seen
        assert not {"alpha.txt", "beta.txt", "markup.txt"} & set(fake_nlp.seen)
        assert app.focused.highlighted_option.item.name == "Anna Kikina"
        (seeds / "gamma.txt").unlink()
        await wait_for(pilot, lambda: "Aaron Zane" not in names(app))
        assert "gamma.txt" not in [a.id for a in items(app, "sources-list")]
        assert app.focused.highlighted_option.item.name == "Anna Kikina"


def options_by_id(app, list_id: str) -> dict[str, object]:
    option_list = app.screen_stack[0].query_one(f"#{list_id}")
    return {o.id: o for o in option_list.options if o.id is not None}


def prompt(app, list_id: str, option_id: str) -> str:
    """The option's prompt, or "" while the list does not hold it yet."""
    option = options_by_id(app, list_id).get(option_id)
    return "" if option is None else str(option.prompt)


async def test_a_reload_rebuilds_only_the_options_that_changed(seeds, fake_nlp):
    app = make_app(make_config(seeds, debounce_ms=50), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "story:" in prompt(app, "sources-list", "source:alpha.txt"))
        sources, entities = options_by_id(app, "sources-list"), options_by_id(app, "entities-list")
        await pilot.pause(0.3)
        (seeds / "gamma.txt").write_text("Docking went well for astronaut Anna Kikina.",
                                         encoding="utf-8")
        await wait_for(pilot, lambda: "story:" in prompt(app, "sources-list", "source:gamma.txt"))
        sources_now = options_by_id(app, "sources-list")
        entities_now = options_by_id(app, "entities-list")
        briefing = dashboard(app).live.briefing
        # alpha and beta keep their numbers; markup.txt moved from [3] to [4]
        assert sources_now["source:alpha.txt"] is sources["source:alpha.txt"]
        assert sources_now["source:markup.txt"] is not sources["source:markup.txt"]
        assert str(sources_now["source:markup.txt"].prompt).startswith("[4]")
        # Anil Menon is shown as before, with the new briefing's Person behind the option
        anil = entities_now["person:Anil Menon"]
        assert anil is entities["person:Anil Menon"]
        assert anil.item is next(p for p in briefing.people if p.name == "Anil Menon")
        # Anna Kikina has a third source now
        anna = entities_now["person:Anna Kikina"]
        assert anna is not entities["person:Anna Kikina"]
        assert "3 sources" in str(anna.prompt)


async def test_a_landed_file_is_listed_before_its_analysis_ends(seeds, fake_nlp,
                                                                 monkeypatch):
    gate = threading.Event()

    def slow_analyse(articles, config, **options):
        if any(a.id == "gamma.txt" for a in articles):
            gate.wait(10)
        return fake_analyse(articles, config, **options)

    monkeypatch.setattr(pipeline, "analyse", slow_analyse)
    app = make_app(make_config(seeds, debounce_ms=50), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await pilot.pause(0.3)
        (seeds / "gamma.txt").write_text("Docking went well for astronaut Aaron Zane.",
                                         encoding="utf-8")
        await wait_for(pilot, lambda: "source:gamma.txt" in options_by_id(app, "sources-list"))
        assert "analysing…" in str(options_by_id(app, "sources-list")["source:gamma.txt"].prompt)
        assert "story:" in str(options_by_id(app, "sources-list")["source:alpha.txt"].prompt)
        assert "Aaron Zane" not in names(app)
        gate.set()
        await wait_for(pilot, lambda: "Aaron Zane" in names(app))
        assert "story: gamma.txt" in str(
            options_by_id(app, "sources-list")["source:gamma.txt"].prompt)


async def test_options_added_at_the_end_leave_the_others_laid_out(monkeypatch):
    """A big folder being read grows the Sources list every quarter second: only the new
    options are added, the list is not rebuilt and the cursor stays."""
    from textual.app import App

    class One(App):
        def compose(self):
            yield FilterPane("Items", id="items")

    rebuilt = []
    real = PaneList.set_options
    monkeypatch.setattr(PaneList, "set_options",
                        lambda self, options: rebuilt.append(1) or real(self, options))

    def fill(pane, count):
        pane.show([pane.item_option(f"i{n}", n, lambda n=n: f"item {n}", n, str(n))
                   for n in range(count)])

    app = One()
    async with app.run_test() as pilot:
        pane = app.query_one(FilterPane)
        fill(pane, 3)
        assert len(rebuilt) == 1
        first = list(pane.list.options)
        pane.list.highlighted = 2
        fill(pane, 6)
        await pilot.pause()
        assert len(rebuilt) == 1
        assert list(pane.list.options)[:3] == first and pane.list.option_count == 6
        assert pane.list.highlighted == 2
        pane.show([pane.item_option("i9", 9, lambda: "item 9", 9, "9")])
        assert len(rebuilt) == 2 and pane.list.option_count == 1


def test_sources_are_handed_over_before_the_analysis_unless_one_went(seeds, fake_nlp):
    live = Session(make_config(seeds), use_cache=False)
    live.load()
    live.refresh(set())
    read: list[Briefing] = []
    (seeds / "gamma.txt").write_text("Docking went well for astronaut Aaron Zane.",
                                     encoding="utf-8")
    live.refresh({(seeds / "gamma.txt").resolve()}, read=read.append)
    (early,) = read
    assert [a.id for a in early.sources] == ["alpha.txt", "beta.txt", "gamma.txt",
                                             "markup.txt"]
    assert early.story_of("gamma.txt") is None and early.story_of("alpha.txt") is not None
    (seeds / "gamma.txt").unlink()
    live.refresh({(seeds / "gamma.txt").resolve()}, read=read.append)
    live.refresh({(seeds / "alpha.txt").resolve()}, read=read.append)
    assert len(read) == 1


async def test_a_folder_moved_in_and_out_is_picked_up(seeds, fake_nlp, tmp_path):
    outside = tmp_path / "desk"
    outside.mkdir()
    (outside / "delta.txt").write_text("Spacewalk for astronaut Bea Okafor today.",
                                       encoding="utf-8")
    app = make_app(make_config(seeds, debounce_ms=50), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await pilot.pause(0.3)
        outside.rename(seeds / "desk")
        await wait_for(pilot, lambda: "Bea Okafor" in names(app))
        (seeds / "desk").rename(tmp_path / "gone")
        await wait_for(pilot, lambda: "Bea Okafor" not in names(app))
        assert "desk/delta.txt" not in [a.id for a in items(app, "sources-list")]


async def test_keys_can_be_rebound_from_config(seeds, fake_nlp):
    app = make_app(make_config(seeds, watch=False, keys={"quit": "x", "filter": "f"}),
                   use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        assert isinstance(app.focused, Input) and app.focused.parent.id == "sources"
        await pilot.press("escape", "q")
        assert app.is_running
        await pilot.press("x")
        await pilot.pause()
        assert not app.is_running


def test_article_body_styles_mentions_and_keeps_markup_literal():
    from briefing.tui.screens.article import article_body

    text = ARTICLES["markup.txt"]
    article = Article(id="m", path="m", text=text)
    analysis = fake_analyse([article], None)["m"]
    body = article_body(article, analysis, focus="Pyotr Dubrov")
    assert isinstance(body, Text) and body.plain == text
    start = text.index("Pyotr")
    assert any(s.start == start and "reverse" in str(s.style) for s in body.spans)


def test_describe_changes_lists_new_sources_and_people():
    old = Briefing(sources=[Article("a", "a", "x", title="A")], people=[Person("P")])
    new = Briefing(sources=[*old.sources, Article("b", "b", "y", title="B")],
                   people=[Person("Q"), Person("R")], missions=[Mission("M")])
    assert describe_changes(old, new) == ("1 new source: B; 2 new people: Q, R; "
                                          "1 person gone: P; 1 new mission: M")
    assert describe_changes(new, new) == ""


def test_watch_filter_skips_temp_and_ignored_files(tmp_path):
    config = load_config(None, seeds=tmp_path)
    assert is_watched(tmp_path / "a.txt", tmp_path, config)
    (tmp_path / "4913").write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert is_watched(tmp_path / "sub", tmp_path, config)
    for name in ("a.txt~", ".#a.txt", "a.txt.swp", "4913", "x.part", ".hidden/a.txt"):
        assert not is_watched(tmp_path / name, tmp_path, config)
    assert not is_watched(tmp_path.parent / "a.txt", tmp_path, config)


async def test_warnings_show_under_the_sources(seeds, fake_nlp):
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        screen = dashboard(app)
        briefing = dataclasses.replace(screen.live.briefing,
                                       warnings=[LoadWarning("bad.bin", "[red]not an article")])
        screen.post_message(BriefingReady(briefing, "1 new source: X"))
        option_list = screen.query_one("#sources-list")

        def rows() -> list[str]:
            return [str(option_list.get_option_at_index(i).prompt)
                    for i in range(option_list.option_count)]
        await wait_for(pilot, lambda: any("bad.bin" in row for row in rows()))
        assert any("bad.bin" in row and "[red]not an article" in row for row in rows())
        assert any("1 new source: X" in n.message for n in app._notifications)


@pytest.mark.subprocess
def test_print_never_imports_textual(seeds):
    code = ("import sys; from briefing.cli import main; "
            f"main(['print', '--seeds', {str(seeds)!r}, '--format', 'json', '--no-cache']); "
            "assert 'textual' not in sys.modules, 'textual imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


@pytest.mark.subprocess
def test_making_the_dashboard_does_not_import_the_digest(seeds):
    code = ("import sys; from briefing.config import load_config; "
            "from briefing.tui.run import make_app; "
            f"make_app(load_config(None, seeds={str(seeds)!r})); "
            "assert 'briefing.digest' not in sys.modules, 'digest imported'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


def test_reloading_a_feed_clears_the_warnings_of_its_entries(seeds, fake_nlp):
    feed = seeds / "wire.xml"
    feed.write_text("<rss><channel><item><title>Empty</title></item></channel></rss>",
                    encoding="utf-8")
    live = Session(make_config(seeds, watch=False), use_cache=False)
    live.load()
    assert any(w.path.startswith("wire.xml") for w in live.warnings)
    feed.write_text("<rss><channel><item><title>Docking</title><description>Astronaut Aaron "
                    "Zane docked with the station on Monday.</description></item></channel></rss>",
                    encoding="utf-8")
    live.refresh({feed})
    assert not any(w.path.startswith("wire.xml") for w in live.warnings)
    assert "wire.xml#1" in live.articles


def test_a_session_never_freezes_the_collector(tmp_path, fake_nlp):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):
        (folder / f"{n:03d}.txt").write_text(f"Report {n} on astronaut Anna Kikina.",
                                            encoding="utf-8")
    gc.unfreeze()
    live = Session(load_config(None, seeds=folder), use_cache=False)
    live.load()
    live.refresh(set())  # the first analysis: every article
    (folder / "000.txt").write_text("A new report on astronaut Anil Menon.", encoding="utf-8")
    live.refresh({folder / "000.txt"})
    live.refresh(None)
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_big_folder_is_shown_while_it_is_read(tmp_path, monkeypatch, use_cache):
    import briefing.ingest.folder

    monkeypatch.setattr(briefing.ingest.folder, "READING_EVERY_S", 0.0)
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(f"Report {n} on astronaut Anna Kikina.",
                                         encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01binary")
    parts: list[Briefing] = []
    live = Session(load_config(None, seeds=folder), cache_dir=str(tmp_path / "cache"),
                   use_cache=use_cache)
    final = live.load(parts.append)
    counts = [len(part.sources) for part in parts]
    assert counts == sorted(counts) and 0 < counts[0] < 5
    assert all(not part.analysed for part in parts)
    assert [a.id for a in final.sources] == [f"{n}.txt" for n in range(5)]
    assert [w.path for w in final.warnings] == ["bad.txt"]


async def test_enter_on_a_summary_point_opens_its_verbatim_source_at_the_sentence(
        seeds, fake_nlp, monkeypatch):
    """The point cites [long][alpha]: it stands verbatim in the long article only, far down,
    so that one opens, scrolled to the sentence and with the sentence highlighted."""
    filler = "\n\n".join(f"Paragraph {k} tells what the crew did on day {k} of training."
                         for k in range(60))
    sentence = "The hatch opened at dawn and the crew floated into the station."
    (seeds / "long.txt").write_text(f"{filler}\n\n{sentence}", encoding="utf-8")

    def with_point(articles, analyses, warnings, config, **cache) -> Briefing:
        briefing = fake_assemble(articles, analyses, warnings, config)
        long = next(a for a in articles if a.id == "long.txt")
        start = long.text.index(sentence)
        point = SummaryPoint(sentence, ["long.txt", "alpha.txt"], start, start + len(sentence),
                             "s0")
        return dataclasses.replace(briefing, summary=Summary("Fake headline", [point]))

    monkeypatch.setattr(pipeline, "assemble", with_point)
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        summary = dashboard(app).query_one("#summary-list")

        def point_at() -> int | None:
            return next((i for i in range(summary.option_count)
                         if isinstance(option := summary.get_option_at_index(i), ItemOption)
                         and isinstance(option.item, SummaryPoint)
                         and option.item.text == sentence), None)

        await wait_for(pilot, lambda: point_at() is not None)
        dashboard(app).query_one(SummaryPane).set_highlight("alpha.txt")  # marked, cited
        summary.focus()
        summary.highlighted = point_at()
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.id == "long.txt"
        body = app.screen.query_one("#article-body Static").render()
        wanted = Style.parse(SENTENCE_STYLE).bgcolor.get_truecolor()
        assert any(body.plain[s.start:s.end] == sentence
                   and Style.parse(str(s.style)).bgcolor.get_truecolor() == wanted
                   for s in body.spans)
        scroll = app.screen.query_one("#article-body")
        await wait_for(pilot, lambda: scroll.scroll_y > 0)
        line = app.screen.sentence_line()
        assert line > SIZE[1]  # far below the first screen
        assert scroll.scroll_y <= line < scroll.scroll_y + scroll.size.height


async def test_the_top_summary_puts_each_story_under_its_own_title(seeds, fake_nlp,
                                                                    monkeypatch):
    def two_stories(articles, analyses, warnings, config, **cache) -> Briefing:
        briefing = fake_assemble(articles, analyses, warnings, config)
        first, second = briefing.stories[:2]
        points = [dataclasses.replace(first.points[0], story=first.id),
                  dataclasses.replace(second.points[0], story=second.id)]
        return dataclasses.replace(briefing, summary=Summary(first.title, points))

    monkeypatch.setattr(pipeline, "assemble", two_stories)
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        summary = dashboard(app).query_one("#summary-list")

        def lines() -> list[str]:
            return [str(summary.get_option_at_index(i).prompt)
                    for i in range(summary.option_count)]

        await wait_for(pilot, lambda: analysed(app) and any("source" in x for x in lines()))
        briefing = dashboard(app).live.briefing
        shown = lines()
        top = shown[:next(k for k, line in enumerate(shown) if "source" in line)]
        second = briefing.stories[1]
        assert top[0] == briefing.summary.headline
        assert second.title in top[2]
        assert second.points[0].text in top[3]


async def test_a_closed_article_screen_is_collected_after_reloads(seeds, fake_nlp):
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        board = dashboard(app)

        async def reload() -> None:
            board.action_reload()
            await wait_for(pilot, lambda: board._pending == set())

        board.open_article("alpha.txt")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        screen = weakref.ref(app.screen)
        await reload()  # the screen is open while the whole folder is read again
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is board)
        await reload()
        await reload()
        await pilot.pause()
        gc.collect()
        assert screen() is None


async def test_the_dashboard_collects_once_idle_after_a_reload(seeds, fake_nlp, monkeypatch):
    import briefing.tui.screens.dashboard as board_module
    from briefing import collector

    collected = []
    monkeypatch.setattr(board_module, "IDLE_BEFORE_COLLECT_S", 0.05)
    monkeypatch.setattr(collector, "collect", lambda: collected.append(gc.isenabled()))
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        await wait_for(pilot, lambda: collected == [True])
        dashboard(app).action_reload()
        await wait_for(pilot, lambda: len(collected) == 2)
