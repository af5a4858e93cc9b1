"""People & Missions pane: people with their roles and counts, missions with their crews."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rich.text import Text
from textual.widgets.option_list import Option

from briefing.model import Briefing, Mission, Person
from briefing.render.text import plural
from briefing.safe_text import clean
from briefing.tui.widgets.pane import FilterPane, SectionOption

E = TypeVar("E", Person, Mission)


def entity_key(item: Person | Mission) -> str:
    return f"{'person' if isinstance(item, Person) else 'mission'}:{item.name}"


def _counts(mentions: int, sources: int) -> str:
    return f"{plural(mentions, 'mention')}, {plural(sources, 'source')}"


class EntitiesPane(FilterPane):
    def __init__(self, *, id: str = "entities") -> None:
        super().__init__("People & Missions", id=id, counted=False)
        self.ready = False
        self.briefing = Briefing(analysed=False)
        self.only: set[str] | None = None  # the sources of the story narrowed to

    def progress(self, text: str) -> None:
        self.border_subtitle = text
        if not self.ready:
            self.show([Option(Text(text, style="dim italic"), disabled=True)])

    def narrow(self, ids: set[str] | None, label: str = "") -> None:
        """Only the people and missions mentioned in the sources `ids` (None: all)."""
        self.only = ids
        self.heading = "People & Missions" + (f" · {label}" if ids is not None else "")
        if self.ready:
            self.update_briefing(self.briefing)

    def update_briefing(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.border_subtitle = ""
        self.ready = True
        self.counted = True
        options: list[Option] = []
        seen: set[str] = set()
        sections: list[tuple[str, list[Person] | list[Mission], str, Callable[[Any], str],
                         Callable[[Any], list[str]]]] = [
            ("People", self._kept(briefing.people), "bold cyan",
             lambda p: "; ".join(p.roles), lambda p: [*p.aliases, *p.roles, *p.missions]),
            ("Missions", self._kept(briefing.missions), "bold magenta",
             lambda m: "crew: " + ", ".join(m.people) if m.people else "",
             lambda m: [*m.aliases, *m.people]),
        ]
        for heading, entities, style, detail, also in sections:
            options.append(SectionOption(heading, len(entities)))
            for entity in entities:
                key = entity_key(entity)
                if key in seen:
                    continue
                seen.add(key)
                extra = clean(detail(entity))
                counts = _counts(entity.mentions, len(entity.sources))
                options.append(self.item_option(
                    key, (style, entity.name, extra, counts),
                    lambda e=entity, s=style, x=extra, c=counts: _prompt(clean(e.name), s, x, c),
                    entity, clean(" ".join([entity.name, *also(entity)]))))
        self.show(options)

    def _kept(self, entities: list[E]) -> list[E]:
        if self.only is None:
            return entities
        return [e for e in entities if not self.only.isdisjoint(e.sources)]


def _prompt(name: str, style: str, extra: str, counts: str) -> Text:
    prompt = Text(name, style=style)
    if extra:
        prompt.append(" — " + extra)
    prompt.append("\n" + counts, style="dim")
    return prompt
