"""Process information (《政府信息公开条例》第十六条第二款: 讨论记录、过程稿、磋商信函、请示报告;
POLICY.md §3 row 4): a draft marking (讨论稿, 征求意见稿, 送审稿 …) standing as a note, or a
请示 title at the head of the document (GB/T 9704-2012 §7.3.1 标题 "关于…的请示").

A 征求意见稿 that the document itself offers for public comment (公开征求意见) is published by
design and yields nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from review_desk.core.findings import Action, FindingType
from review_desk.detect.config import ProcessRules
from review_desk.detect.recognizers.lines import Line, MarkHit, NoteShape, alternation, mark
from review_desk.detect.recognizers.phrase_note import PhraseNoteRecognizer

PUBLIC_DRAFT = "征求意见稿"


class ProcessInfoRecognizer(PhraseNoteRecognizer):
    TYPE = FindingType.PROCESS_INFO
    NAME = "process_info"
    LABEL = "process"

    def __init__(self, rules: ProcessRules, shape: NoteShape) -> None:
        super().__init__(rules.phrases, shape)
        self._public = re.compile(alternation(rules.public_consultation))
        self._request = re.compile(rf"(?:关于.*的)?(?:{alternation(rules.request_titles)})\s*$")

    def find(self, lines: Iterable[Line]) -> list[MarkHit]:
        all_lines: Sequence[Line] = list(lines)
        public = any(self._public.search(line.text) for line in all_lines)
        hits = [
            hit
            for hit in super().find(all_lines)
            if not (public and PUBLIC_DRAFT in hit.explanation)
        ]
        for line in all_lines:
            match = self._request.search(line.text) if line.head else None
            if match is not None and match.start() == len(line.text) - len(line.text.lstrip()):
                hits.append(
                    mark(
                        line,
                        match.span(),
                        self.TYPE,
                        self.NAME,
                        Action.REVIEW,
                        "process=请示; position=title at the head",
                    )
                )
        return hits
