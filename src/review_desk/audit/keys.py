"""The keyed hash that lets the store de-duplicate values without holding them (POLICY.md §9).

The key lives outside the store: ``REVIEW_DESK_HMAC_KEY`` (a team shares one), else a 0600 file
in the user's config folder, made on first use. Without the key a store's hashes cannot be
brute-forced back into ID numbers, whose space is small enough to enumerate.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import unicodedata
from functools import lru_cache
from pathlib import Path

import platformdirs

from review_desk.audit.errors import KeyFileError

KEY_ENV = "REVIEW_DESK_HMAC_KEY"
_KEY_FILE = "hmac.key"


def key_path() -> Path:
    return Path(platformdirs.user_config_dir("review-desk")) / _KEY_FILE


def value_hmac(value: str) -> str:
    """HMAC-SHA256 of the value as a reader sees it (NFKC, no spaces), 32 hex digits."""
    canonical = "".join(unicodedata.normalize("NFKC", value).split())
    digest = hmac.new(_key(), canonical.encode("utf-8"), hashlib.sha256)
    return digest.hexdigest()[:32]


def reset_key_cache() -> None:
    """Forget the loaded key (tests point the config folder elsewhere)."""
    _key.cache_clear()


@lru_cache(maxsize=1)
def _key() -> bytes:
    from_env = os.environ.get(KEY_ENV)
    if from_env:
        return from_env.encode("utf-8")
    path = key_path()
    try:
        return path.read_bytes() if path.exists() else _create(path)
    except OSError as exc:
        raise KeyFileError(exc.strerror or str(exc), path) from exc


def _create(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode("ascii")
    # O_EXCL: two first runs at once must not each write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key
