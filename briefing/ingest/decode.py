"""Bytes -> safe text: encoding detection, binary sniffing, escape and control removal."""

from __future__ import annotations

import codecs
import re
import unicodedata

from briefing.safe_text import TERMINAL_ESCAPES

_INVISIBLE_KEEP = {"\u200c", "\u200d"}  # joiners shape scripts; every other format char goes
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


class BinaryFile(Exception):
    """The bytes are not text."""


def decode(data: bytes) -> str:
    """Decode file bytes; raise BinaryFile when they do not look like text."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise BinaryFile("undecodable UTF-16/32 text") from None
    if b"\x00" in data:
        raise BinaryFile("binary file (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _mixed(data) or _legacy(data)
    if _mostly_binary(text):
        raise BinaryFile("binary file (mostly non-text)")
    return text


def _cp1252_bytes(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start:err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error("briefing-cp1252", _cp1252_bytes)


def _mixed(data: bytes) -> str | None:
    """Mostly UTF-8 with a few stray legacy bytes (pasted copy): those bytes read as cp1252."""
    loose = data.decode("utf-8", errors="replace")
    multibyte = sum(1 for ch in loose if ord(ch) > 0x7F and ch != "\ufffd")
    if multibyte <= loose.count("\ufffd"):
        return None
    return data.decode("utf-8", errors="briefing-cp1252")


def _legacy(data: bytes) -> str:
    if re.search(rb"[\x80-\x9f]", data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BinaryFile("binary file (no text encoding fits)")
    return str(best)


# characters that are never counted as binary by _mostly_binary (printable ASCII and the
# allowed controls): only the others are looked up
_NOT_BINARY = re.compile(r"[\n\r\t\f\x1b\x20-\x7e]+")


def _mostly_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:65536]
    bad = sum(1 for ch in _NOT_BINARY.sub("", sample)
              if unicodedata.category(ch) in ("Cc", "Co", "Cn") or ch == "\ufffd")
    return bad / len(sample) > 0.1


_SUSPECT = re.compile(r"[^\t\n\x20-\x7e]+")


def _filter(run: re.Match[str]) -> str:
    out = []
    for ch in run.group():
        cat = unicodedata.category(ch)
        if ch in _INVISIBLE_KEEP or cat[0] != "C" and ch != "\ufffd":
            out.append(" " if cat == "Zs" else ch)
    return "".join(out)


def sanitize(text: str) -> str:
    """Strip terminal escapes and control/format characters; unify newlines; NFC."""
    text = TERMINAL_ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\f", "\n")
    return unicodedata.normalize("NFC", _SUSPECT.sub(_filter, text))
