"""The one function every displayed string goes through (panes, palette, notifications,
headers, `print`): text from an article or a file name is data, so no terminal escape,
control character or bidi override in it ever reaches the screen."""

from __future__ import annotations

import re

# A whole escape sequence goes, not just its ESC byte: "ESC]0;title BEL" leaves nothing.
TERMINAL_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC ... BEL/ST (hyperlinks, titles)
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC strings
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI (colours, cursor moves)
    r"|\x1b[ -/]*[0-~]?"  # any other escape
)
# C0 and C1 controls, bidi marks, embeddings, overrides and isolates, lone surrogates (what a
# file name that is not UTF-8 decodes to)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")


def _one_line(match: re.Match[str]) -> str:
    ch = match.group()
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    return " " if ch.isspace() else ""


def _same_offsets(match: re.Match[str]) -> str:
    ch = match.group()
    return "\ufffd" if "\ud800" <= ch <= "\udfff" else ch if ch == "\n" else " "


def clean(text: str | None, *, lines: bool = False) -> str:
    """Literal, displayable text: no terminal escape, control character or bidi control,
    undecodable bytes (lone surrogates) shown as U+FFFD.

    By default one line: escape sequences removed whole, whitespace collapsed to single
    spaces. With `lines` (an article body styled by offsets) every character keeps its
    offset: newlines stay, any other unsafe character becomes a space (or U+FFFD)."""
    if not text:
        return ""
    if _UNSAFE.search(text):
        if lines:
            return _UNSAFE.sub(_same_offsets, text)
        text = _UNSAFE.sub(_one_line, TERMINAL_ESCAPES.sub("", text))
    return text if lines else " ".join(text.split())
