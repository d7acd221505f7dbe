"""Legacy formats through LibreOffice: real conversions when soffice is installed, and the
missing/stuck/failing converter paths with stand-ins that need no LibreOffice at all."""

from __future__ import annotations

import os
import shutil
import stat
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from review_desk.core.errors import ConversionFailedError, ConverterMissingError
from review_desk.loaders import legacy, load
from tests.loaders import fixtures

needs_soffice = pytest.mark.skipif(
    legacy.find_soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui",
)


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("legacy")
    docx = fixtures.write_hiding_places_docx(folder / "source.docx").read_bytes()
    xlsx = fixtures.write_recipient_xlsx(folder / "source.xlsx", 10).read_bytes()
    doc = legacy.convert(docx, ".docx", "doc", folder / "source.docx")
    xls = legacy.convert(xlsx, ".xlsx", "xls", folder / "source.xlsx")
    paths = {}
    for name, data in (
        ("a.doc", doc),
        ("b.doc", doc),
        ("a.wps", doc),
        ("a.xls", xls),
        ("a.et", xls),
    ):
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


@needs_soffice
@pytest.mark.parametrize("name", ["a.doc", "a.wps"])
def test_word_binaries_are_converted_and_read(legacy_files: dict[str, Path], name: str) -> None:
    document = load(legacy_files[name])
    texts = {b.text for b in document.blocks}
    assert "页眉：某某区民政局" in texts
    assert document.block("t0:r2:c1").header == "身份证号"
    assert document.notices[0].key == "converted"
    assert document.format == name.split(".")[1]


@needs_soffice
@pytest.mark.parametrize("name", ["a.xls", "a.et"])
def test_excel_binaries_keep_ids_and_headers(legacy_files: dict[str, Path], name: str) -> None:
    cell = load(legacy_files[name]).block("s0:r3:c2")
    assert (cell.text, cell.header) == (fixtures.resident_id(0), "身份证号")


@needs_soffice
def test_two_conversions_at_once_both_succeed(legacy_files: dict[str, Path]) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        documents = list(pool.map(load, [legacy_files["a.doc"], legacy_files["b.doc"]]))
    assert [len(d.blocks) for d in documents] == [len(documents[0].blocks)] * 2
    assert len(documents[0].blocks) > 10


@pytest.fixture
def fake_doc(tmp_path: Path) -> Path:
    path = tmp_path / "old.doc"
    path.write_bytes(fixtures.compound_file("WordDocument"))
    return path


def _only_this_soffice(monkeypatch: pytest.MonkeyPatch, folder: Path, script: str | None) -> None:
    """Point the converter lookup at ``folder`` alone, holding ``script`` as soffice if given."""
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setattr(legacy, "SOFFICE_LOCATIONS", ())
    if script is not None:
        soffice = folder / "soffice"
        soffice.write_text(f"#!/bin/sh\n{script}\n")
        soffice.chmod(soffice.stat().st_mode | stat.S_IEXEC)


def test_missing_libreoffice_says_what_to_install(
    fake_doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    _only_this_soffice(monkeypatch, empty, None)
    with pytest.raises(ConverterMissingError) as raised:
        load(fake_doc)
    assert "libreoffice-writer-nogui" in raised.value.message
    assert "old.doc" in raised.value.message


@pytest.mark.skipif(os.name != "posix", reason="stand-in soffice is a shell script")
@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("exit 3", "退出码 3"),
        ("exit 0", "没有生成输出文件"),
        (f"exec {shutil.which('sleep')} 30", "秒未完成"),
    ],
    ids=["fails", "writes-nothing", "hangs"],
)
def test_failing_or_stuck_converter_is_reported_in_time(
    fake_doc: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    script: str,
    expected: str,
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    _only_this_soffice(monkeypatch, folder, script)
    monkeypatch.setattr(legacy, "CONVERSION_TIMEOUT", 1.0)
    started = time.monotonic()
    with pytest.raises(ConversionFailedError, match=expected):
        load(fake_doc)
    assert time.monotonic() - started < 10
