"""工作秘密 notes (《保守国家秘密法》第六十四条; POLICY.md §3 row 2): "此件属工作秘密",
"（工作秘密）" and the like, standing as a note. "保守国家秘密和工作秘密" in a sentence is a
concept, not a note, and yields nothing.
"""

from __future__ import annotations

from review_desk.core.findings import FindingType
from review_desk.detect.config import PhraseRules
from review_desk.detect.recognizers.lines import NoteShape
from review_desk.detect.recognizers.phrase_note import PhraseNoteRecognizer


class WorkSecretRecognizer(PhraseNoteRecognizer):
    TYPE = FindingType.WORK_SECRET
    NAME = "work_secret"
    LABEL = "work_secret"

    def __init__(self, rules: PhraseRules, shape: NoteShape) -> None:
        super().__init__(rules.phrases, shape)
