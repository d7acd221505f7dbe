"""Load → detect → propose → scan report (ARCHITECTURE.md "The scan report"), for CLI and GUI.

A file that fails yields a result with ``errors`` filled instead of an exception, so a batch of
thousands of files always finishes and says which ones need a person.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import dataclass
from json.encoder import encode_basestring
from pathlib import Path
from typing import Protocol

from review_desk.core.document import Document
from review_desk.core.errors import ReviewDeskError
from review_desk.core.findings import Finding, Proposal
from review_desk.loaders import SUPPORTED_SUFFIXES, load
from review_desk.policy import PolicyEngine, default_policy

JsonObject = dict[str, object]
#: Findings encoded per json.dumps call: one call each costs ~40% more on a 160,000-row sheet.
_JSON_BATCH = 4096


class Detecting(Protocol):
    def detect(self, document: Document, workers: int = 1) -> list[Finding]:
        """Findings of the document; ``workers`` > 1 may spread its blocks over processes."""
        ...


class WorkerFailedError(ReviewDeskError):
    """A worker process died or could not build its detector: the batch cannot go on."""

    key = "worker_failed"
    summary = "扫描子进程异常退出"


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
        return {"key": self.key, "message": self.message}


@dataclass(frozen=True)
class ScanOutcome:
    """A scanned document, for the GUI: what was read, what was found, what is proposed."""

    document: Document
    findings: list[Finding]
    proposal: Proposal


@dataclass(frozen=True)
class ScanResult:
    """One object of the scan report; a failed file has ``errors`` and no proposal."""

    path: str
    sha256: str | None
    blocks: int = 0
    proposal: Proposal | None = None
    findings: tuple[Finding, ...] = ()
    errors: tuple[ScanError, ...] = ()

    def to_json(self) -> JsonObject:
        return {
            **self._head(),
            "findings": [f.to_json() for f in self.findings],
            "errors": [e.to_json() for e in self.errors],
        }

    def json_pieces(self) -> Iterator[str]:
        """``to_json`` as JSON text, one finding at a time: a 160,000-row sheet has ~640,000
        findings, and one dict or one string for all of them would cost gigabytes."""
        yield _dumps(self._head())[:-1] + ', "findings": ['
        encoder = _FindingEncoder()
        for start in range(0, len(self.findings), _JSON_BATCH):
            batch = self.findings[start : start + _JSON_BATCH]
            yield (", " if start else "") + ", ".join(map(encoder.encode, batch))
        yield '], "errors": ' + _dumps([e.to_json() for e in self.errors]) + "}"

    def _head(self) -> JsonObject:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "blocks": self.blocks,
            "attribute": self.proposal.to_json() if self.proposal is not None else None,
        }


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class _FindingEncoder:
    """``_dumps(finding.to_json())``, twice as fast: the keys are written once, in a template,
    and the few distinct types, actions, detectors and explanations of a report are escaped
    once each."""

    def __init__(self) -> None:
        self._escaped: dict[str, str] = {}

    def encode(self, f: Finding) -> str:
        return (
            f'{{"type": {self._repeated(f.type)}, "block": {_string(f.block)}, '
            f'"start": {_number(f.start)}, "end": {_number(f.end)}, "text": {_string(f.text)}, '
            f'"score": {_number(round(f.score, 4))}, "action": {self._repeated(f.action)}, '
            f'"detector": {self._repeated(f.detector)}, '
            f'"explanation": {self._repeated(f.explanation)}}}'
        )

    def _repeated(self, value: str) -> str:
        escaped = self._escaped.get(value)
        if escaped is None:
            escaped = self._escaped[value] = _string(str(value))
        return escaped


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
    document = load(path)
    findings = (detector or default_detector()).detect(document, workers)
    with _frozen_heap():
        proposal = (policy or default_policy()).propose(findings)
    return ScanOutcome(document, findings, proposal)


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
        failed = WorkerFailedError(str(exc), path)
        return ScanResult(str(path), _sha256_or_none(path), errors=(ScanError.of(failed, path),))
    except Exception as exc:
        return ScanResult(str(path), _sha256_or_none(path), errors=(ScanError.of(exc, path),))
    document = outcome.document
    return ScanResult(
        str(path), document.sha256, len(document.blocks), outcome.proposal, tuple(outcome.findings)
    )


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named as they are (an unsupported one gets its error object); folders walked
    recursively for supported, non-hidden files, skipping Office lock files (~$…)."""
    found: list[Path] = []
    for path in paths:
        found.extend(_walk(path) if path.is_dir() else [path])
    return found


def scan_many(files: Sequence[Path], workers: int = 1) -> Iterator[ScanResult]:
    """Results in input order; with ``workers`` > 1, several files are scanned in parallel
    processes, and a single file's blocks are spread over them instead (its table headers, head
    lines and commendation context are still decided over the whole document first)."""
    if workers > 1 and len(files) > 1:
        return _in_pool(files, min(workers, len(files)))
    return _in_process(files, workers)


def default_detector() -> Detecting:
    """The process's detector, built on first use (rules, automata and the NER model)."""
    # Imported late: the detector pulls in Presidio and the NER model, which `--help`, the
    # policy tests and a GUI start-up screen do not need.
    from review_desk.detect.engine import default_detector as build

    return build()


def _frozen_heap() -> AbstractContextManager[None]:
    """The document and its findings kept out of the collector's walks while the proposal and
    the report are made of them (see ``frozen_heap``)."""
    from review_desk.detect.engine import frozen_heap

    return frozen_heap()


def _walk(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith((".", "~$")) for part in p.relative_to(folder).parts)
    )


def _sha256_or_none(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _in_process(files: Sequence[Path], workers: int = 1) -> Iterator[ScanResult]:
    # Rules first: a broken policy.yaml must stop the batch before hours of scanning, not after.
    policy = default_policy()
    detector = default_detector()
    for path in files:
        result = scan_file(path, detector, policy, workers)
        # The caller writes the report now: ~640,000 findings on a 160,000-row sheet.
        with _frozen_heap():
            yield result


def _in_pool(files: Sequence[Path], workers: int) -> Iterator[ScanResult]:
    default_policy()
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
            futures: list[Future[ScanResult]] = [pool.submit(_scan_in_worker, p) for p in files]
            for future in futures:
                yield future.result()
    except BrokenProcessPool as exc:  # raised by submit or result, whichever comes first
        raise WorkerFailedError(str(exc)) from exc


_worker_detector: Detecting | None = None


def _init_worker() -> None:
    """Build the detector once per worker process, not once per file."""
    global _worker_detector
    _worker_detector = default_detector()


def _scan_in_worker(path: Path) -> ScanResult:
    assert _worker_detector is not None, "worker started without _init_worker"
    return scan_file(path, _worker_detector)
