from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.errors import CorruptFileError
from review_desk.core.findings import Action, Attribute, Finding, FindingType, Ground, Proposal
from review_desk.gui.app import create_application
from review_desk.gui.main_window import MainWindow
from review_desk.scan import ScanOutcome

_TEXT = "低保对象张三，身份证号110105199001011234。"


def _fake_scan(path: Path) -> ScanOutcome:
    if path.suffix == ".bad":
        raise CorruptFileError("ZIP 结构损坏", path)
    document = Document(str(path), "0" * 64, "txt", [Block("p0", BlockKind.PARAGRAPH, _TEXT)])
    finding = Finding(
        FindingType.CN_RESIDENT_ID,
        "p0",
        11,
        29,
        _TEXT[11:29],
        1.0,
        Action.REDACT,
        "cn_resident_id",
        "校验位正确",
    )
    proposal = Proposal(
        Attribute.REDACTED,
        (Ground.PERSONAL_PRIVACY,),
        ("《政府信息公开条例》第十五条",),
        ("1 处公民身份号码",),
    )
    return ScanOutcome(document, [finding], proposal)


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    create_application([])
    main = MainWindow(_fake_scan)
    qtbot.addWidget(main)
    return main


def test_scanned_file_shows_proposal_and_findings(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    window.scan_paths([Path("名单.txt")])
    window.file_list.setCurrentRow(0)  # selected while still scanning: must refresh when done
    qtbot.waitUntil(lambda: window.findings_model.rowCount() == 1, timeout=5000)
    assert window.findings_model.rowCount() == 1
    assert "1 处公民身份号码" in window.proposal_label.text()
    assert "110105199001011234" in window.document_view.toPlainText()


def test_unreadable_file_is_reported_not_fatal(window: MainWindow, qtbot: QtBot) -> None:
    window.scan_paths([Path("坏.bad"), Path("好.txt")])
    qtbot.waitUntil(
        lambda: window.file_list.count() == 2 and "删减后公开" in window.file_list.item(1).text(),
        timeout=5000,
    )
    assert "无法读取" in window.file_list.item(0).text()
    assert "corrupt_file" in window.file_list.item(0).toolTip()


def test_chinese_glyphs_have_a_font() -> None:
    app = create_application([])
    assert isinstance(app, QApplication)
    assert QFontMetrics(app.font()).inFontUcs4(ord("审")), f"no CJK glyphs in {app.font().family()}"


def test_screenshot_renders(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.scan_paths([Path("名单.txt")])
    qtbot.waitUntil(lambda: "删减后公开" in window.file_list.item(0).text(), timeout=5000)
    window.file_list.setCurrentRow(0)
    window.show()
    shot = tmp_path / "main_window.png"
    assert window.grab().save(str(shot))
    assert shot.stat().st_size > 10_000
