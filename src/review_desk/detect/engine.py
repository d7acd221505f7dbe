"""The Detector: every finding of a document, each with its POLICY.md §5 action and why.

Per block: the Presidio analyzer (identifiers), the name source (PERSON), table columns, and
health terms; per document: the markings. Matching runs on each block's normalised text and every
finding is mapped back to the block's original offsets.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from presidio_analyzer import RecognizerResult

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect.actions import (
    ASSISTANCE,
    COMMENDATION,
    DENY_LIST,
    MASKED,
    NAME_BOUNDARIES,
    ActionRules,
    BlockContext,
    Candidate,
    role_at,
)
from review_desk.detect.analyzer import ChineseAnalyzer
from review_desk.detect.config import DetectRules, load_detect_rules
from review_desk.detect.names import (
    BaselineNameSource,
    NameSource,
    NerNameSource,
    Span,
    UnionNameSource,
    drop_contained,
)
from review_desk.detect.parallel import can_fork, detect_in_processes
from review_desk.detect.recognizers.address import AddressCut
from review_desk.detect.recognizers.base import VALID_RESULT_KEY
from review_desk.detect.recognizers.disclosure_note import DisclosureNoteRecognizer
from review_desk.detect.recognizers.health import HealthTermRecognizer
from review_desk.detect.recognizers.internal_mark import InternalMarkRecognizer
from review_desk.detect.recognizers.lines import MarkHit, NoteShape, document_lines
from review_desk.detect.recognizers.masked_name import MaskedNameRecognizer
from review_desk.detect.recognizers.process_info import ProcessInfoRecognizer
from review_desk.detect.recognizers.secrecy_marking import SecrecyMarkingRecognizer
from review_desk.detect.recognizers.work_secret import WorkSecretRecognizer
from review_desk.detect.tables import (
    ADDRESS,
    PERSON,
    RESIDENT_ID,
    ROLE_TYPES,
    Cell,
    ColumnRoles,
    Place,
    RowInfo,
    TableInfo,
    id_cell_note,
    table_of,
)
from review_desk.detect.terms import CueIndex, TermHit, TermMatcher
from review_desk.detect.views import BlockView, block_view, is_plain

#: When two findings overlap, the higher score wins; on a tie, the earlier type in this list.
_PRIORITY = (
    FindingType.CN_USCC,
    FindingType.CN_RESIDENT_ID,
    FindingType.PHONE_NUMBER,
    FindingType.BANK_CARD,
    FindingType.PASSPORT,
    FindingType.TRAVEL_PERMIT,
    FindingType.EMAIL,
    FindingType.LICENSE_PLATE,
    FindingType.ADDRESS,
    FindingType.PERSON,
    FindingType.HEALTH_INFO,
)
#: Blocks whose text is prose the name source should read (table cells are read by column).
_NAME_KINDS = frozenset(
    {
        BlockKind.PARAGRAPH,
        BlockKind.PDF_LINE,
        BlockKind.TEXT_BOX,
        BlockKind.FOOTNOTE,
        BlockKind.COMMENT,
        BlockKind.HEADER,
        BlockKind.FOOTER,
        BlockKind.TABLE_CELL,
        BlockKind.SHEET_CELL,
    }
)


_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Blocks that may hold a table written as text, one row per block.
_ROW_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.PDF_LINE})
#: Blocks that may be a document's title: a heading, a line, a table's (sheet's) title row.
_TITLE_KINDS = frozenset(
    {
        BlockKind.PARAGRAPH,
        BlockKind.PDF_LINE,
        BlockKind.TEXT_BOX,
        BlockKind.TABLE_CELL,
        BlockKind.SHEET_CELL,
    }
)
#: Blocks detected together: the per-block work of a chunk dies before the next chunk starts, so
#: memory stays flat on a sheet of a million cells (the findings are what remains).
CHUNK_BLOCKS = 20_000
_TYPES = {str(t): t for t in FindingType}
#: Joins block texts for a whole-document look-up: neither a digit, a blank nor a letter.
_TEXT_EDGE = "\x00"


@dataclass(frozen=True, slots=True)
class DetectionPlan:
    """What is decided over the whole document before any block is detected: the blocks with
    text, the layout of its tables (roles from headers, title and footer rows, forms), rows of
    tables written as text, and whether the document publishes people by name. Any range of
    blocks is then detected on its own, with the same findings as when the whole document is
    detected at once."""

    blocks: list[Block]
    tables: dict[str, TableInfo]
    text_rows: dict[str, RowInfo]
    commendation: bool
    #: Rows of table cells by (table, role, text length): a million cells share a few dozen.
    _cell_rows: dict[tuple[str, str | None, int], RowInfo] = field(default_factory=dict)

    def chunks(self) -> list[tuple[int, int]]:
        """Ranges of ``blocks`` to detect one at a time."""
        size = CHUNK_BLOCKS
        return [(start, start + size) for start in range(0, len(self.blocks), size)]

    def row(self, block: Block, text: str) -> RowInfo | None:
        """The block's cells and column roles, if it is (in) a table row."""
        found = self.text_rows.get(block.id)
        if found is not None or block.column is None:
            return found
        table = table_of(block)
        info = self.tables.get(table) if table is not None else None
        if table is None or info is None:
            return None
        layout = info.layout(block)
        if layout.place is Place.PROSE:
            # A title, note or footer: read like a paragraph, with its own context.
            return None
        if layout.place is Place.LABEL:
            return RowInfo((), info.private, info.roster, label=True, quiet=layout.quiet)
        key = (table, layout.role, len(text))
        row = self._cell_rows.get(key)
        if row is None:
            cells = (Cell(0, len(text), layout.role),)
            row = self._cell_rows[key] = RowInfo(cells, info.private, info.roster)
        return row


