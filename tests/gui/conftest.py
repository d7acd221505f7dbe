"""The desk under test: a window over a store in the test's folder, the fake detector, a thread
runner, and scripted answers instead of modal dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from review_desk.audit.store import Store
from review_desk.core.findings import FindingType
from review_desk.gui.app import create_application
from review_desk.gui.background import wait_for_background
from review_desk.gui.jobs import JobRunner, ThreadRunner
from review_desk.gui.main_window import MainWindow
from review_desk.gui.prompts import Prompts
from review_desk.gui.session import DeskSession
from review_desk.gui.settings import DeskSettings
from review_desk.gui.tasks import OfficeScan, ScanFunction
from tests.gui.fakes import fake_scan


@dataclass
class ScriptedPrompts(Prompts):
    """Answers a test sets beforehand; what the window said is kept in ``said``."""

    confirm_answer: bool = True
    texts: list[str] = field(default_factory=list)
    kind: FindingType = FindingType.PERSON
    keep: tuple[int, int] = (1, 1)
    path: Path | None = None
    said: list[str] = field(default_factory=list)

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        self.said.append(text)
        return self.confirm_answer

    def inform(self, parent: QWidget, title: str, text: str) -> None:
        self.said.append(text)

    def warn(self, parent: QWidget, title: str, text: str) -> None:
        self.said.append(text)

    def text(self, parent: QWidget, title: str, label: str, value: str = "") -> str | None:
        return self.texts.pop(0) if self.texts else None

    def finding_type(self, parent: QWidget) -> FindingType | None:
        return self.kind

    def edit_mask(self, parent: QWidget, length: int) -> tuple[int, int] | None:
        return self.keep

    def save_file(self, parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
        return self.path

    def folder(self, parent: QWidget, title: str) -> Path | None:
        return self.path

    def open_files(self, parent: QWidget, title: str, filters: str) -> list[Path]:
        return [self.path] if self.path else []


MakeDesk = Callable[..., MainWindow]


@pytest.fixture
def desk_store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/audit.db"


@pytest.fixture
def make_desk(qtbot: QtBot, desk_store_url: str) -> Iterator[MakeDesk]:
    sessions: list[DeskSession] = []
    windows: list[MainWindow] = []

    def make(
        user: str = "张三",
        first_run: list[Path] | None = None,
        runner: JobRunner | None = None,
        scan: ScanFunction = fake_scan,
        prompts: Prompts | None = None,
    ) -> MainWindow:
        create_application([])
        session = DeskSession(Store.open(desk_store_url, four_eyes=True), user, True)
        settings = DeskSettings(user=user, store_url=desk_store_url)
        window = MainWindow(
            settings,
            session,
            OfficeScan(scan),
            runner or ThreadRunner(),
            prompts or ScriptedPrompts(),
            first_run or [],
        )
        qtbot.addWidget(window)
        sessions.append(session)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.work.runner.shutdown()
    wait_for_background()
    for session in sessions:
        session.close()


def wait_shown(qtbot: QtBot, window: MainWindow, count: int = 1) -> None:
    """Until the open document's findings are listed."""
    qtbot.waitUntil(lambda: window.pane.model.rowCount() >= count, timeout=10_000)
