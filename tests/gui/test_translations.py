"""The English translation: the .ts holds every string of the window's code, every one is
translated, and the committed .qm is what pyside6-lrelease makes of the .ts.

After changing a UI string:
    .venv/bin/pyside6-lupdate src/review_desk/gui/*.py -ts resources/translations/review_desk_en.ts -no-obsolete -locations none
    (translate the new entries) then
    .venv/bin/pyside6-lrelease resources/translations/review_desk_en.ts -qm resources/translations/review_desk_en.qm
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from review_desk.gui.app import install_translations, translations_dir
from review_desk.paths import repo_root

TS = translations_dir() / "review_desk_en.ts"
QM = translations_dir() / "review_desk_en.qm"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_the_ts_holds_every_string_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (repo_root() / "src" / "review_desk" / "gui").glob("*.py"))
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources,
            "-ts",
            str(fresh),
            "-no-obsolete",
            "-locations",
            "none",
        ],
        check=True,
        capture_output=True,
    )
    assert set(_messages(fresh)) == set(_messages(TS)), "run pyside6-lupdate (see this module)"


def test_every_string_is_translated() -> None:
    unfinished = [
        source
        for (_, source), message in _messages(TS).items()
        if message.find("translation") is None
        or message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
        or not (message.findtext("translation") or "").strip()
    ]
    assert not unfinished


def test_the_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(built), "-silent"],
        check=True,
        capture_output=True,
    )
    assert built.read_bytes() == QM.read_bytes(), "run pyside6-lrelease (see this module)"


def test_english_window(qapp: QApplication) -> None:
    from PySide6.QtCore import QCoreApplication

    install_translations(qapp, "en")
    try:
        assert QCoreApplication.translate("MainWindow", "文件(&F)") == "&File"
        assert QCoreApplication.translate("Labels", "删减后公开") == "Redacted"
    finally:
        install_translations(qapp, "zh")
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "文件(&F)"
    # Qt's own buttons (确定/取消) speak Chinese too.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
