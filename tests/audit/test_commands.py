"""`review-desk review|approve|log …` end to end on generated files (the real detector)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from review_desk.cli import main

pytestmark = pytest.mark.slow

RECIPIENTS = (
    "城关镇2024年第三季度低保对象公示\n"
    "户主王秀兰，身份证号530102196503120020，联系电话13871012345。\n"
    "公示期间如有异议，请与镇民政办联系，电话：0871-63123456。\n"
)
REPORT = "县人民政府2024年政府信息公开工作年度报告\n本年度共主动公开政府信息1203条。\n"


def _files(folder: Path) -> list[Path]:
    folder.mkdir()
    (folder / "公示.txt").write_text(RECIPIENTS, encoding="utf-8")
    (folder / "年报.txt").write_text(REPORT, encoding="utf-8")
    return sorted(folder.iterdir())


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_review_approve_export_and_verify(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = f"sqlite:///{tmp_path}/store.db"
    files = _files(tmp_path / "in")
    code, out, _ = _run(
        capsys,
        "review",
        *map(str, files),
        "--accept-proposals",
        "--store",
        store,
        "--reviewer",
        "甲",
    )
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    by_name = {Path(line["path"]).name: line for line in lines}
    assert by_name["公示.txt"]["attribute"] == "redacted"
    assert by_name["年报.txt"]["attribute"] == "proactive"
    assert {line["state"] for line in lines} == {"decided"}

    code, out, _ = _run(capsys, "review", str(files[0]), "--accept-proposals", "--store", store)
    assert (code, json.loads(out)["note"]) == (0, "此前已审查，未重复记录")

    code, _, err = _run(capsys, "approve", str(files[0]), "--store", store, "--approver", "甲")
    assert (code, "self_approval" in err) == (1, True)
    for path in files:
        code, out, _ = _run(capsys, "approve", str(path), "--store", store, "--approver", "乙")
        assert code == 0 and "已审核通过" in out

    code, out, _ = _run(capsys, "log", "verify", "--store", store)
    assert code == 0 and "记录完整" in out
    head = out.split("链头 ")[1].strip()

    log = tmp_path / "log.csv"
    assert (
        _run(capsys, "log", "export", "--store", store, "--format", "csv", "--out", str(log))[0]
        == 0
    )
    rows = list(csv.reader(log.read_text(encoding="utf-8-sig").splitlines()))
    assert len([r for r in rows if any("公示.txt" in c for c in r)]) == 1
    assert "530102196503120020" not in log.read_text(encoding="utf-8-sig")
    assert any(head in cell for row in rows for cell in row)

    sheet = tmp_path / "sheet.pdf"
    code, _, _ = _run(
        capsys, "log", "sheet", by_name["公示.txt"]["doc"], "--store", store, "--out", str(sheet)
    )
    assert code == 0 and sheet.read_bytes().startswith(b"%PDF")
    stats = tmp_path / "stats.xlsx"
    assert _run(capsys, "log", "stats", "--store", store, "--out", str(stats))[0] == 0

    code, out, _ = _run(capsys, "log", "verify", "--store", store, "--head", head)
    assert code == 0, out


def test_a_bad_file_in_a_batch_review_gets_its_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = f"sqlite:///{tmp_path}/store.db"
    good, bad = tmp_path / "a.txt", tmp_path / "b.docx"
    good.write_text(REPORT, encoding="utf-8")
    bad.write_bytes(b"PK\x03\x04 not a zip")
    code, out, _ = _run(
        capsys, "review", str(bad), str(good), "--accept-proposals", "--store", store
    )
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [bool(line["errors"]) for line in lines] == [True, False]


def _unread_scan(tmp_path: Path, ocr_overrides: Callable[..., None]) -> Path:
    """An image-only PDF of one page, with OCR turned off: page 1 is unread."""
    from tests.ocr.pages import recipient_page, write_pdf

    ocr_overrides(enabled=False)
    return write_pdf(recipient_page(2, dpi=100, size=(5.0, 2.0)).image, tmp_path / "扫描.pdf", 100)


def test_an_unread_page_is_confirmed_by_hand_before_approval(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ocr_overrides: Callable[..., None]
) -> None:
    store = f"sqlite:///{tmp_path}/store.db"
    scan = str(_unread_scan(tmp_path, ocr_overrides))
    code, out, _ = _run(capsys, "review", scan, "--accept-proposals", "--store", store)
    line = json.loads(out)
    assert (code, line["state"], line["unconfirmed_pages"]) == (0, "decided", [1])
    code, _, err = _run(capsys, "approve", scan, "--store", store, "--approver", "乙")
    assert code == 1 and "unread_pages" in err

    code, out, _ = _run(capsys, "review", line["doc"], "--confirm-page", "2", "--store", store)
    refused = json.loads(out)
    assert (code, refused["unread_pages"]) == (1, [1])
    assert "第 2 页不是未能识别的页面" in refused["errors"][0]["message"]

    argv = ["review", scan, "--confirm-page", "1", "--note", "已对照原件核对", "--store", store]
    code, out, _ = _run(capsys, *argv, "--reviewer", "甲")
    confirmed = json.loads(out)
    assert (code, confirmed["confirmed_pages"], confirmed["unconfirmed_pages"]) == (0, [1], [])
    # Confirming reopened the decided document: its attribute is decided again, then approved.
    assert (
        confirmed["state"] == "in_review" and "review PATH --accept-proposals" in confirmed["note"]
    )
    code, out, _ = _run(capsys, "review", scan, "--accept-proposals", "--store", store)
    assert (code, json.loads(out)["state"]) == (0, "decided")
    code, out, _ = _run(capsys, "approve", scan, "--store", store, "--approver", "乙")
    assert code == 0 and "已审核通过" in out


def test_a_page_confirmed_with_the_batch_review_is_approvable_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ocr_overrides: Callable[..., None]
) -> None:
    store = f"sqlite:///{tmp_path}/store.db"
    scan = str(_unread_scan(tmp_path, ocr_overrides))
    argv = ["review", scan, "--accept-proposals", "--confirm-page", "1", "--store", store]
    code, out, _ = _run(capsys, *argv, "--reviewer", "甲")
    line = json.loads(out)
    assert (code, line["state"], line["unconfirmed_pages"]) == (0, "decided", [])
    assert _run(capsys, "approve", scan, "--store", store, "--approver", "乙")[0] == 0


def test_an_unread_page_withheld_makes_the_copy_redacted_with_a_blank_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ocr_overrides: Callable[..., None]
) -> None:
    from review_desk.redact.withheld import is_blank_page
    from tests.redact.fixtures import pdf_page_images

    store = f"sqlite:///{tmp_path}/store.db"
    scan = str(_unread_scan(tmp_path, ocr_overrides))
    code, out, _ = _run(capsys, "review", scan, "--accept-proposals", "--store", store)
    assert (code, json.loads(out)["attribute"]) == (0, "proactive")
    argv = ["review", scan, "--withhold-page", "1", "--note", "页上有身份证号", "--store", store]
    code, out, _ = _run(capsys, *argv, "--reviewer", "甲")
    line = json.loads(out)
    assert (code, line["withheld_pages"], line["unconfirmed_pages"]) == (0, [1], [])
    assert line["state"] == "in_review" and line["errors"] == []
    # The batch decision of a document with a withheld page is 删减后公开, on the privacy ground.
    code, out, _ = _run(capsys, "review", scan, "--accept-proposals", "--store", store)
    assert (code, json.loads(out)["attribute"]) == (0, "redacted")
    code, out, _ = _run(capsys, "approve", scan, "--store", store, "--approver", "乙")
    assert code == 0 and "删减后公开" in out
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, _ = _run(capsys, "redact", scan, "--out", str(out_dir), "--store", store)
    copy = json.loads(out)
    assert code == 0 and copy["errors"] == []
    (image,) = pdf_page_images(Path(copy["output"]), 1)
    assert is_blank_page(image)


def test_withholding_a_page_that_was_read_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ocr_overrides: Callable[..., None]
) -> None:
    store = f"sqlite:///{tmp_path}/store.db"
    scan = str(_unread_scan(tmp_path, ocr_overrides))
    _run(capsys, "review", scan, "--accept-proposals", "--store", store)
    code, out, _ = _run(capsys, "review", scan, "--withhold-page", "2", "--store", store)
    line = json.loads(out)
    assert (code, line["unread_pages"]) == (1, [1])
    assert "第 2 页不是未能识别的页面" in line["errors"][0]["message"]


@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (["review", "a.txt"], 2, "--confirm-page"),
        (["review", "a.txt", "b.txt", "--confirm-page", "1"], 2, "只能用于一份文件"),
        (["review", "a.txt", "--confirm-page", "0"], 2, ""),
        (["review", "nope", "--confirm-page", "1"], 1, "unknown_document"),
    ],
    ids=["neither", "two documents", "page 0", "unknown document"],
)
def test_confirm_page_errors(
    tmp_path: Path,
    argv: list[str],
    code: int,
    expected: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    got, out, err = _run(capsys, *argv, "--store", f"sqlite:///{tmp_path}/store.db")
    assert got == code and expected in out + err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["log", "verify", "--store", "postgresql://x@127.0.0.1:1/none"], "store_unreachable"),
        (["approve", "nope", "--approver", "乙"], "unknown_document"),
        (["log", "verify", "--head", "12:zz"], "链头格式"),
    ],
    ids=["unreachable", "unknown document", "bad head"],
)
def test_errors_are_clear_lines(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, *argv)
    assert code in (1, 2) and expected in err


def test_redact_exports_only_what_was_approved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = f"sqlite:///{tmp_path}/store.db"
    source = tmp_path / "公示.txt"
    source.write_text(RECIPIENTS, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    _run(capsys, "review", str(source), "--accept-proposals", "--store", store, "--reviewer", "甲")
    code, text, _ = _run(capsys, "redact", str(source), "--out", str(out), "--store", store)
    assert (code, json.loads(text)["errors"][0]["key"]) == (1, "not_approved")
    _run(capsys, "approve", str(source), "--store", store, "--approver", "乙")
    code, text, _ = _run(capsys, "redact", str(source), "--out", str(out), "--store", store)
    line = json.loads(text)
    copy = Path(line["output"]).read_text(encoding="utf-8")
    assert code == 0 and "530102196503120020" not in copy and "13871012345" not in copy
    code, text, _ = _run(capsys, "log", "verify", "--store", store, "--head", line["chain_head"])
    assert code == 0

    source.write_text(RECIPIENTS + "补充。\n", encoding="utf-8")
    code, text, _ = _run(capsys, "redact", str(source), "--out", str(out), "--store", store)
    assert (code, json.loads(text)["errors"][0]["key"]) == (1, "changed_since_review")


def test_batch_redact_is_marked_unapproved_and_can_be_forbidden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_desk.audit.store import Store
    from review_desk.core.review import EventKind
    from review_desk.paths import rules_dir

    store = f"sqlite:///{tmp_path}/store.db"
    source = tmp_path / "公示.txt"
    source.write_text(RECIPIENTS, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    argv = ("redact", str(source), "--out", str(out), "--store", store, "--accept-proposals")
    code, text, err = _run(capsys, *argv)
    assert code == 0 and json.loads(text)["approved"] is False and "批量模式" in err
    with Store.open(store) as opened:
        exported = opened.record(json.loads(text)["doc"]).last(EventKind.EXPORTED)
    assert exported is not None and exported.event.payload["unapproved_batch"] is True

    rules = tmp_path / "rules"
    rules.mkdir()
    for yaml_file in rules_dir().glob("*.yaml"):
        (rules / yaml_file.name).write_text(yaml_file.read_text(encoding="utf-8"), encoding="utf-8")
    policy = rules / "policy.yaml"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("batch_export: true", "batch_export: false"),
        encoding="utf-8",
    )
    monkeypatch.setenv("REVIEW_DESK_RULES", str(rules))
    code, text, _ = _run(capsys, *argv)
    assert (code, json.loads(text)["errors"][0]["key"]) == (1, "batch_export_forbidden")
