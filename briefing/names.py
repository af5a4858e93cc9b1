"""How names and short texts are compared: one normalisation for every layer.

- `name_key`: case, accents, apostrophes, dots and dashes do not make a different name.
- `mission_key`: a mission name also matches with a Roman or an Arabic number ("Artemis III."
  = "Artemis 3").
- `text_key`: a line or a title compared as its words (case, quotes, punctuation and spacing
  ignored).

The functions are pure; the name keys are cached (functools.lru_cache) because the entity
merge asks for the same few thousand names many times.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Case, accents, apostrophes, dots and dashes do not make a different name."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[.’']", "", s.replace("‐", "-").replace("–", "-"))
    return re.sub(r"\s+", " ", s).strip()


@functools.lru_cache(maxsize=1 << 16)
def mission_key(name: str) -> str:
    """`name_key`, with a closing Roman number as an Arabic one: "Artemis II" = "Artemis 2"."""
    return re.sub(r"(?<=\s)(i{1,3}|iv|v|vi{1,3}|ix|x)$",
                  lambda m: str(_ROMAN.index(m.group(1)) + 1), name_key(name))


def text_key(text: str) -> str:
    """A line compared as its words: case, quotes, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", text.casefold()))
