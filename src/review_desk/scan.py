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
import json
import math
import os
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from json.encoder import encode_basestring
from pathlib import Path
from typing import Protocol, overload

from review_desk.core.cells import texts_of
from review_desk.core.document import Document, Notice
from review_desk.core.errors import (
    EmptyFolderError,
    LoadError,
    OutsideFolderError,
    ResourceLimitError,
    ReviewDeskError,
)
from review_desk.core.findings import Action, Finding, FindingType, Proposal
from review_desk.core.heap import frozen_heap
from review_desk.isolation import WorkerPool
from review_desk.loaders import SUPPORTED_SUFFIXES, load
from review_desk.loaders._io import file_digest
from review_desk.loaders.limits import limits
from review_desk.policy import PolicyEngine, default_policy

JsonObject = dict[str, object]
#: Findings encoded per json.dumps call: one call each costs ~40% more on a 160,000-row sheet.
_JSON_BATCH = 4096
_SURROGATE = re.compile("[\ud800-\udfff]")


class Detecting(Protocol):
    def detect(self, document: Document, workers: int = 1) -> list[Finding]:
        """Findings of the document; ``workers`` > 1 may spread its blocks over processes."""
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


class EncodedFindings(Sequence[Finding]):
    """Findings as the JSON array items a worker process wrote, in UTF-8 parts of
    ``_JSON_BATCH`` items: a few hundred byte strings cross the process boundary, not ~640,000
    objects, and no one string of them all is built (a 160,000-row sheet's would be 300 MB);
    decoded only if someone asks for the findings themselves."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        encoder = _FindingEncoder()
        self.parts = tuple(
            ", ".join(map(encoder.encode, findings[start : start + _JSON_BATCH])).encode()
            for start in range(0, len(findings), _JSON_BATCH)
        )
        self._count = len(findings)
        self._decoded: list[Finding] | None = None

    def pieces(self) -> Iterator[str]:
        """The items as JSON text, comma-separated, a part at a time."""
        for index, part in enumerate(self.parts):
            yield (", " if index else "") + part.decode()

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        if self._decoded is None:
            items = json.loads(b"[" + b", ".join(self.parts) + b"]")
            self._decoded = [_finding_of(item) for item in items]
        return self._decoded[index]

    def __getstate__(self) -> dict[str, object]:
        return {"parts": self.parts, "_count": self._count, "_decoded": None}


def _finding_of(item: dict[str, object]) -> Finding:
    return Finding(
        FindingType(str(item["type"])),
        str(item["block"]),
        int(str(item["start"])),
        int(str(item["end"])),
        str(item["text"]),
        float(str(item["score"])),
        Action(str(item["action"])),
        str(item["detector"]),
        str(item["explanation"]),
    )


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

    def json_pieces(self) -> Iterator[str]:
        """``to_json`` as JSON text, one finding at a time: a 160,000-row sheet has ~640,000
        findings, and one dict or one string for all of them would cost gigabytes."""
        yield _dumps(self._head())[:-1] + ', "findings": ['
        if isinstance(self.findings, EncodedFindings):
            yield from self.findings.pieces()
        else:
            encoder = _FindingEncoder()
            for start in range(0, len(self.findings), _JSON_BATCH):
                batch = self.findings[start : start + _JSON_BATCH]
                yield (", " if start else "") + ", ".join(map(encoder.encode, batch))
        yield '], "notices": ' + _dumps([_notice_json(n) for n in self.notices])
        yield ', "errors": ' + _dumps([e.to_json() for e in self.errors]) + "}"

    def encoded(self) -> ScanResult:
        """This result with its findings as one JSON string, to send to another process."""
        return dataclasses.replace(self, findings=EncodedFindings(self.findings))

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


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class _FindingEncoder:
    """``_dumps(finding.to_json())``, three times as fast: the keys are written once, in a
    template, and the few distinct types and tails (score, action, detector and explanation) of
    a report are written once each."""

    def __init__(self) -> None:
        self._types: dict[str, str] = {}
        self._tails: dict[tuple[float, str, str, str], str] = {}

    def encode(self, f: Finding) -> str:
        kind = self._types.get(f.type)
        if kind is None:
            kind = self._types[f.type] = _string(str(f.type))
        key = (f.score, f.action, f.detector, f.explanation)
        tail = self._tails.get(key)
        if tail is None:
            tail = self._tail(f)
            # Only non-zero floats: 1 and 1.0, 0.0 and -0.0 are one key but two texts.
            if type(f.score) is float and f.score:
                self._tails[key] = tail
        return (
            f'{{"type": {kind}, "block": {_string(f.block)}, "start": {_number(f.start)}, '
            f'"end": {_number(f.end)}, "text": {_string(f.text)}, {tail}'
        )

    @staticmethod
    def _tail(f: Finding) -> str:
        return (
            f'"score": {_number(round(f.score, 4))}, "action": {_string(str(f.action))}, '
            f'"detector": {_string(f.detector)}, "explanation": {_string(f.explanation)}}}'
        )


#: The JSON string literal of a str, as ``_dumps`` writes it.
_string: Callable[[str], str] = encode_basestring


def _number(value: float) -> str:
    """A number as ``_dumps`` writes it, without its per-call overhead in the common cases."""
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return _dumps(value)


def scan_document(
    path: Path,
    detector: Detecting | None = None,
    policy: PolicyEngine | None = None,
    workers: int = 1,
) -> ScanOutcome:
    """Load, detect and propose; raises ReviewDeskError (or a bug's exception) on failure.
    ``workers`` > 1 spreads the document's blocks over that many processes (the CLI only: it
    forks, which a process with threads, such as the GUI, must not)."""
    document = _load_while_building(path) if detector is None else load(path)
    findings = _detect(detector or default_detector(), document, workers)
    if document.scanned_pages:
        from review_desk.ocr.confidence import with_unsure_readings
        from review_desk.ocr.settings import ocr_settings

        threshold = ocr_settings().confidence.low_char
        findings = with_unsure_readings(findings, document, threshold)
    with frozen_heap(collecting=True):
        proposal = (policy or default_policy()).propose(findings)
    return ScanOutcome(document, findings, with_notice_conflicts(proposal, document.notices))


def _load_while_building(path: Path) -> Document:
    """``load(path)`` while another thread builds the process's detector: its imports (Presidio,
    spaCy: ~0.8 s) run while calamine reads a sheet, which it does without holding the
    interpreter. The thread is done when this returns, even on a failure: a scan that forks
    for ``workers`` must fork from a process without threads. A failure to build is left to
    the caller's own call, which raises it in the caller's thread."""
    builder = threading.Thread(target=_build_quietly, name="review-desk-detector", daemon=True)
    builder.start()
    try:
        return load(path)
    finally:
        builder.join()


def _build_quietly() -> None:
    with contextlib.suppress(Exception):
        default_detector()


def _detect(detector: Detecting, document: Document, workers: int) -> list[Finding]:
    """Findings of ``document``, its over-long blocks detected in pieces (the NER model refuses
    texts past 1,000,000 characters, and per-block work must stay linear) and the findings
    pointed back into the original blocks."""
    pieces, origins = split_long_blocks(document, limits().detection.max_block_chars)
    findings = detector.detect(pieces, workers)
    if not origins:
        return findings
    return [_moved(finding, origins.get(finding.block)) for finding in findings]


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
        outcome = scan_document(path, detector, policy, workers)
    except BrokenProcessPool as exc:  # a process detecting part of this file died
        return failed_result(path, WorkerFailedError(str(exc), path))
    except MemoryError:
        return failed_result(path, ResourceLimitError("内存不足", path))
    except Exception as exc:
        return failed_result(path, exc)
    document = outcome.document
    return ScanResult(
        str(path),
        document.sha256,
        len(document.blocks),
        outcome.proposal,
        tuple(outcome.findings),
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
    """What a worker does with one file: scan it and encode the findings for the way back."""

    def __init__(self, policy: PolicyEngine, detector: Detecting | None, workers: int) -> None:
        self.policy = policy
        self.detector = detector
        self.workers = workers

    def __call__(self, path: Path) -> ScanResult:
        result = scan_file(path, self.detector, self.policy, self.workers)
        with frozen_heap(collecting=True):
            return result.encoded()

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
