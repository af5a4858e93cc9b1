"""The bytes of any text, for a digest: UTF-8, a lone surrogate (what a file name that is
not UTF-8 decodes to) included, so every str hashes and the same text hashes the same."""

from __future__ import annotations


def text_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")
