"""The dashboard's timeline and "What's new", driven with Pilot. The NLP and digest steps are
replaced by a small fake (a story per article, its events the sentences saying "on Monday"),
so these tests are fast and do not depend on the models."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from test_tui import wait_for

from briefing import last_seen, pipeline
from briefing.config import load_config
from briefing.model import (
    ArticleAnalysis,
    Briefing,
    Person,
    Span,
    Story,
    Summary,
    SummaryPoint,
    TimelineEvent,
)
from briefing.tui.run import make_app
from briefing.tui.screens.article import ArticleScreen
from briefing.tui.screens.dashboard import DashboardScreen
from briefing.tui.widgets.summary import SummaryPane

SIZE = (160, 45)
EVENT = re.compile(r"[^.\n]*on Monday[^.\n]*\.")
PERSON = re.compile(r"(?<=reporter )[A-Z][a-z]+ [A-Z][a-z]+")
FILLER = "\n\n".join(f"Paragraph {n} of the background, told at some length." for n in range(60))
ARTICLES = {
    "council.txt": f"The council met.\n\n{FILLER}\n\nThe council voted on Monday to close "
                   "the quay, said reporter Ada Lyle.",
    "ferry.txt": "The ferry sailed on Monday for the first time since the storm.",
}


def fake_analyse(articles, config, **_) -> dict[str, ArticleAnalysis]:
    return {a.id: ArticleAnalysis(a.id, a.content_hash, [Span(0, len(a.text))])
            for a in articles}


def fake_assemble(articles, analyses: Mapping[str, ArticleAnalysis], warnings, config,
                  **_) -> Briefing:
    stories = []
    for article in articles:
        events = [TimelineEvent("2024-03-11", "day", m.group().strip(), (article.id,),
                                start=m.start(), end=m.end())
                  for m in EVENT.finditer(article.text)]
        stories.append(Story(id=f"story-{article.id}", title=article.id, sources=[article.id],
                             points=[SummaryPoint(article.paragraphs[0], [article.id])],
                             timeline=events))
    people = [Person(m.group(), sources=[a.id], roles=["reporter"])
              for a in articles for m in PERSON.finditer(a.text)]
    return Briefing(sources=list(articles), stories=stories, people=people,
                    summary=Summary("Headline", []), warnings=list(warnings))


@pytest.fixture
def fake_nlp(monkeypatch):
    monkeypatch.setattr(pipeline, "analyse", fake_analyse)
    monkeypatch.setattr(pipeline, "assemble", fake_assemble)
    monkeypatch.setattr(pipeline, "prepare_analysis", lambda config: None)


@pytest.fixture
def seeds(write_seeds) -> Path:
    return write_seeds(ARTICLES)


def make_config(seeds: Path, **tui):
    config = load_config(None, seeds=seeds)
    return dataclasses.replace(config, tui=dataclasses.replace(config.tui, **tui))


def summary(app) -> SummaryPane:
    return app.screen_stack[0].query_one(SummaryPane)


def analysed(app) -> bool:
    screen = app.screen_stack[0]
    assert isinstance(screen, DashboardScreen)
    return screen.live.briefing.analysed


async def test_enter_on_an_event_opens_its_source_at_that_sentence(seeds, fake_nlp):
    app = make_app(make_config(seeds, watch=False), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        pane = summary(app)

        def prompts() -> list[str]:
            return [str(pane.list.get_option_at_index(i).prompt)
                    for i in range(pane.list.option_count)]

        await wait_for(pilot, lambda: "  Timeline" in prompts())
        assert any("11 Mar 2024  The council voted on Monday" in p for p in prompts())
        assert pane.select_key("story-council.txt:event:0")
        pane.list.focus()
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen)
        text = ARTICLES["council.txt"]
        start = text.index("The council voted")
        assert app.screen.article.id == "council.txt"
        assert app.screen.sentence == (start, text.index(".", start) + 1)
        await pilot.pause(0.1)
        body = app.screen.query_one("#article-body")
        assert body.scroll_y > 50  # the sentence comes after sixty paragraphs


async def test_a_reload_that_changes_something_opens_whats_new_on_n(seeds, fake_nlp):
    app = make_app(make_config(seeds, debounce_ms=50), use_cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app))
        assert summary(app).changes is None  # nothing shown before: nothing to compare
        await pilot.press("n")
        assert summary(app).changes is None
        (seeds / "harbour.txt").write_text("Harbour reporter Tom Hale wrote on Monday.",
                                           encoding="utf-8")
        await wait_for(pilot, lambda: summary(app).changes is not None)
        changes = summary(app).changes
        assert [s.sources for s in changes.new_stories] == [("harbour.txt",)]
        assert changes.new_people == ("Tom Hale",)
        await wait_for(pilot, lambda: any(n.title == "What's new" and "Press n" in n.message
                                          for n in app._notifications))
        await pilot.press("n")
        pane = summary(app)
        assert app.focused is pane.list
        item = pane.list.highlighted_option.item
        assert item.text.startswith("New story: harbour.txt")
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.id == "harbour.txt"


async def test_at_start_whats_new_is_since_the_last_briefing_shown(seeds, fake_nlp, tmp_path):
    cache = str(tmp_path / "cache")
    config = make_config(seeds, watch=False)
    kept = last_seen.path_for(config, cache)
    app = make_app(config, cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: analysed(app) and kept.exists())
        assert summary(app).changes is None
    (seeds / "ferry.txt").unlink()
    app = make_app(config, cache_dir=cache)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: summary(app).changes is not None)
        assert [r.id for r in summary(app).changes.removed] == ["ferry.txt"]
        await wait_for(pilot, lambda: list(last_seen.recall(config, cache).articles)
                       == ["council.txt"])  # this briefing is the last one shown now
