"""Sources pane: one option per article (title, outlet, date, story), then skipped files.
Unread sources are bold, sources new since the dashboard was last open marked "new"."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from briefing.model import Article, Briefing
from briefing.read_state import ReadState
from briefing.safe_text import clean
from briefing.tui.widgets.pane import FilterPane, ItemOption

# the orders `s` cycles through: the briefing's (the sources' numbers), then these
SORTS = ("number", "date", "outlet", "story")


def sorted_sources(sort: str, briefing: Briefing) -> list[tuple[int, Article]]:
    """The sources with their numbers, in the `sort` order: by number; newest first by
    date; A-Z by outlet; by story in the briefing's order of stories. Sources without the
    field go last, each order keeps the numbers' order among equals."""
    numbered = list(enumerate(briefing.sources, 1))
    if sort == "date":
        dated = [pair for pair in numbered if pair[1].date]
        dated.sort(key=lambda pair: pair[1].date or "", reverse=True)
        return dated + [pair for pair in numbered if not pair[1].date]
    if sort == "outlet":
        return sorted(numbered, key=lambda pair: (not pair[1].outlet,
                                                  (pair[1].outlet or "").casefold()))
    if sort == "story":
        ranks = {story.id: i for i, story in enumerate(briefing.stories)}

        def rank(pair: tuple[int, Article]) -> int:
            story = briefing.story_of(pair[1].id)
            return ranks.get(story.id, len(ranks)) if story is not None else len(ranks)
        return sorted(numbered, key=rank)
    return numbered


class SourcesPane(FilterPane):
    def __init__(self, read_state: ReadState | None = None, *, id: str = "sources") -> None:
        super().__init__("Sources", id=id)
        self.read_state = read_state or ReadState(None)
        self.briefing = Briefing(analysed=False)
        self.only: set[str] | None = None
        self.only_label = ""
        self.sort = SORTS[0]

    def update_briefing(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.read_state.listed(a.id for a in briefing.sources)
        self.render_options()

    def narrow(self, ids: set[str] | None, label: str = "") -> None:
        """Show only the sources in `ids` (None: all of them)."""
        self.only = ids
        self.only_label = label
        self.render_options()

    def mark_read(self, source_id: str, read: bool) -> None:
        if self.read_state.is_read(source_id) != read:
            self.read_state.set_read(source_id, read)
            self.render_options()

    def toggle_read(self, source_id: str) -> None:
        self.mark_read(source_id, not self.read_state.is_read(source_id))

    def cycle_sort(self) -> str:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.render_options()
        return self.sort

    def render_options(self) -> None:
        briefing = self.briefing
        options: list[Option] = []
        for number, article in sorted_sources(self.sort, briefing):
            if self.only is not None and article.id not in self.only:
                continue
            story = briefing.story_of(article.id)
            title = clean(article.title) or clean(article.id)
            facts = tuple(clean(f) for f in (article.outlet, article.date) if f)
            if briefing.analysed:
                facts += ("story: " + clean(story.title) if story is not None else "analysing…",)
            read = self.read_state.is_read(article.id)
            new = self.read_state.is_new(article.id)
            options.append(self.item_option(
                f"source:{article.id}", (number, title, facts, read, new),
                lambda n=number, t=title, f=facts, r=read, w=new: _prompt(n, t, f, r, w),
                article,
                " ".join([title, clean(article.id), *facts, article.text])))
        if briefing.warnings and self.only is None:
            options.append(Option(Text(f"Skipped or partly read ({len(briefing.warnings)})",
                                       style="bold yellow"), disabled=True))
            for i, warning in enumerate(briefing.warnings):
                look = (warning.path, warning.message)
                options.append(self.reuse(("warning", i), look,
                                          lambda w=warning: _warning(w.path, w.message)))
        if not briefing.sources:
            options.append(Option(Text("No readable article yet.", style="dim"), disabled=True))
        self.total = len(briefing.sources)
        sort = "" if self.sort == SORTS[0] else f"by {self.sort} · "
        if self.only is None:
            self.heading = "Sources"
            self.border_subtitle = sort.removesuffix(" · ")
        else:
            self.heading = f"Sources · {clean(self.only_label)}"
            self.border_subtitle = sort + "esc: all sources"
        self.show(options)


def _prompt(number: int, title: str, facts: tuple[str, ...], read: bool = False,
            new: bool = False) -> Text:
    prompt = Text.assemble((f"[{number}] ", "" if read else "bold"))
    if new:
        prompt.append("new ", style="bold green")
    prompt.append(title, style="" if read else "bold")
    if facts:
        prompt.append("\n" + " · ".join(facts), style="dim")
    return prompt


def _warning(path: str, message: str) -> Option:
    return Option(Text.assemble(("⚠ ", "yellow"), (clean(path), "yellow"),
                                ("\n" + clean(message), "dim")),
                  disabled=True)


def next_unread(pane: SourcesPane) -> bool:
    """Move the cursor to the next unread source after it (round to the top); False when
    every source shown is read."""
    option_list = pane.list
    count = option_list.option_count
    start = option_list.highlighted if option_list.highlighted is not None else -1
    for step in range(1, count + 1):
        index = (start + step) % count
        option = option_list.get_option_at_index(index)
        if isinstance(option, ItemOption) and not pane.read_state.is_read(option.item.id):
            option_list.highlighted = index
            return True
    return False
