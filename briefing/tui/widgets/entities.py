"""People & Missions pane: people with their roles and counts, missions with their crews."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from briefing.model import Briefing, Mission, Person
from briefing.tui.widgets.pane import FilterPane, ItemOption


def entity_key(item: Person | Mission) -> str:
    return f"{'person' if isinstance(item, Person) else 'mission'}:{item.name}"


def _counts(mentions: int, sources: int) -> str:
    return (f"{mentions} mention{'s' if mentions != 1 else ''}, "
            f"{sources} source{'s' if sources != 1 else ''}")


class EntitiesPane(FilterPane):
    def __init__(self, *, id: str = "entities") -> None:
        super().__init__("People & Missions", id=id)
        self.ready = False

    def progress(self, text: str) -> None:
        self.border_subtitle = text
        if not self.ready:
            self.show([Option(Text(text, style="dim italic"), disabled=True)])

    def update_briefing(self, briefing: Briefing) -> None:
        self.border_subtitle = ""
        self.ready = True
        options: list[Option] = [Option(Text(f"People ({len(briefing.people)})", style="bold"),
                                        disabled=True)]
        seen: set[str] = set()
        for person in briefing.people:
            key = entity_key(person)
            if key in seen:
                continue
            seen.add(key)
            prompt = Text(person.name, style="bold cyan")
            if person.roles:
                prompt.append(" — " + "; ".join(person.roles))
            prompt.append(f"\n{_counts(person.mentions, len(person.sources))}", style="dim")
            search = " ".join([person.name, *person.aliases, *person.roles, *person.missions])
            options.append(ItemOption(prompt, person, key, search))
        options.append(Option(Text(f"Missions ({len(briefing.missions)})", style="bold"),
                              disabled=True))
        for mission in briefing.missions:
            key = entity_key(mission)
            if key in seen:
                continue
            seen.add(key)
            prompt = Text(mission.name, style="bold magenta")
            if mission.people:
                prompt.append(" — crew: " + ", ".join(mission.people))
            prompt.append(f"\n{_counts(mission.mentions, len(mission.sources))}", style="dim")
            search = " ".join([mission.name, *mission.aliases, *mission.people])
            options.append(ItemOption(prompt, mission, key, search))
        self.show(options)
