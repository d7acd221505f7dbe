"""Where the project's data folders are: next to the source in a checkout, or set by env vars."""

from __future__ import annotations

import os
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


def repo_root() -> Path:
    return _REPO_ROOT


def rules_dir() -> Path:
    return Path(os.environ.get("REVIEW_DESK_RULES", _REPO_ROOT / "rules"))


def models_dir() -> Path:
    return Path(os.environ.get("REVIEW_DESK_MODELS", _REPO_ROOT / "models"))


def resources_dir() -> Path:
    return _REPO_ROOT / "resources"
