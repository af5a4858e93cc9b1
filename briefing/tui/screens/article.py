"""Article view: metadata, then the cleaned text with people and missions highlighted (and,
opened from a summary point, its sentence highlighted and scrolled to).

The text is data: it goes into a rich Text and is styled by offsets, never parsed as markup;
every string shown passes through safe_text.clean (the body keeping its offsets).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from briefing.model import Article, ArticleAnalysis
from briefing.safe_text import clean
from briefing.tui.original import copy_url, open_original
from briefing.tui.widgets.find import FindBar, find_all, mark_matches

STYLES = {"PERSON": "bold cyan", "MISSION": "bold magenta"}


SENTENCE_STYLE = "on dark_green"


def article_body(article: Article, analysis: ArticleAnalysis | None,
                 focus: str | None = None, sentence: tuple[int, int] | None = None) -> Text:
    """The text with each person and mission mention styled; `focus` (a canonical name)
    reversed; `sentence` (offsets: the summary point it was opened from) highlighted."""
    text = Text(clean(article.text, lines=True))
    size = len(article.text)
    if sentence is not None and 0 <= sentence[0] < sentence[1] <= size:
        text.stylize(SENTENCE_STYLE, *sentence)
    for quote in analysis.quotes if analysis else []:
        text.stylize("italic", max(0, quote.start), min(size, quote.end))
    for mention in analysis.mentions if analysis else []:
        style = STYLES.get(mention.label)
        if style is None or not 0 <= mention.start < mention.end <= size:
            continue
        if focus is not None and mention.name == focus:
            style += " reverse"
        text.stylize(style, mention.start, mention.end)
    return text


def article_meta(article: Article, number: int | None) -> Text:
    meta = Text(f"[{number}] " if number else "", style="bold")
    meta.append(clean(article.title) or clean(article.id), style="bold")
    facts = [article.outlet, article.date, article.dateline, article.section, article.author]
    line = " · ".join(clean(f) for f in facts if f)
    if line:
        meta.append("\n" + line, style="dim")
    meta.append("\n" + clean(article.id), style="dim")
    if article.url:
        meta.append(" · " + clean(article.url), style="dim")
    meta.append(f" · {article.words} words", style="dim")
    return meta


class ArticleScreen(Screen[None]):
    DEFAULT_CSS = """
    ArticleScreen #article-meta {
        border-bottom: solid $panel-lighten-2;
        padding: 0 2;
        height: auto;
    }
    ArticleScreen #article-body { padding: 1 2; }
    ArticleScreen #article-body > Static { max-width: 100; }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Back", id="back"),
        Binding("j", "scroll('down')", "Down", show=False, id="article_down"),
        Binding("k", "scroll('up')", "Up", show=False, id="article_up"),
        Binding("g", "scroll('home')", "Top", show=False, id="article_top"),
        Binding("G", "scroll('end')", "Bottom", show=False, id="article_bottom"),
        Binding("slash", "find", "Find", id="find"),
        Binding("n", "find_next(1)", "Next match", show=False, id="find_next"),
        Binding("N", "find_next(-1)", "Previous match", show=False, id="find_previous"),
        Binding("o", "open_original", "Open original", id="open_original"),
        Binding("y", "copy_url", "Copy URL", show=False, id="copy_url"),
    ]

    def __init__(self, article: Article, analysis: ArticleAnalysis | None,
                 number: int | None = None, focus: str | None = None,
                 sentence: tuple[int, int] | None = None, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = folder or Path.cwd()  # the seeds folder, for `o` on a file
        self.article = article
        self.analysis = analysis
        self.number = number
        self.focus_name = focus
        self.sentence = sentence  # highlighted and scrolled to
        self.matches: list[tuple[int, int]] = []  # of the text searched for (`/`)
        self.match: int | None = None  # the one shown

    def compose(self) -> ComposeResult:
        yield Static(article_meta(self.article, self.number), id="article-meta")
        with VerticalScroll(id="article-body"):
            yield Static(article_body(self.article, self.analysis, self.focus_name,
                                      self.sentence))
        yield FindBar()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#article-body").focus()
        if self.sentence is not None:
            self.call_after_refresh(self._scroll_to_sentence)

    def sentence_line(self) -> int:
        """The wrapped line the highlighted sentence starts on: the text before it, wrapped
        at the body's width (greedy wrapping lays out a prefix as the whole text)."""
        if self.sentence is None:
            return 0
        return self.line_at(self.sentence[0])

    def _scroll_to_sentence(self) -> None:
        body = self.query_one("#article-body", VerticalScroll)
        body.scroll_to(y=max(0, self.sentence_line() - 2), animate=False)

    def show_analysis(self, article: Article, analysis: ArticleAnalysis | None) -> None:
        """Redraw with a newer analysis (the article was opened before the analysis ended)."""
        self.article = article
        self.analysis = analysis
        self.query_one("#article-meta", Static).update(article_meta(article, self.number))
        self.matches = find_all(article.text, self.query_one(FindBar).value)
        self.match = min(self.match, len(self.matches) - 1) if self.matches and \
            self.match is not None else None
        self._redraw()

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#article-body", VerticalScroll)
        {"down": body.scroll_down, "up": body.scroll_up, "home": body.scroll_home,
         "end": body.scroll_end}[where]()

    # Find (`/`, `n`, `N`) ------------------------------------------------------------

    def line_at(self, offset: int) -> int:
        """The wrapped line of the body that the text's `offset` is on: the text before it,
        wrapped at the body's width (greedy wrapping lays out a prefix as the whole text)."""
        static = self.query_one("#article-body Static", Static)
        width = max(1, static.content_region.width)
        before = Text(self.article.text[:offset] + "x")
        return len(before.wrap(self.app.console, width)) - 1

    def _redraw(self) -> None:
        body = article_body(self.article, self.analysis, self.focus_name, self.sentence)
        self.query_one("#article-body Static", Static).update(
            mark_matches(body, self.matches, self.match))

    def _show_match(self) -> None:
        self._redraw()
        if self.match is not None:
            body = self.query_one("#article-body", VerticalScroll)
            line = self.line_at(self.matches[self.match][0])
            body.scroll_to(y=max(0, line - 2), animate=False)
            status = f"match {self.match + 1} of {len(self.matches)} · n/N: next/previous"
        else:
            status = "no match" if self.query_one(FindBar).value else ""
        self.query_one("#article-meta", Static).border_subtitle = status

    def action_find(self) -> None:
        self.query_one(FindBar).open()

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        self.matches = find_all(self.article.text, event.value)
        self.match = 0 if self.matches else None
        self._show_match()

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#article-body").focus()

    def action_find_next(self, step: int) -> None:
        if not self.matches:
            self.notify("Nothing to go to: / searches the text.")
            return
        self.match = ((self.match or 0) + step) % len(self.matches) if self.match is not None \
            else 0
        self._show_match()

    # The original (`o`, `y`) -----------------------------------------------------------

    def action_open_original(self) -> None:
        open_original(self.app, self.article, self.folder)

    def action_copy_url(self) -> None:
        copy_url(self.app, self.article)
