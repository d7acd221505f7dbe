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
from review_desk.core.templated import CellFindings, Template, TemplatedFindings, findings_of
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


_Key = tuple[FindingType, Action, str]


@dataclass
class FindingTally:
    """What a proposal reads of a list of findings: how many there are of each type, action and
    detector, and, whole and in order, the findings whose text it reads (notes, quoted types).
    The tallies of the parts of a list, joined in order, are the tally of the list: a process
    that detected a part of a big document tallies it there, and ~640,000 findings of a sheet
    need not cross to the process that proposes."""

    counts: Counter[_Key]
    read: list[Finding]

    @classmethod
    def joined(cls, tallies: Iterable[FindingTally]) -> FindingTally:
        whole = cls(Counter(), [])
        for tally in tallies:
            whole.counts.update(tally.counts)
            whole.read.extend(tally.read)
        return whole


@dataclass(frozen=True)
class _Fired:
    """A trigger and what it fired on: counted keys with their numbers, and read findings."""

    trigger: Trigger
    counts: tuple[tuple[_Key, int], ...]
    read: tuple[Finding, ...]


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
        self._read_types = rules.quoted_types | {FindingType.DISCLOSURE_NOTE}

    def propose(self, findings: Sequence[Finding]) -> Proposal:
        return self.propose_tallied(self.tally(findings))

    def tally(self, findings: Sequence[Finding]) -> FindingTally:
        # Counted, not listed: a big sheet's findings are millions of redactions of a few kinds.
        if isinstance(findings, TemplatedFindings):
            return self._tally_cells(findings.cells)
        read_types = self._read_types
        counts = Counter(_key(f) for f in findings if f.type not in read_types)
        return FindingTally(counts, [f for f in findings if f.type in read_types])

    def _tally_cells(self, cells: Sequence[CellFindings]) -> FindingTally:
        """``tally`` of the cells' findings, a recalled cell counted by its template tuple (a
        million cells share a handful) and its templates' keys added once per tuple. The
        counts keep the order in which their keys first came, as ``tally`` of the findings."""
        read_types = self._read_types
        read: list[Finding] = []
        first: dict[_Key, None] = {}
        counts: Counter[_Key] = Counter()
        shapes: dict[int, tuple[Template, ...]] = {}
        recalled: list[int] = []
        reads: set[int] = set()
        for cell in cells:
            if isinstance(cell, list):
                for finding in cell:
                    if finding.type in read_types:
                        read.append(finding)
                    else:
                        counts[key := _key(finding)] += 1
                        first.setdefault(key)
                continue
            templates = cell[0]
            if not templates:
                continue
            shape = id(templates)  # held by the cell: no other tuple's id while this runs
            if shape not in shapes:
                shapes[shape] = templates
                for t in templates:
                    if t[0] in read_types:
                        reads.add(shape)
                    else:
                        first.setdefault((t[0], t[4], t[5]))
            recalled.append(shape)
            if reads and shape in reads:
                read.extend(f for f in findings_of(cell) if f.type in read_types)
        for shape, number in Counter(recalled).items():
            for t in shapes[shape]:
                if t[0] not in read_types:
                    counts[(t[0], t[4], t[5])] += number
        return FindingTally(Counter({key: counts[key] for key in first}), read)

    def propose_tallied(self, tally: FindingTally) -> Proposal:
        """The proposal for the findings of ``tally``: the same as ``propose`` of them."""
        read_by_type: dict[FindingType, list[Finding]] = {}
        for finding in tally.read:
            read_by_type.setdefault(finding.type, []).append(finding)
        row, fired = self._first_row(tally.counts, read_by_type)
        grounds = _unique(f.trigger.ground for f in fired)
        basis = _unique([*(b for g in grounds for b in self._rules.grounds[g]), *row.basis])
        counted = self._counted(
            [(key[0], n) for f in fired for key, n in f.counts],
            [finding for f in fired for finding in f.read],
        )
        # Only findings to review can be unsure.
        decisive_keys = {key for f in fired for key, _ in f.counts if key[1] is Action.REVIEW}
        decisive_ids = {
            id(finding) for f in fired for finding in f.read if finding.action is Action.REVIEW
        }
        unsure_counts = [
            (key[0], n)
            for key, n in tally.counts.items()
            if key[1] is Action.REVIEW and key not in decisive_keys
        ]
        unsure_read = [
            f for f in tally.read if f.action is Action.REVIEW and id(f) not in decisive_ids
        ]
        notes = read_by_type.get(FindingType.DISCLOSURE_NOTE, [])
        return Proposal(
            attribute=row.attribute,
            grounds=tuple(grounds),
            basis=tuple(basis),
            reasons=(*counted, *self._review_reason(unsure_counts, unsure_read)),
            conflicts=tuple(self._conflicts(notes, row.attribute, counted)),
        )

    def note_attribute(self, finding: Finding) -> Attribute | None:
        """The attribute a DISCLOSURE_NOTE states, e.g. withheld for "（此件不予公开）"."""
        if finding.type is not FindingType.DISCLOSURE_NOTE:
            return None
        text = normalize(finding.text).text
        return next((attribute for wording, attribute in self._notes if wording in text), None)

    def _first_row(
        self, counts: Counter[_Key], read: dict[FindingType, list[Finding]]
    ) -> tuple[Row, list[_Fired]]:
        for row in self._rules.rows[:-1]:
            fired = []
            for trigger in row.triggers:
                keys, findings = (
                    self._matching_counts(trigger, counts),
                    self._matching(trigger, read),
                )
                if keys or findings:
                    fired.append(_Fired(trigger, keys, findings))
            if fired:
                return row, fired
        return self._rules.rows[-1], []

    def _matching_counts(
        self, trigger: Trigger, counts: Counter[_Key]
    ) -> tuple[tuple[_Key, int], ...]:
        if trigger.note is not None:  # only a note states an attribute, and notes are read
            return ()
        return tuple(
            (key, n)
            for key, n in counts.items()
            if (not trigger.types or key[0] in trigger.types)
            and (not trigger.actions or key[1] in trigger.actions)
            and (not trigger.detectors or key[2] in trigger.detectors)
        )

    def _matching(
        self, trigger: Trigger, read: dict[FindingType, list[Finding]]
    ) -> tuple[Finding, ...]:
        pools = [read.get(t, []) for t in trigger.types] if trigger.types else read.values()
        return tuple(f for pool in pools for f in pool if self._fires(trigger, f))

    def _fires(self, trigger: Trigger, finding: Finding) -> bool:
        if trigger.actions and finding.action not in trigger.actions:
            return False
        if trigger.detectors and finding.detector not in trigger.detectors:
            return False
        return trigger.note is None or self.note_attribute(finding) is trigger.note

    def _counted(
        self, counted: Iterable[tuple[FindingType, int]], read: Iterable[Finding]
    ) -> list[str]:
        """One sentence per type, in vocabulary order: "3 处公民身份号码"."""
        counts: Counter[FindingType] = Counter()
        for finding_type, n in counted:
            counts[finding_type] += n
        # The texts of the quoted types only (notes, markings: a few).
        quoted: dict[FindingType, list[str]] = {}
        for finding in read:
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

    def _review_reason(
        self, unsure: list[tuple[FindingType, int]], unsure_read: list[Finding]
    ) -> list[str]:
        counted = self._counted(unsure, unsure_read)
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


def _key(finding: Finding) -> _Key:
    return finding.type, finding.action, finding.detector


def _unique(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))


@lru_cache(maxsize=4)
def default_policy(folder: Path | None = None) -> PolicyEngine:
    """The engine for the office's `rules/` (policy, labels, note wordings), built once per
    process."""
    notes = load_rules("markings", MarkingRules, folder).disclosure.notes
    return PolicyEngine(load_policy_rules(folder), load_type_labels(folder), notes)
