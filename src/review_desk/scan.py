"""Load → detect → propose → scan report (ARCHITECTURE.md "The scan report"), for CLI and GUI.

A file that fails yields a result with ``errors`` filled instead of an exception, so a batch of
thousands of files always finishes and says which ones need a person. In a batch each file is
read and detected in a worker process with limits (``isolation``): a file that crashes, hangs or
takes all the memory fails alone. What a loader could not read is a notice of the report, and
any notice puts a conflict on the proposal: a document read only in part is never proposed for
disclosure as it stands.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from review_desk.core.cells import texts_of
from review_desk.core.document import Document, Notice
from review_desk.core.errors import (
    EmptyFolderError,
    LoadError,
    OutsideFolderError,
    ResourceLimitError,
    ReviewDeskError,
)
from review_desk.core.findings import Finding, Proposal
from review_desk.core.heap import frozen_heap
from review_desk.detect.parallel import DetectionProcessDiedError
from review_desk.findings_json import EncodedFindings, PartEncoder, dumps, utf8
from review_desk.isolation import WorkerPool
from review_desk.loaders import SUPPORTED_SUFFIXES, load
from review_desk.loaders._io import file_digest
from review_desk.loaders.limits import limits
from review_desk.policy import PolicyEngine, default_policy
from review_desk.policy.engine import FindingTally

JsonObject = dict[str, object]
_SURROGATE = re.compile("[\ud800-\udfff]")
P = TypeVar("P")


class Detecting(Protocol):
    def detect_parts(
        self, document: Document, finish: Callable[[Sequence[Finding]], P], workers: int = 1
    ) -> list[P]:
        """``finish`` of the findings of each part of the document, in order; ``workers`` > 1
        may spread its parts over processes, each finished where it was detected."""
        ...


class WorkerFailedError(ReviewDeskError):
    """The detector could not be built, or a process detecting part of a file died."""

    key = "worker_failed"
    summary = "扫描进程无法启动或异常退出"


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate (an undecodable byte of a file name, kept by
    surrogateescape) replaced by U+FFFD, so the report is always valid UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


@dataclass(frozen=True)
class ScanError:
    """A failure the reviewer can act on: stable English key, Chinese message naming the file."""

    key: str
    message: str

    @classmethod
    def of(cls, exc: Exception, path: Path) -> ScanError:
        if isinstance(exc, ReviewDeskError):
            return cls(exc.key, exc.message)
        # A bug must not stop a batch of thousands; the key tells it apart from a bad file.
        detail = f"{type(exc).__name__}: {exc}"
        return cls("internal_error", f"{path.name}：内部错误（{detail}） [internal_error]")

    def to_json(self) -> JsonObject:
        return {"key": self.key, "message": clean_text(self.message)}


@dataclass(frozen=True)
class ScanOutcome:
    """A scanned document, for the GUI: what was read, what was found, what is proposed."""

    document: Document
    findings: list[Finding]
    proposal: Proposal

    @property
    def notices(self) -> list[Notice]:
        """What was read only in part or not at all (the proposal carries a conflict for it)."""
        return self.document.notices


@dataclass(frozen=True)
class ScanResult:
    """One object of the scan report; a failed file has ``errors`` and no proposal."""

    path: str
    sha256: str | None
    blocks: int = 0
    proposal: Proposal | None = None
    findings: Sequence[Finding] = ()
    errors: tuple[ScanError, ...] = ()
    notices: tuple[Notice, ...] = ()

    def to_json(self) -> JsonObject:
        return {
            **self._head(),
            "findings": [f.to_json() for f in self.findings],
            "notices": [_notice_json(n) for n in self.notices],
            "errors": [e.to_json() for e in self.errors],
        }

    def json_pieces(self) -> Iterator[bytes]:
        """``to_json`` as UTF-8 JSON, a part of the findings at a time: a 160,000-row sheet has
        ~640,000 findings, and one dict or one string for all of them would cost gigabytes."""
        yield utf8(dumps(self._head())[:-1] + ', "findings": [')
        findings = self.findings
        if not isinstance(findings, EncodedFindings):
            findings = EncodedFindings.of(findings)
        yield from findings.pieces()
        yield utf8('], "notices": ' + dumps([_notice_json(n) for n in self.notices]))
        yield utf8(', "errors": ' + dumps([e.to_json() for e in self.errors]) + "}")

    def _head(self) -> JsonObject:
        head: JsonObject = {"path": clean_text(self.path)}
        if head["path"] != self.path:
            # The name as the file system has it, for scripts that must open the file again.
            head["path_bytes_hex"] = os.fsencode(self.path).hex()
        head.update(
            sha256=self.sha256,
            blocks=self.blocks,
            attribute=self.proposal.to_json() if self.proposal is not None else None,
        )
        return head


def _notice_json(notice: Notice) -> JsonObject:
    return {"key": notice.key, "message": clean_text(notice.message), "block": notice.block}


def scan_document(
    path: Path, detector: Detecting | None = None, policy: PolicyEngine | None = None
) -> ScanOutcome:
    """Load, detect and propose; raises ReviewDeskError (or a bug's exception) on failure."""
    document, parts, proposal = _scanned(path, detector, policy, list, 1)
    return ScanOutcome(document, [finding for part in parts for finding in part], proposal)


def _scanned(
    path: Path,
    detector: Detecting | None,
    policy: PolicyEngine | None,
    keep: Callable[[Sequence[Finding]], P],
    workers: int,
) -> tuple[Document, list[P], Proposal]:
    """The document, what ``keep`` made of the findings of each of its parts, and the proposal.
    ``workers`` > 1 spreads the document's blocks over that many processes (the CLI only: it
    forks, which a process with threads, such as the GUI, must not)."""
    document = _load_while_building(path, workers > 1) if detector is None else load(path)
    policy = policy or default_policy()
    # The NER model refuses texts past 1,000,000 characters, and per-block work must stay
    # linear: over-long blocks are detected in pieces.
    pieces, origins = split_long_blocks(document, limits().detection.max_block_chars)
    finishing = _Finishing(keep, policy, origins, _ocr_read(document))
    parts = (detector or default_detector()).detect_parts(pieces, finishing, workers)
    with frozen_heap(collecting=True):
        proposal = policy.propose_tallied(FindingTally.joined(tally for _, tally in parts))
    kept = [part for part, _ in parts]
    return document, kept, with_notice_conflicts(proposal, document.notices)


@dataclass(frozen=True)
class _OcrRead:
    """A document with pages read by OCR, and the confidence below which a character is unsure."""

    document: Document
    threshold: float


def _ocr_read(document: Document) -> _OcrRead | None:
    if not document.scanned_pages:
        return None
    from review_desk.ocr.settings import ocr_settings

    return _OcrRead(document, ocr_settings().confidence.low_char)


@dataclass(frozen=True)
class _Finishing(Generic[P]):
    """What the findings of each part of a document go through in the process that detected
    them: pointed back into the blocks that were split for length, identifiers read by OCR
    checked against its confidence, tallied for the proposal, and kept as ``keep`` keeps them
    (as they are for the window, encoded for the report)."""

    keep: Callable[[Sequence[Finding]], P]
    policy: PolicyEngine
    origins: dict[str, tuple[str, int]]
    ocr: _OcrRead | None

    def __call__(self, findings: Sequence[Finding]) -> tuple[P, FindingTally]:
        if self.origins:
            findings = [_moved(finding, self.origins.get(finding.block)) for finding in findings]
        if self.ocr is not None:
            from review_desk.ocr.confidence import with_unsure_readings

            findings = with_unsure_readings(findings, self.ocr.document, self.ocr.threshold)
        return self.keep(findings), self.policy.tally(findings)


def _load_while_building(path: Path, with_model: bool) -> Document:
    """``load(path)`` while another thread builds the process's detector: its imports (Presidio,
    spaCy: ~0.8 s) run while calamine reads a sheet, which it does without holding the
    interpreter. ``with_model`` (a scan that forks workers): a third thread loads the NER
    model meanwhile, mostly outside the interpreter (reading files, building ONNX Runtime
    sessions), so that the forked processes share one model instead of each loading its own
    (0.5 s each, before their first names). The threads are done when this returns, even on a
    failure: a scan that forks for ``workers`` must fork from a process without threads. A
    failure to build is left to the caller's own call, which raises it in the caller's
    thread."""
    helpers = [threading.Thread(target=_build_quietly, name="review-desk-detector", daemon=True)]
    if with_model:
        helpers.append(threading.Thread(target=_load_model_quietly, name="review-desk-model"))
    for helper in helpers:
        helper.start()
    try:
        return load(path)
    finally:
        for helper in helpers:
            helper.join()


def _build_quietly() -> None:
    with contextlib.suppress(Exception):
        default_detector()


def _load_model_quietly() -> None:
    with contextlib.suppress(Exception):
        from review_desk.ner.model import default_model

        default_model()


def _moved(finding: Finding, origin: tuple[str, int] | None) -> Finding:
    if origin is None:
        return finding
    block, offset = origin
    return dataclasses.replace(
        finding, block=block, start=finding.start + offset, end=finding.end + offset
    )


def split_long_blocks(
    document: Document, longest: int
) -> tuple[Document, dict[str, tuple[str, int]]]:
    """The document with each block over ``longest`` characters cut into pieces ``{id}~{k}``,
    and where each piece starts (its block id and offset). Cuts fall on a line or sentence end
    when one is near, and never inside a run of digits (an identifier)."""
    if max(map(len, texts_of(document.blocks)), default=0) <= longest:
        return document, {}
    blocks = []
    origins: dict[str, tuple[str, int]] = {}
    for block in document.blocks:
        if len(block.text) <= longest:
            blocks.append(block)
            continue
        for index, (start, end) in enumerate(_cuts(block.text, longest)):
            piece = f"{block.id}~{index}"
            boxes = block.char_boxes[start:end] if block.char_boxes is not None else None
            blocks.append(
                dataclasses.replace(block, id=piece, text=block.text[start:end], char_boxes=boxes)
            )
            origins[piece] = (block.id, start)
    split = Document(document.path, document.sha256, document.format, blocks, document.notices)
    return split, origins


_CUT_AFTER = ("\n", "。", "！", "？", "；", ". ", " ")


def _cuts(text: str, longest: int) -> Iterator[tuple[int, int]]:
    start = 0
    while len(text) - start > longest:
        end = _cut_point(text, start, start + longest)
        yield start, end
        start = end
    yield start, len(text)


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where the piece from ``start`` ends: after the last line or sentence end in its final
    quarter, else at ``limit`` moved back out of any run of ASCII letters and digits."""
    floor = start + (limit - start) * 3 // 4
    for mark in _CUT_AFTER:
        found = text.rfind(mark, floor, limit)
        if found >= 0:
            return found + len(mark)
    end = limit
    while end > floor and _in_word(text, end):
        end -= 1
    return end if end > floor else limit


def _in_word(text: str, at: int) -> bool:
    before, after = text[at - 1], text[at]
    return before.isascii() and before.isalnum() and after.isascii() and after.isalnum()


#: Notices that say how a file was read, not that something was left unread.
_INFORMATIONAL = frozenset({"converted", "ocr_read"})
_NOTICE_CONFLICTS = {
    "images": "文件含有图片，其中的文字未经审查",
    "embedded_read": "文件内嵌的文档已读取，但删减导出不会处理其内容",
    "embedded_unread": "文件内嵌的对象未能读取",
    "alt_chunk": "文件以 altChunk 嵌入的内容已读取，但删减导出不会处理其内容",
    "undecodable_text": "文件有无法解码的文字",
    "garbled_text": "文件有提取为乱码的文字",
    "xfa_form": "文件的 XFA 表单内容未能读取",
    "hidden_sheet": "文件含有隐藏的工作表",
    "hidden_rows_columns": "文件含有隐藏的行或列",
    "lossy_number": "文件中有数字可能已丢失末几位",
    "ocr_low_confidence": "文件有 OCR 识别置信度低的页面",
}


def with_notice_conflicts(proposal: Proposal, notices: Sequence[Notice]) -> Proposal:
    """``proposal`` with a conflict for each kind of notice: the reviewer must look at what was
    not read before the proposal can stand."""
    extra = notice_conflicts(notices)
    if not extra:
        return proposal
    return dataclasses.replace(proposal, conflicts=(*proposal.conflicts, *extra))


def notice_conflicts(notices: Sequence[Notice]) -> tuple[str, ...]:
    by_key: dict[str, list[Notice]] = defaultdict(list)
    for notice in notices:
        if notice.key not in _INFORMATIONAL:
            by_key[notice.key].append(notice)
    return tuple(_conflict(key, found) for key, found in by_key.items())


def _conflict(key: str, notices: list[Notice]) -> str:
    if key == "needs_ocr":
        pages = [n.block.removeprefix("pg") for n in notices if n.block]
        return f"第 {'、'.join(pages)} 页未能识别文字，须人工审查"
    what = _NOTICE_CONFLICTS.get(key) or notices[0].message
    return f"{what}（{len(notices)} 处），须人工审查"


def scan_file(
    path: Path,
    detector: Detecting | None = None,
    policy: PolicyEngine | None = None,
    workers: int = 1,
) -> ScanResult:
    """Scan one file for the report; never raises, a failure becomes the result's ``errors``."""
    try:
        document, parts, proposal = _scanned(path, detector, policy, PartEncoder().encode, workers)
    except DetectionProcessDiedError as exc:  # a process detecting part of this file died
        return failed_result(path, WorkerFailedError(str(exc), path))
    except MemoryError:
        return failed_result(path, ResourceLimitError("内存不足", path))
    except Exception as exc:
        return failed_result(path, exc)
    return ScanResult(
        str(path),
        document.sha256,
        len(document.blocks),
        proposal,
        EncodedFindings(parts),
        notices=tuple(document.notices),
    )


def failed_result(path: Path, error: Exception) -> ScanResult:
    """The report object of a file that could not be scanned; its digest when it is known or
    can be computed with bounds (a FIFO or /dev/zero gets none)."""
    digest = error.sha256 if isinstance(error, LoadError) else None
    sha256 = digest if digest is not None else file_digest(path)
    return ScanResult(str(path), sha256, errors=(ScanError.of(error, path),))


@dataclass(frozen=True)
class Refused:
    """A path named or found that is not scanned, with the reason (its error object)."""

    path: Path
    error: LoadError


Target = Path | Refused


def collect_targets(paths: Iterable[Path]) -> list[Target]:
    """Files named as they are (an unsupported one gets its error object); folders walked for
    supported, non-hidden files, skipping Office lock files (~$…). A walk never leaves its
    folder: a symlink pointing outside is refused, a symlinked folder is not entered (no
    loops). A folder with nothing to scan is refused too: every path named gets an object."""
    found: list[Target] = []
    for path in paths:
        if path.is_dir():
            walked = _walk(path)
            found.extend(walked or [Refused(path, EmptyFolderError(path=path))])
        else:
            found.append(path)
    return found


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files of ``collect_targets`` (for commands that only act on what can be read)."""
    return [target for target in collect_targets(paths) if isinstance(target, Path)]


def scan_many(files: Sequence[Target], workers: int = 1) -> Iterator[ScanResult]:
    """Results in input order, each file read and detected in a worker process with the limits
    of rules/limits.yaml. With ``workers`` > 1 several files are scanned at once, and a single
    file's blocks are spread over them instead (its table headers, head lines and commendation
    context are still decided over the whole document first)."""
    paths = [target for target in files if isinstance(target, Path)]
    single = len(paths) == 1
    job = _FileJob(default_policy(), _shared_detector(single), workers if single else 1)
    pool = WorkerPool(job, failed_result, min(workers, max(len(paths), 1)), limits().worker)
    scanned = pool.results(paths)
    for target in files:
        if isinstance(target, Refused):
            # Not even hashed: the refusal may be that it points out of the folder.
            yield ScanResult(
                str(target.path), None, errors=(ScanError.of(target.error, target.path),)
            )
        else:
            yield next(scanned)


def default_detector() -> Detecting:
    """The process's detector, built on first use (rules and automata; the NER model is loaded
    when the first prose asks for names)."""
    # Imported late: the detector pulls in Presidio and the NER model, which `--help`, the
    # policy tests and a GUI start-up screen do not need.
    from review_desk.detect.engine import default_detector as build

    return build()


def _shared_detector(single: bool) -> Detecting | None:
    """The detector, built before any worker starts, so that forked workers share its automata
    instead of building them each; rules that cannot be read stop the batch at once. For a
    single file the worker builds it: it is the only one, and a copy here would be counted
    again in the resident size of the worker and of each process it forks for a big file."""
    if single:
        from review_desk.detect.config import load_detect_rules

        load_detect_rules()  # a wrong rules file is still the batch's error, before any fork
        return None
    try:
        return default_detector()
    except ReviewDeskError:
        raise
    except Exception as exc:
        raise WorkerFailedError(f"无法建立检测器：{type(exc).__name__}: {exc}") from exc


class _FileJob:
    """What a worker does with one file: scan it (its findings encoded for the way back)."""

    def __init__(self, policy: PolicyEngine, detector: Detecting | None, workers: int) -> None:
        self.policy = policy
        self.detector = detector
        self.workers = workers

    def __call__(self, path: Path) -> ScanResult:
        return scan_file(path, self.detector, self.policy, self.workers)

    def __getstate__(self) -> dict[str, object]:
        # Where workers are spawned, not forked, each builds its own detector.
        return {"policy": self.policy, "detector": None, "workers": self.workers}


def _walk(folder: Path) -> list[Target]:
    root = folder.resolve()
    found: list[Target] = []

    def unlistable(error: OSError) -> None:
        where = Path(error.filename or folder)
        found.append(Refused(where, LoadError(f"无法列出文件夹内容：{error.strerror}", where)))

    for directory, subfolders, names in os.walk(folder, onerror=unlistable):
        subfolders[:] = [d for d in subfolders if not d.startswith((".", "~$"))]
        for name in names:
            path = Path(directory) / name
            if not name.startswith((".", "~$")) and path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(_inside(path, root))
    return sorted(found, key=lambda target: target.path if isinstance(target, Refused) else target)


def _inside(path: Path, root: Path) -> Target:
    if not path.is_symlink():
        return path
    target = path.resolve()
    if target.is_relative_to(root):
        return path
    return Refused(path, OutsideFolderError(f"指向 {target}", path))
