"""Findings as the scan report writes them (ARCHITECTURE.md "The scan report"), kept compact.

A 160,000-row sheet has ~640,000 findings and a 1,000,000-row one ~4,000,000: as Finding
objects or as one JSON string they would cost gigabytes. A part holds a run of findings as the
JSON text of what is each one's own (block, offsets, text) and the index of its kind (type,
score, action, detector, explanation: a dozen distinct in a report, written once per part). The
process that detected a chunk encodes it; what crosses to the process that writes is a few
bytes per finding, and the text of a part is made only while it is written.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import overload

from review_desk.core.findings import Action, Finding, FindingType
from review_desk.core.templated import CellFindings, TemplatedFindings

#: Findings per part when a list is encoded at once (a report's findings built in one process).
_PART_FINDINGS = 4096
#: Between the findings' own fields in ``EncodedPart.fields``: JSON text never holds a raw NUL.
_SEPARATOR = b"\x00"

#: The JSON string literal of a str, as ``json.dumps(..., ensure_ascii=False)`` writes it.
_string: Callable[[str], str] = encode_basestring


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def utf8(text: str) -> bytes:
    """``text`` as the report's bytes: a lone surrogate (no document's text holds one, but a
    bug could) becomes "?", as a UTF-8 console writes it, and the report stays valid UTF-8."""
    return text.encode("utf-8", "replace")


def _number(value: float) -> str:
    """A number as ``dumps`` writes it, without its per-call overhead in the common cases."""
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return dumps(value)


@dataclass(frozen=True)
class EncodedPart:
    """Findings as UTF-8 JSON array items: item ``i`` is ``heads[k] + own[i] + tails[k]`` with
    ``k = kinds[i]``, ``own`` being ``fields`` cut at its NULs."""

    heads: tuple[bytes, ...]
    tails: tuple[bytes, ...]
    kinds: array[int]
    fields: bytes

    def __len__(self) -> int:
        return len(self.kinds)

    def data(self) -> bytes:
        """The items, comma-separated (bytes all along: a text would be decoded from the
        fields and encoded again to be written, six times the work)."""
        if not self.kinds:
            return b""
        heads, tails = self.heads, self.tails
        own = self.fields.split(_SEPARATOR)
        return b", ".join(
            [heads[kind] + item + tails[kind] for kind, item in zip(self.kinds, own, strict=True)]
        )


class PartEncoder:
    """Encodes findings into parts as ``dumps(finding.to_json())`` would write them, several
    times as fast: the keys are in templates, and a kind's head and tail are written once."""

    def __init__(self) -> None:
        self._heads: dict[str, str] = {}
        self._tails: dict[tuple[float, str, str, str], str] = {}

    def encode(self, findings: Sequence[Finding]) -> EncodedPart:
        part = _Part(self)
        if isinstance(findings, TemplatedFindings):
            part.add_cells(findings.cells)
        else:
            part.add(findings)
        heads = tuple(map(utf8, (head for head, _ in part.kinds_of)))
        tails = tuple(map(utf8, (tail for _, tail in part.kinds_of)))
        return EncodedPart(heads, tails, part.kinds, utf8("\x00".join(part.own)))

    def head(self, finding_type: str) -> str:
        head = self._heads.get(finding_type)
        if head is None:
            head = self._heads[finding_type] = f'{{"type": {_string(str(finding_type))}, "block": '
        return head

    def tail(self, score: float, action: str, detector: str, explanation: str) -> str:
        # Only non-zero floats are kept, and looked up: 1 and 1.0, 0.0 and -0.0 are one key
        # but two texts.
        kept = type(score) is float and score
        key = (score, action, detector, explanation)
        tail = self._tails.get(key) if kept else None
        if tail is None:
            tail = (
                f'"score": {_number(round(score, 4))}, "action": {_string(str(action))}, '
                f'"detector": {_string(detector)}, "explanation": {_string(explanation)}}}'
            )
            if kept:
                self._tails[key] = tail
        return tail


class _Part:
    """One part being encoded: its kinds in order of first use, and per finding its kind and
    its own fields."""

    def __init__(self, encoder: PartEncoder) -> None:
        self.encoder = encoder
        self.kinds_of: dict[tuple[str, str], int] = {}
        self.kinds = array("I")
        self.own: list[str] = []

    def kind(self, finding_type: str, score: float, action: str, detector: str, why: str) -> int:
        key = (self.encoder.head(finding_type), self.encoder.tail(score, action, detector, why))
        kind = self.kinds_of.get(key)
        if kind is None:
            kind = self.kinds_of[key] = len(self.kinds_of)
        return kind

    def add(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.kinds.append(self.kind(f.type, f.score, f.action, f.detector, f.explanation))
            self.own.append(
                f'{_string(f.block)}, "start": {_number(f.start)}, '
                f'"end": {_number(f.end)}, "text": {_string(f.text)}, '
            )

    def add_cells(self, cells: Sequence[CellFindings]) -> None:
        """The findings of each cell; a recalled cell's kinds are looked up once per template
        tuple of the memo (a million cells share a handful), its block written once."""
        kinds_of_templates: dict[int, tuple[int, ...]] = {}
        add_kind, add_own = self.kinds.append, self.own.append
        for cell in cells:
            if isinstance(cell, list):
                self.add(cell)
                continue
            templates, block_id, text = cell
            if not templates:
                continue
            # The cell holds its templates, so their id is no other tuple's while this runs.
            kinds = kinds_of_templates.get(id(templates))
            if kinds is None:
                kinds = kinds_of_templates[id(templates)] = tuple(
                    self.kind(t[0], t[3], t[4], t[5], t[6]) for t in templates
                )
            block = _string(block_id)
            for template, kind in zip(templates, kinds, strict=True):
                start, end = template[1], template[2]
                add_kind(kind)
                add_own(
                    f'{block}, "start": {_number(start)}, '
                    f'"end": {_number(end)}, "text": {_string(text[start:end])}, '
                )


class EncodedFindings(Sequence[Finding]):
    """A report's findings as encoded parts, in order; decoded only if someone asks for the
    findings themselves."""

    def __init__(self, parts: Sequence[EncodedPart]) -> None:
        self.parts = tuple(part for part in parts if len(part))
        self._count = sum(map(len, self.parts))
        self._decoded: list[Finding] | None = None

    @classmethod
    def of(cls, findings: Sequence[Finding]) -> EncodedFindings:
        encoder = PartEncoder()
        return cls(
            [
                encoder.encode(findings[start : start + _PART_FINDINGS])
                for start in range(0, len(findings), _PART_FINDINGS)
            ]
        )

    def pieces(self) -> Iterator[bytes]:
        """The items as UTF-8 JSON, comma-separated, a part at a time."""
        for index, part in enumerate(self.parts):
            if index:
                yield b", "
            yield part.data()

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        if self._decoded is None:
            items = json.loads(b"[" + b"".join(self.pieces()) + b"]")
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
