"""The dashboard: Sources, People & Missions, Details and Summary panes on one screen.

Routing lives here: workers post typed messages (messages.py), handled with @on; highlight
and selection events from the panes fan out to the others.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from briefing import collector, last_seen
from briefing.changes import Snapshot
from briefing.mentions import every_mention
from briefing.model import (
    Article,
    Briefing,
    Changes,
    Mission,
    Person,
    Quote,
    Story,
    SummaryPoint,
    TimelineEvent,
)
from briefing.read_state import ReadState
from briefing.render.text import plural
from briefing.safe_text import clean
from briefing.session import Session
from briefing.tui.messages import (
    AnalysisProgress,
    BriefingReady,
    FilesChanged,
    SourcesLoaded,
    SourcesRead,
)
from briefing.tui.original import copy_url, open_original
from briefing.tui.screens.article import ArticleScreen
from briefing.tui.screens.export import ask_and_export
from briefing.tui.theme import apply_theme, theme_file
from briefing.tui.watch import watch
from briefing.tui.widgets.details import DetailsPane, entity_text, source_text
from briefing.tui.widgets.entities import EntitiesPane, entity_key
from briefing.tui.widgets.pane import FilterPane, ItemOption
from briefing.tui.widgets.sources import SourcesPane, next_unread
from briefing.tui.widgets.status import AnalysisStatus, updated_line
from briefing.tui.widgets.stories import StoriesPane
from briefing.tui.widgets.summary import SummaryPane, contributions

IDLE_BEFORE_COLLECT_S = 1.0


class DashboardScreen(Screen[None]):
    BINDINGS = [
        Binding("tab", "app.focus_next", "Next pane", id="next_pane"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False,
                id="previous_pane"),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("escape", "back", "Back", id="back"),
        Binding("r", "reload", "Reload", id="reload"),
        Binding("z", "zoom", "Zoom", id="zoom"),
        Binding("n", "whats_new", "What's new", show=False, id="whats_new"),
        Binding("o", "open_original", "Open original", show=False, id="open_original"),
        Binding("y", "copy_url", "Copy URL", show=False, id="copy_url"),
        Binding("u", "next_unread", "Next unread", show=False, id="next_unread"),
        Binding("m", "toggle_read", "Read/unread", show=False, id="toggle_read"),
        Binding("t", "stories", "Stories", show=False, id="stories"),
        Binding("s", "sort_sources", "Sort", show=False, id="sort_sources"),
        Binding("e", "export", "Export", show=False, id="export"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    def __init__(self, live: Session) -> None:
        super().__init__()
        self.live = live
        self.narrowed: Person | Mission | None = None
        self.shown: Article | Person | Mission | None = None
        self._pending: set[Path] | None = set()
        self._requests = 0
        self._manual_reload = False
        self._idle_collect: Timer | None = None
        self.shown_in_turn = last_seen.ShownInTurn(
            live.config, live.cache_dir, live.use_cache and live.config.cache.enabled)
        self.story: Story | None = None  # the story Sources, People and Summary narrow to

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield SourcesPane(ReadState.for_config(self.live.config, self.live.cache_dir,
                                                   self.live.use_cache))
            yield StoriesPane()
            with Vertical(id="middle"):
                yield EntitiesPane()
                yield DetailsPane()
            yield SummaryPane()
        yield AnalysisStatus()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = clean(str(self.live.config.seeds))
        live = self.live
        apply_theme(self.app, live.config, theme_file(live.config, live.cache_dir)
                    if live.use_cache and live.config.cache.enabled else None)
        self.query_one(SourcesPane).list.focus()
        self.query_one(EntitiesPane).progress("Reading the sources…")
        self.load_sources()

    # Workers ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="sources")
    def load_sources(self) -> None:
        briefing = self.live.load(lambda part: self.post_message(SourcesLoaded(part, False)))
        self.post_message(SourcesLoaded(briefing))

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def analyse(self, paths: set[Path] | None, request: int) -> None:
        worker = get_current_worker()
        result = self.live.refresh(
            paths,
            progress=lambda done, total, _: self.post_message(AnalysisProgress(done, total)),
            cancelled=lambda: worker.is_cancelled,
            read=lambda briefing: self.post_message(SourcesRead(briefing, request)),
        )
        if result is not None:
            self.post_message(BriefingReady(result.briefing, result.note, request))

    @work(thread=True, exclusive=True, exit_on_error=False, group="model")
    def prepare_model(self) -> None:
        self.live.prepare()

    @work(exclusive=True, exit_on_error=False, group="watcher")
    async def watch_folder(self) -> None:
        await watch(self.live.folder, self.live.config, self.post_message, self.notify)

    def request_analysis(self, paths: set[Path] | None) -> None:
        """Queue paths (None: the whole folder) and re-analyse everything still pending. The
        paths stay pending until the newest request's analysis is done: an older one may have
        read a file before its last change."""
        if paths is None or self._pending is None:
            self._pending = None
        else:
            self._pending |= paths
        self._requests += 1
        self.analyse(None if self._pending is None else set(self._pending), self._requests)

    # Worker messages -------------------------------------------------------------------

    @on(SourcesLoaded)
    def _sources_loaded(self, message: SourcesLoaded) -> None:
        self.query_one(SourcesPane).update_briefing(message.briefing)
        if not message.done:
            self.query_one(EntitiesPane).progress(
                f"Reading the sources… {len(message.briefing.sources)} so far")
            return
        self.query_one(SummaryPane).progress("Analysing…")
        self.query_one(EntitiesPane).progress("Analysing…")
        self.request_analysis(set())
        if self.live.config.tui.watch:
            self.watch_folder()
            self.prepare_model()

    @on(SourcesRead)
    def _sources_read(self, message: SourcesRead) -> None:
        if message.request == self._requests:  # else a newer request is under way
            self.query_one(SourcesPane).update_briefing(message.briefing)

    @on(AnalysisProgress)
    def _progress(self, message: AnalysisProgress) -> None:
        text = f"Analysing {message.done}/{message.total}…"
        self.query_one(AnalysisStatus).progress(message.done, message.total)
        self.query_one(EntitiesPane).progress(text)
        self.query_one(SummaryPane).progress(text)

    @on(BriefingReady)
    def _briefing_ready(self, message: BriefingReady) -> None:
        if message.request == self._requests:
            self._pending = set()
        briefing = message.briefing
        if self.narrowed is not None:
            entities: list[Person | Mission] = [*briefing.people, *briefing.missions]
            same = [e for e in entities if entity_key(e) == entity_key(self.narrowed)]
            self.narrowed = same[0] if same else None
        sources = self.query_one(SourcesPane)
        sources.briefing = briefing
        sources.narrow(set(self.narrowed.sources) if self.narrowed else None,
                       self.narrowed.name if self.narrowed else "")
        self.query_one(EntitiesPane).update_briefing(briefing)
        changes = self._whats_new(briefing) if briefing.analysed else None
        self.query_one(SummaryPane).update_briefing(briefing, changes)
        self.title = (f"Briefing · {plural(len(briefing.sources), 'source')} · "
                      f"{plural(len(briefing.people), 'person')} · "
                      f"{plural(len(briefing.missions), 'mission')}")
        self._refresh_details()
        for screen in self.app.screen_stack:
            if isinstance(screen, ArticleScreen) and screen.article.id in self.live.articles:
                screen.show_analysis(self.live.articles[screen.article.id],
                                     self.live.analysis(screen.article.id))
        if changes is not None and not changes.empty:
            note = clean(message.note or "The folder changed since the last briefing.")
            self.notify(f"{note}\nPress n for What's new.", title="What's new", timeout=8,
                        markup=False)
        elif message.note:
            self.notify(clean(message.note), title="Reloaded", timeout=6, markup=False)
        elif self._manual_reload:
            self.notify("Nothing changed.", title="Reloaded", markup=False)
        self._manual_reload = False
        self.query_one(StoriesPane).update_briefing(briefing)
        self.query_one(AnalysisStatus).finished()
        self.sub_title = updated_line(str(self.live.config.seeds), self.live.config.tui.watch)
        if self.story is not None:
            kept = [s for s in briefing.stories if s.id == self.story.id]
            self.narrow_to_story(kept[0] if kept else None)
        self._collect_when_idle()

    def _collect_when_idle(self) -> None:
        """The dashboard's collector policy (briefing.collector): one full collection once no
        key was pressed for IDLE_BEFORE_COLLECT_S after a reload."""
        if self._idle_collect is not None:
            self._idle_collect.stop()
        self._idle_collect = self.set_timer(IDLE_BEFORE_COLLECT_S, self._collect)

    def _collect(self) -> None:
        self._idle_collect = None
        collector.collect()

    def on_key(self, event: events.Key) -> None:
        if self._idle_collect is not None:
            self._idle_collect.reset()

    def _whats_new(self, briefing: Briefing) -> Changes:
        """What this briefing brings since the one shown before; it is remembered in its
        place."""
        changes, to_remember = self.shown_in_turn.show(briefing)
        if to_remember is not None:
            self.remember_shown(to_remember)
        return changes

    @work(thread=True, exclusive=True, exit_on_error=False, group="last-seen")
    def remember_shown(self, shown: Snapshot) -> None:
        """Write the briefing shown as the folder's last one, off the UI thread."""
        last_seen.remember(self.live.config, shown, self.live.cache_dir)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        self.notify(clean(f"{event.worker.name}: {event.worker.error!r}"), title="Error",
                    severity="error", timeout=10, markup=False)
        if event.worker.group in ("analysis", "sources"):
            if event.worker.group == "analysis":
                self.query_one(AnalysisStatus).finished()
            what = "Analysis" if event.worker.group == "analysis" else "Reading the sources"
            text = f"{what} failed (see the notification); r retries"
            self.query_one(EntitiesPane).progress(text)
            self.query_one(SummaryPane).progress(text)

    @on(FilesChanged)
    def _files_changed(self, message: FilesChanged) -> None:
        self.request_analysis(message.paths)

    # Pane events -----------------------------------------------------------------------

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.has_focus:
            self._show_details(event.option_list)

    def on_descendant_focus(self) -> None:
        self._show_details(self.focused)

    def _show_details(self, widget: object) -> None:
        if isinstance(widget, OptionList):
            option = widget.highlighted_option
            if isinstance(option, ItemOption) and isinstance(option.item,
                                                             Article | Person | Mission):
                self._show_item(option.item)

    def _show_item(self, item: Article | Person | Mission) -> None:
        self.shown = item
        briefing = self.live.briefing
        details = self.query_one(DetailsPane)
        if isinstance(item, Article):
            self.query_one(SummaryPane).set_highlight(item.id)
            details.show_text("Source", source_text(item, briefing,
                                                    contributions(briefing, item.id)))
        else:
            kind = "Person" if isinstance(item, Person) else "Mission"
            lines = every_mention(item, self.live.articles, self.live.analysis)
            details.show_text(f"{kind} · every mention", entity_text(item, briefing, lines))

    def _refresh_details(self) -> None:
        """Show the item in the Details pane again, as the new briefing has it."""
        briefing = self.live.briefing
        if isinstance(self.shown, Article):
            same: list[Article | Person | Mission] = [
                a for a in briefing.sources if a.id == self.shown.id]
        elif self.shown is not None:
            key = entity_key(self.shown)
            entities: list[Person | Mission] = [*briefing.people, *briefing.missions]
            same = [e for e in entities if entity_key(e) == key]
        else:
            same = []
        if same:
            self._show_item(same[0])
        else:
            self.shown = None
            self.query_one(DetailsPane).clear()
            self._show_details(self.focused)

    @on(OptionList.OptionSelected, "#sources-list")
    def _source_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, ItemOption):
            self.open_article(event.option.item.id)

    @on(OptionList.OptionSelected, "#entities-list")
    def _entity_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, ItemOption):
            self.narrow_to(event.option.item)

    @on(OptionList.OptionSelected, "#summary-list")
    def _summary_selected(self, event: OptionList.OptionSelected) -> None:
        item = event.option.item if isinstance(event.option, ItemOption) else None
        if isinstance(item, SummaryPoint) and item.sources and item.start >= 0:
            # the sentence stands verbatim in the first source: open it there
            self.open_article(item.sources[0], (item.start, item.end))
        elif isinstance(item, SummaryPoint | Quote | Story | TimelineEvent) and item.sources:
            highlight = self.query_one(SummaryPane).highlight
            source = highlight if highlight is not None and highlight in item.sources \
                else item.sources[0]
            at = (item.start, item.end) if isinstance(item, TimelineEvent) and \
                source == item.sources[0] else None
            self.open_article(source, at)

    # Navigation ------------------------------------------------------------------------

    def open_article(self, source_id: str, sentence: tuple[int, int] | None = None) -> None:
        """Open the source; `sentence` (offsets into its text) is highlighted and shown."""
        briefing = self.live.briefing
        numbers = {a.id: n for n, a in enumerate(briefing.sources, 1)}
        article = self.live.articles.get(source_id)
        if article is None:
            return
        focus = self.narrowed.name if self.narrowed is not None else None
        self.query_one(SourcesPane).mark_read(source_id, True)
        self.app.push_screen(ArticleScreen(article, self.live.analysis(source_id),
                                           numbers.get(source_id), focus, sentence,
                                           folder=self.live.folder))

    def narrow_to(self, item: Person | Mission) -> None:
        """Show only the sources that mention this person or mission."""
        self.narrowed = item
        self.query_one(SourcesPane).narrow(set(item.sources), item.name)
        self.refresh_bindings()

    def jump_to(self, item: Person | Mission | Article) -> None:
        """Select this person, mission or source in its pane (the palette's jump)."""
        pane: FilterPane
        if isinstance(item, Article):
            pane = self.query_one(SourcesPane)
            if self.narrowed is not None and item.id not in self.narrowed.sources:
                self.action_back()
            key = f"source:{item.id}"
        else:
            pane = self.query_one(EntitiesPane)
            key = entity_key(item)
        if not pane.select_key(key) and pane.filter_text:
            pane.action_close_filter()
            pane.select_key(key)
        pane.list.focus()
        if not isinstance(item, Article):
            self.narrow_to(item)
        self._show_details(pane.list)

    # Actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.narrowed is not None or self.story is not None
        return True

    def action_back(self) -> None:
        self.narrowed = None
        self.query_one(SourcesPane).narrow(None)
        if self.story is not None:
            self.narrow_to_story(None)
        self.refresh_bindings()

    def action_filter(self) -> None:
        focused = self.focused
        pane = focused.parent if focused is not None else None
        if isinstance(pane, FilterPane):
            pane.open_filter()
        else:
            self.notify("Filter works in the Sources, People & Missions and Summary panes.",
                        markup=False)

    def action_zoom(self) -> None:
        """Let the focused pane fill the screen, or put it back."""
        if self.maximized is not None:
            self.minimize()
        else:
            self.action_maximize()

    def action_whats_new(self) -> None:
        if not self.query_one(SummaryPane).show_whats_new():
            self.notify("Nothing new since the last briefing.")

    def action_reload(self) -> None:
        self._manual_reload = True
        self.notify("Reloading the seeds folder…", markup=False)
        self.request_analysis(None)

    # The original of the source in view (`o`, `y`) ------------------------------------

    def current_source(self) -> Article | None:
        """The source highlighted in Sources, else the one the Details pane shows."""
        option = self.query_one(SourcesPane).list.highlighted_option
        if self.focused is self.query_one(SourcesPane).list and isinstance(option, ItemOption):
            return option.item
        return self.shown if isinstance(self.shown, Article) else None

    def action_open_original(self) -> None:
        article = self.current_source()
        if article is None:
            self.notify("Highlight a source first.")
        else:
            open_original(self.app, article, self.live.folder)

    def action_copy_url(self) -> None:
        article = self.current_source()
        if article is None:
            self.notify("Highlight a source first.")
        else:
            copy_url(self.app, article)

    # Read state (`u`, `m`; opening a source reads it) ----------------------------------

    def action_toggle_read(self) -> None:
        article = self.current_source()
        if article is None:
            self.notify("Highlight a source first.")
        else:
            self.query_one(SourcesPane).toggle_read(article.id)

    def action_next_unread(self) -> None:
        sources = self.query_one(SourcesPane)
        if next_unread(sources):
            sources.list.focus()
        else:
            self.notify("Every source listed is read.")

    # Stories (`t`; Enter narrows to one) and the order of Sources (`s`) ---------------

    def action_stories(self) -> None:
        """Show the Stories in the Sources column, or the Sources again."""
        sources, stories = self.query_one(SourcesPane), self.query_one(StoriesPane)
        showing = not stories.display
        stories.display, sources.display = showing, not showing
        (stories if showing else sources).list.focus()

    @on(OptionList.OptionSelected, "#stories-list")
    def _story_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option, ItemOption):
            self.narrow_to_story(event.option.item)
            self.action_stories()

    def narrow_to_story(self, story: Story | None) -> None:
        """Sources, People & Missions and the Summary show this story only (None: all)."""
        self.story = story
        ids = set(story.sources) if story is not None else None
        title = story.title if story is not None else ""
        if self.narrowed is None:
            self.query_one(SourcesPane).narrow(ids, f"story: {title}")
        self.query_one(EntitiesPane).narrow(ids, "story")
        self.query_one(SummaryPane).narrow(story.id if story is not None else None, title)
        self.refresh_bindings()

    def action_sort_sources(self) -> None:
        sort = self.query_one(SourcesPane).cycle_sort()
        self.notify(f"Sources by {sort}.", timeout=2)

    # Export (`e`): the story narrowed to, or the whole briefing ------------------------

    def action_export(self) -> None:
        if not self.live.briefing.analysed:
            self.notify("The briefing is not analysed yet.")
        else:
            ask_and_export(self.app, self.live.briefing, self.story, self.live.folder)
