"""Health terms as findings: a term is personal only where it is tied to a person or stands in
a row of a person table (POLICY.md §5); "大病救助" in policy prose is no one's health."""

from __future__ import annotations

from review_desk.core.findings import Action, FindingType
from review_desk.detect.actions import BlockContext, Candidate
from review_desk.detect.findings import Decided
from review_desk.detect.recognizers.health import HealthTermRecognizer
from review_desk.detect.terms import TermHit


class HealthFindings:
    def __init__(self, recognizer: HealthTermRecognizer, score: float) -> None:
        self.recognizer = recognizer
        self.score = score

    def told_ill(
        self, ctx: BlockContext, hits: list[TermHit], people: list[Decided]
    ) -> list[Decided]:
        """People the reviewer was left to judge whose own illness the text tells ("付春梅因脑梗
        死…"): private persons (个人信息保护法第二十八条; an official's illness is never told so)."""
        decided = []
        for person, action, why in people:
            hit = None
            if action is Action.REVIEW:
                span = (person.start, person.end)
                hit = next((h for h in hits if self.recognizer.illness_of(h, span, ctx.text)), None)
            if hit is None:
                decided.append((person, action, why))
                continue
            ctx.private_people.append((person.start, person.end))
            decided.append((person, Action.REDACT, f"private person (told ill: {hit.term})"))
        return decided

    def decide(
        self,
        ctx: BlockContext,
        hits: list[TermHit],
        people: list[Decided],
        reported: list[Candidate],
    ) -> list[Decided]:
        """Health terms tied to a person, but for those inside an already ``reported`` health
        value (a cell of a health column)."""
        # Officials' names do not make a term personal ("张厅长调研大病救助" is policy prose); a
        # term takes the action of the person it is tied to, or redact in a private table row.
        private = [(p.start, p.end) for p, action, _ in people if action is Action.REDACT]
        unsure = [(p.start, p.end) for p, action, _ in people if action is Action.REVIEW]
        found = []
        for hit in hits:
            if any(c.start <= hit.start and hit.end <= c.end for c in reported):
                continue
            if ctx.private_table or ctx.role_at(hit.start, hit.end) == "health":
                action, reason = Action.REDACT, "in a row of a person table"
            elif self.recognizer.tied(hit, private, ctx.text) is not None:
                action, reason = Action.REDACT, "tied to a private person"
            elif self.recognizer.tied(hit, unsure, ctx.text) is not None:
                action, reason = Action.REVIEW, "tied to a person the reviewer must judge"
            else:
                continue
            found.append((self._candidate(hit), action, f"health information {reason}"))
        return found

    def _candidate(self, hit: TermHit) -> Candidate:
        return Candidate(
            FindingType.HEALTH_INFO,
            hit.start,
            hit.end,
            self.score,
            HealthTermRecognizer.NAME,
            "term",
            True,
            [f"term {hit.term}"],
        )
