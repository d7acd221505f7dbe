"""Settings in QSettings: what is saved comes back; a corrupt file or a value of the wrong type
gives the defaults, never a crash (dangerzone's habit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from review_desk.gui.settings import (
    RECENT_LIMIT,
    DeskSettings,
    load_settings,
    save_settings,
    settings_path,
)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "desk.ini"
    settings = DeskSettings(user="李四", language="en", store_url="postgresql://reviewer@db/desk")
    for number in range(RECENT_LIMIT + 3):
        settings.remember(Path(f"/收件/{number}.docx"))
    settings.geometry = QByteArray(b"\x01\x02")
    save_settings(settings, path)
    loaded = load_settings(path)
    assert (loaded.user, loaded.language, loaded.store_url) == (
        "李四",
        "en",
        "postgresql://reviewer@db/desk",
    )
    assert (
        loaded.recent[0] == f"/收件/{RECENT_LIMIT + 2}.docx" and len(loaded.recent) == RECENT_LIMIT
    )
    assert loaded.geometry == QByteArray(b"\x01\x02")
    assert not loaded.recovered


def test_default_place_is_the_user_config_folder() -> None:
    save_settings(DeskSettings(user="王五"))
    assert settings_path().is_file()
    assert load_settings().user == "王五"


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff\xfe garbage \x01\x02",
        b"[General\nuser=\n=\n[[[",
        "[General]\nlanguage=français\n".encode(),
        b"[General]\nrecent=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x10)\n",
        b"[General]\ngeometry=not bytes\nrecent=@Invalid()\n",
    ],
    ids=["binary", "broken-ini", "unknown-language", "unknown-type", "wrong-types"],
)
def test_corrupt_settings_fall_back_to_defaults(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "desk.ini"
    path.write_bytes(content)
    settings = load_settings(path)
    defaults = DeskSettings()
    assert settings.language in ("zh", "en") and settings.language == defaults.language
    assert settings.user == defaults.user
    assert settings.recent == [] and settings.geometry.isEmpty()
    save_settings(settings, path)  # and the file is usable again
    assert load_settings(path).language == "zh"


def test_a_rejected_value_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "desk.ini"
    path.write_text("[General]\nlanguage=klingon\nuser=赵六\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.recovered and settings.user == "赵六" and settings.language == "zh"


def test_a_store_that_cannot_open_falls_back_to_the_local_one(tmp_path: Path) -> None:
    from review_desk.audit.store import default_url
    from review_desk.gui.app import open_session

    folder = tmp_path / "一个文件夹"
    folder.mkdir()
    session, problem = open_session(DeskSettings(user="张三", store_url=f"sqlite:///{folder}"))
    try:
        assert "store_not_database" in problem
        assert session.store.url == default_url() and session.user == "张三"
    finally:
        session.close()