@dataclass(slots=True)
class _BlockWork:
    block: Block
    view: BlockView
    row: RowInfo | None
    candidates: list[Candidate]
    health: list[TermHit]
    #: Masked names, added after the name source's names (the order breaks ties in overlaps).
    masked: list[tuple[int, int]]
    #: The context cues of the block, found on first use.
    cues: CueIndex

    @property
    def text(self) -> str:
        return self.view.text

    @property
    def label(self) -> bool:
        """A header cell or line: labels, never values."""
        return self.row is not None and self.row.label

    @property
    def cells(self) -> tuple[Cell, ...]:
        return () if self.row is None else self.row.cells


class Detector:
    """Builds the analyzer, matchers and rules once; reusable across documents. Construct one per
    worker process (it holds compiled automata and Presidio objects, not meant to be pickled).

    ``prescreen=False`` sends every block to Presidio: the reference the tests compare with."""

    def __init__(
        self,
        *,
        names: NameSource | None = None,
        rules: DetectRules | None = None,
        prescreen: bool = True,
    ) -> None:
        self.rules = rules or load_detect_rules()
        self.analyzer = ChineseAnalyzer(self.rules.identifiers, prescreen=prescreen)
        self.actions = ActionRules(self.rules.context)
        self.names: NameSource = names or BaselineNameSource(self.rules.people, self.rules.context)
        # The detector name of PERSON findings says which source proposed them.
        self._names_id = str(getattr(self.names, "detector_id", "names"))
        self.columns = ColumnRoles(self.rules.tables)
        self.address_cut = AddressCut(self.rules.masking.address, self.rules.people.mask_chars)
        self.health = HealthTermRecognizer(self.rules.health)
        self.masked_names = MaskedNameRecognizer(self.rules.people)
        self._not_names = frozenset(self.rules.people.not_names)
        self.deny_list = TermMatcher(
            {str(kind): terms for kind, terms in self.rules.context.deny_list.items()}
        )
        markings = self.rules.markings
        shape = NoteShape(markings.note_fillers, markings.note_subjects, markings.note_labels)
        self.markers = (
            SecrecyMarkingRecognizer(markings.secrecy),
            WorkSecretRecognizer(markings.work_secret, shape),
            InternalMarkRecognizer(markings.internal, shape),
            ProcessInfoRecognizer(markings.process, shape),
            DisclosureNoteRecognizer(markings.disclosure, markings.note_subjects, shape),
        )

    def detect(self, document: Document, workers: int = 1) -> list[Finding]:
        """All findings in block order, markings last. With ``workers`` > 1 the chunks of a big
        document are detected in that many forked processes, with the same result."""
        with frozen_heap():
            plan = self.plan(document)
            chunks = plan.chunks()
            if workers > 1 and len(chunks) > 1 and can_fork():
                findings = detect_in_processes(self, plan, workers)
            else:
                findings = []
                for start, stop in chunks:
                    findings.extend(self.detect_range(plan, start, stop))
                    # The chunk's findings join the frozen heap (its work objects are gone).
                    gc.freeze()
            findings.extend(self.markings(document))
        return findings

    def plan(self, document: Document) -> DetectionPlan:
        """The whole-document pass: cheap, and nothing of it is kept per block."""
        blocks = [block for block in document.blocks if block.text]
        lines = [(b.id, block_view(b).text) for b in blocks if b.kind in _ROW_KINDS]
        tables = self.columns.tables(blocks)
        text_rows = self.columns.text_rows(lines)
        return DetectionPlan(blocks, tables, text_rows, self._commends(blocks, tables, text_rows))

    def _commends(
        self, blocks: list[Block], tables: dict[str, TableInfo], text_rows: dict[str, RowInfo]
    ) -> bool:
        """Whether the document publishes names by design (POLICY.md §5, 公示 by purpose): its
        title says what it is for, an assistance cue before a commendation cue (a sheet's title
        row as much as a DOCX heading); a document whose title says neither is a commendation
        only when a commendation cue occurs in it and no assistance cue does."""
        for title in self._titles(blocks, tables, text_rows):
            purposes = self.actions.purposes(title)
            if purposes:
                return ASSISTANCE not in purposes
        return self._purposes(blocks) == {COMMENDATION}

    def _titles(
        self, blocks: list[Block], tables: dict[str, TableInfo], text_rows: dict[str, RowInfo]
    ) -> list[str]:
        """The first lines of text before any record: headings, a table's title rows."""
        titles: list[str] = []
        for block in blocks:
            place = self._place(block, tables, text_rows)
            if place is Place.VALUE:
                break
            text = block_view(block).text if place is Place.PROSE else ""
            if _CJK.search(text) is not None:
                titles.append(text)
                if len(titles) == self.rules.context.title_blocks:
                    break
        return titles

    @staticmethod
    def _place(
        block: Block, tables: dict[str, TableInfo], text_rows: dict[str, RowInfo]
    ) -> Place | None:
        """Whether a block is prose, a label or a record's value; None for a block that cannot
        be a title (a page header, a comment, a property)."""
        if block.kind not in _TITLE_KINDS:
            return None
        row = text_rows.get(block.id)
        if row is not None:
            return Place.LABEL if row.label else Place.VALUE
        table = table_of(block)
        info = tables.get(table) if table is not None else None
        return Place.PROSE if info is None else info.layout(block).place

    def _purposes(self, blocks: list[Block]) -> frozenset[str]:
        """The purpose cues anywhere in the document: in one pass over all texts when none of
        them needs normalising (a sheet of digits and simplified characters), else block by
        block."""
        # No cue holds the separator, so no cue is found across two blocks.
        joined = _TEXT_EDGE.join(block.text for block in blocks)
        if is_plain(joined):
            return self.actions.purposes(joined)
        found: set[str] = set()
        for block in blocks:
            found |= self.actions.purposes(block_view(block).text)
        return frozenset(found)

    def detect_range(self, plan: DetectionPlan, start: int, stop: int) -> list[Finding]:
        """Findings of ``plan.blocks[start:stop]`` in block order (markings aside)."""
        blocks = plan.blocks[start:stop]
        views = [block_view(b) for b in blocks]
        rows = [plan.row(b, v.text) for b, v in zip(blocks, views, strict=True)]
        pairs = list(zip(views, rows, strict=True))
        results = self.analyzer.analyze_many(
            [v.text if not _is_label(r) else "" for v, r in pairs],
            [_LOOKALIKE_NAMES if _is_id_cell(r, v.text) else _NONE for v, r in pairs],
        )
        works = [
            work
            for block, view, row, found in zip(blocks, views, rows, results, strict=True)
            if (work := self._analyze_block(block, view, row, found)) is not None
        ]
        self._add_people(works)
        findings: list[Finding] = []
        for work in works:
            findings.extend(self._decide_block(work, plan.commendation))
        return findings

    def _analyze_block(
        self,
        block: Block,
        view: BlockView,
        row: RowInfo | None,
        results: list[RecognizerResult],
    ) -> _BlockWork | None:
        """The block's candidates, or None when nothing in it can become a finding (most cells of
        a sheet: an amount, a count)."""
        text = view.text
        if row is not None and row.label:
            # A header holds no values, but a health term in a person table's header is reported
            # (a form's printed field names and a health column's header are not).
            health = [] if row.quiet else self.health.terms(text)
            return self._work(block, view, row, [], health, []) if health else None
        health = self.health.terms(text)
        cells = () if row is None else row.cells
        candidates = [_candidate(r) for r in results]
        candidates.extend(
            Candidate(_TYPES[h.category], h.start, h.end, 1.0, DENY_LIST, "term", True)
            for h in self.deny_list.find(text)
        )
        if candidates and cells:
            candidates = [c for c in candidates if not _lookalike_in_id_column(c, cells)]
        for cell in cells:
            if cell.role is not None:
                candidates.extend(self._cell_candidates(text, cell, candidates))
        work = self._work(block, view, row, candidates, health, self.masked_names.spans(text))
        if candidates or health or work.masked or any(c.role == PERSON for c in cells):
            return work
        return work if _wants_names(work) else None

    def _work(
        self,
        block: Block,
        view: BlockView,
        row: RowInfo | None,
        candidates: list[Candidate],
        health: list[TermHit],
        masked: list[Span],
    ) -> _BlockWork:
        cues = self.actions.cues(view.text)
        return _BlockWork(block, view, row, candidates, health, masked, cues)

    def _cell_candidates(self, text: str, cell: Cell, found: list[Candidate]) -> list[Candidate]:
        """The whole cell as its column's type when no recognizer found that type in it."""
        if cell.role is None or cell.role not in ROLE_TYPES or cell.role == PERSON:
            return []
        kind = ROLE_TYPES[cell.role]
        span = self.columns.cell_value(text, cell.start, cell.end)
        if span is None:
            return []
        inside = [c for c in found if span[0] <= c.start and c.end <= span[1]]
        if any(c.type is kind for c in inside):
            return []
        if any(c.start <= span[0] and span[1] <= c.end for c in found):
            return []
        value = text[span[0] : span[1]]
        score = self.rules.tables.score
        if cell.role == ADDRESS and self.address_cut.is_cut(value):
            note = "address cut at the level the masking keeps"
            return [Candidate(kind, *span, score, "table_column", MASKED, True, [note])]
        note = id_cell_note(value) if cell.role == RESIDENT_ID else f"value in a {cell.role} column"
        valid = cell.role != RESIDENT_ID or note == "valid ID"
        return [Candidate(kind, *span, score, "table_column", cell.role, valid, [note])]

    def _add_people(self, works: list[_BlockWork]) -> None:
        prose = [w for w in works if _wants_names(w)]
        spans = self.names.persons([w.text for w in prose]) if prose else []
        score = self.rules.people.score
        for work, people in zip(prose, spans, strict=True):
            work.candidates.extend(
                Candidate(FindingType.PERSON, s, e, score, self._names_id, "name", True)
                for s, e in self._names(work, people)
            )
        masked_score = self.rules.tables.score
        for work in works:
            work.candidates.extend(
                Candidate(
                    FindingType.PERSON, s, e, masked_score, MaskedNameRecognizer.NAME, MASKED, True
                )
                for s, e in work.masked
            )
            for cell in work.cells:
                if cell.role == PERSON:
                    work.candidates.extend(self._person_cell(work, cell))

    def _names(self, work: _BlockWork, spans: list[Span]) -> list[Span]:
        """The name source's spans, mended: a span reaching into a cue took a character of it
        ("实习生王小明" read as 生王小) and is cut back to the name, which the cue-led baseline
        then finds whole; a span that is a common word (关系, 时间) is no name."""
        cues = [hit for hit in work.cues.hits if hit.category in NAME_BOUNDARIES]
        mended = {_outside(span, cues) for span in spans}
        text = work.text
        return sorted(
            (s, e)
            for s, e in drop_contained({span for span in mended if span[1] - span[0] >= 2})
            if text[s:e] not in self._not_names
        )

    def _person_cell(self, work: _BlockWork, cell: Cell) -> list[Candidate]:
        span = self.columns.cell_value(work.text, cell.start, cell.end)
        if span is None or any(c.start < span[1] and span[0] < c.end for c in work.candidates):
            return []
        masked = self.masked_names.is_masked(work.text[span[0] : span[1]])
        kind = MASKED if masked else "column"
        score = self.rules.tables.score
        return [
            Candidate(
                FindingType.PERSON, *span, score, "table_column", kind, True, ["person column"]
            )
        ]

    def _decide_block(self, work: _BlockWork, commendation: bool) -> list[Finding]:
        ctx = BlockContext(text=work.text, cues=work.cues)
        if work.row is not None:
            ctx.cells, ctx.private_table = work.row.cells, work.row.private
            ctx.roster_table = work.row.roster
        ctx.commendation = commendation
        chosen = _resolve_overlaps(work.candidates)
        people = [c for c in chosen if c.type is FindingType.PERSON]
        decided: list[tuple[Candidate, Action, str]] = []
        for person in people:
            action, why = self.actions.decide(person, ctx)
            decided.append((person, action, why))
            if action is Action.REDACT:
                ctx.private_people.append((person.start, person.end))
        for candidate in chosen:
            if candidate.type is not FindingType.PERSON:
                action, why = self.actions.decide(candidate, ctx)
                decided.append((candidate, action, why))
        values = [c for c in chosen if c.type is FindingType.HEALTH_INFO]
        decided.extend(self._health(ctx, work.health, decided[: len(people)], values))
        return [_finding(work.block, work.view, c, a, w) for c, a, w in decided]

    def _health(
        self,
        ctx: BlockContext,
        hits: list[TermHit],
        people: list[tuple[Candidate, Action, str]],
        reported: list[Candidate],
    ) -> list[tuple[Candidate, Action, str]]:
        """Health terms tied to a person, but for those inside an already ``reported`` health
        value (a cell of a health column)."""
        # Officials' names do not make a term personal ("张厅长调研大病救助" is policy prose); a
        # term takes the action of the person it is tied to, or redact in a private table row.
        private = [(p.start, p.end) for p, action, _ in people if action is Action.REDACT]
        unsure = [(p.start, p.end) for p, action, _ in people if action is Action.REVIEW]
        found = []
        for hit in hits:
            if any(c.start <= hit.start and hit.end <= c.end for c in reported):
                continue
            if ctx.private_table or ctx.role_at(hit.start, hit.end) == "health":
                action, reason = Action.REDACT, "in a row of a person table"
            elif self.health.tied(hit, private, ctx.text) is not None:
                action, reason = Action.REDACT, "tied to a private person"
            elif self.health.tied(hit, unsure, ctx.text) is not None:
                action, reason = Action.REVIEW, "tied to a person the reviewer must judge"
            else:
                continue
            candidate = Candidate(
                FindingType.HEALTH_INFO,
                hit.start,
                hit.end,
                self.rules.health.score,
                HealthTermRecognizer.NAME,
                "term",
                True,
                [f"term {hit.term}"],
            )
            found.append((candidate, action, f"health information {reason}"))
        return found

    def markings(self, document: Document) -> list[Finding]:
        """Findings of the document-head markings (密级, 内部资料, 公开属性 …)."""
        lines = list(document_lines(document, self.rules.markings.head_lines))
        hits: list[MarkHit] = []
        for marker in self.markers:
            hits.extend(marker.find(lines))
        return [_mark_finding(hit) for hit in hits]


