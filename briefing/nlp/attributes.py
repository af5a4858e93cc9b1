"""spaCy's `attribute_ruler` (POS and morphology from the tagger's tags, and its exceptions
for particular words), with its matches found by looking each token up.

spaCy's Matcher tries every one of the ruler's patterns (179 in the English models) at every
token: about a sixth of the whole pipeline's time. The ruler's patterns test a few token
attributes for a value or a set of values (a tag; a tag and a lower-case word; ...), so the
patterns that can match at a token are found in one dictionary per combination of those
attributes, and only their other tests (not in a set, a regular expression, the next
tokens) are run. The matches are the Matcher's, in its order, and are applied by spaCy's own
`set_annotations`. A ruler with any other kind of pattern (an operator, another attribute or
predicate) keeps the Matcher.

Imported when spaCy is loaded (`language._load`), never before.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

FACTORY = "briefing_attribute_ruler"

# the attributes a pattern may test, and whether their value is a string (stored as its hash)
_ATTRIBUTES = {"ORTH": (ORTH, True), "TEXT": (ORTH, True), "LOWER": (LOWER, True),
               "TAG": (TAG, True), "DEP": (DEP, True), "IS_SPACE": (IS_SPACE, False)}
_COLUMNS = (ORTH, LOWER, TAG, DEP, IS_SPACE)

Row = list[int]  # a token's values in _COLUMNS
Check = Callable[[Row], bool]
Match = tuple[int, int, int, int]  # as AttributeRuler.match: (key, key's hash, start, end)


class _Step:
    """The tests of one token of a pattern: values looked up (`exact`: column -> the values
    it may have) and other checks."""

    def __init__(self) -> None:
        self.exact: dict[int, list[int]] = {}
        self.checks: list[Check] = []

    def holds(self, row: Row) -> bool:
        return all(row[c] in values for c, values in self.exact.items()) and all(
            check(row) for check in self.checks)


def _code(vocab: Vocab, textual: bool, value: Any) -> int | None:
    if textual and isinstance(value, str):
        return int(vocab.strings[value])
    if not textual and isinstance(value, bool):
        return int(value)
    return None


def _not_in(column: int, excluded: frozenset[int | None]) -> Check:
    return lambda row: row[column] not in excluded


def _searched(column: int, regex: re.Pattern[str], vocab: Vocab) -> Check:
    """The Matcher's REGEX: a search in the attribute's string."""
    strings = vocab.strings
    return lambda row: bool(regex.search(strings[row[column]]))


def _step(vocab: Vocab, token: Any) -> _Step | None:
    """The tests of one token of a pattern, or None if it tests anything other than
    attributes above for a value, IN or NOT_IN a set of them, or a REGEX (on a string)."""
    if not isinstance(token, dict) or not token:
        return None
    step = _Step()
    for name, value in token.items():
        attribute = _ATTRIBUTES.get(str(name).upper())
        if attribute is None:
            return None
        column, textual = _COLUMNS.index(attribute[0]), attribute[1]
        if not isinstance(value, dict):
            code = _code(vocab, textual, value)
            if code is None:
                return None
            step.exact[column] = [code]
            continue
        if len(value) != 1:
            return None
        (predicate, argument), = value.items()
        if predicate in ("IN", "NOT_IN") and isinstance(argument, list):
            codes = [_code(vocab, textual, v) for v in argument]
            if None in codes:
                return None
            if predicate == "IN":
                step.exact[column] = list(dict.fromkeys(c for c in codes if c is not None))
            else:
                step.checks.append(_not_in(column, frozenset(codes)))
        elif predicate == "REGEX" and textual and isinstance(argument, str):
            step.checks.append(_searched(column, re.compile(argument), vocab))
        else:
            return None
    return step


Table = dict[tuple[int, ...], list[tuple[int, _Step, tuple[_Step, ...]]]]


class IndexedAttributeRuler(AttributeRuler):
    """An AttributeRuler whose matches come from a lookup per token (see the module)."""

    def __init__(self, vocab: Vocab, name: str, patterns: Iterable[dict[str, Any]]) -> None:
        super().__init__(vocab, name)
        self.add_patterns(patterns)
        self._keys = [int(vocab.strings[str(key)]) for key in range(len(self.attrs))]
        self._index = self._indexed(vocab)

    def _indexed(self, vocab: Vocab) -> list[tuple[tuple[int, ...], Table]] | None:
        """Per combination of columns a pattern's first token looks up: the patterns by
        those columns' values; None when a pattern is not of the kind handled here."""
        tables: dict[tuple[int, ...], Table] = {}
        for key, entry in enumerate(self.patterns):
            alternatives: Any = entry["patterns"]
            for pattern in alternatives:
                steps = [_step(vocab, token) for token in pattern]
                if not steps or any(step is None for step in steps):
                    return None
                first, *rest = (step for step in steps if step is not None)
                columns = tuple(sorted(first.exact))
                table = tables.setdefault(columns, {})
                for values in itertools.product(*(first.exact[c] for c in columns)):
                    table.setdefault(values, []).append((key, first, tuple(rest)))
        return list(tables.items())

    def match(self, doc: Doc) -> list[Match]:
        if self._index is None:
            return super().match(doc)
        array = doc.to_array(list(_COLUMNS))
        rows: list[Row] = array.tolist()
        by_column: list[list[int]] = array.T.tolist()
        found: set[Match] = set()
        for columns, table in self._index:
            values = (zip(*(by_column[c] for c in columns), strict=True) if columns
                      else [()] * len(rows))
            for start, value in enumerate(values):
                for key, first, rest in table.get(value, ()):
                    end = start + 1 + len(rest)
                    row = rows[start]
                    if end <= len(rows) and all(check(row) for check in first.checks) and all(
                            step.holds(rows[start + 1 + k]) for k, step in enumerate(rest)):
                        found.add((key, self._keys[key], start, end))
        return sorted(found)


def register() -> None:
    if FACTORY not in Language.factories:
        Language.factory(FACTORY, default_config={"patterns": []})(
            lambda nlp, name, patterns: IndexedAttributeRuler(nlp.vocab, name, patterns))


def index_attribute_ruler(nlp: Language) -> None:
    """Put the indexed ruler in the place of the pipeline's `attribute_ruler`, if it has one."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler) or isinstance(ruler, IndexedAttributeRuler):
        return
    register()
    nlp.replace_pipe("attribute_ruler", FACTORY, config={"patterns": ruler.patterns})
