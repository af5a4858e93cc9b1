"""Site furniture by repetition: the lines one site prints on many of its pages.

Each file is cleaned on its own (and kept so in the store); this pass runs over the whole
folder's articles after they are read. A site is an outlet, or a URL host: pages of one site
that all end on "Follow us on …" or the same footer give the line away, where a single page
could not. A paragraph is site furniture of a page when

- it is a paragraph of at least `MIN_PAGES` of that site's pages with different titles, and of
  at least `MIN_SHARE` of them (a line of a few pages of a big site is not the site's);
- it stands in the page's header or footer: the run of such lines the page starts or ends
  with (a story sentence between the page's own paragraphs stays), at the top only lines
  that are not story sentences (versions of one story share their lead);
- it holds no quotation (a quote is content, however often it is printed);
- and the page does not share most of its story sentences with the site's other pages (a
  second copy of a story keeps everything).

A page that would be left with nothing keeps its text. The pass is a function of the
articles alone, so a reload gives the same text for the same folder; an article it changes
gets the lines in `removed` and a `content_hash` that says so (its analysis is redone).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from briefing.hashing import text_bytes
from briefing.ingest.clean import QUOTED, story_paragraph
from briefing.ingest.metadata import derive_title
from briefing.model import Article
from briefing.names import text_key

MIN_PAGES = 3
MIN_SHARE = 0.25


def _sites(article: Article) -> list[str]:
    """The sites a page belongs to: its outlet and its URL's host."""
    sites = []
    if article.outlet and text_key(article.outlet):
        sites.append("outlet:" + text_key(article.outlet))
    if article.url:
        try:
            host = urlsplit(article.url).hostname
        except ValueError:
            host = None
        if host:
            sites.append("host:" + host.removeprefix("www."))
    return sites


@dataclasses.dataclass(frozen=True)
class _Page:
    article: Article
    paragraphs: list[str]
    keys: list[str]  # text_key of each paragraph


def _page(article: Article) -> _Page:
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    return _Page(article, paragraphs, [text_key(p) for p in paragraphs])


def _repeated(pages: Sequence[_Page]) -> set[str]:
    """Keys of the paragraphs one site prints on enough of its pages (different titles)."""
    titles: defaultdict[str, set[str]] = defaultdict(set)
    for n, page in enumerate(pages):
        title = text_key(page.article.title or "") or f"#{n}"
        for key in set(page.keys) - {""}:
            titles[key].add(title)
    least = max(MIN_PAGES, MIN_SHARE * len(pages))
    return {key for key, seen in titles.items() if len(seen) >= least}


def _edges(page: _Page, repeated: set[str]) -> set[int]:
    """Where the page's header and footer runs of repeated lines stand."""
    paragraphs = page.paragraphs

    def furniture(i: int) -> bool:
        return page.keys[i] in repeated and not QUOTED.search(paragraphs[i])

    edges: set[int] = set()
    i = 0
    while i < len(paragraphs) and furniture(i) and not story_paragraph(paragraphs[i]):
        edges.add(i)
        i += 1
    j = len(paragraphs) - 1
    while j >= i and furniture(j):
        edges.add(j)
        j -= 1
    return edges


def _copied(page: _Page, repeated: set[str]) -> bool:
    """Most of the page's story sentences are printed on other pages too: a copy."""
    story = [k for p, k in zip(page.paragraphs, page.keys, strict=True) if story_paragraph(p)]
    return 2 * sum(1 for k in story if k in repeated) > len(story)


def strip_site_furniture(articles: Iterable[Article]) -> list[Article]:
    """The articles, in the same order, each without its site's repeated header and footer
    lines; an article the pass leaves alone is returned as it was."""
    pages = [_page(a) for a in articles]
    by_site: defaultdict[str, list[int]] = defaultdict(list)
    for n, page in enumerate(pages):
        for site in _sites(page.article):
            by_site[site].append(n)
    repeated: defaultdict[int, set[str]] = defaultdict(set)
    for members in by_site.values():
        if len(members) >= MIN_PAGES:
            keys = _repeated([pages[n] for n in members])
            for n in members:
                repeated[n] |= keys
    out = []
    for n, page in enumerate(pages):
        article, paragraphs = page.article, page.paragraphs
        found = repeated.get(n)
        drop = _edges(page, found) if found and not _copied(page, found) else set()
        if not drop or len(drop) == len(paragraphs):
            out.append(article)
            continue
        removed = [p for i, p in enumerate(paragraphs) if i in drop]
        text = "\n\n".join(p for i, p in enumerate(paragraphs) if i not in drop)
        made = hashlib.sha256(text_bytes("\n\n".join(removed)))
        title = article.title
        if article.title_derived and 0 in drop:  # it was made from a header line
            title = " ".join((derive_title(text) or "").split())[:500] or None
        out.append(dataclasses.replace(
            article, text=text, title=title,
            title_derived=article.title_derived and title is not None,
            removed=[*article.removed, *removed],
            content_hash=f"{article.content_hash}~{made.hexdigest()[:16]}"))
    return out

