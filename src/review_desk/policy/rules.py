"""The schema of `rules/policy.yaml` (POLICY.md §3), validated at load.

Every model forbids unknown keys so that a misspelt key in an office's edit is an error naming the
key, not a rule that silently stops applying.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from review_desk.core.findings import Action, Attribute, FindingType, Ground
from review_desk.rules import load_rules


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Trigger(_Strict):
    """One condition of a row: a finding of these types, with one of these actions, from one of
    these detectors (an empty list means any)."""

    types: tuple[FindingType, ...] = ()
    actions: tuple[Action, ...] = ()
    detectors: tuple[str, ...] = ()
    note: Attribute | None = None
    ground: Ground

    @model_validator(mode="after")
    def _note_needs_disclosure_notes(self) -> Self:
        if self.note is not None and self.types != (FindingType.DISCLOSURE_NOTE,):
            raise ValueError("note 只能与 types: [DISCLOSURE_NOTE] 一起使用")
        return self


class Row(_Strict):
    id: str
    attribute: Attribute
    triggers: tuple[Trigger, ...]
    basis: tuple[str, ...] = ()


#: The placeholders each sentence of `texts` may use.
_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "count": frozenset({"count", "label"}),
    "quoted": frozenset({"count", "label", "quotes"}),
    "review": frozenset({"items"}),
    "conflict": frozenset({"note", "stated", "proposed", "why"}),
    "nothing_found": frozenset(),
}


class Texts(_Strict):
    count: str
    quoted: str
    review: str
    conflict: str
    nothing_found: str

    @model_validator(mode="after")
    def _placeholders_known(self) -> Self:
        for name, allowed in _PLACEHOLDERS.items():
            parsed = string.Formatter().parse(getattr(self, name))
            used = {str(field) for _, field, _, _ in parsed if field is not None}
            unknown = sorted(used - allowed)
            if unknown:
                raise ValueError(f"texts.{name} 含有未知占位符 {{{unknown[0]}}}")
        return self


class ReviewRules(_Strict):
    """How the office runs its reviews (the record, not the proposal)."""

    #: Approval by a second person; the reviewer of a document may not approve it.
    four_eyes: bool = True
    #: Whether ``review-desk redact --accept-proposals`` (an unapproved batch export) is allowed.
    batch_export: bool = True


class PolicyRules(_Strict):
    rows: tuple[Row, ...] = Field(min_length=1)
    grounds: dict[Ground, tuple[str, ...]]
    #: Types whose reasons quote the findings' own text (markings and notes).
    quoted_types: frozenset[FindingType] = frozenset()
    texts: Texts
    review: ReviewRules = ReviewRules()

    @field_validator("rows")
    @classmethod
    def _only_last_row_is_fallback(cls, rows: tuple[Row, ...]) -> tuple[Row, ...]:
        if rows[-1].triggers:
            raise ValueError("最后一行必须是没有 triggers 的兜底行（主动公开）")
        if any(not row.triggers for row in rows[:-1]):
            raise ValueError("只有最后一行可以没有 triggers")
        return rows

    @field_validator("grounds")
    @classmethod
    def _every_ground_has_basis(
        cls, grounds: dict[Ground, tuple[str, ...]]
    ) -> dict[Ground, tuple[str, ...]]:
        missing = [str(g) for g in Ground if g not in grounds]
        if missing:
            raise ValueError(f"缺少依据：{'、'.join(missing)}")
        return grounds


def load_policy_rules(folder: Path | None = None) -> PolicyRules:
    """Read and validate ``policy.yaml`` from ``folder`` (default: the rules folder)."""
    return load_rules("policy", PolicyRules, folder)
