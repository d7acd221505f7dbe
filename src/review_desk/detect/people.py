"""PERSON candidates of a chunk's blocks: the name source's names in prose (read in one batch),
masked names, and the values of person columns."""

from __future__ import annotations

from review_desk.core.findings import FindingType
from review_desk.detect.actions import MASKED, NAME_BOUNDARIES, Candidate
from review_desk.detect.config import DetectRules
from review_desk.detect.names import NameSource, Span, drop_contained
from review_desk.detect.recognizers.masked_name import MaskedNameRecognizer
from review_desk.detect.tables import PERSON, Cell, ColumnRoles
from review_desk.detect.terms import TermHit
from review_desk.detect.work import BlockWork


class PeopleCandidates:
    def __init__(
        self,
        names: NameSource,
        rules: DetectRules,
        columns: ColumnRoles,
        masked_names: MaskedNameRecognizer,
    ) -> None:
        self.names = names
        # A relation (配偶, 长子) is no name, in a cell as much as in prose.
        context = rules.context
        self._not_names = frozenset(
            [*rules.people.not_names, *context.relatives, *context.relation_words]
        )
        self.name_score = rules.people.score
        self.column_score = rules.tables.score
        self.columns = columns
        self.masked_names = masked_names

    def add(self, works: list[BlockWork]) -> None:
        """Adds the PERSON candidates to each block's work."""
        prose = [w for w in works if w.wants_names]
        if prose:
            self._add_names(prose)
        for work in works:
            if work.masked:
                work.candidates.extend(self._masked(work))
            for cell in work.cells:
                if cell.role == PERSON:
                    work.candidates.extend(self._person_cell(work, cell))

    def _masked(self, work: BlockWork) -> list[Candidate]:
        score = self.column_score
        return [
            Candidate(FindingType.PERSON, s, e, score, MaskedNameRecognizer.NAME, MASKED, True)
            for s, e in work.masked
        ]

    def _add_names(self, prose: list[BlockWork]) -> None:
        spans = self.names.persons([w.text for w in prose])
        # Read after the names: the detector name of PERSON findings says which source proposed
        # them, and a lazily built source knows only once it is built.
        source = str(getattr(self.names, "detector_id", "names"))
        for work, people in zip(prose, spans, strict=True):
            work.candidates.extend(
                Candidate(FindingType.PERSON, s, e, self.name_score, source, "name", True)
                for s, e in self._names(work, people)
            )

    def _names(self, work: BlockWork, spans: list[Span]) -> list[Span]:
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

    def _person_cell(self, work: BlockWork, cell: Cell) -> list[Candidate]:
        span = self.columns.cell_value(work.text, cell.start, cell.end)
        if span is None or any(c.start < span[1] and span[0] < c.end for c in work.candidates):
            return []
        if work.text[span[0] : span[1]] in self._not_names:
            return []
        masked = self.masked_names.is_masked(work.text[span[0] : span[1]])
        kind = MASKED if masked else "column"
        return [
            Candidate(
                FindingType.PERSON,
                *span,
                self.column_score,
                "table_column",
                kind,
                True,
                ["person column"],
            )
        ]


def _outside(span: Span, cues: list[TermHit]) -> Span:
    """The span without the part of it that lies in a cue."""
    start, end = span
    for cue in cues:
        if cue.start <= start < cue.end:
            start = cue.end
        if cue.start < end <= cue.end:
            end = cue.start
    return start, max(start, end)
