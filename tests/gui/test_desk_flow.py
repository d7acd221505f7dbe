"""End to end in the window: open → scan → navigate with keys → decide → approve as a second
person → export the log and the 审查单, and the store holds an intact chain."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from review_desk.audit.store import Store
from review_desk.core.findings import Action, FindingType
from review_desk.core.review import Decision, EventKind, ReviewState
from review_desk.gui import findings_model as fm
from review_desk.gui.main_window import MainWindow
from tests.gui.conftest import MakeDesk, ScriptedPrompts, wait_shown
from tests.gui.fakes import write_list
from tests.loaders.fixtures import resident_id


def _open(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    window.show()
    window.scan_paths([path])
    wait_shown(qtbot, window)


def _key(
    qtbot: QtBot,
    window: MainWindow,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(window.pane.table, key, modifier)


def _review(window: MainWindow) -> object:
    return window.session.review(window.pane.doc_id)


def test_scan_decide_approve_export(make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path) -> None:
    prompts = ScriptedPrompts()
    window = make_desk(prompts=prompts)
    _open(qtbot, window, write_list(tmp_path / "名单.txt"))
    doc_id = window.pane.doc_id
    review = window.session.review(doc_id)
    assert review.state == ReviewState.SCANNED
    assert window.pane.model.rowCount() == len(review.findings) == 9
    # The list masks every value; the document view shows the text in context.
    values = [window.pane.model.data(window.pane.model.index(r, fm.VALUE)) for r in range(9)]
    assert resident_id(1) not in values and "王*兰" in values
    assert resident_id(1) in window.pane.view.toPlainText()

    window.pane.table.setFocus()
    window.pane.select(0)
    _key(qtbot, window, Qt.Key.Key_J)
    assert window.pane.table.currentIndex().row() == 1
    _key(qtbot, window, Qt.Key.Key_K)
    assert window.pane.table.currentIndex().row() == 0
    _key(qtbot, window, Qt.Key.Key_Space)  # keep the first finding, move on
    review = window.session.review(doc_id)
    assert review.state == ReviewState.IN_REVIEW and review.reviewer == "张三"
    assert review.decisions[0].decision == Decision.KEEP
    assert window.pane.table.currentIndex().row() == 1
    _key(qtbot, window, Qt.Key.Key_R)
    assert window.session.review(doc_id).decisions[1].decision == Decision.REDACT

    # Undo is a new decision event restoring the one before; redo brings it back.
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    review = window.session.review(doc_id)
    assert review.decisions[1].decision == Decision.REDACT and review.decisions[1].reason == "撤销"
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.review(doc_id).decisions[0].decision == Decision.REDACT
    _key(
        qtbot,
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.session.review(doc_id).decisions[0].decision == Decision.KEEP

    # The official's name needs a person: U finds it, Space keeps it.
    _key(qtbot, window, Qt.Key.Key_U)
    current = window.pane.current()
    assert current is not None and current.proposed == Action.REVIEW
    _key(qtbot, window, Qt.Key.Key_Space)
    assert not window.session.review(doc_id).undecided

    window.panel.decide_action.trigger()
    review = window.session.review(doc_id)
    assert review.state == ReviewState.DECIDED
    assert review.document_decision is not None and review.document_decision.actor == "张三"

    # Four-eyes: the reviewer cannot approve; a second person can.
    window.panel.approve.click()
    assert "双人审核" in window.message.text()
    assert window.session.review(doc_id).state == ReviewState.DECIDED
    window.switch_user("李四")
    window.panel.note.setText("同意")
    window.panel.approve.click()
    review = window.session.review(doc_id)
    assert review.state == ReviewState.APPROVED and review.approver == "李四"
    assert "李四" in window.queue.data(window.queue.index(0, 4))

    sheet, log = tmp_path / "审查单.pdf", tmp_path / "记录.xlsx"
    window.exports.sheet(sheet)
    window.exports.log("xlsx", log)
    qtbot.waitUntil(
        lambda: sheet.exists() and log.exists() and "已导出" in window.message.text(),
        timeout=20_000,
    )
    qtbot.waitUntil(lambda: not window.work.busy, timeout=20_000)
    assert sheet.read_bytes().startswith(b"%PDF")

    # Who did what and when, in the window and in the store.
    actors = {
        window.history.data(window.history.index(r, 1)) for r in range(window.history.rowCount())
    }
    assert {"张三", "李四"} <= actors
    with Store.open(window.session.store.url) as store:
        assert store.verify().ok
        kinds = [e.event.kind for e in store.record(doc_id).events]
        assert kinds.count(EventKind.LOG_EXPORTED) == 1  # the 审查单 is the document's
        assert len(store.events_of([EventKind.LOG_EXPORTED])) == 2


def test_returned_document_comes_back_with_the_note(
    make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_desk()
    _open(qtbot, window, write_list(tmp_path / "名单.txt"))
    doc_id = window.pane.doc_id
    window.pane.accept_all()
    window.panel.decide_action.trigger()
    window.switch_user("李四")
    window.panel.note.setText("第3行的姓名应保留")
    window.panel.give_back.click()
    assert window.session.review(doc_id).state == ReviewState.RETURNED
    window.switch_user("张三")
    assert window.panel.returned.isVisibleTo(window.panel)
    assert "第3行的姓名应保留" in window.panel.returned.text()
    assert "李四 退回" in window.queue.data(window.queue.index(0, 4))
    window.pane.select(3)
    window.pane.decide(Decision.KEEP)  # the reviewer takes it up again
    assert window.session.review(doc_id).state == ReviewState.IN_REVIEW


def test_keys_do_not_fire_while_typing_a_reason(
    make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_desk()
    _open(qtbot, window, write_list(tmp_path / "名单.txt"))
    window.panel.reason.setFocus()
    qtbot.keyClicks(window.panel.reason, "r j ")
    assert window.panel.reason.toPlainText() == "r j "
    assert not window.session.review(window.pane.doc_id).decisions


def test_bulk_decisions_and_hand_added_finding(
    make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path
) -> None:
    prompts = ScriptedPrompts()
    window = make_desk(prompts=prompts)
    _open(qtbot, window, write_list(tmp_path / "名单.txt"))
    doc_id = window.pane.doc_id
    review = window.session.review(doc_id)
    ids = [f.index for f in review.findings if f.type == FindingType.CN_RESIDENT_ID]
    window.pane.select(ids[0])
    window.pane.keep_type()
    review = window.session.review(doc_id)
    assert all(review.decisions[i].decision == Decision.KEEP for i in ids)

    # 王秀兰 occurs twice: "redact every occurrence" finds both by the value's keyed hash.
    names = [
        f.index for f in review.findings if f.type == FindingType.PERSON and f.block in ("p1", "p3")
    ]
    window.pane.select(names[0])
    window.pane.redact_value()
    review = window.session.review(doc_id)
    same = [
        f.index for f in review.findings if f.value_hmac == review.findings[names[0]].value_hmac
    ]
    assert len(same) == 2 and all(review.decisions[i].decision == Decision.REDACT for i in same)

    # Select "2024年" in the title with the mouse's cursor and add it as a finding.
    view = window.pane.view
    cursor = view.textCursor()
    start = view.toPlainText().index("2024年")
    cursor.setPosition(start)
    cursor.setPosition(start + 5, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_span() == ("p0", 0, 5, "2024年")
    window.pane.add_selected(FindingType.HEALTH_INFO)
    review = window.session.review(doc_id)
    added = review.findings[-1]
    assert (added.type, added.block, added.start, added.end) == (
        FindingType.HEALTH_INFO,
        "p0",
        0,
        5,
    )
    assert review.decisions[added.index].decision == Decision.REDACT
    assert window.pane.model.rowCount() == len(review.findings)


def test_keep_every_occurrence_adds_to_the_roster(
    make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_desk()
    _open(qtbot, window, write_list(tmp_path / "名单.txt"))
    review = window.session.review(window.pane.doc_id)
    official = next(f for f in review.findings if f.proposed == Action.REVIEW)
    window.pane.select(official.index)
    window.pane.keep_value()
    from review_desk.office import load_office_lists

    assert [o.name for o in load_office_lists().officials] == ["赵明"]
    # The next scan keeps the name as an official's, with the roster as its reason.
    window.scan_paths([write_list(tmp_path / "另一份.txt", "会议由赵明主持。")])
    qtbot.waitUntil(lambda: window.queue.rowCount() == 2 and not window.work.busy, timeout=10_000)
    window.step_document(1)  # a scan never takes the open document away from the reviewer
    qtbot.waitUntil(lambda: "另一份" in window.panel.title.text(), timeout=10_000)
    assert window.pane.model.data(window.pane.model.index(0, fm.WHY)) == "本单位公职人员名册"
    assert window.pane.model.data(window.pane.model.index(0, fm.DECISION)) == "保留"


def test_preview_masks_and_never_shows_the_raw_value(
    make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_desk()
    _open(qtbot, window, write_list(tmp_path / "名单.txt"))
    window.pane.toggle_preview()
    text = window.pane.view.toPlainText()
    assert "预览" in text
    assert resident_id(1) not in text and "王秀兰" not in text
    assert "王*兰" in text
    window.pane.toggle_preview()
    assert resident_id(1) in window.pane.view.toPlainText()


def test_resume_rebuilds_the_queue_and_reopens_the_file(
    make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path
) -> None:
    first = make_desk()
    _open(qtbot, first, write_list(tmp_path / "名单.txt"))
    first.pane.select(2)
    first.pane.decide(Decision.KEEP)
    doc_id = first.pane.doc_id
    first.close()

    second = make_desk()
    second.show()
    qtbot.waitUntil(lambda: second.queue.rowCount() == 1, timeout=10_000)
    wait_shown(qtbot, second)
    assert second.pane.doc_id == doc_id
    assert resident_id(1) in second.pane.view.toPlainText()
    assert second.pane.model.data(second.pane.model.index(2, fm.DECISION)) == "保留"
    assert second.pane.model.data(second.pane.model.index(1, fm.WHY)) == "校验位正确"


def test_a_changed_file_is_not_shown_as_reviewed(
    make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path
) -> None:
    path = write_list(tmp_path / "名单.txt")
    first = make_desk()
    _open(qtbot, first, path)
    first.close()
    path.write_text("完全不同的内容", encoding="utf-8")
    second = make_desk()
    second.show()
    qtbot.waitUntil(lambda: "file_changed" in second.message.text(), timeout=10_000)
    qtbot.waitUntil(lambda: second.pane.model.rowCount() == 9, timeout=10_000)
    assert second.pane.model.data(second.pane.model.index(0, fm.VALUE)) == "—"


def test_unreadable_file_is_reported_not_fatal(
    make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_desk()
    bad = tmp_path / "坏.bad"
    bad.write_bytes(b"PK\x03\x04")
    window.scan_paths([bad, write_list(tmp_path / "好.txt")])
    qtbot.waitUntil(lambda: window.queue.rowCount() == 2 and not window.work.busy, timeout=10_000)
    rows = [window.queue.row_at(r) for r in range(2)]
    assert "corrupt_file" in rows[0].problem
    assert rows[1].summary is not None


def test_first_run_opens_the_demo_samples(make_desk: MakeDesk, qtbot: QtBot) -> None:
    from review_desk.gui.main_window import demo_samples

    samples = demo_samples()
    assert len(samples) >= 4
    window = make_desk(first_run=samples)
    window.show()
    qtbot.waitUntil(
        lambda: window.queue.rowCount() == len(samples) and not window.work.busy, timeout=30_000
    )
    assert all(window.queue.row_at(r).summary is not None for r in range(len(samples)))


def test_drop_files_and_folders(make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    folder = tmp_path / "收件"
    folder.mkdir()
    write_list(folder / "a.txt")
    write_list(folder / "b.txt", "低保对象张伟。")
    window = make_desk()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.queue.rowCount() == 2 and not window.work.busy, timeout=10_000)
    assert str(folder / "a.txt") in window.settings.recent


def test_the_shortcut_overlay_lists_every_key(make_desk: MakeDesk) -> None:
    window = make_desk()
    overlay = window.shortcut_overlay()
    text = overlay.findChildren(QLabel)[0].text()
    # Keys as Qt writes them in the language of the window (Space is 空格 in Chinese).
    for key in ("J", "K", "R", "空格", "Ctrl+Z", "Ctrl+Shift+Z / Ctrl+Y", "F1 / ?", "Esc"):
        assert f"<b>{key}</b>" in text, key
    assert "确认公开属性" in text
    overlay.close()


def test_redacted_copy_from_the_window(make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path) -> None:
    pytest.importorskip("review_desk.redact")
    window = make_desk()
    _open(qtbot, window, write_list(tmp_path / "名单.txt"))
    doc_id = window.pane.doc_id
    window.pane.accept_all()
    window.panel.decide_action.trigger()
    window.switch_user("李四")
    window.panel.approve.click()
    out = tmp_path / "公开"
    out.mkdir()
    window.exports.redacted_copy(out)
    qtbot.waitUntil(
        lambda: not window.work.busy and "已导出" in window.message.text(), timeout=30_000
    )
    copy = out / "名单（删减后）.txt"
    assert copy.exists()
    text = copy.read_text(encoding="utf-8")
    assert resident_id(1) not in text and "王秀兰" not in text
    review = window.session.review(doc_id)
    assert review.state == ReviewState.EXPORTED
    assert review.exports[0]["outputs"][0]["name"] == copy.name
