"""Findings, actions and the disclosure proposal: the fixed vocabulary of POLICY.md §1–§4."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FindingType(StrEnum):
    PERSON = "PERSON"
    CN_RESIDENT_ID = "CN_RESIDENT_ID"
    PHONE_NUMBER = "PHONE_NUMBER"
    BANK_CARD = "BANK_CARD"
    EMAIL = "EMAIL"
    ADDRESS = "ADDRESS"
    PASSPORT = "PASSPORT"
    TRAVEL_PERMIT = "TRAVEL_PERMIT"
    LICENSE_PLATE = "LICENSE_PLATE"
    HEALTH_INFO = "HEALTH_INFO"
    CN_USCC = "CN_USCC"
    SECRECY_MARK = "SECRECY_MARK"
    WORK_SECRET = "WORK_SECRET"
    INTERNAL_MARK = "INTERNAL_MARK"
    PROCESS_INFO = "PROCESS_INFO"
    DISCLOSURE_NOTE = "DISCLOSURE_NOTE"


#: The types whose span is personal data of a natural person.
PERSONAL_TYPES = frozenset(
    {
        FindingType.PERSON,
        FindingType.CN_RESIDENT_ID,
        FindingType.PHONE_NUMBER,
        FindingType.BANK_CARD,
        FindingType.EMAIL,
        FindingType.ADDRESS,
        FindingType.PASSPORT,
        FindingType.TRAVEL_PERMIT,
        FindingType.LICENSE_PLATE,
        FindingType.HEALTH_INFO,
    }
)


TYPE_LABELS: dict[FindingType, str] = {
    FindingType.PERSON: "自然人姓名",
    FindingType.CN_RESIDENT_ID: "公民身份号码",
    FindingType.PHONE_NUMBER: "电话号码",
    FindingType.BANK_CARD: "银行卡号",
    FindingType.EMAIL: "电子邮箱",
    FindingType.ADDRESS: "详细住址",
    FindingType.PASSPORT: "护照号码",
    FindingType.TRAVEL_PERMIT: "通行证号码",
    FindingType.LICENSE_PLATE: "机动车号牌",
    FindingType.HEALTH_INFO: "健康信息",
    FindingType.CN_USCC: "统一社会信用代码",
    FindingType.SECRECY_MARK: "密级标志",
    FindingType.WORK_SECRET: "工作秘密",
    FindingType.INTERNAL_MARK: "内部资料标注",
    FindingType.PROCESS_INFO: "过程性信息",
    FindingType.DISCLOSURE_NOTE: "公开属性附注",
}


class Action(StrEnum):
    REDACT = "redact"
    KEEP = "keep"
    REVIEW = "review"


ACTION_LABELS: dict[Action, str] = {
    Action.REDACT: "删除/遮盖",
    Action.KEEP: "保留",
    Action.REVIEW: "待人工判断",
}


class Attribute(StrEnum):
    PROACTIVE = "proactive"
    REDACTED = "redacted"
    ON_REQUEST = "on_request"
    WITHHELD = "withheld"


ATTRIBUTE_LABELS: dict[Attribute, str] = {
    Attribute.PROACTIVE: "主动公开",
    Attribute.REDACTED: "删减后公开",
    Attribute.ON_REQUEST: "依申请公开",
    Attribute.WITHHELD: "不予公开",
}


class Ground(StrEnum):
    STATE_SECRET = "STATE_SECRET"
    WORK_SECRET = "WORK_SECRET"
    SOURCE_NOTE = "SOURCE_NOTE"
    INTERNAL_AFFAIRS = "INTERNAL_AFFAIRS"
    PROCESS_INFO = "PROCESS_INFO"
    ENFORCEMENT_FILE = "ENFORCEMENT_FILE"
    PERSONAL_PRIVACY = "PERSONAL_PRIVACY"
    TRADE_SECRET = "TRADE_SECRET"
    LAW_PROHIBITED = "LAW_PROHIBITED"
    SECURITY_STABILITY = "SECURITY_STABILITY"
    PUBLIC_INTEREST_OVERRIDE = "PUBLIC_INTEREST_OVERRIDE"
    THIRD_PARTY_CONSENT = "THIRD_PARTY_CONSENT"


# Slots: a 160,000-row sheet has ~640,000 findings.
@dataclass(frozen=True, slots=True)
class Finding:
    """A typed span of one block's original text, with the proposed action and why."""

    type: FindingType
    block: str
    start: int
    end: int
    text: str
    score: float
    action: Action
    detector: str
    explanation: str

    def to_json(self) -> dict[str, object]:
        return {
            "type": str(self.type),
            "block": self.block,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 4),
            "action": str(self.action),
            "detector": self.detector,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Proposal:
    """The proposed disclosure attribute of one document (POLICY.md §3)."""

    attribute: Attribute
    grounds: tuple[Ground, ...] = ()
    basis: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        return {
            "proposed": str(self.attribute),
            "grounds": [str(g) for g in self.grounds],
            "basis": list(self.basis),
            "reasons": list(self.reasons),
            "conflicts": list(self.conflicts),
        }
