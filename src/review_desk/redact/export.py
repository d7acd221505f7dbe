"""``redact_file``: write the redacted copy, check it, and only then give it its name.

The copy is written under a hidden temporary name in the output folder, re-read and searched for
every redacted value (``verify``), and moved onto ``<stem>（删减后）<suffix>`` by one rename only
when nothing is found; on any failure the temporary file is deleted, so the output folder never
holds a partial or unchecked copy. The source is never written to.

Images (JPG, PNG, TIFF, BMP) come back as images of their format, scanned PDF pages as image
pages like every PDF page. Legacy XLS/ET/ODS sheets and DOC/WPS documents are converted by LibreOffice (the loader's
converter) and exported as XLSX/DOCX. TXT, CSV, PDF and image copies carry the audit chain head in a
sidecar ``<output>.chain.txt``; DOCX and XLSX carry it as the custom document property
``ReviewDeskChainHead``. Pages withheld whole (``withheld_pages``, PDF and image copies only)
are replaced by a blank page with the note "（本页不予公开）" and checked to be exactly that.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import os
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from review_desk.core.document import Document
from review_desk.loaders._io import read_file
from review_desk.redact.errors import (
    InvalidRedactionError,
    OutputIsSourceError,
    RedactionError,
    ResidueError,
    UnsupportedRedactionError,
)
from review_desk.redact.masking import Masker
from review_desk.redact.plan import Redaction, WriteJob, plan_edits
from review_desk.redact.verify import Verifier

#: Images are written as images of their own format (the loader's suffixes for them).
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp")
#: Marks the copy's name, e.g. 低保名单（删减后）.xlsx.
OUTPUT_MARK = "（删减后）"
SIDECAR_SUFFIX = ".chain.txt"
_MAX_CHAIN_HEAD = 256


@dataclass(frozen=True)
class ExportResult:
    output: Path
    sha256: str
    redactions: int
    verified: bool
    #: Places where a value was still found; always empty on a returned result (see ResidueError).
    residues: list[str] = field(default_factory=list)


#: Output suffix → the module of its writer, imported on use (a TXT export never loads pdfium).
WRITERS = {
    ".txt": "review_desk.redact.txt:write_txt",
    ".csv": "review_desk.redact.csvfile:write_csv",
    ".xlsx": "review_desk.redact.xlsx:write_xlsx",
    ".docx": "review_desk.redact.docx:write_docx",
    ".pdf": "review_desk.redact.pdf:write_pdf",
    **{suffix: "review_desk.redact.image:write_image" for suffix in IMAGE_SUFFIXES},
}


def _writer(suffix: str, source: Path) -> Callable[[WriteJob, Path], None]:
    where = WRITERS.get(suffix)
    if where is None:
        raise UnsupportedRedactionError(source.suffix, source)
    module, name = where.split(":")
    writer: Callable[[WriteJob, Path], None] = getattr(importlib.import_module(module), name)
    return writer


#: Formats written by converting first: source suffix → suffix of the copy.
CONVERTED = {".xls": ".xlsx", ".et": ".xlsx", ".ods": ".xlsx", ".doc": ".docx", ".wps": ".docx"}
_SIDECAR_FORMATS = frozenset({".txt", ".csv", ".pdf", *IMAGE_SUFFIXES})
_PAGED_FORMATS = frozenset({".pdf", *IMAGE_SUFFIXES})


def output_path(source: Path, out_dir: Path) -> Path:
    suffix = source.suffix.lower()
    return out_dir / f"{source.stem}{OUTPUT_MARK}{CONVERTED.get(suffix, suffix)}"


def redact_file(
    source: Path,
    document: Document,
    redactions: Sequence[Redaction],
    out_dir: Path,
    *,
    chain_head: str,
    pdf_dpi: int = 200,
    withheld_pages: frozenset[int] = frozenset(),
) -> ExportResult:
    """Write the redacted copy of ``source`` into ``out_dir``; raises ResidueError (and leaves
    nothing behind) when the check finds a redacted value in the written copy, or a withheld
    page that is not the blank page."""
    source, output = Path(source), output_path(Path(source), Path(out_dir))
    _check_destination(source, output)
    _check_chain_head(chain_head, source)
    suffix = output.suffix
    writer = _writer(suffix, source)
    if withheld_pages and suffix not in _PAGED_FORMATS:
        raise UnsupportedRedactionError(f"{source.suffix} 没有可整页不公开的页面", source)
    with _collector_paused():
        plan = plan_edits(document, redactions, Masker.from_rules())
        data = _reviewed_bytes(source, document)
        job = WriteJob(data, source, document, plan, chain_head, pdf_dpi, withheld_pages)
        with _staged(output) as temp:
            writer(job, temp)
            plan.edits.clear()  # written: the check can use that memory better
            ocr_pages = frozenset(document.scanned_pages) | withheld_pages
            verifier = Verifier(plan.values, ocr_pages, withheld_pages)
            residues = verifier.check(temp, suffix.lstrip("."))
            if residues:
                raise ResidueError(residues, output)
    digest = _sha256(output)
    if suffix in _SIDECAR_FORMATS:
        _write_sidecar(output, chain_head, digest)
    return ExportResult(output, digest, job.plan.count, True, [])


def _check_destination(source: Path, output: Path) -> None:
    if not output.parent.is_dir():
        raise RedactionError(f"输出文件夹不存在：{output.parent}", source)
    same = output.resolve() == source.resolve() or (
        output.exists() and os.path.samefile(output, source)
    )
    if same:
        raise OutputIsSourceError(str(output), source)


def _check_chain_head(chain_head: str, source: Path) -> None:
    if not chain_head or len(chain_head) > _MAX_CHAIN_HEAD or not chain_head.isprintable():
        raise RedactionError("审计链头为空或含有不可打印字符", source)


def _reviewed_bytes(source: Path, document: Document) -> bytes:
    """The source as it is now, refused when it is not what the reviewer saw; legacy formats
    converted the way the loader converts them."""
    raw = read_file(source)
    if raw.sha256 != document.sha256:
        raise InvalidRedactionError("文件在审查后已被修改，请重新审查", source)
    suffix = source.suffix.lower()
    if suffix not in CONVERTED:
        return raw.data
    from review_desk.loaders.legacy import convert

    return convert(raw.data, suffix, CONVERTED[suffix].lstrip("."), source)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A recipient sheet allocates millions of spans, strings and blocks, none in a cycle: each
    full collection would walk them all (and the caller's Document) and free nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _staged(output: Path) -> Iterator[Path]:
    """A hidden temporary file beside ``output`` (same suffix, so the loader accepts it)."""
    temp = output.with_name(f".{output.stem}.{secrets.token_hex(4)}{output.suffix}")
    try:
        # 0o666 honours the umask: the copy gets the permissions of any file the user saves.
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        yield temp
        os.replace(temp, output)
    except OSError as error:
        raise RedactionError(f"写入失败：{error.strerror or error}", output) from error
    finally:
        temp.unlink(missing_ok=True)


def _write_sidecar(output: Path, chain_head: str, digest: str) -> None:
    sidecar = output.with_name(output.name + SIDECAR_SUFFIX)
    try:
        with _staged(sidecar) as temp:
            temp.write_text(f"chain_head: {chain_head}\nsha256: {digest}\n", encoding="utf-8")
    except RedactionError:
        output.unlink(missing_ok=True)  # a copy without its chain head is not a finished export
        raise


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
