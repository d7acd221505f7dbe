import dataclasses
import importlib
from collections.abc import Callable
from pathlib import Path

import pytest

from review_desk.core.document import Document
from review_desk.core.findings import FindingType as T
from review_desk.loaders import load
from review_desk.redact import (
    InvalidRedactionError,
    OutputIsSourceError,
    Redaction,
    RedactionError,
    ResidueError,
    UnsupportedRedactionError,
    output_path,
    redact_file,
)
from review_desk.redact.plan import Edits, WriteJob
from tests.redact.fixtures import ID, NAME, PHONE, redactions_for, write_adversarial_docx


def write_txt(folder: Path) -> Path:
    source = folder / "通知.txt"
    source.write_text(f"申请人{NAME}\n身份证{ID}\n电话{PHONE}\n", encoding="utf-8")
    return source


def write_xlsx(folder: Path) -> Path:
    from tests.loaders import fixtures

    return fixtures.write_recipient_xlsx(folder / "名单.xlsx", 5)


def write_docx(folder: Path) -> Path:
    return write_adversarial_docx(folder / "通知.docx")


WRITERS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "txt": (write_txt, "review_desk.redact.txt:write_txt"),
    "xlsx": (write_xlsx, "review_desk.redact.xlsx:write_xlsx"),
    "docx": (write_docx, "review_desk.redact.docx:write_docx"),
}


def redactions(source: Path) -> list[Redaction]:
    document = load(source)
    if source.suffix == ".xlsx":
        return [
            Redaction(b.id, 0, len(b.text), T.CN_RESIDENT_ID)
            for b in document.blocks
            if b.header == "身份证号"
        ]
    return redactions_for(document)


@pytest.mark.parametrize("kind", list(WRITERS))
def test_a_writer_that_skips_a_span_is_caught_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    make, where = WRITERS[kind]
    source = make(tmp_path)
    module_name, name = where.split(":")
    module = importlib.import_module(module_name)
    real = getattr(module, name)
    spans = redactions(source)

    def skipping(job: WriteJob, out: Path) -> None:
        skipped = next(block for block in job.plan.edits if block[0] in "ps")
        edits = Edits(job.document, job.plan.masker)
        for span in spans:
            if span.block != skipped:
                edits.add(span)
        real(dataclasses.replace(job, plan=dataclasses.replace(job.plan, edits=edits)), out)

    monkeypatch.setattr(module, name, skipping)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ResidueError) as raised:
        redact_file(source, load(source), spans, out, chain_head="h")
    assert raised.value.key == "redaction_residue" and raised.value.places
    assert ID not in raised.value.message and NAME not in raised.value.message  # logs get no values
    assert list(out.iterdir()) == []


def test_a_failing_writer_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_txt(tmp_path)

    def broken(job: WriteJob, out: Path) -> None:
        out.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importlib.import_module("review_desk.redact.txt"), "write_txt", broken)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RedactionError, match="No space left"):
        redact_file(source, load(source), redactions(source), out, chain_head="h")
    assert list(out.iterdir()) == []


def test_the_source_is_never_the_output(tmp_path: Path) -> None:
    source = write_txt(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    output_path(source, out).symlink_to(source)
    with pytest.raises(OutputIsSourceError):
        redact_file(source, load(source), redactions(source), out, chain_head="h")
    assert source.read_text(encoding="utf-8").startswith(f"申请人{NAME}")


def test_a_source_changed_since_review_is_refused(tmp_path: Path) -> None:
    source = write_txt(tmp_path)
    document = load(source)
    source.write_text("改过了", encoding="utf-8")
    with pytest.raises(InvalidRedactionError, match="修改"):
        redact_file(source, document, [], tmp_path, chain_head="h")


@pytest.mark.parametrize(
    "redaction",
    [
        Redaction("p9", 0, 1, T.PERSON),
        Redaction("p0", 3, 99, T.PERSON),
        Redaction("p0", 4, 4, T.PERSON),
        Redaction("p0", 3, 6, T.PERSON, keep_start=2, keep_end=1),
    ],
    ids=["unknown_block", "past_the_end", "empty", "edit_keeps_all"],
)
def test_redactions_that_do_not_fit_the_document_are_refused(
    tmp_path: Path, redaction: Redaction
) -> None:
    source = write_txt(tmp_path)
    with pytest.raises(InvalidRedactionError):
        redact_file(source, load(source), [redaction], tmp_path, chain_head="h")
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


@pytest.mark.parametrize("chain_head", ["", "a\nb", "x" * 300])
def test_a_chain_head_must_be_one_printable_line(tmp_path: Path, chain_head: str) -> None:
    source = write_txt(tmp_path)
    with pytest.raises(RedactionError, match="审计链头"):
        redact_file(source, load(source), [], tmp_path, chain_head=chain_head)


def test_a_missing_output_folder_is_an_error(tmp_path: Path) -> None:
    source = write_txt(tmp_path)
    with pytest.raises(RedactionError, match="不存在"):
        redact_file(source, load(source), [], tmp_path / "nowhere", chain_head="h")


def test_output_names(tmp_path: Path) -> None:
    assert output_path(Path("a/名单.XLS"), tmp_path) == tmp_path / "名单（删减后）.xlsx"
    assert output_path(Path("报告.doc"), tmp_path) == tmp_path / "报告（删减后）.docx"
    assert output_path(Path("x.pdf"), tmp_path).name == "x（删减后）.pdf"


def test_unsupported_formats_are_named(tmp_path: Path) -> None:
    document = Document(str(tmp_path / "scan.gif"), "0" * 64, "gif")
    with pytest.raises(UnsupportedRedactionError):
        redact_file(tmp_path / "scan.gif", document, [], tmp_path, chain_head="h")
