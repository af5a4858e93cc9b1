"""Summary pane: headline, story sections with cited points, key quotes, differences.

Each point is an option carrying the SummaryPoint (or Quote, or Story), so Enter on it opens
the first source it cites; `highlight` marks what one source contributes.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from briefing.model import Briefing, Quote, Story, SummaryPoint
from briefing.tui.widgets.pane import FilterPane, ItemOption

MARK = "▌ "
PLAIN = "  "


# Stories beyond this many (the briefing lists the biggest first) show their heading only: a
# pane of thousands of wrapped lines would make every reload and highlight slow.
STORIES_IN_FULL = 40


def citations(sources: list[str], numbers: dict[str, int]) -> str:
    return "".join(f"[{numbers[s]}]" for s in sources if s in numbers)


class SummaryPane(FilterPane):
    def __init__(self, *, id: str = "summary") -> None:
        super().__init__("Summary", id=id)
        self.briefing = Briefing(analysed=False)
        self.highlight: str | None = None
        self.progress_text = "Waiting for the analysis…"

    def progress(self, text: str) -> None:
        self.progress_text = text
        self.border_subtitle = text
        if not self.briefing.analysed:
            self.render_options()

    def update_briefing(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.border_subtitle = ""
        self.render_options()

    def set_highlight(self, source_id: str | None) -> None:
        if source_id != self.highlight:
            self.highlight = source_id
            if self.briefing.analysed:
                self.render_options()

    def _line(self, key: str, item: SummaryPoint | Quote | Story, body: Text,
              sources: list[str], numbers: dict[str, int]) -> ItemOption:
        mine = self.highlight is not None and self.highlight in sources
        prompt = Text(MARK if mine else PLAIN, style="bold green" if mine else "")
        prompt.append_text(body)
        cites = citations(sources, numbers)
        if cites:
            prompt.append(" " + cites, style="bold green" if mine else "cyan")
        if mine:
            prompt.stylize("bold", len(MARK))
        return ItemOption(prompt, item, key, body.plain)

    def render_options(self) -> None:
        briefing = self.briefing
        if not briefing.analysed:
            self.show([Option(Text(self.progress_text, style="dim italic"), disabled=True)])
            return
        numbers = {a.id: n for n, a in enumerate(briefing.sources, 1)}
        options: list[Option] = []
        if briefing.summary.headline:
            options.append(Option(Text(briefing.summary.headline, style="bold"), disabled=True))
        for i, point in enumerate(briefing.summary.points):
            options.append(self._line(f"top:{i}", point, Text(point.text), point.sources,
                                      numbers))
        for rank, story in enumerate(briefing.stories):
            heading = Text(story.title, style="bold underline")
            heading.append(f"  {len(story.sources)} source{'s' * (len(story.sources) != 1)}",
                           style="dim")
            options.append(self._line(f"story:{story.id}", story, heading, story.sources,
                                      numbers))
            if rank >= STORIES_IN_FULL:
                continue
            for i, point in enumerate(story.points):
                options.append(self._line(f"{story.id}:point:{i}", point,
                                          Text("• " + point.text), point.sources, numbers))
            if story.quotes:
                options.append(Option(Text("  Key quotes", style="bold dim"), disabled=True))
            for i, quote in enumerate(story.quotes):
                body = Text("“" + quote.text + "”", style="italic")
                body.append(" — " + (quote.speaker or "unattributed"), style="dim")
                options.append(self._line(f"{story.id}:quote:{i}", quote, body, quote.sources,
                                          numbers))
            if story.differences:
                options.append(Option(Text("  Where sources differ", style="bold dim"),
                                      disabled=True))
            for i, difference in enumerate(story.differences):
                options.append(Option(Text("  ≠ " + difference.topic, style="yellow"),
                                      disabled=True))
                for j, version in enumerate(difference.versions):
                    options.append(self._line(f"{story.id}:diff:{i}:{j}", version,
                                              Text("    " + version.text), version.sources,
                                              numbers))
        if not options:
            options.append(Option(Text("Nothing to summarise yet.", style="dim"), disabled=True))
        self.show(options)


def contributions(briefing: Briefing, source_id: str) -> int:
    """How many summary lines cite this source."""
    lines = [*briefing.summary.points]
    for story in briefing.stories:
        lines += [*story.points, *story.quotes]
        for difference in story.differences:
            lines += difference.versions
    return sum(source_id in line.sources for line in lines)
