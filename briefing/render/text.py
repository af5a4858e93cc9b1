"""What every renderer does to article-derived text: no control character ever reaches the
output (an escape byte in an article must not drive the terminal), and citations are numbers
into the list of sources."""

from __future__ import annotations

from collections.abc import Iterable

from briefing.model import Article, Briefing
from briefing.safe_text import clean


def source_numbers(briefing: Briefing) -> dict[str, int]:
    """Source id -> its number in the sources list (1-based, in the briefing's order)."""
    return {a.id: i for i, a in enumerate(briefing.sources, start=1)}


def cited(sources: Iterable[str], numbers: dict[str, int]) -> list[int]:
    return sorted({numbers[s] for s in sources if s in numbers})


def source_label(article: Article) -> str:
    """Outlet, date and title of a source, for a sources table or a footnote."""
    parts = [clean(article.outlet), clean(article.date),
             clean(article.title) or clean(article.id)]
    return ", ".join(p for p in parts if p)
