"""Summary pane: "What's new" (after a reload that changed something), headline, story
sections with cited points, key quotes, timeline, differences.

Each point is an option carrying the SummaryPoint (or Quote, Story, TimelineEvent), so Enter
on it opens the first source it cites (an event: at its sentence); `highlight` marks what one
source contributes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from rich.text import Text
from textual.widgets.option_list import Option

from briefing.date_labels import event_label
from briefing.model import Briefing, Changes, Quote, Story, SummaryPoint, TimelineEvent
from briefing.render.changes_text import change_rows, change_title
from briefing.render.text import cited, plural
from briefing.safe_text import clean
from briefing.tui.widgets.pane import FilterPane, ItemOption

MARK = "▌ "
PLAIN = "  "


# Stories beyond this many (the briefing lists the biggest first) show their heading only: a
# pane of thousands of wrapped lines would make every reload and highlight slow.
STORIES_IN_FULL = 40


def citations(sources: list[str], numbers: dict[str, int]) -> str:
    """`[1][2]`: the sources' numbers in ascending order, as `briefing print` has them."""
    return "".join(f"[{n}]" for n in cited(sources, numbers))


class SummaryPane(FilterPane):
    def __init__(self, *, id: str = "summary") -> None:
        super().__init__("Summary", id=id, counted=False)
        self.briefing = Briefing(analysed=False)
        self.highlight: str | None = None
        self.story: str | None = None  # the id of the one story shown (None: all)
        self.progress_text = "Waiting for the analysis…"
        self.changes: Changes | None = None

    def progress(self, text: str) -> None:
        self.progress_text = text
        self.border_subtitle = text
        if not self.briefing.analysed:
            self.render_options()

    def update_briefing(self, briefing: Briefing, changes: Changes | None = None) -> None:
        """Show the briefing; `changes` (what the reload brought) on top, until the next."""
        self.briefing = briefing
        self.changes = changes if changes is not None and not changes.empty else None
        self.border_subtitle = ""
        self.render_options()

    def show_whats_new(self) -> bool:
        """Put the cursor on the "What's new" section; False when there is none."""
        if self.changes is None or not self.select_key("new:0"):
            return False
        self.list.scroll_home(animate=False)
        self.list.focus()
        return True

    def narrow(self, story: str | None, title: str = "") -> None:
        """Show only this story's section (None: the whole summary)."""
        self.story = story
        self.heading = f"Summary · {title}" if story is not None else "Summary"
        if self.briefing.analysed:
            self.render_options()

    def set_highlight(self, source_id: str | None) -> None:
        if source_id != self.highlight:
            self.highlight = source_id
            if self.briefing.analysed:
                self.render_options()

    def _line(self, key: str, item: SummaryPoint | Quote | Story | TimelineEvent,
              body: Callable[..., Text],
              look: Hashable, search: str, sources: list[str], numbers: dict[str, int]
              ) -> ItemOption:
        mine = self.highlight is not None and self.highlight in sources
        cites = citations(sources, numbers)

        def prompt() -> Text:
            text = Text(MARK if mine else PLAIN, style="bold green" if mine else "")
            text.append_text(body())
            if cites:
                text.append(" " + cites, style="bold green" if mine else "cyan")
            if mine:
                text.stylize("bold", len(MARK))
            return text

        return self.item_option(key, (look, mine, cites), prompt, item, search)

    def render_options(self) -> None:
        briefing = self.briefing
        if not briefing.analysed:
            self.show([Option(Text(self.progress_text, style="dim italic"), disabled=True)])
            return
        numbers = {a.id: n for n, a in enumerate(briefing.sources, 1)}
        options: list[Option] = []
        if self.changes is not None:
            options.append(Option(Text(change_title(self.changes), style="bold green"),
                                  disabled=True))
            for i, (kind, text, sources) in enumerate(change_rows(self.changes)):
                row = SummaryPoint(f"{kind}: {text}", list(sources))
                options.append(self._line(f"new:{i}", row, lambda r=row: Text("+ " + clean(r.text)),
                                          row.text, row.text, row.sources, numbers))
        if briefing.summary.headline and self.story is None:
            options.append(Option(Text(clean(briefing.summary.headline), style="bold"),
                                  disabled=True))
        titles = {story.id: story.title for story in briefing.stories}
        top = briefing.summary.points if self.story is None else []
        at_top = {(point.story, point.text) for point in top}
        for i, point in enumerate(top):
            if i and point.story != briefing.summary.points[i - 1].story:
                # the next story's points under its own title, not the headline's
                options.append(Option(Text(clean(titles.get(point.story, "")), style="bold dim"),
                                      disabled=True))
            options.append(self._line(f"top:{i}", point, lambda p=point: Text(clean(p.text)),
                                      point.text, point.text, point.sources, numbers))
        for rank, story in enumerate(briefing.stories):
            if self.story is not None and story.id != self.story:
                continue
            count = "  " + plural(len(story.sources), "source")
            options.append(self._line(f"story:{story.id}", story,
                                      lambda s=story, c=count: _heading(clean(s.title), c),
                                      (story.title, count), story.title + count,
                                      story.sources, numbers))
            if rank >= STORIES_IN_FULL and self.story is None:
                continue
            for i, point in enumerate(story.points):
                if (story.id, point.text) in at_top:
                    continue  # listed above, among the briefing's top points
                options.append(self._line(f"{story.id}:point:{i}", point,
                                          lambda p=point: Text("• " + clean(p.text)), point.text,
                                          "• " + point.text, point.sources, numbers))
            if story.quotes:
                options.append(Option(Text("  Key quotes", style="bold dim"), disabled=True))
            for i, quote in enumerate(story.quotes):
                speaker = clean(quote.speaker) or "unattributed"
                options.append(self._line(f"{story.id}:quote:{i}", quote,
                                          lambda q=quote, w=speaker: _quote(clean(q.text), w),
                                          (quote.text, speaker),
                                          f"“{quote.text}” — {speaker}", quote.sources,
                                          numbers))
            if story.timeline:
                options.append(Option(Text("  Timeline", style="bold dim"), disabled=True))
            for i, event in enumerate(story.timeline):
                when = event_label(event)
                options.append(self._line(f"{story.id}:event:{i}", event,
                                          lambda e=event, w=when: _event(w, e.text),
                                          (when, event.text), f"{when} {event.text}",
                                          list(event.sources), numbers))
            if story.differences:
                options.append(Option(Text("  Where sources differ", style="bold dim"),
                                      disabled=True))
            for i, difference in enumerate(story.differences):
                options.append(Option(Text("  ≠ " + clean(difference.topic), style="yellow"),
                                      disabled=True))
                for j, version in enumerate(difference.versions):
                    options.append(self._line(f"{story.id}:diff:{i}:{j}", version,
                                              lambda v=version: Text("    " + clean(v.text)),
                                              version.text, "    " + version.text,
                                              version.sources, numbers))
        if not options:
            options.append(Option(Text("Nothing to summarise yet.", style="dim"), disabled=True))
        self.show(options)


def _heading(title: str, count: str) -> Text:
    heading = Text(title, style="bold underline")
    heading.append(count, style="dim")
    return heading


def _event(when: str, text: str) -> Text:
    body = Text(when, style="bold")
    body.append("  " + text)
    return body


def _quote(text: str, speaker: str) -> Text:
    body = Text("“" + text + "”", style="italic")
    body.append(" — " + speaker, style="dim")
    return body


def contributions(briefing: Briefing, source_id: str) -> int:
    """How many summary lines cite this source."""
    lines: list[SummaryPoint | Quote] = [*briefing.summary.points]
    for story in briefing.stories:
        lines += [*story.points, *story.quotes]
        for difference in story.differences:
            lines += difference.versions
    return sum(source_id in line.sources for line in lines)
