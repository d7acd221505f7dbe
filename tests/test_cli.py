"""`review-desk scan`: the report contract, exit codes, folders, failures and the progress bar.

The detector is a fake (one regex) so these tests never load the NER model; the real detector
runs in tests/test_scan.py and the dev-set scorer.
"""

from __future__ import annotations

import io
import json
import re
import sys
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

from review_desk import cli, scan
from review_desk.core.document import Document
from review_desk.core.errors import RulesError
from review_desk.core.findings import Action, Finding, FindingType

REPORT_KEYS = ["path", "sha256", "blocks", "attribute", "findings", "notices", "errors"]
ATTRIBUTE_KEYS = ["proposed", "grounds", "basis", "reasons", "conflicts"]
ID_NUMBER = "110101199003074477"


P = TypeVar("P")


class RegexDetector:
    """Every 18-digit run is a resident ID to redact; a block saying BOOM makes it crash."""

    def detect_parts(
        self, document: Document, finish: Callable[[Sequence[Finding]], P], workers: int = 1
    ) -> list[P]:
        return [finish(self.detect(document))]

    def detect(self, document: Document) -> list[Finding]:
        found = []
        for block in document.blocks:
            if "BOOM" in block.text:
                raise RuntimeError("detector bug")
            for m in re.finditer(r"\d{17}[\dX]", block.text):
                found.append(
                    Finding(
                        FindingType.CN_RESIDENT_ID,
                        block.id,
                        m.start(),
                        m.end(),
                        m.group(),
                        1.0,
                        Action.REDACT,
                        "fake",
                        "test",
                    )
                )
        return found


