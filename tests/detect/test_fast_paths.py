"""The shortcuts of the detector change no finding: the prescreen that keeps blocks away from
Presidio, the blocks that can hold nothing, the chunks, the chunks spread over processes, and the
identity view of plain text."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest

from review_desk.core.cells import CellStore
from review_desk.core.document import Block, BlockKind, Document, OcrBlock
from review_desk.core.findings import Action
from review_desk.core.normalize import normalize
from review_desk.detect import plan, range_cells
from review_desk.detect.actions import Purpose
from review_desk.detect.engine import Detector
from review_desk.detect.views import SPACE_CHARS, block_view, matching_view
from review_desk.loaders import load
from tests.detect import files
from tests.detect.conftest import detected_alone
from tests.devset.generate import generate
from tests.loaders import fixtures


@pytest.fixture(scope="module")
def devset(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    folder = tmp_path_factory.mktemp("devset")
    gold = generate(folder)
    names = [str(d["file"]) for d in gold["documents"]]  # type: ignore[attr-defined]
    return [load(folder / name) for name in names]


@pytest.fixture(scope="module")
def fast() -> Detector:
    return Detector()


def test_prescreen_drops_no_finding_on_the_dev_set(fast: Detector, devset: list[Document]) -> None:
    full = Detector(prescreen=False)
    for document in devset:
        assert fast.detect(document) == full.detect(document), document.path


def test_small_chunks_give_the_same_findings(
    fast: Detector, devset: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = [fast.detect(document) for document in devset]
    monkeypatch.setattr(plan, "CHUNK_BLOCKS", 3)
    assert [fast.detect(document) for document in devset] == whole


def test_ranges_of_a_plan_add_up_to_the_document(fast: Detector, devset: list[Document]) -> None:
    for document in devset:
        planned = fast.plan(document)
        parts = [fast.detect_range(planned, s, s + 5) for s in range(0, len(planned.blocks), 5)]
        found = [f for part in parts for f in part] + fast.markings(document)
        assert found == fast.detect(document), document.path


@pytest.mark.parametrize(
    "text",
    [
        "530102195706048087",
        "曹淑华",
        "富民县永定镇1组3号",
        "１３８－１２３４",
        "138 1234 5678",
        "機密",
        "ａ",
        "1\u30002",  # an ideographic space between digits
        "1\u00a02",
        "12\u3000号",
    ],
)
def test_a_plain_block_is_its_own_view(text: str) -> None:
    view = block_view(Block("s0:r1:c1", BlockKind.SHEET_CELL, text))
    reference = matching_view(normalize(text))
    assert view.text == reference.text
    assert (view.norm is None) == (reference.text == text and len(reference.starts) == len(text))
    for start in range(len(view.text)):
        assert view.to_original(start, start + 1) == reference.to_original(start, start + 1)


@pytest.mark.parametrize(("limit", "value"), [("CHUNK_BLOCKS", 4), ("CHUNK_CHARS", 200)])
def test_two_processes_give_the_same_findings_in_the_same_order(
    fast: Detector,
    devset: list[Document],
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: int,
) -> None:
    whole = [fast.detect(document) for document in devset]
    # Small chunks (by blocks, or by characters for prose), so that every document is split and
    # both processes get some.
    monkeypatch.setattr(plan, limit, value)
    assert [fast.detect(document, workers=2) for document in devset] == whole


@pytest.mark.parametrize("title", ["关于表彰见义勇为人员的公示", "關於表彰見義勇為人員的公示"])
def test_a_commendation_cue_is_found_in_plain_and_folded_text(fast: Detector, title: str) -> None:
    rows = [Block(f"s0:r{r}:c0", BlockKind.SHEET_CELL, "王秀英", r, 0, "姓名") for r in (1, 2)]
    document = Document("t.xlsx", "0", "xlsx", [Block("p0", BlockKind.PARAGRAPH, title), *rows])
    assert fast.plan(document).purpose.commendation
    assert fast.plan(Document("t.xlsx", "0", "xlsx", rows)).purpose.commendation is False
    people = [f.action for f in fast.detect(document) if f.block.startswith("s0")]
    assert people == [Action.KEEP, Action.KEEP]


class _RecordingNames:
    def __init__(self) -> None:
        self.read: list[str] = []

    def persons(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        self.read.extend(texts)
        return [[] for _ in texts]


def test_the_name_source_reads_no_cell_whose_column_decides_it() -> None:
    names = _RecordingNames()
    header = ("序号", "姓名", "身份证号", "家庭住址", "联系电话", "备注")
    row = ("1", "王秀英", "530102195706048087", "富民县永定镇1组3号", "13812345678", "其子王强")
    blocks = [
        Block(f"s0:r{r}:c{c}", BlockKind.SHEET_CELL, text, r, c, header[c] if r else None)
        for r, cells in enumerate([header, row, row])
        for c, text in enumerate(cells)
    ]
    Detector(names=names).detect(Document("t.xlsx", "0", "xlsx", blocks))
    assert names.read == ["其子王强", "其子王强"]


def test_remembered_cells_have_the_findings_they_have_alone(
    fast: Detector, devset: list[Document]
) -> None:
    for document in devset:
        assert fast.detect(document) == detected_alone(fast, document), document.path


_LIST_HEADER = ("序号", "姓名", "身份证号", "家庭住址", "联系电话", "保障人数", "备注")
_LIST_ROWS = [
    ("1", "王秀英", "530102195706048087", "富民县永定镇1组3号", "13812345678", "2", "—"),
    ("2", "王秀英", "530102195706048087", "富民县永定镇1组3号", "0871-68125566", "2", "其子王强"),
    ("3", "李某某", "5301021957****8087", "富民县永定镇", "13812345678", "3", "其子王强"),
    ("4", "王秀英", "530102195706048088", "富民县永定镇1组3号", "138****5678", "2", "尿毒症"),
    ("5", "配偶", "530102195706048087", "富民县永定镇1组3号", "13812345678", "2", "尿毒症"),
]


def _list(title: str, rows: list[tuple[str, ...]], *, ocr: bool = False) -> Document:
    cells = [
        (OcrBlock if ocr and r else Block)(
            f"s0:r{r + 1}:c{c}",
            BlockKind.SHEET_CELL,
            text,
            r + 1,
            c,
            _LIST_HEADER[c] if r else None,
        )
        for r, row in enumerate([_LIST_HEADER, *rows])
        for c, text in enumerate(row)
    ]
    return Document("t.xlsx", "0", "xlsx", [Block("s0:r0:c0", BlockKind.SHEET_CELL, title), *cells])


@pytest.mark.parametrize(
    ("title", "ocr"),
    [
        ("富民县2024年第四季度城乡低保对象公示", False),
        ("2024年见义勇为人员表彰公示", False),
        ("富民县2024年第四季度城乡低保对象公示", True),
    ],
)
def test_a_list_of_repeated_cells_is_detected_as_each_cell_alone(
    fast: Detector, title: str, ocr: bool
) -> None:
    document = _list(title, _LIST_ROWS * 30, ocr=ocr)
    assert fast.detect(document) == detected_alone(fast, document)


def test_repeated_cells_are_remembered_and_ocr_cells_are_not(fast: Detector) -> None:
    typed = fast.plan(_list("低保对象公示", _LIST_ROWS * 30))
    fast.detect_range(typed, 0, len(typed.blocks))
    # Each distinct typed cell once; the 备注 cells are read by the name source, never kept.
    assert 0 < len(typed.memo) < len({(b.column, b.text) for b in typed.blocks})
    scanned = fast.plan(_list("低保对象公示", _LIST_ROWS * 30, ocr=True))
    fast.detect_range(scanned, 0, len(scanned.blocks))
    assert len(scanned.memo) == len(_LIST_HEADER)  # the header row is typed, not read by OCR


def test_a_column_of_unique_texts_stops_being_remembered(
    fast: Detector, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan, "CHUNK_BLOCKS", 1_000)
    ids = [Block("s0:r0:c0", BlockKind.SHEET_CELL, "身份证号", 0, 0)]
    ids += [
        # 19 digits: no ID's shape, which would be remembered by its class (``cell_shapes.py``).
        Block(f"s0:r{r}:c0", BlockKind.SHEET_CELL, f"{5301021957060400000 + r}", r, 0, "身份证号")
        for r in range(1, 6_001)
    ]
    planned = fast.plan(Document("t.xlsx", "0", "xlsx", ids))
    for start, stop in planned.chunks():
        fast.detect_range(planned, start, stop)
    # The trial's cells and one chunk's (and the header), not the 6,000 of the column.
    assert len(planned.memo) <= 2_000 + 1_000 + 1


def test_the_name_source_reads_every_repeat_of_a_cell_it_reads() -> None:
    names = _RecordingNames()
    Detector(names=names).detect(_list("低保对象公示", _LIST_ROWS * 30))
    assert sorted(set(names.read)) == ["低保对象公示", "其子王强", "尿毒症"]
    assert len(names.read) == 1 + 4 * 30


@pytest.mark.parametrize(
    ("lengths", "blocks", "chars", "chunks"),
    [
        ([10] * 7, 3, 1_000, [(0, 3), (3, 6), (6, 7)]),
        ([10] * 7, 100, 25, [(0, 3), (3, 6), (6, 7)]),
        ([40, 1, 1, 40, 1], 100, 30, [(0, 1), (1, 4), (4, 5)]),
        ([5] * 4, 100, 1_000, [(0, 4)]),
    ],
)
def test_a_chunk_ends_at_its_block_count_or_its_characters(
    monkeypatch: pytest.MonkeyPatch,
    lengths: list[int],
    blocks: int,
    chars: int,
    chunks: list[tuple[int, int]],
) -> None:
    monkeypatch.setattr(plan, "CHUNK_BLOCKS", blocks)
    monkeypatch.setattr(plan, "CHUNK_CHARS", chars)
    texts = [Block(f"p{i}", BlockKind.PARAGRAPH, "字" * n) for i, n in enumerate(lengths)]
    assert _chunks(texts) == chunks


def _chunks(blocks: list[Block]) -> list[tuple[int, int]]:
    return plan.DetectionPlan(blocks, {}, {}, Purpose()).chunks()


def test_the_blanks_a_gap_is_looked_for_after_are_every_blank() -> None:
    """``is_plain`` looks for a gap between digits only in a text holding one of these."""
    blanks = {c for c in map(chr, range(0x110000)) if c.isspace()}
    assert blanks == SPACE_CHARS


def _as_list(document: Document) -> Document:
    return dataclasses.replace(document, blocks=list(document.blocks))


@pytest.mark.parametrize(("chunk_blocks", "trial"), [(plan.CHUNK_BLOCKS, 256), (3, 2)])
def test_a_store_s_columns_give_the_findings_of_its_blocks(
    fast: Detector,
    devset: list[Document],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chunk_blocks: int,
    trial: int,
) -> None:
    """Sheets detected from their columns (``range_cells.py``) and from made blocks agree, with
    chunks that end inside runs and columns that stop being remembered."""
    monkeypatch.setattr(plan, "CHUNK_BLOCKS", chunk_blocks)
    monkeypatch.setattr(range_cells, "_TRIAL_MISSES", trial)
    line = "监督电话:0871-63312345"  # plain: read from the columns
    records = [["备注", "姓名", "身份证号"], [line, "王伟", fixtures.resident_id(1)]]
    records += [["无", "李芳", fixtures.resident_id(2)], [line, "王伟", fixtures.resident_id(3)]]
    sheets = [
        # The footer's text is a record's cell too, in the same column.
        files.sheet(tmp_path, records, title="低保对象名单公示", footer=[line, "王伟"]),
        load(fixtures.write_recipient_xlsx(tmp_path / "list.xlsx", 40)),
        load(fixtures.write_recipient_csv(tmp_path / "list.csv", 40)),
        *(d for d in devset if isinstance(d.blocks, CellStore)),
    ]
    assert len(sheets) > 4
    for document in sheets:
        assert isinstance(document.blocks, CellStore)
        assert fast.detect(document) == fast.detect(_as_list(document)), document.path
