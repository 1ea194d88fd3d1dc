"""Reading one YAML file for people who edit it by hand.

PyYAML alone silently keeps the last of two identical keys and forgets where each value
was written. Editors need both: a duplicated `short:` is a mistake, and an error message is
only useful with a line number. This reader rejects duplicate keys and records the line of
every key and list item, addressed by the same paths pydantic uses in its errors.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]

Loc = tuple[str | int, ...]


class YamlFileError(Exception):
    """The file cannot be read or is not valid YAML; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class YamlDocument:
    """The parsed data plus the line where each key or list item starts."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    source: tuple[str, ...] = ()  # the file's lines, to point at a word inside a long text

    def line(self, loc: Loc) -> int | None:
        """Line of the deepest part of `loc` that exists in the file (missing keys point at
        their parent)."""
        for end in range(len(loc), 0, -1):
            found = self.lines.get(tuple(loc[:end]))
            if found is not None:
                return found
        return None

    def line_of(self, needle: str, loc: Loc) -> int | None:
        """Line where `needle` is first written at or after the start of `loc` (the field's
        own line when it cannot be found, e.g. split by YAML folding)."""
        start = self.line(loc)
        if start is None:
            return None
        for number in range(start, len(self.source) + 1):
            if needle in self.source[number - 1]:
                return number
        return start


_BOOL_TAG = "tag:yaml.org,2002:bool"
_STR_TAG = "tag:yaml.org,2002:str"


# libyaml's parser when PyYAML was built with it (its wheels are): the knowledge base is read
# at every start, and the pure-Python parser took most of that time.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):  # type: ignore[misc, unused-ignore]
    """SafeLoader that refuses duplicate mapping keys instead of keeping the last one, and
    reads a key such as `on:` as the word it is (YAML 1.1 would make it the boolean True)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Hashable] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _BOOL_TAG:
                key_node.tag = _STR_TAG
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, Hashable):
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> YamlDocument:
    """Parse `path`; raise YamlFileError (with the line) instead of PyYAML's exceptions."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlFileError("not UTF-8 text: save the file as UTF-8") from exc
    except OSError as exc:
        raise YamlFileError(f"cannot read file: {exc.strerror}") from exc
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or str(exc)
        raise YamlFileError(f"invalid YAML: {problem}", line) from exc
    except yaml.YAMLError as exc:
        raise YamlFileError(f"invalid YAML: {exc}") from exc
    finally:
        loader.dispose()
    lines: dict[Loc, int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    return YamlDocument(data=data, lines=lines, source=tuple(text.splitlines()))


def _collect_lines(node: Any, loc: Loc, lines: dict[Loc, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if isinstance(key, str):
                child = (*loc, key)
                lines[child] = key_node.start_mark.line + 1
                _collect_lines(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*loc, index)
            lines[child] = item.start_mark.line + 1
            _collect_lines(item, child, lines)
