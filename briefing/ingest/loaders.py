"""One loader per format: decoded text in, raw entries (body + known metadata) out.

Loaders raise LoaderError (or any parser error) for a file they cannot understand; the caller
turns that into a LoadWarning. They only extract; cleaning happens later for every format.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import Element

import yaml

from briefing import safe_yaml
from briefing.ingest.dates import parse_date
from briefing.ingest.html_body import CELL_SEPARATOR, Body, body_units
from briefing.ingest.shapes import words


class LoaderError(Exception):
    """The file's format is broken; the message is the short reason."""


@dataclass
class Entry:
    """What a loader found: the body text plus whatever metadata the format states."""

    text: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    plain: bool = True  # plain-text copy: look for a header block, datelines, furniture
    notes: list[str] = field(default_factory=list)  # warnings about this entry
    structured: bool = False  # lines from the page's markup (paragraphs, items, table rows)
    removed: list[str] = field(default_factory=list)  # furniture the markup gave away


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [_author(v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return _str(value.get("name"))
    return _str(value)


def load_text(text: str) -> list[Entry]:
    return [Entry(text=text)]


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# Linear time: no part may run over the character that opens another match ("[", "(", the
# emphasis mark), so a line of ten thousand unclosed "[a" is one pass, not one per "[".
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:https?://|/|#|mailto:)[^()\n]*\)")
_MD_EMPHASIS = re.compile(r"\*\*(?=[^\s*])([^*\n]+?)(?<=\S)\*\*|__(?=[^\s_])([^_\n]+?)(?<=\S)__")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.*)$", re.M)  # closing "#"s stripped after


def _heading_text(match: re.Match[str]) -> str:
    return match.group(1).rstrip(" \t#")


def _table_row(line: str) -> str | None:
    """A Markdown table line as a row of its cells joined by " | " (as HTML tables read), None
    for its "|---|:--:|" rule line. List items keep their bullets: they are content, and the
    cleaning rules know a list by its bullets. Plain string work, linear in the line."""
    inner = line.strip()
    if not (inner.startswith("|") and inner.endswith("|") and len(inner) > 1):
        return line
    cells = [c.strip() for c in inner[1:-1].split("|")]
    if all(c and set(c) <= {"-", ":"} and "-" in c for c in cells):
        return None
    return CELL_SEPARATOR.join(c for c in cells if c)


def _drop_comments(body: str) -> str:
    """HTML comments removed; one left open stays (cut at the last "-->" first, so an
    opening with no end after it is not searched for once per opening)."""
    end = body.rfind("-->")
    if end < 0:
        return body
    return re.sub(r"<!--.*?-->", "", body[:end + 3], flags=re.S) + body[end + 3:]


def load_markdown(text: str) -> list[Entry]:
    notes: list[str] = []
    meta: dict[str, Any] = {}
    m = _FRONT.match(text)
    if m:
        body = text[m.end():]
        try:
            data = safe_yaml.load(m.group(1))
        except yaml.YAMLError as exc:
            data = None
            problem = getattr(exc, "problem", None)
            notes.append(f"invalid YAML front matter{f' ({problem})' if problem else ''}; "
                         f"loaded the body as text")
        if isinstance(data, dict):
            meta = data
        elif data is not None and not notes:
            notes.append("front matter is not a mapping; ignored")
    else:
        body = text
    title = _str(meta.get("title"))
    heading = _MD_HEADING.search(body)
    if title is None and heading and not body[:heading.start()].strip():
        title = _heading_text(heading).strip() or None
        body = body[heading.end():]
    body = _MD_IMAGE.sub("", body)
    body = _MD_LINK.sub(r"\1", body)
    body = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), body)
    body = _MD_HEADING.sub(_heading_text, body)
    body = re.sub(r"^[ \t]*>[ \t]?", "", body, flags=re.M)
    body = re.sub(r"^[ \t]*(?:```|~~~).*$", "", body, flags=re.M)
    body = _drop_comments(body)
    body = "\n".join(row for line in body.split("\n") if (row := _table_row(line)) is not None)
    return [Entry(text=body, title=title, date=parse_date(meta.get("date")),
                  outlet=_str(meta.get("outlet")), author=_author(meta.get("author")),
                  url=_str(meta.get("url")), notes=notes)]


def _first(item: dict[str, Any], *names: str) -> Any:
    for name in names:
        value = item.get(name)
        if isinstance(value, dict):
            value = value.get("name")
        if value not in (None, "", []):
            return value
    return None


