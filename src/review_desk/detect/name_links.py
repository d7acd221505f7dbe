"""How a cue, a post title or a pseudonym note links to the very name it labels (POLICY.md §5):
not merely sharing its sentence, but standing right before or after it, perhaps across the other
names of the same list. The spans are the policy's grammar; the cue words are in rules/context.yaml.
"""

from __future__ import annotations

import re
from typing import Protocol

from review_desk.detect.terms import TermHit


class Spanned(Protocol):
    """A candidate's place in its block's text."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


#: Between a post title and the name it belongs to: a colon or a blank ("联系人：王芳"), or
#: earlier names of a list the title heads ("副县长陈晓燕、王立新").
TITLE_TO_NAME = re.compile(r"[:：\s]*(?:[\u4e00-\u9fff·]{2,4}[、]\s*)*")
#: Between a name and its post title: nothing or a blank ("张伟局长"), the office in brackets
#: ("张伟（县民政局局长）"), a verb of taking a post ("王五任组长"), or further names of a list
#: ("张伟、李强同志").
NAME_TO_TITLE = re.compile(
    r"(?:[、]\s*[\u4e00-\u9fff·]{2,4})*\s*(?:[(（][^()（）]{0,16}?|任|担任|为|是)?"
)
#: A salutation line: the name (and 先生/女士) then a colon, alone on its line.
_SALUTATION_TAIL = re.compile(r"\s*(?:先生|女士)?\s*[:：]\s*(?:\n|$)")


def is_salutation(text: str, c: Spanned) -> bool:
    line_start = text.rfind("\n", 0, c.start) + 1
    if text[line_start : c.start].strip():
        return False
    return _SALUTATION_TAIL.match(text, c.end) is not None


#: What may stand between a private-person cue and the name it labels: "户主：张伟", "申请人为张伟",
#: "名叫“王小虎”", or earlier names of the same list ("低保对象张伟、李强、王芳"), each perhaps
#: with an aside ("张伟（1000元）、李强800元、王芳").
_CUE_TO_NAME = re.compile(
    r"[:：\s]?[为是]?[“\"「『]?"
    r"(?:[\u4e00-\u9fff·*×某]{1,4}(?:[(（][^()（）]{0,16}[)）]|\d+(?:\.\d+)?元)?[、,，])*"
)
#: After a name, a cue in brackets labels it: "张伟（户主）", or a cue after the list the name
#: opens: "看望了张伟、李强等困难群众".
_NAME_TO_CUE = re.compile(r"(?:、[\u4e00-\u9fff·*×某]{2,4})*等?[(（\s]?")


def pseudonym_of(text: str, cue: TermHit, c: Spanned) -> bool:
    """Whether the cue names this very name a pseudonym: "化名李某某", "李某某（化名）"."""
    if cue.end <= c.start:
        return _CUE_TO_NAME.fullmatch(text, cue.end, c.start) is not None
    return _NAME_TO_PSEUDONYM.fullmatch(text, c.end, cue.start) is not None


#: Between a name and the 化名 that follows it: "小红（化名）", "小红、小明（均为化名）".
_NAME_TO_PSEUDONYM = re.compile(r"[(（\s]?")


def is_attached(text: str, cue: TermHit, c: Spanned) -> bool:
    """Whether a private cue labels this very name, not merely shares its sentence: a noisy
    name source must not turn "向当事人索要的证明材料" into a private person."""
    if cue.end <= c.start:
        return _CUE_TO_NAME.fullmatch(text, cue.end, c.start) is not None
    return _NAME_TO_CUE.fullmatch(text, c.end, cue.start) is not None
