"""The scan pipeline with the real loaders and detector, and the five real reports."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from review_desk.core.errors import LoadError
from review_desk.core.findings import Action, Attribute, FindingType
from review_desk.scan import default_detector, scan_document, scan_file, scan_many
from tests.devset.score import samples_dir

# The real detector loads the shipped NER model.
pytestmark = pytest.mark.slow

SAMPLES = sorted(samples_dir().glob("*.txt"))
ID_NUMBER = "11010519491231002X"


@pytest.fixture
def recipient_list(tmp_path: Path) -> Path:
    path = tmp_path / "公示.txt"
    path.write_text(
        f"2024年最低生活保障对象公示\n低保对象王秀英，身份证号{ID_NUMBER}。\n", encoding="utf-8"
    )
    return path


def test_scan_file_gives_a_contract_report(recipient_list: Path) -> None:
    report = scan_file(recipient_list).to_json()
    assert report["errors"] == []
    assert report["blocks"] == 2
    attribute = report["attribute"]
    assert isinstance(attribute, dict)
    assert attribute["proposed"] == "redacted"
    assert "1 处公民身份号码" in attribute["reasons"]
    findings = report["findings"]
    assert isinstance(findings, list)
    ids = [f for f in findings if f["type"] == "CN_RESIDENT_ID"]
    assert [(f["text"], f["action"], f["block"]) for f in ids] == [(ID_NUMBER, "redact", "p1")]


def test_scan_document_is_what_the_gui_shows(recipient_list: Path) -> None:
    outcome = scan_document(recipient_list, default_detector())
    assert outcome.proposal.attribute is Attribute.REDACTED
    block = outcome.document.block("p1")
    [finding] = [f for f in outcome.findings if f.type is FindingType.CN_RESIDENT_ID]
    assert block.text[finding.start : finding.end] == ID_NUMBER


def test_one_file_with_two_workers_is_split_over_processes_with_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_desk.detect import plan

    rows = [f"{i}\t户主王秀英\t{ID_NUMBER}\t13812345678" for i in range(40)]
    path = tmp_path / "名单.txt"
    path.write_text("序号\t户主姓名\t身份证号\t联系电话\n" + "\n".join(rows), encoding="utf-8")
    monkeypatch.setattr(plan, "CHUNK_BLOCKS", 7)
    [one] = scan_many([path], workers=1)
    [two] = scan_many([path], workers=2)
    assert len(one.findings) == 120
    assert two.to_json() == one.to_json()


def test_a_dead_worker_of_a_split_file_is_a_worker_failed_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_desk.detect import parallel, plan

    path = tmp_path / "名单.txt"
    path.write_text("\n".join(f"低保对象王秀英{i}" for i in range(20)), encoding="utf-8")
    monkeypatch.setattr(plan, "CHUNK_BLOCKS", 5)
    monkeypatch.setattr(parallel, "_finished_task", _die)
    [result] = scan_many([path], workers=2)
    assert [e.key for e in result.errors] == ["worker_failed"]


def _die(task: int) -> list[object]:
    os._exit(1)


def test_scan_document_raises_for_the_gui(tmp_path: Path) -> None:
    with pytest.raises(LoadError):
        scan_document(tmp_path / "missing.docx")


@pytest.mark.parametrize("readable", [True, False])
def test_the_detector_built_while_a_file_loads_leaves_no_thread(
    tmp_path: Path, recipient_list: Path, readable: bool
) -> None:
    # No thread may outlive a scan: one with --workers forks, and must fork without threads.
    before = threading.active_count()
    if readable:
        assert scan_document(recipient_list).findings
    else:
        broken = tmp_path / "坏.docx"
        broken.write_bytes(b"not a zip")
        with pytest.raises(LoadError):
            scan_document(broken)
    assert threading.active_count() == before


@pytest.mark.parametrize("readable", [True, False])
def test_a_scan_that_forks_loads_the_model_beside_the_file_and_leaves_no_thread(
    tmp_path: Path, recipient_list: Path, readable: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_desk import scan
    from review_desk.ner import model

    loaded_on: list[str] = []
    monkeypatch.setattr(
        model, "default_model", lambda: loaded_on.append(threading.current_thread().name)
    )
    before = threading.active_count()
    path = recipient_list
    if not readable:
        path = tmp_path / "坏.docx"
        path.write_bytes(b"not a zip")
    try:
        scan._load_while_building(path, with_model=True)
    except LoadError:
        assert not readable
    assert loaded_on == ["review-desk-model"]
    assert threading.active_count() == before
    scan._load_while_building(recipient_list, with_model=False)
    assert loaded_on == ["review-desk-model"]


@pytest.mark.skipif(not SAMPLES, reason=f"no samples in {samples_dir()}")
@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_real_reports_are_proactive_with_no_name_redacted(sample: Path) -> None:
    outcome = scan_document(sample)
    redacted_names = [
        f.text
        for f in outcome.findings
        if f.type is FindingType.PERSON and f.action is Action.REDACT
    ]
    assert redacted_names == []
    assert outcome.proposal.attribute is Attribute.PROACTIVE, outcome.proposal.reasons


def _scanned_list(tmp_path: Path) -> tuple[Path, list[str]]:
    from tests.ocr.pages import Damage, damaged, recipient_page, write_pdf

    page = recipient_page(3, dpi=150, size=(8.0, 2.6))
    path = write_pdf(damaged(page.image, Damage(skew=1.0, jpeg=80)), tmp_path / "低保.pdf", 150)
    return path, [r.resident_id for r in page.recipients]


def test_a_scanned_list_is_reviewed_like_a_typed_one(tmp_path: Path) -> None:
    path, ids = _scanned_list(tmp_path)
    outcome = scan_document(path, default_detector())
    found = [f for f in outcome.findings if f.type is FindingType.CN_RESIDENT_ID]
    assert sorted(f.text for f in found) == sorted(ids)
    assert all(f.action is Action.REDACT and "table" in f.explanation for f in found)
    names = [f for f in outcome.findings if f.type is FindingType.PERSON]
    assert len(names) == 3 and all("person column" in f.explanation for f in names)
    assert outcome.proposal.attribute is Attribute.REDACTED
    assert outcome.proposal.conflicts == ()


def test_a_page_ocr_could_not_read_is_never_silently_public(
    tmp_path: Path, ocr_overrides: Callable[..., None]
) -> None:
    from review_desk.audit.workflow import proposal_record

    path, _ = _scanned_list(tmp_path)
    ocr_overrides(enabled=False)
    outcome = scan_document(path, default_detector())
    assert outcome.findings == []
    assert outcome.proposal.conflicts == ("第 1 页未能识别文字，须人工审查",)
    assert proposal_record(outcome.proposal, outcome.notices).unread_pages == (1,)