def _is_label(row: RowInfo | None) -> bool:
    return row is not None and row.label


def _wants_names(work: _BlockWork) -> bool:
    """Whether the name source should read the block: prose, and table cells of no typed column
    (a 备注 cell may name a family member); a typed cell is read by its column instead, and a
    block without Chinese characters holds no Chinese name."""
    return (
        not work.label
        and work.block.kind in _NAME_KINDS
        and not any(cell.role in ROLE_TYPES for cell in work.cells)
        and _CJK.search(work.text) is not None
    )


def _outside(span: Span, cues: list[TermHit]) -> Span:
    """The span without the part of it that lies in a cue."""
    start, end = span
    for cue in cues:
        if cue.start <= start < cue.end:
            start = cue.end
        if cue.start < end <= cue.end:
            end = cue.start
    return start, max(start, end)


def _candidate(result: RecognizerResult) -> Candidate:
    explanation = result.analysis_explanation
    metadata = result.recognition_metadata or {}
    notes = []
    context_word = None
    if explanation is not None:
        notes = [explanation.textual_explanation, f"pattern {explanation.pattern_name}"]
        context_word = explanation.supportive_context_word or None
        if context_word:
            notes.append(f"context {context_word}")
    return Candidate(
        type=_TYPES[result.entity_type],
        start=result.start,
        end=result.end,
        score=float(result.score),
        detector=str(metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")),
        kind=explanation.pattern_name if explanation is not None else "",
        valid=metadata.get(VALID_RESULT_KEY) == "valid",
        notes=notes,
        context_word=context_word,
    )


def _rank(c: Candidate) -> tuple[float, int, int]:
    return (-c.score, _PRIORITY.index(c.type), -(c.end - c.start))


def _resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    if len(candidates) < 2:
        return candidates
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=_rank):
        clash = next(
            (c for c in chosen if c.start < candidate.end and candidate.start < c.end), None
        )
        if clash is None:
            chosen.append(candidate)
        elif _id_labelled_over_uscc(candidate, clash):
            chosen[chosen.index(clash)] = candidate
    return sorted(chosen, key=lambda c: c.start)


