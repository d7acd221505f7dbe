"""Findings, actions and the disclosure proposal: the fixed vocabulary of POLICY.md §1–§4."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from review_desk.core.slots import quick_init
from review_desk.rules import load_rules


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


class TypeLabels(BaseModel):
    """`rules/labels.yaml`: the Chinese name of every finding type."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: dict[FindingType, str]

    @field_validator("labels")
    @classmethod
    def _every_type_named(cls, labels: dict[FindingType, str]) -> dict[FindingType, str]:
        missing = [str(t) for t in FindingType if not labels.get(t, "").strip()]
        if missing:
            raise ValueError(f"缺少名称：{'、'.join(missing)}")
        return labels


def load_type_labels(folder: Path | None = None) -> dict[FindingType, str]:
    """The names of ``labels.yaml`` in ``folder`` (default: the rules folder), validated."""
    return load_rules("labels", TypeLabels, folder).labels


class _ShippedTypeLabels(Mapping[FindingType, str]):
    """The names of the rules folder, read on first use (and cached by the rules loader), so
    that importing this module reads no file."""

    def __getitem__(self, kind: FindingType) -> str:
        return load_type_labels()[kind]

    def __iter__(self) -> Iterator[FindingType]:
        return iter(load_type_labels())

    def __len__(self) -> int:
        return len(load_type_labels())


#: The Chinese name of each finding type, from `rules/labels.yaml` (the one place they live).
TYPE_LABELS: Mapping[FindingType, str] = _ShippedTypeLabels()


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


#: Short names of the grounds of POLICY.md §2, in the words of 条例第十四条至第十六条.
GROUND_LABELS: dict[Ground, str] = {
    Ground.STATE_SECRET: "国家秘密",
    Ground.WORK_SECRET: "工作秘密",
    Ground.SOURCE_NOTE: "公文附注",
    Ground.INTERNAL_AFFAIRS: "内部事务信息",
    Ground.PROCESS_INFO: "过程性信息",
    Ground.ENFORCEMENT_FILE: "行政执法案卷信息",
    Ground.PERSONAL_PRIVACY: "个人隐私",
    Ground.TRADE_SECRET: "商业秘密",
    Ground.LAW_PROHIBITED: "法律、行政法规禁止公开",
    Ground.SECURITY_STABILITY: "危及国家安全、公共安全、经济安全、社会稳定",
    Ground.PUBLIC_INTEREST_OVERRIDE: "不公开会对公共利益造成重大影响",
    Ground.THIRD_PARTY_CONSENT: "第三方同意公开",
}


# Slots: a 160,000-row sheet has ~640,000 findings.
@quick_init
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
