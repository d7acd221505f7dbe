"""DOCX and XLSX packages that hid content, kept a decoy, or would exhaust memory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from review_desk.core.errors import LoadError
from review_desk.loaders import load
from tests.hostile import make
from tests.hostile.conftest import in_child
from tests.loaders import fixtures


def _write(tmp_path: Path, data: bytes, name: str = "a.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _key(path: Path) -> str:
    with pytest.raises(LoadError) as raised:
        load(path)
    return raised.value.key


def test_a_sparse_sheet_is_refused_before_calamine_builds_its_grid(tmp_path: Path) -> None:
    path = make.sparse_xlsx(tmp_path / "sparse.xlsx")
    run = in_child(lambda: load(path), timeout=60)
    assert run.value == "too_large"  # calamine aborted the whole process (512 GB)
    assert run.growth_mb < 300


@pytest.mark.parametrize(("rows", "columns"), [(1_000_000, 16_384), (100_000, 1_000)])
def test_an_ods_whose_repeats_ask_for_too_many_cells_is_refused(
    tmp_path: Path, rows: int, columns: int
) -> None:
    path = make.repeated_ods(tmp_path / "repeated.ods", rows, columns)
    run = in_child(lambda: load(path), timeout=60)
    assert run.value == "too_large"  # calamine said "Cannot detect file format"
    assert run.growth_mb < 300


def test_an_ods_extent_counts_repeats_up_to_the_last_filled_cell(tmp_path: Path) -> None:
    """The empty tail LibreOffice repeats over the whole sheet does not count; the filled
    repeated cells are all read."""
    document = load(make.repeated_ods(tmp_path / "repeated.ods", 20, 3))
    assert len(document.blocks) == 1 + 20 * 3


def test_the_sheet_limit_names_the_sheet_and_its_extent(
    tmp_path: Path, set_limits: Callable[..., None]
) -> None:
    set_limits(reading={"max_sheet_cells": 100})
    path = fixtures.write_recipient_xlsx(tmp_path / "list.xlsx", 20)
    with pytest.raises(LoadError, match="低保名单") as raised:
        load(path)
    assert raised.value.key == "too_large"
    assert "23 行 × 26 列" in raised.value.message


def test_duplicate_part_names_are_refused(tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = make.duplicate_part_docx()
    assert _key(_write(tmp_path, data)) == "corrupt_file"


def test_too_many_zip_members_are_refused(tmp_path: Path, set_limits: Callable[..., None]) -> None:
    set_limits(reading={"max_zip_entries": 50})
    assert _key(_write(tmp_path, make.many_members_docx(60))) == "file_too_large"


def test_a_doctype_after_64_kb_of_prolog_is_still_refused(tmp_path: Path) -> None:
    assert _key(_write(tmp_path, make.late_doctype_docx())) == "unsafe_content"


def test_an_xml_part_past_its_cap_is_refused_with_bounded_memory(
    tmp_path: Path, set_limits: Callable[..., None]
) -> None:
    set_limits(reading={"max_part_bytes": 4 * 1024 * 1024})
    path = _write(tmp_path, make.big_xml_docx(60_000))
    run = in_child(lambda: load(path), timeout=60)
    assert run.value == "file_too_large"
    assert run.growth_mb < 100


def test_alt_chunk_html_is_read_as_body_text(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="utf-8"><style>p{color:red}</style></head><body>'
        f"<p>申请人李四</p><table><tr><td>身份证号</td><td>{fixtures.resident_id(4)}</td></tr>"
        "</table></body></html>"
    )
    document = load(_write(tmp_path, make.alt_chunk_docx(html)))
    assert [(b.id, b.text) for b in document.blocks if b.id.startswith("ac0")] == [
        ("ac0:p0", "申请人李四"),
        ("ac0:p1", f"身份证号\t{fixtures.resident_id(4)}\t"),
    ]
    assert [(n.key, n.block) for n in document.notices] == [("alt_chunk", "ac0")]


@pytest.mark.parametrize("as_ole", [True, False], ids=["ole-package", "docx-part"])
def test_an_embedded_docx_is_read(tmp_path: Path, as_ole: bool) -> None:
    inner = fixtures.docx_bytes(make.paragraph(f"名单 {fixtures.resident_id(5)}"))
    document = load(_write(tmp_path, make.embedded_docx(inner, as_ole=as_ole)))
    assert document.block("emb0:p0").text == f"名单 {fixtures.resident_id(5)}"
    assert [(n.key, n.block) for n in document.notices] == [("embedded_read", "emb0")]


def test_embedding_depth_is_bounded(tmp_path: Path, set_limits: Callable[..., None]) -> None:
    set_limits(reading={"max_embedding_depth": 1})
    inner = fixtures.docx_bytes(make.paragraph("最里层"))
    middle = make.embedded_docx(inner, as_ole=False)
    document = load(_write(tmp_path, make.embedded_docx(middle, as_ole=False)))
    texts = {b.id: b.text for b in document.blocks}
    assert texts == {"p0": "见附件", "emb0:p0": "见附件"}
    assert [(n.key, n.block) for n in document.notices] == [
        ("embedded_read", "emb0"),
        ("embedded_unread", "emb0:emb0"),
    ]


def test_an_embedded_workbook_in_a_workbook_is_read(tmp_path: Path) -> None:
    inner = fixtures.write_recipient_xlsx(tmp_path / "inner.xlsx", 2).read_bytes()
    outer = fixtures.write_recipient_xlsx(tmp_path / "outer.xlsx", 1).read_bytes()
    members = [*make.members_of(outer), ("xl/embeddings/Microsoft_Excel_Worksheet.xlsx", inner)]
    document = load(_write(tmp_path, make.zip_of(members), "book.xlsx"))
    assert document.block("emb0:s0:r3:c2").text == fixtures.resident_id(0)
    assert ("embedded_read", "emb0") in [(n.key, n.block) for n in document.notices]