@pytest.fixture(autouse=True)
def fake_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "default_detector", RegexDetector)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(f"救助对象张三，身份证号{ID_NUMBER}。\n", "utf-8")
    (tmp_path / "sub" / "b.txt").write_text("2023年政府信息公开工作年度报告。\n", "utf-8")
    (tmp_path / "sub" / "deeper" / "c.csv").write_text(
        f"姓名,身份证号\n李四,{ID_NUMBER}\n", "utf-8"
    )
    (tmp_path / "sub" / "drawing.svg").write_text("<svg/>", "utf-8")  # not a document
    (tmp_path / ".hidden.txt").write_text(ID_NUMBER, "utf-8")
    (tmp_path / "~$lock.txt").write_text(ID_NUMBER, "utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_jsonl_one_object_per_file_with_contract_keys(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, err = run(capsys, "scan", str(folder))
    reports = [json.loads(line) for line in lines]
    assert code == 0
    assert err == ""  # stderr is not a terminal under pytest: no progress bar
    assert [Path(r["path"]).name for r in reports] == ["a.txt", "b.txt", "c.csv"]
    for report in reports:
        assert list(report) == REPORT_KEYS
        assert list(report["attribute"]) == ATTRIBUTE_KEYS
        assert re.fullmatch(r"[0-9a-f]{64}", report["sha256"])
        assert report["blocks"] >= 1
        assert report["errors"] == []
    assert [r["attribute"]["proposed"] for r in reports] == ["redacted", "proactive", "redacted"]
    assert reports[0]["findings"][0]["type"] == "CN_RESIDENT_ID"
    assert reports[0]["findings"][0]["action"] == "redact"


@pytest.mark.parametrize(
    ("name", "content", "key", "has_sha"),
    [
        ("missing.txt", None, "file_vanished", False),
        ("empty.txt", "", "empty_file", True),
        ("crash.txt", "BOOM", "internal_error", True),
    ],
)
def test_failed_file_yields_error_object_and_exit_1(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | None,
    key: str,
    has_sha: bool,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("正文。", "utf-8")
    bad = tmp_path / name
    if content is not None:
        bad.write_text(content, "utf-8")
    code, lines, _ = run(capsys, "scan", str(bad), str(good))
    failed, ok = (json.loads(line) for line in lines)
    assert code == 1
    assert list(failed) == REPORT_KEYS
    assert failed["attribute"] is None
    assert failed["findings"] == [] and failed["blocks"] == 0
    assert (failed["sha256"] is not None) is has_sha
    [error] = failed["errors"]
    assert list(error) == ["key", "message"]
    assert error["key"] == key
    assert name in error["message"] and f"[{key}]" in error["message"]
    assert ok["errors"] == []


@pytest.mark.parametrize(
    "args",
    [
        ["scan"],
        ["scan", "x.txt", "--workers", "0"],
        ["scan", "x.txt", "--workers", "two"],
        ["scan", "x.txt", "--format", "xml"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, lines, err = run(capsys, *args)
    assert code == 2
    assert lines == []
    assert "usage" in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "scan", "--help")[0] == 0


def test_table_is_a_chinese_summary(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(capsys, "scan", str(folder / "a.txt"), "--format", "table")
    assert code == 0
    assert lines[1:] == [
        "  建议属性：删减后公开（PERSONAL_PRIVACY）",
        "  原因：1 处公民身份号码",
        "  发现：删除/遮盖 1",
        "共 1 个文件，0 个失败",
    ]


def test_table_shows_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(capsys, "scan", str(tmp_path / "gone.txt"), "--format", "table")
    assert code == 1
    assert lines[1].startswith("  失败：gone.txt：")
    assert lines[-1] == "共 1 个文件，1 个失败"


def test_two_workers_give_the_same_report(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, serial, _ = run(capsys, "scan", str(folder))
    code, parallel, _ = run(capsys, "scan", str(folder), "--workers", "2")
    assert code == 0
    assert parallel == serial


def test_progress_bar_only_on_a_terminal(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = io.StringIO()
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    monkeypatch.setattr(sys, "stderr", terminal)
    code, lines, _ = run(capsys, "scan", str(folder))
    assert code == 0
    assert "0/3" in terminal.getvalue() and "3/3 c.csv" in terminal.getvalue()
    assert all(line.startswith("{") for line in lines)


def test_no_arguments_starts_the_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("review_desk.gui.app")
    fake.main = lambda: 7  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "review_desk.gui.app", fake)
    assert cli.main([]) == 7


@pytest.mark.parametrize("ids", [0, 1, 4096, 4097, 9000])
def test_streamed_json_is_the_report_object(tmp_path: Path, ids: int) -> None:
    path = tmp_path / "many.txt"
    path.write_text(f"{ID_NUMBER}\n" * ids or "正文", "utf-8")
    result = scan.scan_file(path, RegexDetector())
    assert len(result.findings) == ids
    assert json.loads(b"".join(result.json_pieces())) == result.to_json()


@pytest.mark.parametrize(
    ("text", "explanation", "score"),
    [
        ("王秀英", "person column", 0.9),
        ('a"b\\c', "tab\there; new\nline", 1.0),
        ("\x00\x1f\u2028\u2029", "\ud83d\ude00 😀", 0.123456789),
        ("", "", 1),
    ],
)
def test_streamed_findings_are_written_as_json_dumps_writes_them(
    text: str, explanation: str, score: float
) -> None:
    finding = Finding(
        FindingType.PERSON, "s0:r1:c1", 0, 3, text, score, Action.KEEP, "names", explanation
    )
    result = scan.ScanResult("a.xlsx", "0", 1, None, (finding, finding))
    # A lone surrogate is written as "?": the report is always valid UTF-8.
    expected = json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8", "replace")
    assert b"".join(result.json_pieces()) == expected


def test_failed_file_streams_the_same_object(tmp_path: Path) -> None:
    result = scan.scan_file(tmp_path / "missing.txt", RegexDetector())
    assert json.loads(b"".join(result.json_pieces())) == result.to_json()


def test_broken_rules_stop_the_batch_before_scanning(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RulesError("第 3 行，键 rows.0.attribute：…", "policy.yaml")

    monkeypatch.setattr(scan, "default_policy", broken)
    code, lines, err = run(capsys, "scan", str(folder))
    assert (code, lines) == (1, [])
    assert "policy.yaml" in err and "rows.0.attribute" in err


def test_a_worker_that_cannot_start_fails_the_batch(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_detector() -> None:
        raise RuntimeError("model missing")

    monkeypatch.setattr(scan, "default_detector", no_detector)
    code, _, err = run(capsys, "scan", str(folder), "--workers", "2")
    assert code == 1
    assert "[worker_failed]" in err
