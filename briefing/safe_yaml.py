"""YAML for config.yaml and Markdown front matter: safe_load without what makes a small
file expensive or ambiguous. Aliases are refused (a few hundred bytes of nested aliases
expand to gigabytes), so is nesting deeper than MAX_DEPTH (Python's recursion limit would
end it with a traceback) and a key given twice in one mapping (the last one would win
silently). Every refusal is a yaml.YAMLError whose message never repeats a whole value."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

MAX_DEPTH = 50


def short(value: Any, limit: int = 60) -> str:
    """repr(value), cut to about `limit` characters: what an error line may quote."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise ComposerError(None, None, "aliases (*name) are not allowed",
                                self.peek_event().start_mark)
        if self._depth >= MAX_DEPTH:
            raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    repeated = key in seen
                    seen.add(key)
                except TypeError:  # an unhashable key: SafeLoader refuses it below
                    continue
                if repeated:
                    raise ConstructorError(None, None, f"duplicate key {short(key)}",
                                           key_node.start_mark)
        return super().construct_mapping(node, deep)


def load(text: str) -> Any:
    """The document in `text`, as yaml.safe_load gives it, or a yaml.YAMLError."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
