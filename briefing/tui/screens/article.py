"""Article view: metadata, then the cleaned text with people and missions highlighted.

The text is data: it goes into a rich Text and is styled by offsets, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from briefing.model import Article, ArticleAnalysis

STYLES = {"PERSON": "bold cyan", "MISSION": "bold magenta"}


def article_body(article: Article, analysis: ArticleAnalysis | None,
                 focus: str | None = None, at: tuple[int, int] | None = None) -> Text:
    """The text with each person and mission mention styled; `focus` (a canonical name)
    reversed; the sentence `at` (offsets) underlined."""
    text = Text(article.text)
    size = len(article.text)
    if at is not None:
        text.stylize("underline", max(0, at[0]), min(size, at[1]))
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
    meta.append(article.title or article.id, style="bold")
    facts = [article.outlet, article.date, article.dateline, article.section, article.author]
    line = " · ".join(f for f in facts if f)
    if line:
        meta.append("\n" + line, style="dim")
    meta.append(f"\n{article.id}", style="dim")
    if article.url:
        meta.append(f" · {article.url}", style="dim")
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
    ]

    def __init__(self, article: Article, analysis: ArticleAnalysis | None,
                 number: int | None = None, focus: str | None = None,
                 at: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.at = at
        self.article = article
        self.analysis = analysis
        self.number = number
        self.focus_name = focus

    def compose(self) -> ComposeResult:
        yield Static(article_meta(self.article, self.number), id="article-meta")
        with VerticalScroll(id="article-body"):
            yield Static(article_body(self.article, self.analysis, self.focus_name, self.at))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#article-body").focus()
        if self.at is not None:
            self.call_after_refresh(self._scroll_to_sentence)

    def _scroll_to_sentence(self) -> None:
        """Scroll the body so the sentence `at` starts on the first line shown."""
        assert self.at is not None
        static = self.query_one("#article-body Static", Static)
        width = max(1, static.content_size.width)
        above = Text(self.article.text[:self.at[0]] + "x").wrap(self.app.console, width)
        self.query_one("#article-body", VerticalScroll).scroll_to(
            y=len(above) - 1, animate=False)

    def show_analysis(self, article: Article, analysis: ArticleAnalysis | None) -> None:
        """Redraw with a newer analysis (the article was opened before the analysis ended)."""
        self.article = article
        self.analysis = analysis
        self.query_one("#article-meta", Static).update(article_meta(article, self.number))
        self.query_one("#article-body Static", Static).update(
            article_body(article, analysis, self.focus_name, self.at))

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#article-body", VerticalScroll)
        {"down": body.scroll_down, "up": body.scroll_up, "home": body.scroll_home,
         "end": body.scroll_end}[where]()