def load_json(text: str) -> list[Entry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoaderError(f"invalid JSON: {exc.msg} (line {exc.lineno})") from None
    if isinstance(data, dict):
        nested = _first(data, "articles", "items", "entries")
        items = nested if isinstance(nested, list) and not _first(data, "text", "body") \
            else [data]
    elif isinstance(data, list):
        items = data
    else:
        raise LoaderError("JSON is neither an article object nor a list of them")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            entries.append(Entry(text="", notes=["JSON entry is not an object; skipped"]))
            continue
        body = _first(item, "text", "body", "content", "description", "summary") or ""
        body = body if isinstance(body, str) else ""
        plain = True
        if re.search(r"<(?:p|div|br|span|a)\b", body, re.I):
            body, plain = html_to_text(body), False
        entries.append(Entry(
            text=body, title=_str(_first(item, "title", "headline")),
            date=parse_date(_first(item, "date", "published", "published_at", "pubDate",
                                   "datePublished")),
            outlet=_str(_first(item, "outlet", "source", "publisher", "site")),
            author=_author(_first(item, "author", "byline", "authors")),
            url=_str(_first(item, "url", "link")), plain=plain))
    return entries


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
               "section", "article", "figure", "ul", "ol", "table", "pre", "hr"}
_SKIP_TAGS = {"script", "style", "nav", "aside", "footer", "header", "form", "noscript",
              "figcaption", "button", "select", "template", "svg", "iframe"}


class _TextParser(HTMLParser):
    """Visible text of an HTML fragment, one block per line, chrome elements dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in ("td", "th") and not self.skipping:
            self.parts.append(CELL_SEPARATOR)  # a table row reads "cell | cell"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def _parse_html(markup: str) -> _TextParser:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return parser


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (feed entries, JSON bodies, pages trafilatura rejects)."""
    return _joined(_parse_html(markup))


def _joined(parser: _TextParser) -> str:
    text = "".join(parser.parts)
    lines = [line.strip().removeprefix(CELL_SEPARATOR.strip()).strip()
             for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _split_site(title: str | None, site: str | None) -> tuple[str | None, str | None]:
    """'Headline | Site Name' -> ('Headline', 'Site Name'); a short last part is the site."""
    if not title:
        return None, None
    parts = re.split(r"\s+[|–—-]\s+|\s+::\s+", title)
    if len(parts) > 1:
        last = parts[-1].strip()
        if (site and last.casefold() in site.casefold()) or len(last.split()) <= 4:
            return " - ".join(parts[:-1]).strip() or None, last or None
    return title.strip() or None, None


# Below this many words, the precision-first extraction may have kept a notice instead of the
# story: the balanced one is tried too and taken when it finds more than twice as much.
THIN_WORDS = 80


def _extract(markup: str, precise: bool) -> tuple[Any, Body] | None:
    """trafilatura's article extraction (links and tables kept in its tree) and the lines of
    its body, or None when it finds nothing (or is unusable: its HTML cleaner is an optional
    lxml extra that some installs lack)."""
    try:
        import trafilatura
    except ImportError:
        return None
    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                      include_tables=True, include_links=True,
                                      favor_precision=precise)
    tree = getattr(doc, "body", None)
    if doc is None or tree is None:
        return None
    body = body_units(tree)
    return (doc, body) if body.text.strip() else None


def _size(found: tuple[Any, Body] | None) -> int:
    return len(words(found[1].text)) if found else 0


# trafilatura's time grows with the tags (a 3 MB page of unclosed tags took 38 s), and so
# does html.parser's (11 s): a page with more than this many has its tags stripped by a few
# linear passes instead, without article extraction.
MAX_EXTRACT_TAGS = 20_000
_TAG = re.compile(r"<[A-Za-z]")
_SKIP_OPEN = re.compile(r"<(" + "|".join(sorted(_SKIP_TAGS | {"title"})) + r")\b", re.I)
_BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(_BLOCK_TAGS)) + r")\b[^<>]*>?", re.I)
_ANY_TAG = re.compile(r"<[!/?A-Za-z][^<>]*>?")


