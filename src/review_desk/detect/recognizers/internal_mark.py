"""Internal markings (《政府信息公开条例》第十六条第一款; POLICY.md §3 row 4): 内部资料, 内部文件,
注意保存, 仅供内部参考 … standing as a note. "内部审批事项" or "内部工作流程" in a sentence is
no marking.
"""

from __future__ import annotations

from review_desk.core.findings import FindingType
from review_desk.detect.config import PhraseRules
from review_desk.detect.recognizers.lines import NoteShape
from review_desk.detect.recognizers.phrase_note import PhraseNoteRecognizer


class InternalMarkRecognizer(PhraseNoteRecognizer):
    TYPE = FindingType.INTERNAL_MARK
    NAME = "internal_mark"
    LABEL = "internal"
    IN_CELLS = True

    def __init__(self, rules: PhraseRules, shape: NoteShape) -> None:
        super().__init__(rules.phrases, shape)
