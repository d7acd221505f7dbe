"""Scanned pages in the window: the page image with a box on each finding, coloured by its
decision; an unread page shown with its confirmation, which the approval waits for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from review_desk.core.document import Block, BlockKind, CharBox, Document, ScannedPage
from review_desk.core.findings import Action, Attribute, Finding, FindingType, Ground, Proposal
from review_desk.core.review import (
    Decision,
    EventKind,
    FindingDecision,
    ProposalRecord,
    RecordedFinding,
    Review,
    ReviewState,
)
from review_desk.gui.labels import DECISION_COLOURS
from review_desk.gui.loaded import LoadedDocument
from review_desk.gui.page_image import SHOWN_DPI
from review_desk.gui.scan_page_view import ScanPageView
from tests.gui.conftest import MakeDesk, ScriptedPrompts
from tests.ocr.pages import recipient_page, write_pdf

DPI = 200


def _boxes(left: float, top: float, count: int) -> tuple[CharBox, ...]:
    return tuple((left + 12 * i, top, left + 12 * (i + 1), top + 12) for i in range(count))


def _scan(tmp_path: Path, frames: int = 1) -> tuple[LoadedDocument, Review]:
    """A two-line page (points: the image is 5 × 2 inches at 200 dpi) with three findings; a
    second frame that OCR could not read."""
    path = tmp_path / "公示.tif"
    pages = [Image.new("L", (5 * DPI, 2 * DPI), 255) for _ in range(frames)]
    pages[0].save(path, dpi=(DPI, DPI), save_all=True, append_images=pages[1:])
    blocks = [
        Block("pg1:l0", BlockKind.PDF_LINE, "户主王秀兰电话", page=1, char_boxes=_boxes(36, 36, 7)),
        Block("pg1:l1", BlockKind.PDF_LINE, "家属张伟", page=1, char_boxes=_boxes(36, 72, 4)),
    ]
    found = [
        Finding(FindingType.PERSON, "pg1:l0", 2, 5, "王秀兰", 0.9, Action.REDACT, "names", ""),
        Finding(FindingType.PERSON, "pg1:l1", 2, 4, "张伟", 0.9, Action.REDACT, "names", ""),
        Finding(FindingType.PERSON, "pg1:l0", 0, 2, "户主", 0.5, Action.REVIEW, "names", ""),
    ]
    scanned = {1: ScannedPage(1, DPI, 360, 144, 0.93)}
    document = Document(str(path), "0" * 64, "tif", blocks, scanned_pages=scanned)
    loaded = LoadedDocument.of("d1", str(path), document, found, Proposal(Attribute.REDACTED))
    review = Review("d1", proposal=ProposalRecord(Attribute.REDACTED, unread_pages=(2,)))
    review.findings = [
        RecordedFinding(i, f.type, f.block, f.start, f.end, f.action, f"h{i}")
        for i, f in enumerate(found)
    ]
    return loaded, review


def _view(qtbot: QtBot, loaded: LoadedDocument, review: Review) -> ScanPageView:
    view = ScanPageView()
    qtbot.addWidget(view)
    view.resize(620, 420)
    view.show()
    view.show_document(loaded, review)
    qtbot.waitUntil(lambda: view.canvas.image is not None, timeout=10_000)
    return view


def test_the_page_image_has_a_box_on_each_finding(qtbot: QtBot, tmp_path: Path) -> None:
    loaded, review = _scan(tmp_path)
    view = _view(qtbot, loaded, review)
    assert view.pages == [1, 2] and view.page == 1
    assert [box.index for box in view.boxes] == [0, 1, 2]
    assert "3 处发现" in view.heading.text() and "93%" in view.heading.text()
    # 王秀兰: characters 2–5 of the first line, 12 points each from x = 36.
    scale = SHOWN_DPI / 72
    expected = (60 * scale, 36 * scale, 96 * scale, 48 * scale)
    assert view.boxes[0].rect == pytest.approx(expected)
    shown = view.canvas.shown(view.boxes[0].rect).center().toPoint()
    assert view.canvas.grab().toImage().pixelColor(shown).name() != "#ffffff"

    view.show_finding(review.findings[1])
    assert view.canvas.current == view.boxes[1].rect
    review.decisions[0] = FindingDecision(0, Decision.KEEP, "张三")
    view.refresh(review)
    assert view.canvas.boxes[0][1].name() == DECISION_COLOURS[Decision.KEEP]


def test_an_unread_page_asks_to_be_confirmed(qtbot: QtBot, tmp_path: Path) -> None:
    loaded, review = _scan(tmp_path, frames=2)
    view = _view(qtbot, loaded, review)
    assert view.page_to_confirm() is None and not view.confirm.isVisible()
    view.step_page(1)
    qtbot.waitUntil(lambda: view.canvas.image is not None, timeout=10_000)
    assert view.page == 2 and view.boxes == []
    assert view.confirm.isVisible() and view.page_to_confirm() == 2
    assert "第 2 页未能识别文字，须人工审查" in view.heading.text()
    asked: list[int] = []
    view.confirm_requested.connect(lambda: asked.append(view.page))
    view.confirm.click()
    assert asked == [2]
    review.confirmed_pages.add(2)
    view.refresh(review)
    assert not view.confirm.isVisible() and "已人工确认" in view.heading.text()


def test_an_unread_page_is_confirmed_by_hand_then_approved(
    make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path, ocr_overrides: Callable[..., None]
) -> None:
    ocr_overrides(enabled=False)
    page = recipient_page(2, dpi=100, size=(5.0, 2.0))
    path = write_pdf(page.image, tmp_path / "扫描件.pdf", 100)
    prompts = ScriptedPrompts()
    window = make_desk(prompts=prompts)
    window.show()
    window.scan_paths([path])
    pane, panel = window.pane, window.panel
    qtbot.waitUntil(lambda: pane.scan_view.canvas.image is not None, timeout=10_000)
    doc_id = pane.doc_id
    assert pane.scan_view.isVisible() and pane.scan_view.page_to_confirm() == 1
    assert "第 1 页未能识别文字，须人工审查" in panel.proposal.text()

    pane.accept_all()
    panel.decide_action.trigger()
    window.switch_user("李四")
    assert not panel.approve.isEnabled() and "第 1 页" in panel.approval_hint.text()
    assert not window.session.approve(doc_id, "")
    window.switch_user("张三")

    prompts.confirm_answer = False
    pane.scan_view.confirm.click()
    assert "第 1 页" in prompts.said[-1] and window.session.review(doc_id).confirmed_pages == set()
    prompts.confirm_answer = True
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_C)
    review = window.session.review(doc_id)
    assert review.confirmed_pages == {1} and review.unconfirmed_pages == []
    kinds = [stored.event.kind for stored in window.session.record(doc_id).events]
    assert kinds.count(EventKind.PAGE_CONFIRMED) == 1
    assert not pane.scan_view.confirm.isVisible()
    assert "第 1 页已人工确认" in panel.proposal.text()

    # The confirmation reopened the decided document: decided again, approved by another.
    assert review.state == ReviewState.IN_REVIEW
    panel.decide_action.trigger()
    window.switch_user("李四")
    assert panel.approve.isEnabled()
    panel.approve.click()
    assert window.session.review(doc_id).state == ReviewState.APPROVED


def test_a_photo_being_read_shows_a_busy_bar(make_desk: MakeDesk) -> None:
    window = make_desk()
    window._progress(0, 2, "公示栏.JPG")
    assert window.progress.maximum() == 0 and "正在识别扫描页" in window.progress.format()
    window._progress(1, 2, "名单.docx")
    assert window.progress.maximum() == 2 and window.progress.format() == "2/2 名单.docx"


def test_the_bar_follows_the_pages_read_by_ocr(make_desk: MakeDesk) -> None:
    window = make_desk()
    window.work.page_progress.emit("扫描件.pdf", 2, 5)
    assert window.progress.maximum() == 5 and window.progress.value() == 1
    assert window.progress.format() == "正在识别 扫描件.pdf：第 2/5 页"


def test_an_unread_page_withheld_whole_with_w_unblocks_the_approval(
    make_desk: MakeDesk, qtbot: QtBot, tmp_path: Path, ocr_overrides: Callable[..., None]
) -> None:
    ocr_overrides(enabled=False)
    page = recipient_page(2, dpi=100, size=(5.0, 2.0))
    path = write_pdf(page.image, tmp_path / "申请材料.pdf", 100)
    prompts = ScriptedPrompts()
    window = make_desk(prompts=prompts)
    window.show()
    window.scan_paths([path])
    pane, panel = window.pane, window.panel
    qtbot.waitUntil(lambda: pane.scan_view.canvas.image is not None, timeout=10_000)
    doc_id = pane.doc_id
    assert pane.scan_view.withhold.isVisible() and pane.scan_view.page_to_withhold() == 1
    pane.accept_all()
    assert list(Attribute)[panel.attributes.checkedId()] == Attribute.PROACTIVE

    prompts.confirm_answer = False
    pane.scan_view.withhold.click()
    assert (
        "本页不予公开" in prompts.said[-1] and window.session.review(doc_id).withheld_pages == set()
    )
    prompts.confirm_answer = True
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_W)
    review = window.session.review(doc_id)
    assert review.withheld_pages == {1} and review.unconfirmed_pages == []
    events = [stored.event for stored in window.session.record(doc_id).events]
    withheld = [e for e in events if e.kind == EventKind.PAGE_CONFIRMED]
    assert [e.payload.get("withhold") for e in withheld] == [True]
    view = pane.scan_view
    assert view.canvas.withheld and not view.withhold.isVisible() and not view.confirm.isVisible()
    assert "整页不公开" in view.heading.text() and "第 1 页整页不公开" in panel.proposal.text()
    # The form now proposes 删减后公开 on the privacy ground; 主动公开 is refused.
    assert list(Attribute)[panel.attributes.checkedId()] == Attribute.REDACTED
    assert Ground.PERSONAL_PRIVACY in panel.chosen_grounds()
    failures: list[str] = []
    window.session.failed.connect(failures.append)
    panel.attributes.button(list(Attribute).index(Attribute.PROACTIVE)).setChecked(True)
    panel.decide_action.trigger()
    assert window.session.review(doc_id).document_decision is None
    assert "删减后公开" in failures[-1] and "withheld_page_proactive" in failures[-1]
    panel.attributes.button(list(Attribute).index(Attribute.REDACTED)).setChecked(True)
    panel.decide_action.trigger()
    window.switch_user("李四")
    assert panel.approve.isEnabled()
    panel.approve.click()
    assert window.session.review(doc_id).state == ReviewState.APPROVED
