"""PDFs that hung, ate memory or were read as garbage (issue 11), and what is read now."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from review_desk.core.document import BlockKind, Document
from review_desk.core.errors import LoadError
from review_desk.loaders import load, pdf
from tests.hostile import make
from tests.hostile.conftest import in_child
from tests.loaders import fixtures


def _write(tmp_path: Path, data: bytes, name: str = "a.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_reference_cycles_are_read_in_bounded_time(tmp_path: Path) -> None:
    path = _write(tmp_path, make.cyclic_pdf())
    run = in_child(lambda: load(path), timeout=30)
    assert isinstance(run.value, Document)
    assert run.seconds < 5
    assert "Applicant 110105194001010009" in {b.text for b in run.value.blocks}


@pytest.mark.parametrize("layers", [1, 2], ids=["flate", "flate-in-flate"])
def test_a_flate_bomb_is_refused_before_pdfium_inflates_it(
    tmp_path: Path, set_limits: Callable[..., None], layers: int
) -> None:
    set_limits(reading={"max_stream_bytes": 32 * 1024 * 1024})
    path = _write(tmp_path, make.flate_bomb_pdf(64, layers))
    assert path.stat().st_size < 2 * 1024 * 1024 or layers == 1
    run = in_child(lambda: load(path), timeout=60)
    assert run.value == "file_too_large"
    assert run.growth_mb < 100


def test_streams_count_against_the_file_budget(
    tmp_path: Path, set_limits: Callable[..., None]
) -> None:
    set_limits(reading={"max_unpacked_bytes": 8 * 1024 * 1024})
    path = _write(tmp_path, make.flate_bomb_pdf(16))
    with pytest.raises(LoadError) as raised:
        load(path)
    assert raised.value.key == "file_too_large"


def test_an_empty_user_password_is_opened_and_read(tmp_path: Path) -> None:
    document = load(_write(tmp_path, make.empty_password_pdf()))
    assert document.blocks[0].text == f"申请人张三 身份证号 {fixtures.resident_id(0)}"
    assert document.notices == []


def test_image_only_pages_are_notices_naming_the_page(tmp_path: Path) -> None:
    document = load(_write(tmp_path, make.image_only_pdf(2)))
    assert [(n.key, n.block) for n in document.notices] == [
        ("needs_ocr", "pg1"),
        ("needs_ocr", "pg2"),
    ]


def test_filled_form_fields_are_read(tmp_path: Path) -> None:
    document = load(_write(tmp_path, make.form_pdf(fixtures.resident_id(7))))
    [field] = [b for b in document.blocks if b.kind is BlockKind.FORM_FIELD]
    assert (field.text, field.header, field.page) == (fixtures.resident_id(7), "applicant_id", 1)
    assert field.id.startswith("pg1:a") and field.id.endswith(":value")


def test_attached_documents_are_read_with_their_own_reader(tmp_path: Path) -> None:
    inner = fixtures.docx_bytes(make.paragraph(f"名单 {fixtures.resident_id(2)}"))
    document = load(_write(tmp_path, make.pdf_with_attachment("名单.docx", inner)))
    assert document.block("att0:p0").text == f"名单 {fixtures.resident_id(2)}"
    assert [(n.key, n.block) for n in document.notices] == [("embedded_read", "att0")]


def test_an_unreadable_attachment_is_a_notice(tmp_path: Path) -> None:
    document = load(_write(tmp_path, make.pdf_with_attachment("photo.bin", b"\x89PNG\r\n\x1a\n")))
    [notice] = document.notices
    assert (notice.key, notice.block) == ("embedded_unread", "att0")
    assert "photo.bin" in notice.message


def test_the_time_budget_ends_a_slow_pdf(
    tmp_path: Path, set_limits: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_limits(reading={"pdf_seconds": 0.001})
    slow = pdf._page_lines

    def crawl(page: object, number: int) -> object:
        import time

        time.sleep(0.01)
        return slow(page, number)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "_page_lines", crawl)
    path = fixtures.write_chinese_pdf(tmp_path / "notice.pdf")
    with pytest.raises(LoadError) as raised:
        load(path)
    assert raised.value.key == "timeout"
    assert "第 2 页" in raised.value.message