def _labelled(c: Candidate) -> bool:
    return c.context_word is not None


def _id_labelled_over_uscc(candidate: Candidate, winner: Candidate) -> bool:
    """The same 18 characters read as an ID and as something else: an ID labelled as one (and
    the other reading unlabelled) is an ID. A valid ID over a USCC (POLICY.md §5: organisation
    codes are not IDs, so the code wins otherwise); a doubtful ID over a card number that passes
    Luhn by chance (1 in 10 do)."""
    if candidate.type is not FindingType.CN_RESIDENT_ID or (candidate.start, candidate.end) != (
        winner.start,
        winner.end,
    ):
        return False
    if winner.type is FindingType.CN_USCC and not candidate.valid:
        return False
    return winner.type in _ID_LOOKALIKES and _labelled(candidate) and not _labelled(winner)


#: Types whose values can be the same 18 characters as an ID.
_ID_LOOKALIKES = frozenset({FindingType.CN_USCC, FindingType.BANK_CARD})
_LOOKALIKE_NAMES = frozenset(str(t) for t in _ID_LOOKALIKES)
_NONE: frozenset[str] = frozenset()


def _is_id_cell(row: RowInfo | None, text: str) -> bool:
    """A block that is one cell of an ID column: whatever a look-alike type finds in it is
    dropped (``_lookalike_in_id_column``), so Presidio need not look for those types at all."""
    if row is None or len(row.cells) != 1:
        return False
    cell = row.cells[0]
    return cell.role == RESIDENT_ID and cell.start == 0 and cell.end >= len(text)


