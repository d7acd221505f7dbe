"""The modules of ``review_desk.detect`` import each other without a cycle (issue 10, item 7).

A cycle hides at first: it works while the import order happens to suit it and breaks when a new
caller imports the other module first. Every import counts here, the ones inside functions and
under ``TYPE_CHECKING`` too, since they couple the modules all the same.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import review_desk.detect

PACKAGE = "review_desk.detect"
ROOT = Path(review_desk.detect.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def _imported(tree: ast.Module, modules: set[str]) -> set[str]:
    """The modules of the package that the tree imports anywhere: ``from a import b`` counts
    as ``a.b`` when that is a module, else as ``a``."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None and not node.level:
            named = {f"{node.module}.{alias.name}" for alias in node.names}
            found.update(named & modules or {node.module})
    return found & modules


def import_graph() -> dict[str, set[str]]:
    sources = {_module_name(path): path for path in ROOT.rglob("*.py")}
    modules = set(sources)
    return {
        name: _imported(ast.parse(path.read_text(encoding="utf-8")), modules) - {name}
        for name, path in sources.items()
    }


def test_the_graph_sees_the_package() -> None:
    graph = import_graph()
    assert f"{PACKAGE}.engine" in graph
    assert f"{PACKAGE}.plan" in graph[f"{PACKAGE}.engine"]


def test_relative_imports_are_not_used() -> None:
    """The graph reads absolute imports only; a relative one would slip past it."""
    relative = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if any(
            isinstance(node, ast.ImportFrom) and node.level
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert relative == []


def test_detect_has_no_import_cycle() -> None:
    try:
        tuple(TopologicalSorter(import_graph()).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle in {PACKAGE}: {' -> '.join(error.args[1])}")
