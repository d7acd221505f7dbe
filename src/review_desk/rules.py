"""Loading `rules/*.yaml`: validated at load, with errors that name the file, the key and the line.

An office edits these files by hand; a typo must give a message a reviewer can act on, not a
stack trace or a silently ignored rule.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TypeVar, cast

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from review_desk.core.errors import RulesError
from review_desk.paths import rules_dir

ModelT = TypeVar("ModelT", bound=BaseModel)
#: libyaml's parser where PyYAML was built with it: the rules of one detector take ~0.3 s to
#: parse in pure Python, which every scan pays before its first file.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_rules(name: str, model: type[ModelT], folder: Path | None = None) -> ModelT:
    """Read ``<folder>/<name>.yaml`` and validate it against ``model``."""
    path = (folder or rules_dir()) / f"{name}.yaml"
    return cast(ModelT, _load_cached(path, model))


@lru_cache(maxsize=64)
def _load_cached(path: Path, model: type[ModelT]) -> ModelT:
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError(f"无法打开：{exc.strerror}", path) from exc
    try:
        data = yaml.load(source, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise RulesError(f"YAML 语法错误 {where}：{getattr(exc, 'problem', exc)}", path) from exc
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        first = _most_telling(exc)
        key = ".".join(str(part) for part in first["loc"])
        # Composed only now, for the line: the source parsed once above, so it composes.
        line = line_of(yaml.compose(source, Loader=_LOADER), first["loc"])
        where = f"第 {line} 行，" if line else ""
        raise RulesError(f"{where}键 {key}：{first['msg']}", path) from exc


def _most_telling(exc: ValidationError) -> ErrorDetails:
    """The error to report: a misspelt key is both an unknown key and a missing one, and the
    unknown one is where the office's edit is."""
    errors = exc.errors()
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """1-based line of the deepest key or item on the path ``loc`` that exists (the key's own
    line, so that an unknown key is found where it is written)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        node, line = child[0], child[1].start_mark.line + 1
    return line


def _child(node: yaml.Node, part: int | str) -> tuple[yaml.Node, yaml.Node] | None:
    """The value at ``part`` of a mapping or sequence, and the node that names it (the key, or
    the item itself)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(part):
                return cast(yaml.Node, value_node), cast(yaml.Node, key_node)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        item: yaml.Node = node.value[part]
        return item, item
    return None
