"""Which of a block's overlapping candidates stands, and the readings of 18 characters that an ID
column settles (an ID that also validates as a USCC or passes the Luhn check of a card)."""

from __future__ import annotations

from review_desk.core.findings import FindingType
from review_desk.detect.actions import Candidate, role_at
from review_desk.detect.tables import RESIDENT_ID, Cell, RowInfo

#: When two findings overlap, the higher score wins; on a tie, the earlier type in this list.
PRIORITY = (
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
#: Types whose values can be the same 18 characters as an ID.
ID_LOOKALIKES = frozenset({FindingType.CN_USCC, FindingType.BANK_CARD})
LOOKALIKE_NAMES = frozenset(str(t) for t in ID_LOOKALIKES)
NO_TYPES: frozenset[str] = frozenset()


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that stand, in text order: of overlapping ones, the best ranked."""
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


def _rank(c: Candidate) -> tuple[float, int, int]:
    return (-c.score, PRIORITY.index(c.type), -(c.end - c.start))


def _labelled(c: Candidate) -> bool:
    return c.context_word is not None


def _id_labelled_over_uscc(candidate: Candidate, winner: Candidate) -> bool:
    """The same 18 characters read as an ID and as something else: an ID labelled as one (and
    the other reading unlabelled) is an ID. A valid ID over a USCC (POLICY.md §5: organisation
    codes are not IDs, so the code wins otherwise); a doubtful ID over a card number that passes
    Luhn by chance (1 in 10 do), and over a code whose own organisation code fails (digits that
    pass the USCC check character by chance, 1 in 31 do: "公民身份号码：6211261975…" with a
    typo is an ID to review, not an organisation's code to keep)."""
    if candidate.type is not FindingType.CN_RESIDENT_ID or (candidate.start, candidate.end) != (
        winner.start,
        winner.end,
    ):
        return False
    if winner.type is FindingType.CN_USCC and not candidate.valid and winner.valid:
        return False
    return winner.type in ID_LOOKALIKES and _labelled(candidate) and not _labelled(winner)


def is_id_cell(row: RowInfo | None, text: str) -> bool:
    """A block that is one cell of an ID column: whatever a look-alike type finds in it is
    dropped (``lookalike_in_id_column``), so Presidio need not look for those types at all."""
    if row is None or len(row.cells) != 1:
        return False
    cell = row.cells[0]
    return cell.role == RESIDENT_ID and cell.start == 0 and cell.end >= len(text)


def lookalike_in_id_column(c: Candidate, cells: tuple[Cell, ...]) -> bool:
    """Under an ID column header the value is an ID even when it also validates as a code or
    passes the Luhn check."""
    return c.type in ID_LOOKALIKES and role_at(cells, c.start, c.end) == RESIDENT_ID
