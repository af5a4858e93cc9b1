"""Stories pane (in the Sources column, `t` switches): each story with its size, outlets and
date span; Enter narrows Sources, People & Missions and the Summary to it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from briefing.model import Briefing, Story
from briefing.render.text import plural
from briefing.tui.widgets.pane import FilterPane


def story_facts(story: Story, briefing: Briefing) -> str:
    """'3 sources · Reuters, AP · 2026-02-13 – 2026-02-16'."""
    articles = [a for a in briefing.sources if a.id in set(story.sources)]
    outlets = list(dict.fromkeys(a.outlet for a in articles if a.outlet))
    dates = sorted(a.date for a in articles if a.date)
    facts = [plural(len(story.sources), "source")]
    if outlets:
        facts.append(", ".join(outlets))
    if dates:
        facts.append(dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}")
    return " · ".join(facts)


class StoriesPane(FilterPane):
    DEFAULT_CSS = """
    StoriesPane { display: none; }
    """

    def __init__(self, *, id: str = "stories") -> None:
        super().__init__("Stories", id=id)

    def update_briefing(self, briefing: Briefing) -> None:
        options: list[Option] = []
        for story in briefing.stories:
            facts = story_facts(story, briefing)
            options.append(self.item_option(
                f"story:{story.id}", (story.title, facts),
                lambda t=story.title, f=facts: _prompt(t, f), story,
                " ".join([story.title, facts])))
        if not options:
            options.append(Option(Text("No story yet: the analysis makes them.", style="dim"),
                                  disabled=True))
        self.show(options)


def _prompt(title: str, facts: str) -> Text:
    prompt = Text(title, style="bold")
    prompt.append("\n" + facts, style="dim")
    return prompt
