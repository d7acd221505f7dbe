"""review_desk.paths: the env var, else the checkout's top-level folder, else the package data
(tests/test_wheel.py checks the last one in a real installed wheel)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from review_desk import paths

FOLDERS = [
    (paths.rules_dir, "rules", "REVIEW_DESK_RULES"),
    (paths.models_dir, "models", "REVIEW_DESK_MODELS"),
    (paths.resources_dir, "resources", None),
]
PACKAGE = Path(paths.__file__).resolve().parent


@pytest.fixture(autouse=True)
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for _, _, env_var in FOLDERS:
        if env_var:
            monkeypatch.delenv(env_var, raising=False)


@pytest.mark.parametrize(("find", "folder", "env_var"), FOLDERS)
def test_a_checkout_reads_its_top_level_folder(
    find: Callable[[], Path], folder: str, env_var: str | None
) -> None:
    assert find() == paths.repo_root() / folder
    assert find().is_dir()


@pytest.mark.parametrize(("find", "folder", "env_var"), [f for f in FOLDERS if f[2]])
def test_the_env_var_wins(
    find: Callable[[], Path],
    folder: str,
    env_var: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv(env_var, str(tmp_path))
    assert find() == tmp_path


@pytest.mark.parametrize(("find", "folder", "env_var"), FOLDERS)
def test_without_the_checkout_folder_the_package_data_are_read(
    find: Callable[[], Path],
    folder: str,
    env_var: str | None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(paths, "_REPO_ROOT", tmp_path)
    assert find() == PACKAGE / "_data" / folder


def test_the_checkout_is_the_folder_with_pyproject() -> None:
    assert (paths.repo_root() / "pyproject.toml").is_file()
