"""One bad file never starves the batch: each file in a worker with limits (issue 11)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from review_desk import cli, scan
from review_desk.core.document import Notice
from review_desk.core.findings import Attribute, Proposal
from tests.hostile import make
from tests.loaders import fixtures

ID = fixtures.resident_id(0)

pytestmark = pytest.mark.usefixtures("fake_detector")


def _own_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def _text(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    path.write_text(content, "utf-8")
    return path


def test_every_good_file_is_reported_whatever_the_bad_ones_do(
    tmp_path: Path, set_limits: Callable[..., None], capsys: pytest.CaptureFixture[str]
) -> None:
    # Workers are forked from this process, and share its pages: late in a whole-suite run it
    # holds the NER model and more, and a fork's share of that counts in its memory.
    # The time limit leaves the memory hog room to reach its limit on a loaded machine (a whole
    # CI run once saw it time out at 8 s).
    set_limits(worker={"seconds": 15, "seconds_per_mb": 0, "memory_mb": _own_mb() + 700})
    files = [
        _text(tmp_path, "good1.txt", f"身份证号 {ID}"),
        make.sparse_xlsx(tmp_path / "sparse.xlsx"),
        _text(tmp_path, "abort.txt", "ABORT"),
        _text(tmp_path, "good2.txt", f"身份证号 {ID}"),
        _text(tmp_path, "hang.txt", "HANG"),
        _text(tmp_path, "hog.txt", "HOG"),
        _text(tmp_path, "good3.txt", f"身份证号 {ID}"),
    ]
    started = time.monotonic()
    code = cli.main(["scan", *map(str, files), "--workers", "2"])
    reports = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert time.monotonic() - started < 60
    assert code == 1
    assert [Path(r["path"]).name for r in reports] == [p.name for p in files]
    keys = {Path(r["path"]).stem: [e["key"] for e in r["errors"]] for r in reports}
    assert keys == {
        "good1": [],
        "sparse": ["too_large"],
        "abort": ["worker_crashed"],
        "good2": [],
        "hang": ["timeout"],
        "hog": ["too_large"],
        "good3": [],
    }
    assert "SIGABRT" in reports[2]["errors"][0]["message"]
    for report in reports:
        assert report["sha256"] is not None
        if not report["errors"]:
            assert [f["text"] for f in report["findings"]] == [ID]


def test_one_worker_goes_on_after_a_crash(tmp_path: Path) -> None:
    files = [_text(tmp_path, "abort.txt", "ABORT"), _text(tmp_path, "good.txt", f"号 {ID}")]
    crashed, good = scan.scan_many(files, workers=1)
    assert [e.key for e in crashed.errors] == ["worker_crashed"]
    assert good.errors == () and len(good.findings) == 1


def test_a_worker_that_grew_too_much_is_replaced(
    tmp_path: Path, set_limits: Callable[..., None]
) -> None:
    set_limits(worker={"recycle_mb": 1})
    files = [_text(tmp_path, f"{i}.txt", f"{ID}\n" * 20_000) for i in range(3)]
    results = list(scan.scan_many(files, workers=1))
    assert [len(r.findings) for r in results] == [20_000] * 3


def test_notices_reach_the_report_and_put_a_conflict_on_the_proposal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make.image_only_pdf(2))
    code = cli.main(["scan", str(path)])
    [report] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert list(report)[-3:] == ["findings", "notices", "errors"]
    assert report["notices"] == [
        {"key": "needs_ocr", "message": report["notices"][0]["message"], "block": "pg1"},
        {"key": "needs_ocr", "message": report["notices"][1]["message"], "block": "pg2"},
    ]
    assert report["attribute"]["proposed"] == "proactive"
    assert report["attribute"]["conflicts"] == ["第 1、2 页未能识别文字，须人工审查"]


def test_the_table_lists_notices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make.image_only_pdf(1))
    cli.main(["scan", str(path), "--format", "table"])
    lines = capsys.readouterr().out.splitlines()
    assert "  冲突：第 1 页未能识别文字，须人工审查" in lines
    assert any(line.startswith("  注意：[pg1] 第 1 页没有文字层") for line in lines)


@pytest.mark.parametrize(
    ("notices", "conflicts"),
    [
        ([], ()),
        ([Notice("converted", "旧版 .doc 已转换")], ()),
        (
            [Notice("images", "2 张图片"), Notice("embedded_unread", "x", "emb0")],
            (
                "文件含有图片，其中的文字未经审查（1 处），须人工审查",
                "文件内嵌的对象未能读取（1 处），须人工审查",
            ),
        ),
        ([Notice("new_kind", "某处未读")], ("某处未读（1 处），须人工审查",)),
    ],
    ids=["none", "informational", "known", "unknown-key"],
)
def test_notice_conflicts(notices: list[Notice], conflicts: tuple[str, ...]) -> None:
    proposal = Proposal(Attribute.PROACTIVE, conflicts=("已有冲突",) if conflicts else ())
    changed = scan.with_notice_conflicts(proposal, notices)
    assert changed.conflicts == (*proposal.conflicts, *conflicts)
    assert changed.attribute is Attribute.PROACTIVE


def test_a_long_block_is_detected_in_pieces_pointing_into_the_original(
    tmp_path: Path, set_limits: Callable[..., None]
) -> None:
    set_limits(detection={"max_block_chars": 1000})
    text = ("情况说明" * 300 + "。") * 10 + f"身份证号{ID}" + "结尾" * 400
    path = _text(tmp_path, "long.txt", text)
    outcome = scan.scan_document(path)
    [finding] = outcome.findings
    assert finding.block == "p0"
    assert text[finding.start : finding.end] == ID


@pytest.mark.parametrize("longest", [1000, 1001, 4096])
def test_pieces_cover_the_block_exactly_and_never_cut_an_id(longest: int) -> None:
    from review_desk.core.document import Block, BlockKind, Document

    text = "甲" * 2990 + ID + "乙" * 3000 + ("一句话。" * 500)
    document = Document("x", "0", "txt", [Block("p0", BlockKind.PARAGRAPH, text)])
    split, origins = scan.split_long_blocks(document, longest)
    assert "".join(b.text for b in split.blocks) == text
    assert all(len(b.text) <= longest for b in split.blocks)
    assert any(ID in b.text for b in split.blocks)
    starts = [origins[b.id][1] for b in split.blocks]
    assert starts == sorted(starts) and starts[0] == 0
