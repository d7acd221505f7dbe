"""Findings of the document-head markings (密级, 内部资料, 公开属性 …), read per document."""

from __future__ import annotations

from review_desk.core.document import Document
from review_desk.core.findings import Finding
from review_desk.detect.config import MarkingRules
from review_desk.detect.findings import mark_finding
from review_desk.detect.recognizers.disclosure_note import DisclosureNoteRecognizer
from review_desk.detect.recognizers.internal_mark import InternalMarkRecognizer
from review_desk.detect.recognizers.lines import MarkHit, NoteShape, document_lines
from review_desk.detect.recognizers.process_info import ProcessInfoRecognizer
from review_desk.detect.recognizers.secrecy_marking import SecrecyMarkingRecognizer
from review_desk.detect.recognizers.work_secret import WorkSecretRecognizer


class Markings:
    def __init__(self, rules: MarkingRules) -> None:
        self.head_lines = rules.head_lines
        shape = NoteShape(rules.note_fillers, rules.note_subjects, rules.note_labels)
        self.markers = (
            SecrecyMarkingRecognizer(rules.secrecy),
            WorkSecretRecognizer(rules.work_secret, shape),
            InternalMarkRecognizer(rules.internal, shape),
            ProcessInfoRecognizer(rules.process, shape),
            DisclosureNoteRecognizer(rules.disclosure, rules.note_subjects, shape),
        )

    def findings(self, document: Document) -> list[Finding]:
        lines = list(document_lines(document, self.head_lines))
        hits: list[MarkHit] = []
        for marker in self.markers:
            hits.extend(marker.find(lines))
        return [mark_finding(hit) for hit in hits]
