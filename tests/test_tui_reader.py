"""The dashboard as a reader uses it: panes that wrap and count true, search, open, read state.
Driven with Pilot on the fake NLP of test_tui.py."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from rich.text import Text
from test_tui import (
    ARTICLES,
    SIZE,
    analysed,
    dashboard,
    fake_analyse,
    fake_assemble,
    items,
    make_config,
    names,
    wait_for,
)
from textual.widgets import Input, Label, ProgressBar, Static

from briefing import opener, pipeline
from briefing.cli import main
from briefing.model import Article, Briefing, Story, Summary, SummaryPoint
from briefing.tui.messages import AnalysisProgress
from briefing.tui.run import make_app
from briefing.tui.screens.article import ArticleScreen
from briefing.tui.screens.dashboard import DashboardScreen
from briefing.tui.screens.export import ExportScreen
from briefing.tui.widgets.details import DetailsPane
from briefing.tui.widgets.entities import EntitiesPane
from briefing.tui.widgets.find import CURRENT_STYLE, MATCH_STYLE
from briefing.tui.widgets.pane import PaneList
from briefing.tui.widgets.sources import SourcesPane
from briefing.tui.widgets.status import AnalysisStatus
from briefing.tui.widgets.stories import StoriesPane
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
def seeds(write_seeds) -> Path:
    return write_seeds(ARTICLES)


async def settled(pilot, app) -> None:
    """The analysis is done and its briefing is in the panes."""
    def shown() -> bool:
        screen = dashboard(app)
        return analysed(app) and screen.query_one(EntitiesPane).ready and \
            screen.query_one(SummaryPane).briefing.analysed
    await wait_for(pilot, shown)


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
        await settled(pilot, app)
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
        await settled(pilot, app)
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
        await settled(pilot, app)
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
        await settled(pilot, app)
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
        await settled(pilot, app)
        screen = dashboard(app)
        kikina = next(p for p in screen.live.briefing.people if p.name == "Anna Kikina")
        screen.jump_to(kikina)
        panel = screen.query_one(DetailsPane)
        await wait_for(pilot, lambda: str(panel.query_one(Static).render()).startswith("Anna"))
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
        await settled(pilot, app)
        await pilot.pause()
        shown = [str(o.prompt) for o in dashboard(app).query_one(SummaryPane).list.options]
        assert sum("Both sources tell of the launch." in line for line in shown) == 1
        assert any(line.endswith("launch. [1][2]") for line in shown)
        assert any("The launch  3 sources [1][2][3]" in line for line in shown)


async def test_at_80x24_the_people_pane_lists_more_than_one_person(seeds, fake_nlp, tmp_path):
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot, app)
        await pilot.pause()
        entities = dashboard(app).query_one(EntitiesPane).list
        # the "People (3)" heading, then two people of two lines each
        assert entities.scrollable_content_region.height >= 1 + 2 * 2
        assert dashboard(app).query_one(SummaryPane).list.scrollable_content_region.height >= 4


async def test_the_sources_filter_matches_article_bodies(seeds, fake_nlp, tmp_path):
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("slash", *"trained")  # only in alpha's second paragraph
        sources = dashboard(app).query_one(SourcesPane)
        await wait_for(pilot, lambda: sources.filter_text == "trained")
        assert [a.id for a in items(app, "sources-list")] == ["alpha.txt"]


def styled(screen: ArticleScreen, style: str) -> list[tuple[int, int]]:
    body = screen.query_one("#article-body Static", Static).content
    assert isinstance(body, Text)
    return [(s.start, s.end) for s in body.spans if str(s.style) == style]


async def test_find_in_the_article_highlights_and_steps_through_matches(
        seeds, fake_nlp, tmp_path):
    text = ARTICLES["alpha.txt"]
    first, second = (m.start() for m in re.finditer("astronaut", text))
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.article.id == "alpha.txt"
        await pilot.press("slash", *"ASTRONAUT", "enter")
        await wait_for(pilot, lambda: len(screen.matches) == 2)
        assert styled(screen, CURRENT_STYLE) == [(first, first + 9)]
        assert styled(screen, MATCH_STYLE) == [(second, second + 9)]
        await pilot.press("n")
        assert styled(screen, CURRENT_STYLE) == [(second, second + 9)]
        await pilot.press("n")  # round to the first again
        assert styled(screen, CURRENT_STYLE) == [(first, first + 9)]
        await pilot.press("N")
        assert styled(screen, CURRENT_STYLE) == [(second, second + 9)]
        assert "match 2 of 2" in str(screen.query_one("#article-meta").border_subtitle)
        await pilot.press("escape")  # back to the dashboard: the box was closed by enter
        assert isinstance(app.screen, DashboardScreen)


async def test_o_opens_the_file_and_y_copies_the_url(seeds, fake_nlp, tmp_path, monkeypatch):
    (seeds / "web.md").write_text("---\ntitle: Web copy\nurl: https://example.org/a?b=1\n---\n"
                                  "The launch of Soyuz MS-29 was set.", encoding="utf-8")
    calls: list[list[str]] = []
    monkeypatch.setattr(opener.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(opener.subprocess, "Popen", lambda args, **kw: calls.append(args))
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("o")  # the first source, alpha.txt: a file
        assert calls == [["/usr/bin/xdg-open", (seeds / "alpha.txt").resolve().as_uri()]]
        await pilot.press("y")
        assert app.clipboard == ""  # no web address: nothing copied
        assert dashboard(app).query_one(SourcesPane).select_key("source:web.md")
        await pilot.press("y", "o")
        assert app.clipboard == "https://example.org/a?b=1"
        assert calls[-1] == ["/usr/bin/xdg-open", "https://example.org/a?b=1"]
        await pilot.press("enter")  # and the same keys in the article view
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.press("o")
        assert len(calls) == 3 and calls[-1][1] == "https://example.org/a?b=1"


def test_only_web_urls_go_to_the_opener(tmp_path):
    article = Article(id="a.txt", path="a.txt", text="x",
                      url="-oProxyCommand=evil")
    assert opener.web_url(article) is None
    assert opener.target(article, tmp_path) == (tmp_path / "a.txt").resolve().as_uri()
    assert opener.web_url(dataclasses.replace(article, url="javascript:alert(1)")) is None
    assert opener.web_url(dataclasses.replace(article, url="http://x.org/\x1b[2J")) is None


def prompt_of(app, source_id: str) -> Text:
    option = dashboard(app).query_one(SourcesPane).list.get_option(f"source:{source_id}")
    assert isinstance(option.prompt, Text)
    return option.prompt


def bold_title(prompt: Text) -> bool:
    return any("bold" in str(span.style) and span.end > 4 for span in prompt.spans)


async def test_read_state_is_kept_across_runs_and_new_sources_are_marked(
        seeds, fake_nlp, tmp_path):
    cache = str(tmp_path / "cache")
    app = make_app(make_config(seeds), cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert bold_title(prompt_of(app, "alpha.txt"))  # unread
        assert "new" not in prompt_of(app, "alpha.txt").plain  # a first run: nothing new
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.press("escape")
        assert not bold_title(prompt_of(app, "alpha.txt"))  # opened: read
        await pilot.press("u")  # the next unread
        sources = dashboard(app).query_one(SourcesPane).list
        assert sources.highlighted_option.id == "source:beta.txt"
        await pilot.press("m")
        assert not bold_title(prompt_of(app, "beta.txt"))
        await pilot.press("m")
        assert bold_title(prompt_of(app, "beta.txt"))
    assert len(list((tmp_path / "cache" / "read-state").iterdir())) == 1
    (seeds / "delta.txt").write_text("A new file about astronaut Anil Menon.", encoding="utf-8")
    app = make_app(make_config(seeds), cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert not bold_title(prompt_of(app, "alpha.txt"))  # still read
        assert "new" in prompt_of(app, "delta.txt").plain
        assert "new" not in prompt_of(app, "beta.txt").plain
    assert sorted(p.name for p in seeds.iterdir()) == sorted([*ARTICLES, "delta.txt"])


async def test_without_a_cache_the_read_state_is_kept_for_the_run_only(seeds, fake_nlp,
                                                                       tmp_path):
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("m")
        assert not bold_title(prompt_of(app, "alpha.txt"))
    assert not (tmp_path / "cache" / "read-state").exists()


async def test_stories_list_and_narrow_the_panes_to_one(seeds, fake_nlp, tmp_path):
    (seeds / "wire.md").write_text("---\ntitle: Wire copy\noutlet: Wire\ndate: 2026-02-11\n---\n"
                                   "Soyuz MS-29 rolled out, said astronaut Pyotr Dubrov.",
                                   encoding="utf-8")
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        screen = dashboard(app)
        await pilot.press("t")
        stories = screen.query_one(StoriesPane)
        assert stories.display and not screen.query_one(SourcesPane).display
        shown = [str(o.prompt) for o in stories.list.options]
        assert "wire.md\n1 source · Wire · 2026-02-11" in shown
        assert stories.border_title == "Stories (4)"
        assert stories.select_key("story:s1")  # beta.txt's story
        await pilot.press("enter")
        sources = screen.query_one(SourcesPane)
        assert sources.display and sources.list.has_focus
        assert [a.id for a in items(app, "sources-list")] == ["beta.txt"]
        assert names(app) == ["Anna Kikina", "Soyuz MS-29"]
        summary = [str(o.prompt) for o in screen.query_one(SummaryPane).list.options]
        assert summary[0].endswith("beta.txt  1 source [2]") and "Fake headline" not in summary
        assert all("Soyuz MS-29 will carry" not in line for line in summary)
        await pilot.press("escape")
        assert len(items(app, "sources-list")) == 4 and "Anil Menon" in names(app)
        assert any("Fake headline" in str(o.prompt)
                   for o in screen.query_one(SummaryPane).list.options)


async def test_s_cycles_the_order_of_the_sources(seeds, fake_nlp, tmp_path):
    for name, outlet, date in (("a.md", "Zeta", "2026-01-02"), ("b.md", "Alpha", "2026-03-04")):
        (seeds / name).write_text(f"---\noutlet: {outlet}\ndate: {date}\n---\nText of {name}.",
                                  encoding="utf-8")
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        sources = dashboard(app).query_one(SourcesPane)

        def order() -> list[str]:
            return [a.id for a in items(app, "sources-list")]
        numbered = order()
        await pilot.press("s")
        assert order()[:2] == ["b.md", "a.md"] and sources.border_subtitle == "by date"
        await pilot.press("s")
        assert order()[:2] == ["b.md", "a.md"] and sources.border_subtitle == "by outlet"
        await pilot.press("s")
        assert sources.border_subtitle == "by story"
        await pilot.press("s")
        assert order() == numbered and sources.border_subtitle == ""


async def test_e_exports_the_story_or_the_briefing_as_markdown(seeds, fake_nlp, tmp_path,
                                                               monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    app = make_app(make_config(seeds), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        box = app.screen.query_one(Input)
        assert Path(box.value).parent == work and box.value.endswith(".md")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        written = Path(box.value)
        whole = written.read_text(encoding="utf-8")
        assert whole.startswith("# Fake headline") and "alpha.txt" in whole
        assert str(written) in [str(n.message) for n in app._notifications]
        dashboard(app).narrow_to_story(dashboard(app).live.briefing.stories[1])
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        box = app.screen.query_one(Input)
        assert box.value == str(work / "briefing-beta-txt.md")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        story = (work / "briefing-beta-txt.md").read_text(encoding="utf-8")
        assert story.startswith("# beta.txt") and "alpha.txt" not in story
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        app.screen.query_one(Input).value = str(seeds / "out.md")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
        assert not (seeds / "out.md").exists()
        assert any("inside the seeds folder" in str(n.message) for n in app._notifications)


async def test_the_theme_comes_from_config_and_a_picked_one_is_remembered(seeds, fake_nlp,
                                                                          tmp_path):
    cache = str(tmp_path / "cache")
    app = make_app(make_config(seeds, theme="nord"), cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert app.theme == "nord"
    app = make_app(make_config(seeds), cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        app.theme = "gruvbox"  # as the palette's "Change theme" does
        await pilot.pause()
    app = make_app(make_config(seeds), cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert app.theme == "gruvbox"


def test_an_unknown_theme_is_a_config_error(seeds, tmp_path, capsys):
    config = tmp_path / "config.yaml"
    config.write_text("tui:\n  theme: neon\n", encoding="utf-8")
    assert main(["--config", str(config), "--seeds", str(seeds)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefing: tui.theme: unknown theme 'neon'") and err.count("\n") == 1


async def test_the_status_shows_the_analysis_then_when_it_was_updated(seeds, fake_nlp,
                                                                      tmp_path):
    app = make_app(make_config(seeds, watch=False), cache_dir=str(tmp_path / "cache"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        screen = dashboard(app)
        status = screen.query_one(AnalysisStatus)
        assert not status.display
        assert screen.sub_title.startswith("updated ") and "· not watched · " in screen.sub_title
        screen.post_message(AnalysisProgress(2, 5))
        await wait_for(pilot, lambda: status.display)
        assert str(status.query_one(Label).render()) == "Analysing 2/5 articles"
        assert status.query_one(ProgressBar).percentage == 0.4
