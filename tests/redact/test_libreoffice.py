"""Every DOCX and XLSX copy must open in an office suite: LibreOffice converts it to PDF, and
the text of that PDF (what a reader of the copy sees) holds no redacted value."""

import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest

from review_desk.core.findings import FindingType as T
from review_desk.loaders import load
from review_desk.redact import Redaction, redact_file
from tests.loaders import fixtures as loader_fixtures
from tests.redact.fixtures import PLANTED, redactions_for, residues, write_adversarial_docx
from tests.redact.test_xlsx import write_recipients

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def pdf_text(path: Path) -> str:
    document = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def adversarial(folder: Path) -> tuple[Path, list[Redaction], dict[str, T]]:
    source = write_adversarial_docx(folder / "通知.docx")
    return source, redactions_for(load(source)), PLANTED


def hiding_places(folder: Path) -> tuple[Path, list[Redaction], dict[str, T]]:
    source = loader_fixtures.write_hiding_places_docx(folder / "hiding.docx")
    values = {
        "王五": T.PERSON,
        "孙七": T.PERSON,
        "李四": T.PERSON,
        loader_fixtures.resident_id(1): T.CN_RESIDENT_ID,
    }
    return source, redactions_for(load(source), values), values


def recipients(folder: Path) -> tuple[Path, list[Redaction], dict[str, T]]:
    source = folder / "名单.xlsx"
    planted = write_recipients(source)
    return source, redactions_for(load(source), planted), planted


@pytest.mark.parametrize("make", [adversarial, hiding_places, recipients], ids=lambda f: f.__name__)
def test_the_copy_opens_in_libreoffice(
    tmp_path: Path, make: Callable[[Path], tuple[Path, list[Redaction], dict[str, T]]]
) -> None:
    source, redactions, values = make(tmp_path)
    result = redact_file(source, load(source), redactions, tmp_path, chain_head="c0ffee")
    rendered = to_format(result.output, "pdf")
    text = pdf_text(rendered)
    assert "*" in text  # the masks are there, so the document's text was read
    long_values = {v: k for v, k in values.items() if len(v) >= 3}
    assert residues(iter([("pdf", text)]), long_values) == []


def test_ods_is_exported_as_xlsx(tmp_path: Path) -> None:
    number = loader_fixtures.resident_id(3)
    source = loader_fixtures.write_ods(
        tmp_path / "名单.ods", [["低保名单"], ["姓名", "身份证号"], ["王秀英", number]]
    )
    document = load(source)
    result = redact_file(
        source,
        document,
        redactions_for(document, {number: T.CN_RESIDENT_ID}),
        tmp_path,
        chain_head="h",
    )
    assert result.output.name == "名单（删减后）.xlsx"
    cells = {b.id: b.text for b in load(result.output).blocks}
    assert cells["s0:r2:c1"] == number[:2] + "*" * 13 + number[-3:]
    assert cells["s0:r2:c0"] == "王秀英"


def test_xls_is_exported_as_xlsx(tmp_path: Path) -> None:
    xlsx = loader_fixtures.write_recipient_xlsx(tmp_path / "origin.xlsx", 4)
    converted = to_format(xlsx, "xls")
    document = load(converted)
    ids = [b for b in document.blocks if b.header == "身份证号"]
    redactions = [Redaction(b.id, 0, len(b.text), T.CN_RESIDENT_ID) for b in ids]
    result = redact_file(converted, document, redactions, tmp_path, chain_head="h")
    cells = {b.id: b.text for b in load(result.output).blocks}
    assert all(cells[b.id] == b.text[:2] + "*" * 13 + b.text[-3:] for b in ids)


def to_format(path: Path, target: str) -> Path:
    profile = Path(f"/tmp/lo_{uuid.uuid4().hex}")
    out = path.parent / target
    try:
        subprocess.run(
            [str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", target, "--outdir", str(out), str(path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out / f"{path.stem}.{target}"