def _lookalike_in_id_column(c: Candidate, cells: tuple[Cell, ...]) -> bool:
    """Under an ID column header the value is an ID even when it also validates as a code or
    passes the Luhn check."""
    return c.type in _ID_LOOKALIKES and role_at(cells, c.start, c.end) == RESIDENT_ID


def _finding(block: Block, view: BlockView, c: Candidate, action: Action, why: str) -> Finding:
    start, end = view.to_original(c.start, c.end)
    # Interned: the same few explanations recur on every row of a big table.
    notes = sys.intern("; ".join([*c.notes, why]))
    return Finding(
        type=c.type,
        block=block.id,
        start=start,
        end=end,
        text=block.text[start:end],
        score=round(c.score, 4),
        action=action,
        detector=c.detector,
        explanation=notes,
    )


def _mark_finding(hit: MarkHit) -> Finding:
    start, end = hit.block.normalized.to_original(hit.start, hit.end)
    return Finding(
        type=hit.type,
        block=hit.block.id,
        start=start,
        end=end,
        text=hit.block.text[start:end],
        score=hit.score,
        action=hit.action,
        detector=hit.detector,
        explanation=hit.explanation,
    )


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keeps the objects that exist now (a loaded document above all) out of the cyclic garbage
    collector inside the block. Detection, the proposal and the report make millions of
    short-lived objects, which keep triggering full collections, and each would walk the million
    blocks of a big sheet again (a third of detection time on the 160,000-row sheet). Objects
    are still freed by reference counting as usual; nothing a document holds is cyclic."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def make_name_source(rules: DetectRules) -> NameSource:
    """The NER model (with the baseline's cue-marked names) when it is installed and loads,
    else the surname/context baseline alone."""
    baseline = BaselineNameSource(rules.people, rules.context)
    ner = NerNameSource.load()
    return baseline if ner is None else UnionNameSource(ner, baseline)


@lru_cache(maxsize=1)
def default_detector() -> Detector:
    rules = load_detect_rules()
    return Detector(names=make_name_source(rules), rules=rules)
