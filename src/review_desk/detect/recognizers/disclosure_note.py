"""The document's own disclosure note: the 附注 of GB/T 9704-2012 §7.3.6 ("（此件主动公开）",
"（此件公开发布）", "（此件不予公开）") and portal metadata ("公开方式：主动公开").

The finding's text is the note itself; the policy engine reads what it states from the same
wording table (`disclosure.notes` of rules/markings.yaml) and compares it with its proposal
(POLICY.md §3). The explanation starts with ``note=<value>;`` (``proactive``, ``on_request``,
``withheld``, ``redacted``: the attribute vocabulary of POLICY.md §1) for the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from review_desk.core.findings import Action, FindingType
from review_desk.detect.config import DisclosureRules
from review_desk.detect.recognizers.lines import Line, MarkHit, NoteShape, alternation, mark

NAME = "disclosure_note"


class DisclosureNoteRecognizer:
    def __init__(self, rules: DisclosureRules, subjects: Sequence[str], shape: NoteShape) -> None:
        self._notes = rules.notes
        self._shape = shape
        values = alternation(list(rules.notes))
        self._subject_note = re.compile(
            rf"(?:{alternation(subjects)})\s*(?:{alternation(rules.verbs)})?\s*(?P<note>{values})"
        )
        self._metadata = re.compile(rf"(?:{alternation(rules.labels)})\s*[:]?\s*(?P<note>{values})")

    def find(self, lines: Iterable[Line]) -> list[MarkHit]:
        hits: list[MarkHit] = []
        for line in lines:
            # A catalogue's 公开属性 column is no note of the catalogue itself.
            if line.cell:
                continue
            for match in self._subject_note.finditer(line.text):
                if self._shape.is_note(line, *match.span()):
                    hits.append(self._hit(line, match, "附注"))
            for match in self._metadata.finditer(line.text):
                hits.append(self._hit(line, match, "metadata"))
        return hits

    def _hit(self, line: Line, match: re.Match[str], source: str) -> MarkHit:
        note = self._notes[match.group("note")]
        return mark(
            line,
            match.span(),
            FindingType.DISCLOSURE_NOTE,
            NAME,
            Action.KEEP,
            f"note={note.value}; source={source}; text={match.group(0)}",
        )
