"""Whose a phone or an address is, from the words right around it (POLICY.md §5: office
contact data is public; a private person's is not): an agency's line named with the agency
("县人民法院执行局电话：0372-…"), and the addressee of a letter ("你于…提交的申请（邮寄地址：…）").
The words are in ``rules/context.yaml``.
"""

from __future__ import annotations

import re

from review_desk.detect.config import ContextRules
from review_desk.detect.recognizers.lines import alternation

#: What may stand between an agency word and its line label: the rest of the agency's name
#: ("人民法院执行局"), no punctuation but its seal mark ("县民政局（公章）　咨询电话：").
_AGENCY_TAIL = r"[\u4e00-\u9fff]{0,8}?(?:[（(][\u4e00-\u9fff]{1,4}[）)])?\s*"
_SENTENCE_START = r"(?:^|[。！？；;!?\n])\s*"


class ContactCues:
    def __init__(self, rules: ContextRules) -> None:
        agencies, labels = rules.agency_words, rules.agency_line_labels
        self._reach = rules.agency_line_reach
        self._agency_line = (
            re.compile(
                rf"(?P<agency>{alternation(agencies)}){_AGENCY_TAIL}"
                rf"(?:{alternation(labels)})\s*[:：]?\s*$"
            )
            if agencies and labels
            else None
        )
        references = rules.addressee_references
        self._addressee = (
            re.compile(
                rf"{_SENTENCE_START}[^。！？；;!?\n]*?(?P<who>{alternation(references)})"
                r"[^。！？；;!?\n]*$"
            )
            if references
            else None
        )
        self._organisations = tuple(rules.organisation_addressees)
        owners = [*rules.agency_words, *rules.office_place_cues]
        self._owner = re.compile(rf"(?:{alternation(owners)})[（(\s]*$") if owners else None

    def agency_line(self, text: str, start: int) -> str | None:
        """The agency a number right after its name and line label belongs to, if any."""
        if self._agency_line is None:
            return None
        match = self._agency_line.search(text, max(0, start - self._reach), start)
        return None if match is None else match.group("agency")

    def addressee(self, text: str, start: int) -> str | None:
        """The first reference to a letter's addressee (你, 您) in the value's sentence before it,
        if any ("你于…提交的申请（邮寄地址：…）", "本机关收到你…提交的申请（收件地址：…）"),
        unless it addresses an organisation (你单位)."""
        if self._addressee is None:
            return None
        match = self._addressee.search(text, 0, start)
        if match is None or text.startswith(self._organisations, match.start("who")):
            return None
        return match.group("who")

    def owner_before(self, text: str, label_start: int) -> bool:
        """Whether an agency or an office's place is named right before an address's label:
        "办事大厅（地址：…）" is the hall's address, "申请（邮寄地址：…）" the applicant's."""
        if self._owner is None:
            return False
        return self._owner.search(text, max(0, label_start - self._reach), label_start) is not None
