"""Process information (《政府信息公开条例》第十六条第二款: 讨论记录、过程稿、磋商信函、请示报告;
POLICY.md §3 row 4): a draft marking (讨论稿, 征求意见稿, 送审稿 …) standing as a note; a 请示
title at the head of the document (GB/T 9704-2012 §7.3.1 标题 "关于…的请示", also after the issuing
organ, "某镇人民政府关于…的请示"); or the closing formula a 请示 ends with (《党政机关公文处理
工作条例》: "妥否，请批示。") as a sentence of its own, wherever it stands.

A draft marking also counts as the end of a title at the head ("…实施方案讨论稿"). A draft that
the document itself offers for public comment (a 征求意见稿 with 公开征求意见) is published by
design and yields nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from review_desk.core.findings import Action, FindingType
from review_desk.core.normalize import normalize
from review_desk.detect.config import ProcessRules
from review_desk.detect.recognizers.lines import Line, MarkHit, NoteShape, alternation, mark
from review_desk.detect.recognizers.phrase_note import PhraseNoteRecognizer

#: Where a sentence starts: the line's start or after a sentence's end.
_SENTENCE_START = r"(?:^|(?<=[。;!?]))\s*"
#: What may close the sentence of a closing formula.
_SENTENCE_END = r"\s*[。.!]?\s*(?=$|[。;!?])"


class ProcessInfoRecognizer(PhraseNoteRecognizer):
    TYPE = FindingType.PROCESS_INFO
    NAME = "process_info"
    LABEL = "process"
    IN_CELLS = True

    def __init__(self, rules: ProcessRules, shape: NoteShape) -> None:
        super().__init__(rules.phrases, shape)
        # A title that ends with the draft's name: "…实施方案讨论稿".
        self._title_tail = re.compile(rf"(?:{alternation(rules.phrases)})\s*$")
        self._public = re.compile(alternation(rules.public_consultation))
        self._public_drafts = frozenset(rules.public_drafts)
        titles = alternation(rules.request_titles)
        self._request = re.compile(rf"^\s*(?:\S{{0,30}}?关于.*的)?(?:{titles})\s*$")
        leads = alternation([normalize(lead).text for lead in rules.closing_leads])
        closings = "|".join(_closing_pattern(c) for c in rules.request_closings)
        self._closing = re.compile(
            rf"{_SENTENCE_START}(?P<closing>(?:(?:{leads})\s*)?(?:{closings})){_SENTENCE_END}"
        )

    def find(self, lines: Iterable[Line]) -> list[MarkHit]:
        all_lines: Sequence[Line] = list(lines)
        public = any(self._public.search(line.text) for line in all_lines)
        hits = super().find(all_lines)
        marked = {(hit.block.id, hit.start) for hit in hits}
        for line in all_lines:
            if line.cell:
                continue
            tail = self._draft_title(line) if line.head else None
            if tail is not None and (tail.block.id, tail.start) not in marked:
                hits.append(tail)
            hit = self._request_title(line) if line.head else None
            hits.extend([hit] if hit is not None else self._closings(line))
        if public:
            # A draft the document offers for public comment is published by design.
            hits = [hit for hit in hits if "".join(hit.phrase.split()) not in self._public_drafts]
        return hits

    def _draft_title(self, line: Line) -> MarkHit | None:
        match = self._title_tail.search(line.text.rstrip(" .。"))
        if match is None:
            return None
        why = f"process={match.group(0).strip()}; position=end of the title"
        return mark(line, match.span(), self.TYPE, self.NAME, Action.REVIEW, why)

    def _request_title(self, line: Line) -> MarkHit | None:
        match = self._request.match(line.text)
        if match is None:
            return None
        start = len(line.text) - len(line.text.lstrip())
        why = "process=请示; position=title at the head"
        return mark(line, (start, match.end()), self.TYPE, self.NAME, Action.REVIEW, why)

    def _closings(self, line: Line) -> list[MarkHit]:
        why = "process=请示; position=closing formula of a request"
        return [
            mark(line, match.span("closing"), self.TYPE, self.NAME, Action.REVIEW, why)
            for match in self._closing.finditer(line.text)
        ]


def _closing_pattern(closing: str) -> str:
    """A closing formula as written in the rules, matched on normalised text whatever the
    width of its comma and the blanks around it."""
    parts = re.split(r"[,，]", normalize(closing).text)
    return r"\s*,?\s*".join(re.escape(part.strip()) for part in parts)
