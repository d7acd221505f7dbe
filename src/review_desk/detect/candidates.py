"""A block's candidates before names are added: the analyzer's results, deny-list terms, health
terms, masked names, and the whole cell as its column's type."""

from __future__ import annotations

from presidio_analyzer import RecognizerResult

from review_desk.core.document import Block
from review_desk.detect.actions import DENY_LIST, MASKED, ActionRules, Candidate
from review_desk.detect.config import DetectRules
from review_desk.detect.findings import TYPES, candidate_of
from review_desk.detect.overlaps import lookalike_in_id_column
from review_desk.detect.recognizers.address import AddressCut
from review_desk.detect.recognizers.health import HealthTermRecognizer
from review_desk.detect.recognizers.masked_name import MaskedNameRecognizer
from review_desk.detect.tables import (
    ADDRESS,
    PERSON,
    RESIDENT_ID,
    ROLE_TYPES,
    Cell,
    ColumnRoles,
    RowInfo,
    id_cell_note,
)
from review_desk.detect.terms import TermHit, TermMatcher
from review_desk.detect.views import BlockView
from review_desk.detect.work import BlockWork, wants_names


class BlockCandidates:
    """Finds the candidates of one block at a time."""

    def __init__(
        self,
        rules: DetectRules,
        actions: ActionRules,
        columns: ColumnRoles,
        health: HealthTermRecognizer,
        masked_names: MaskedNameRecognizer,
    ) -> None:
        self.actions = actions
        self.columns = columns
        self.health = health
        self.masked_names = masked_names
        self.score = rules.tables.score
        self.address_cut = AddressCut(
            rules.masking.address, rules.people.mask_chars, rules.identifiers.recognizers.address
        )
        self.deny_list = TermMatcher(
            {str(kind): terms for kind, terms in rules.context.deny_list.items()}
        )

    def work(
        self,
        block: Block,
        view: BlockView,
        row: RowInfo | None,
        results: list[RecognizerResult],
    ) -> BlockWork | None:
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
        candidates = self._found(text, cells, results)
        masked = self.masked_names.spans(text)
        if (
            candidates
            or health
            or masked
            or any(c.role == PERSON for c in cells)
            or wants_names(block, row, text)
        ):
            return self._work(block, view, row, candidates, health, masked)
        return None

    def _found(
        self, text: str, cells: tuple[Cell, ...], results: list[RecognizerResult]
    ) -> list[Candidate]:
        """The analyzer's results and deny-list terms, then each typed cell's whole value."""
        candidates = [candidate_of(r) for r in results]
        denied = self.deny_list.find(text)
        if denied:
            candidates.extend(
                Candidate(TYPES[h.category], h.start, h.end, 1.0, DENY_LIST, "term", True)
                for h in denied
            )
        if candidates and cells:
            candidates = [c for c in candidates if not lookalike_in_id_column(c, cells)]
        for cell in cells:
            if cell.role is not None:
                candidates.extend(self._cell_candidates(text, cell, candidates))
        return candidates

    def _work(
        self,
        block: Block,
        view: BlockView,
        row: RowInfo | None,
        candidates: list[Candidate],
        health: list[TermHit],
        masked: list[tuple[int, int]],
    ) -> BlockWork:
        cues = self.actions.cues(view.text)
        return BlockWork(block, view, row, candidates, health, masked, cues)

    def _cell_candidates(self, text: str, cell: Cell, found: list[Candidate]) -> list[Candidate]:
        """The whole cell as its column's type when no recognizer found that type in it."""
        if cell.role is None or cell.role not in ROLE_TYPES or cell.role == PERSON:
            return []
        kind = ROLE_TYPES[cell.role]
        span = self.columns.cell_value(text, cell.start, cell.end)
        if span is None:
            return []
        start, end = span
        for c in found:
            # The recognizer found the column's type in the value, or something covers it all.
            if (c.type is kind and start <= c.start and c.end <= end) or (
                c.start <= start and end <= c.end
            ):
                return []
        value = text[start:end]
        if cell.role == ADDRESS and self.address_cut.is_cut(value):
            note = "address cut at the level the masking keeps"
            return [Candidate(kind, *span, self.score, "table_column", MASKED, True, [note])]
        note = id_cell_note(value) if cell.role == RESIDENT_ID else f"value in a {cell.role} column"
        valid = cell.role != RESIDENT_ID or note == "valid ID"
        return [Candidate(kind, *span, self.score, "table_column", cell.role, valid, [note])]
