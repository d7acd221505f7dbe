"""A block's findings: its candidates after overlaps, each with its POLICY.md §5 action."""

from __future__ import annotations

from review_desk.core.findings import Action, Finding, FindingType
from review_desk.detect.actions import ActionRules, BlockContext, Candidate, Purpose
from review_desk.detect.findings import Decided, finding_of
from review_desk.detect.health import HealthFindings
from review_desk.detect.overlaps import resolve_overlaps
from review_desk.detect.work import BlockWork


class BlockDecisions:
    def __init__(self, actions: ActionRules, health: HealthFindings) -> None:
        self.actions = actions
        self.health = health

    def findings(self, work: BlockWork, purpose: Purpose) -> list[Finding]:
        """People are decided first: the other types read which of them are private."""
        ctx = _context(work, purpose)
        chosen = resolve_overlaps(work.candidates)
        decided: list[Decided] = []
        for candidate in chosen:
            if candidate.type is FindingType.PERSON:
                decided.append(self._person(candidate, ctx))
        if work.health:
            decided = self.health.told_ill(ctx, work.health, decided)
        people = len(decided)
        for candidate in chosen:
            if candidate.type is not FindingType.PERSON:
                action, why = self.actions.decide(candidate, ctx)
                decided.append((candidate, action, why))
        if work.health:
            values = [c for c in chosen if c.type is FindingType.HEALTH_INFO]
            decided.extend(self.health.decide(ctx, work.health, decided[:people], values))
        block, view = work.block, work.view
        return [finding_of(block, view, d) for d in decided]

    def _person(self, person: Candidate, ctx: BlockContext) -> Decided:
        action, why = self.actions.decide(person, ctx)
        if action is Action.REDACT:
            ctx.private_people.append((person.start, person.end))
        return person, action, why


def _context(work: BlockWork, purpose: Purpose) -> BlockContext:
    row = work.row
    if row is None:
        return BlockContext(work.text, work.cues, purpose=purpose)
    return BlockContext(
        work.text,
        work.cues,
        cells=row.cells,
        private_table=row.private,
        roster_table=row.roster,
        purpose=purpose,
    )
