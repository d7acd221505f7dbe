"""Findings → proposed disclosure attribute, grounds, legal basis, reasons and conflicts.

The table itself lives in `rules/policy.yaml` (POLICY.md §3); this module only walks it. The names
of the finding types come from `rules/labels.yaml`, what a note states from the note wordings of
`rules/markings.yaml` (the table the detector finds notes with). The per-finding actions are
already decided by the detector (POLICY.md §5), so the proposal depends on the findings alone and
is cheap to recompute when a reviewer changes an action.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from review_desk.core.findings import (
    ATTRIBUTE_LABELS,
    Action,
    Attribute,
    Finding,
    FindingType,
    Proposal,
    load_type_labels,
)
from review_desk.core.normalize import normalize
from review_desk.detect.config import MarkingRules
from review_desk.policy.rules import PolicyRules, Row, Trigger, load_policy_rules
from review_desk.rules import load_rules

T = TypeVar("T")

#: At most this many distinct texts are quoted per type in a reason, to keep it one line.
_MAX_QUOTES = 3
_RESTRICTIVE_FIRST = (
    Attribute.WITHHELD,
    Attribute.ON_REQUEST,
    Attribute.REDACTED,
    Attribute.PROACTIVE,
)


_ByType = dict[FindingType, list[Finding]]


@dataclass(frozen=True)
class _Fired:
    trigger: Trigger
    findings: tuple[Finding, ...]


class PolicyEngine:
    """Walks the rows of the policy table; the first row with a firing trigger wins.

    ``labels`` names the finding types; ``notes`` maps a note's wording to what it states."""

    def __init__(
        self,
        rules: PolicyRules,
        labels: Mapping[FindingType, str],
        notes: Mapping[str, Attribute],
    ) -> None:
        self._rules = rules
        self._labels = labels
        # The most restrictive statement first: "此件不予公开" holds 公开 too, and "公开方式：依申请
        # 公开" starts with it.
        self._notes = sorted(notes.items(), key=lambda item: _RESTRICTIVE_FIRST.index(item[1]))

    def propose(self, findings: Sequence[Finding]) -> Proposal:
        # Grouped once by type: a 160,000-row sheet has ~640,000 findings and most triggers
        # look at one or two types only.
        by_type: dict[FindingType, list[Finding]] = {}
        for finding in findings:
            by_type.setdefault(finding.type, []).append(finding)
        row, fired = self._first_row(by_type)
        grounds = _unique(f.trigger.ground for f in fired)
        basis = _unique([*(b for g in grounds for b in self._rules.grounds[g]), *row.basis])
        # Walked twice, never listed: a big sheet's decisive findings are millions of redactions.
        counted = self._counted(finding for f in fired for finding in f.findings)
        # Only findings to review can be unsure: the set is of those alone.
        decisive_ids = {
            id(finding) for f in fired for finding in f.findings if finding.action is Action.REVIEW
        }
        unsure = [f for f in findings if f.action is Action.REVIEW and id(f) not in decisive_ids]
        notes = by_type.get(FindingType.DISCLOSURE_NOTE, [])
        return Proposal(
            attribute=row.attribute,
            grounds=tuple(grounds),
            basis=tuple(basis),
            reasons=(*counted, *self._review_reason(unsure)),
            conflicts=tuple(self._conflicts(notes, row.attribute, counted)),
        )

    def note_attribute(self, finding: Finding) -> Attribute | None:
        """The attribute a DISCLOSURE_NOTE states, e.g. withheld for "（此件不予公开）"."""
        if finding.type is not FindingType.DISCLOSURE_NOTE:
            return None
        text = normalize(finding.text).text
        return next((attribute for wording, attribute in self._notes if wording in text), None)

    def _first_row(self, by_type: _ByType) -> tuple[Row, list[_Fired]]:
        for row in self._rules.rows[:-1]:
            fired = [_Fired(t, m) for t in row.triggers if (m := self._matching(t, by_type))]
            if fired:
                return row, fired
        return self._rules.rows[-1], []

    def _matching(self, trigger: Trigger, by_type: _ByType) -> tuple[Finding, ...]:
        pools = [by_type.get(t, []) for t in trigger.types] if trigger.types else by_type.values()
        return tuple(f for pool in pools for f in pool if self._fires(trigger, f))

    def _fires(self, trigger: Trigger, finding: Finding) -> bool:
        if trigger.actions and finding.action not in trigger.actions:
            return False
        if trigger.detectors and finding.detector not in trigger.detectors:
            return False
        return trigger.note is None or self.note_attribute(finding) is trigger.note

    def _counted(self, findings: Iterable[Finding]) -> list[str]:
        """One sentence per type, in vocabulary order: "3 处公民身份号码"."""
        counts: Counter[FindingType] = Counter()
        # The texts of the quoted types only (notes, markings: a few).
        quoted: dict[FindingType, list[str]] = {}
        for finding in findings:
            counts[finding.type] += 1
            if finding.type in self._rules.quoted_types:
                quoted.setdefault(finding.type, []).append(finding.text)
        return [self._sentence(t, counts[t], quoted.get(t)) for t in FindingType if t in counts]

    def _sentence(self, finding_type: FindingType, count: int, texts: list[str] | None) -> str:
        label = self._labels[finding_type]
        wording = self._rules.texts
        if texts is None:
            return wording.count.format(count=count, label=label)
        quotes = "、".join(_unique(text.strip() for text in texts)[:_MAX_QUOTES])
        return wording.quoted.format(count=count, label=label, quotes=quotes)

    def _review_reason(self, unsure: Sequence[Finding]) -> list[str]:
        counted = self._counted(unsure)
        return [self._rules.texts.review.format(items="、".join(counted))] if counted else []

    def _conflicts(
        self, notes: Sequence[Finding], proposed: Attribute, reasons: list[str]
    ) -> list[str]:
        # Unsure notes (action review) are likely prose about disclosure, not the document's own.
        stated = _unique(
            (finding.text.strip(), attribute)
            for finding in notes
            if finding.action is not Action.REVIEW
            and (attribute := self.note_attribute(finding)) is not None
        )
        why = "、".join(reasons) or self._rules.texts.nothing_found
        return [
            self._rules.texts.conflict.format(
                note=note,
                stated=ATTRIBUTE_LABELS[attribute],
                proposed=ATTRIBUTE_LABELS[proposed],
                why=why,
            )
            for note, attribute in stated
            if attribute is not proposed
        ]


def _unique(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))


@lru_cache(maxsize=4)
def default_policy(folder: Path | None = None) -> PolicyEngine:
    """The engine for the office's `rules/` (policy, labels, note wordings), built once per
    process."""
    notes = load_rules("markings", MarkingRules, folder).disclosure.notes
    return PolicyEngine(load_policy_rules(folder), load_type_labels(folder), notes)
