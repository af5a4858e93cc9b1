"""What every renderer does to article-derived text: no control character ever reaches the
output (an escape byte in an article must not drive the terminal), and citations are numbers
into the list of sources."""

from __future__ import annotations

from collections.abc import Iterable

from briefing.model import Article, Briefing, SummaryPoint
from briefing.safe_text import clean


def plural(count: int, word: str) -> str:
    """'1 source', '2 sources': the count with its noun (English plural in -s; 'people' is
    given as `word` for a person)."""
    if word == "person":
        return f"{count} {'person' if count == 1 else 'people'}"
    return f"{count} {word}{'s' if count != 1 else ''}"


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


def summary_sections(briefing: Briefing) -> list[tuple[str, list[SummaryPoint]]]:
    """The briefing summary's points grouped by the story they tell, each group with its
    story's title, "" for the first (the headline's story) and for points of no story."""
    titles = {story.id: story.title for story in briefing.stories}
    sections: list[tuple[str, list[SummaryPoint]]] = []
    last: str | None = None
    for point in briefing.summary.points:
        if point.story != last or not sections:
            sections.append(("" if not sections else titles.get(point.story, ""), []))
            last = point.story
        sections[-1][1].append(point)
    return sections
