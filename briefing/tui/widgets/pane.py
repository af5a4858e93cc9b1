"""A titled pane holding a keyboard-driven OptionList and a `/` filter box."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Hashable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist


class ItemOption(Option):
    """An option carrying its domain object (a Person, Mission, Article, SummaryPoint…)."""

    def __init__(self, prompt: Any, item: Any, key: str, search: str) -> None:
        super().__init__(prompt, id=key)
        self.item = item
        self.search = search.casefold()


class SectionOption(Option):
    """A heading over the items that follow it, counting them: 'People (10)', and while a
    filter narrows the pane 'People (1 of 10)'."""

    def __init__(self, label: str, count: int, style: str = "bold") -> None:
        super().__init__(Text(f"{label} ({count})", style=style), disabled=True)
        self.label = label
        self.style = style

    def narrowed(self, shown: int, total: int) -> Option:
        return Option(Text(f"{self.label} ({count_of(shown, total)})", style=self.style),
                      disabled=True)


def count_of(shown: int, total: int) -> str:
    """'2' when all are shown, '1 of 2' when some are."""
    return str(total) if shown == total else f"{shown} of {total}"


class PaneList(OptionList):
    """OptionList with vim keys; bindings carry ids so `tui.keys` can rebind them."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="up"),
        Binding("g,home", "first", "Top", show=False, id="top"),
        Binding("G,end", "last", "Bottom", show=False, id="bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding("enter", "select", "Open", id="open"),
    ]

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._wrapped_at = 0

    def _update_lines(self) -> None:
        # the options' heights are kept from the width they were first wrapped at: laid out
        # again when the width changed without a resize event (a pane zoomed in the same
        # refresh as a refill), else items would lose their last lines or gain blank ones
        width = self.scrollable_content_region.width
        if width and width != self._wrapped_at:
            self._wrapped_at = width
            self._line_cache.clear()
            self._option_render_cache.clear()
        super()._update_lines()


