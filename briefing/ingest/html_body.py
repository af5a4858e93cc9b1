"""trafilatura's body tree -> article lines, by what the markup says.

Paragraphs, headings and quotes are one unit each (a `<br>` line is a unit of its own unless
it runs on into the next line mid-sentence); list items are one unit each; a table is one
unit a row, its cells joined by " | ". Link text is tracked so that pointers to other pages
are told from the article: a list whose items are each one link title, two lines or more in
a row that are, a "Label: <link>" line ("Read more: …"), and the label just above them
("More:", a heading) are related-story furniture, not the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from briefing.ingest.shapes import terminal, words

_BLOCKS = {"p", "head", "list", "item", "table", "row", "cell", "quote", "code", "div"}
CELL_SEPARATOR = " | "
LINK_SHARE = 0.75  # a line is "a link" when one link covers this much of it
_LABEL = re.compile(r"^\s*([^\W\d_][\w'’ -]{0,30}?)\s*[:：|»›]\s*")


@dataclass(frozen=True)
class Unit:
    """One line of the article and the link text in it."""

    text: str
    links: tuple[str, ...] = ()  # each run of link text in the line, in order
    kind: str = "p"  # p, head, quote, code, item, row; "links" for an item of a link list


@dataclass(frozen=True)
class Body:
    units: list[Unit]
    removed: list[str]

    @property
    def text(self) -> str:
        return "\n\n".join(u.text for u in self.units)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _fragments(node: Any, in_link: bool, out: list[tuple[str, bool]]) -> None:
    """(text, inside a link) pieces of an inline node; "\n" for a line break."""
    link = in_link or node.tag == "ref"
    if node.text:
        out.append((node.text, link))
    for child in node:
        if child.tag == "lb":
            out.append(("\n", False))
        else:
            _fragments(child, link, out)
        if child.tail:
            # trafilatura drops the space between a link and the words after it
            gap = " " if child.tag == "ref" and child.tail[0].isalnum() else ""
            out.append((gap + child.tail, in_link))


def _lines(node: Any, kind: str) -> list[Unit]:
    pieces: list[tuple[str, bool]] = []
    _fragments(node, False, pieces)
    units: list[Unit] = []
    links: list[str] = []
    text, run = "", ""
    for piece, linked in [*pieces, ("\n", False)]:
        if piece != "\n":
            text += piece
            if linked or (run and not piece.strip()):
                run += piece
            elif piece.strip():  # plain text ends a run of link text
                links, run = links + [run], ""
            continue
        line = _squash(text)
        if line:
            found = tuple(x for x in (_squash(r) for r in [*links, run]) if x)
            units.append(Unit(line, found, kind))
        text, links, run = "", [], ""
    return _join_run_on(units)


def _join_run_on(units: list[Unit]) -> list[Unit]:
    """A `<br>` inside a sentence ("started at<br>noon") does not end the line."""
    out: list[Unit] = []
    for unit in units:
        if out and not terminal(out[-1].text) and unit.text[:1].islower():
            last = out.pop()
            unit = Unit(f"{last.text} {unit.text}", last.links + unit.links, unit.kind)
        out.append(unit)
    return out


def _row(row: Any) -> Unit | None:
    cells = [c for c in row if c.tag == "cell"]
    texts = [_squash("".join(c.itertext())) for c in cells]
    links = tuple(_squash("".join(r.itertext())) for c in cells for r in c.iter("ref"))
    texts = [t for t in texts if t]
    return Unit(CELL_SEPARATOR.join(texts), tuple(x for x in links if x), "row") if texts else None


def _walk(node: Any, kind: str, out: list[Unit]) -> None:
    if node.tag == "table":
        out.extend(u for u in (_row(r) for r in node.iter("row")) if u is not None)
        return
    if node.tag == "list":
        items: list[Unit] = []
        for item in node:
            _walk(item, "item", items)
        if _link_list(items):
            items = [Unit(u.text, u.links, "links") for u in items]
        out.extend(items)
        return
    own = kind if node.tag in ("body", "div", "item", "cell") else node.tag
    if not any(child.tag in _BLOCKS for child in node):
        out.extend(_lines(node, own))
        return
    if node.text and node.text.strip():
        out.append(Unit(_squash(node.text), (), own))
    for child in node:
        if child.tag in _BLOCKS:
            _walk(child, own, out)
        else:
            out.extend(_lines(child, own))
        if child.tail and child.tail.strip():
            out.append(Unit(_squash(child.tail), (), own))


def _title_link(unit: Unit, rest: str) -> bool:
    """`rest` is a title that is one link (three words or more, not a sentence), with at
    most a tag beside it ("… [VIDEO]")."""
    linked = [link for link in unit.links if link in rest]
    return (len(unit.links) == 1 and len(linked) == 1 and len(words(linked[0])) >= 3
            and len(linked[0]) >= LINK_SHARE * len(rest.strip()) and not terminal(rest))


def _pointer(unit: Unit) -> bool:
    """"Related: <a>Title</a>": a short label, then one link that is a title."""
    m = _LABEL.match(unit.text)
    return bool(m and len(words(m.group(1))) <= 3 and _title_link(unit, unit.text[m.end():]))


def _label(unit: Unit) -> bool:
    """"More:", "DON'T MISS", a heading: a few words without a link, not a sentence."""
    return (not unit.links and not terminal(unit.text)
            and len(words(unit.text)) <= (8 if unit.kind == "head" else 3))


def _link_list(items: list[Unit]) -> bool:
    return len(items) >= 2 and all(_title_link(u, u.text) for u in items)


def body_units(body: Any) -> Body:
    """The article's lines from trafilatura's body element, without what points elsewhere:
    link lists (a list, or two lines or more in a row, each a title that is one link),
    "Label: <link>" lines, and the short label just above either."""
    units: list[Unit] = []
    _walk(body, "p", units)
    out = [u.kind == "links" or _pointer(u) for u in units]
    titles = [u.kind != "row" and _title_link(u, u.text) for u in units]
    for i in range(len(units)):
        if titles[i] and ((i > 0 and titles[i - 1]) or (i + 1 < len(units) and titles[i + 1])):
            out[i] = True
    for i in range(len(units) - 1, 0, -1):
        if out[i] and _label(units[i - 1]):
            out[i - 1] = True
    return Body([u for u, gone in zip(units, out, strict=True) if not gone],
                [u.text for u, gone in zip(units, out, strict=True) if gone])
