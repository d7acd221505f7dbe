"""The window's settings in QSettings (an INI file in the user's config folder), read with a
type check per value: a corrupt or hand-mangled file gives the defaults, never a crash
(dangerzone's habit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from review_desk.audit.workflow import current_user

LANGUAGES = ("zh", "en")
RECENT_LIMIT = 10
SETTINGS_FILE = "desk.ini"


def settings_path() -> Path:
    """Looked up on every use (not cached by Qt): tests point the config folder elsewhere."""
    return Path(platformdirs.user_config_dir("review-desk")) / SETTINGS_FILE


@dataclass
class DeskSettings:
    """What the reviewer chose; ``user`` is the display name the record shows (four-eyes needs
    the approver to be someone else, so a shared machine switches it)."""

    user: str = field(default_factory=current_user)
    language: str = "zh"
    store_url: str = ""
    recent: list[str] = field(default_factory=list)
    geometry: QByteArray = field(default_factory=QByteArray)
    #: Set when the file, or a value in it, could not be read and defaults were used instead.
    recovered: bool = False

    def remember(self, path: Path) -> None:
        name = str(path)
        self.recent = [name, *(r for r in self.recent if r != name)][:RECENT_LIMIT]


def load_settings(path: Path | None = None) -> DeskSettings:
    qsettings = QSettings(str(path or settings_path()), QSettings.Format.IniFormat)
    settings = DeskSettings()
    if qsettings.status() != QSettings.Status.NoError:
        settings.recovered = True
        return settings
    read = _Reader(qsettings)
    settings.user = read.text("user") or settings.user
    language = read.text("language") or settings.language
    settings.language = language if language in LANGUAGES else read.reject(settings.language)
    settings.store_url = read.text("store_url")
    settings.recent = read.texts("recent")
    settings.geometry = read.bytes("geometry")
    settings.recovered = read.rejected
    return settings


def save_settings(settings: DeskSettings, path: Path | None = None) -> None:
    target = path or settings_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    qsettings = QSettings(str(target), QSettings.Format.IniFormat)
    if qsettings.status() != QSettings.Status.NoError:
        qsettings.clear()  # a corrupt file is replaced, not appended to
    qsettings.setValue("user", settings.user)
    qsettings.setValue("language", settings.language)
    qsettings.setValue("store_url", settings.store_url)
    qsettings.setValue("recent", list(settings.recent))
    qsettings.setValue("geometry", settings.geometry)
    qsettings.sync()


class _Reader:
    """Reads values with their expected type; remembers whether any stored value was thrown
    away, which the window reports once."""

    def __init__(self, qsettings: QSettings) -> None:
        self._q = qsettings
        self.rejected = False

    def reject(self, default: str) -> str:
        self.rejected = True
        return default

    def text(self, key: str) -> str:
        value = self._q.value(key)
        if isinstance(value, str):
            return value.strip()
        return self.reject("") if value is not None else ""

    def texts(self, key: str) -> list[str]:
        value = self._q.value(key)
        if value is None:
            return []
        # QSettings gives one string for a list of one.
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            self.rejected = True
            return []
        return [i for i in items if i][:RECENT_LIMIT]

    def bytes(self, key: str) -> QByteArray:
        value = self._q.value(key)
        if isinstance(value, QByteArray):
            return value
        if value is not None:
            self.rejected = True
        return QByteArray()