class FilterPane(Vertical):
    """Shows a list of options; `/` opens a filter that narrows it as you type."""

    DEFAULT_CSS = """
    FilterPane {
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        height: 1fr;
    }
    FilterPane:focus-within {
        border: round $accent;
        border-title-color: $text;
    }
    FilterPane > Input { display: none; margin: 0 0 1 0; }
    FilterPane > PaneList {
        height: 1fr; border: none; padding: 0;
        /* the scrollbar's column is kept: options are wrapped at one width, so one that
           appears later cannot push their last lines out of view */
        scrollbar-gutter: stable;
    }
    FilterPane > PaneList:focus { border: none; }
    """

    ALLOW_MAXIMIZE = True
    BINDINGS = [Binding("escape", "close_filter", "Clear filter", show=False, id="back")]

    def __init__(self, title: str, *, id: str, counted: bool = True) -> None:
        super().__init__(id=id)
        self.border_title = title
        # the title, followed by how many items are shown ('Sources (1 of 2)'); `counted`
        # False: the count only while a filter narrows the pane; `total`: the count to give
        # when the pane holds a part of the items (None: the items it holds)
        self.heading = title
        self.counted = counted
        self.total: int | None = None
        self._options: list[Option] = []
        self.filter_text = ""
        # options of the last fill and of the one being built, by key, with how they look
        self._made: dict[Hashable, tuple[Hashable, Option]] = {}
        self._making: dict[Hashable, tuple[Hashable, Option]] = {}

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter…", compact=True)
        yield PaneList(id=f"{self.id}-list")

    @property
    def list(self) -> PaneList:
        return self.query_one(PaneList)

    # prompts are Callable[..., X]: the panes' lambdas bind loop values as default arguments
    def reuse(self, key: Hashable, look: Hashable, make: Callable[..., Option]) -> Option:
        """The option for `key`: the one from the last fill when `look` (everything its prompt
        shows) is the same, else `make()`. Textual keeps a shown option's wrapped lines, so a
        refill of thousands of unchanged options costs little; a reused ItemOption gets the
        new item. Call it while building the options for `show`."""
        found = self._made.get(key)
        if found is None or found[0] != look:
            found = (look, make())
        self._making[key] = found
        return found[1]

    def item_option(self, key: str, look: Hashable, prompt: Callable[..., Any], item: Any,
                    search: str) -> ItemOption:
        """`reuse` for an option carrying a domain object; `key` is also the option's id."""
        option = self.reuse(key, look, lambda: ItemOption(prompt(), item, key, search))
        assert isinstance(option, ItemOption)
        option.item = item
        option.search = search.casefold()
        return option

    def show(self, options: builtins.list[Option]) -> None:
        """Replace the options, keeping the cursor on the same item when it is still there."""
        self._options = options
        self._made, self._making = self._making, {}
        self._refill()

    def _refill(self) -> None:
        option_list = self.list
        current = option_list.highlighted_option
        index = option_list.highlighted
        needle = self.filter_text.casefold()
        shown = [o for o in self._options
                 if not needle or not isinstance(o, ItemOption) or needle in o.search]
        if needle:
            shown = _count_sections(self._options, shown)
        items = sum(isinstance(o, ItemOption) for o in shown)
        total = self.total if self.total is not None else sum(
            isinstance(o, ItemOption) for o in self._options)
        if self.counted or needle:
            # a Text, never markup: the heading may hold a name or a story title
            self.border_title = Text(f"{self.heading} ({count_of(items, total)})")
        else:
            self.border_title = Text(self.heading)
        before = option_list.options
        if before and len(shown) >= len(before) and all(
                old is new for old, new in zip(before, shown, strict=False)):
            # more of the same (a big folder being read): only the new options are laid
            # out, the cursor and the scroll position stay
            option_list.add_options(shown[len(before):])
            return
        option_list.set_options(shown)
        target = None
        if current is not None and current.id is not None:
            try:
                target = option_list.get_option_index(current.id)
            except OptionDoesNotExist:
                target = None
        if target is None and index is not None:
            target = min(index, option_list.option_count - 1)
        if target is None or target < 0:
            target = 0
        if option_list.option_count:
            option_list.highlighted = target
            if option_list.highlighted_option is not None and \
                    option_list.highlighted_option.disabled:
                option_list.action_cursor_down()

    def select_key(self, key: str) -> bool:
        """Move the cursor to the option with this id; False when it is not shown."""
        try:
            self.list.highlighted = self.list.get_option_index(key)
        except OptionDoesNotExist:
            return False
        return True

    def open_filter(self) -> None:
        self.add_class("-filtering")
        box = self.query_one(Input)
        # shown now, not at the next style update: keys typed right after `/` go to it
        box.display = True
        box.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_filter":
            return self.has_class("-filtering") or bool(self.filter_text)
        return True

    def action_close_filter(self) -> None:
        self.query_one(Input).value = ""
        self.filter_text = ""
        self._hide_filter()
        self._refill()
        self.list.focus()

    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value
        self._refill()

    @on(Input.Submitted)
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.filter_text:
            self._hide_filter()
        self.list.focus()

    def _hide_filter(self) -> None:
        self.remove_class("-filtering")
        self.query_one(Input).display = False


def _count_sections(options: list[Option], shown: list[Option]) -> list[Option]:
    """`shown` (a filtered part of `options`) with each section heading counting the items
    of its section that are shown."""
    kept = set(map(id, shown))
    counts: dict[int, list[int]] = {}
    section: SectionOption | None = None
    for option in options:
        if isinstance(option, SectionOption):
            section = option
            counts[id(option)] = [0, 0]
        elif isinstance(option, ItemOption) and section is not None:
            counts[id(section)][1] += 1
            counts[id(section)][0] += id(option) in kept
    return [o.narrowed(*counts[id(o)]) if isinstance(o, SectionOption) else o for o in shown]
