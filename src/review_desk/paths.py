"""Where the data folders (rules/, models/, resources/) are, looked up in this order:

1. an environment variable, where there is one: ``REVIEW_DESK_RULES``, ``REVIEW_DESK_MODELS``;
2. the folder at the top of the checkout, when running from one (``src/review_desk`` here, the
   folder beside ``src``): an editable install and the tests read and edit the repository's files;
3. the copy inside the installed package, ``review_desk/_data/<folder>``: ``setup.py`` copies the
   top-level folders there when it builds a wheel, so ``pip install .`` works from any directory.

:func:`repo_root` is the checkout for developer tools only (bench, corpora in ``../shared``); an
installed package has no checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE.parents[1]


def repo_root() -> Path:
    return _REPO_ROOT


def rules_dir() -> Path:
    return _data_dir("rules", "REVIEW_DESK_RULES")


def models_dir() -> Path:
    return _data_dir("models", "REVIEW_DESK_MODELS")


def resources_dir() -> Path:
    return _data_dir("resources")


def _data_dir(name: str, env_var: str | None = None) -> Path:
    override = os.environ.get(env_var) if env_var else None
    if override:
        return Path(override)
    checkout = _REPO_ROOT / name
    if _PACKAGE.parent.name == "src" and checkout.is_dir():
        return checkout
    # pip unpacks a wheel, so package data are plain files (spaCy loads a model from a folder).
    return _PACKAGE / "_data" / name