def _stripped(markup: str) -> str:
    """The text of a page of many tags: skipped elements (scripts, navigation, …) and the
    title dropped, a paragraph break for each block tag, every other tag removed. Each pass
    stops at the next '<', so unclosed tags cost no more than closed ones."""
    lower = markup.lower()
    kept: list[str] = []
    at = 0
    while (found := _SKIP_OPEN.search(lower, at)) is not None:
        kept.append(markup[at:found.start()])
        end = lower.find("</" + found.group(1), found.end())
        if end < 0:
            at = len(markup)
            break
        close = lower.find(">", end)
        at = len(markup) if close < 0 else close + 1
    kept.append(markup[at:])
    text = html.unescape(_ANY_TAG.sub(" ", _BLOCK_TAG.sub("\n\n", "".join(kept))))
    text = re.sub(r" *\n[ \n]*\n *", "\n\n", re.sub(r"[^\S\n]+", " ", text))
    return re.sub(r" *\n *", "\n", text).strip()


def load_html(text: str) -> list[Entry]:
    tags = sum(1 for _ in itertools.islice(_TAG.finditer(text), MAX_EXTRACT_TAGS + 1))
    if tags > MAX_EXTRACT_TAGS:
        body = _stripped(text)
        if not body:
            raise LoaderError("no article text found in the HTML")
        return [Entry(text=body, plain=False, notes=[
            f"more than {MAX_EXTRACT_TAGS} HTML tags: read as plain text, without article "
            f"extraction"])]
    found = _extract(text, precise=True)
    if _size(found) < THIN_WORDS:
        wider = _extract(text, precise=False)
        if _size(wider) > 2 * _size(found):
            found = wider
    if found is None:
        parser = _parse_html(text)
        body = _joined(parser)
        if not body:
            raise LoaderError("no article text found in the HTML")
        title, site = _split_site(" ".join(parser.title).strip(), None)
        return [Entry(text=body, title=title, outlet=site, plain=False, notes=[
            "no article found in the page's markup; kept all of its visible text"])]
    doc, lines = found
    site = _str(doc.sitename)
    title, suffix = _split_site(_str(doc.title), site)
    if site is None and suffix is None:
        tag = re.search(r"<title[^>]*>([^<]{1,300})</title>", text, re.I)
        suffix = _split_site(html.unescape(tag.group(1)).strip(), None)[1] if tag else None
    return [Entry(text=lines.text, title=title, date=parse_date(doc.date),
                  outlet=site or suffix, author=_author(doc.author), url=_str(doc.url),
                  plain=False, structured=True, removed=lines.removed)]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child(node: Element, *names: str) -> Element | None:
    for name in names:
        for child in node:
            if _local(child.tag) == name:
                return child
    return None


def _child_text(node: Element, *names: str) -> str | None:
    child = _child(node, *names)
    if child is None:
        return None
    if len(child) and _local(child.tag) == "author":
        return _child_text(child, "name")
    return _str("".join(child.itertext()))


def load_feed(text: str) -> list[Entry]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(text.lstrip("\ufeff"), forbid_dtd=True)  # decoded already
    except DefusedXmlException:
        raise LoaderError("feed declares a DTD or entities; refused") from None
    except ParseError as exc:
        raise LoaderError(f"invalid or truncated feed XML: {exc}") from None
    kind = _local(root.tag)
    channel = _child(root, "channel")
    if kind not in ("rss", "feed", "rdf") or (kind == "rss" and channel is None):
        raise LoaderError(f"not an RSS or Atom feed (<{kind}>)")
    container = channel if kind == "rss" and channel is not None else root
    entry_tag = "entry" if kind == "feed" else "item"
    outlet = _child_text(channel if channel is not None else root, "title")
    entries = []
    for node in container:
        if _local(node.tag) != entry_tag:
            continue
        body = _child_text(node, "encoded", "content", "description", "summary") or ""
        link = _child(node, "link")
        url = None
        if link is not None:
            url = _str(link.get("href")) or _str(link.text)
        entries.append(Entry(
            text=html_to_text(body) if "<" in body else body,
            title=_child_text(node, "title"),
            date=parse_date(_child_text(node, "pubdate", "published", "updated", "date")),
            outlet=outlet, author=_child_text(node, "creator", "author"), url=url,
            plain="<" not in body))
    if not entries:
        raise LoaderError("feed has no entries")
    return entries


# Formats read line by line: their lines are cut to ingest.max_line_chars before the loader
# runs (a markup format's one long line is its whole document, so it is not cut).
LINE_BASED = {".txt", ".text", ".md", ".markdown"}

LOADERS = {".txt": load_text, ".text": load_text, ".md": load_markdown,
           ".markdown": load_markdown, ".html": load_html, ".htm": load_html,
           ".json": load_json, ".xml": load_feed, ".rss": load_feed, ".atom": load_feed}
MULTI = {".json", ".xml", ".rss", ".atom"}
