"""The per-finding action of POLICY.md §5, decided from the context of each candidate.

Every rule here answers one question of §5: is this a private person's data (redact), public by
design or office data (keep), already masked (keep), or something the tool cannot tell (review)?
The cues come from ``rules/context.yaml``; the rules themselves are the policy text and stay here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from review_desk.core.findings import Action, FindingType
from review_desk.core.normalize import normalize
from review_desk.detect.config import ContextRules
from review_desk.detect.names import village_group
from review_desk.detect.recognizers.address import NOT_A_HOME
from review_desk.detect.recognizers.masked_value import MaskedValueRecognizer
from review_desk.detect.recognizers.phone import HOTLINE, MOBILE, SERVICE
from review_desk.detect.tables import PERSON, Cell
from review_desk.detect.terms import CueIndex, TermHit, TermMatcher

PRIVATE, PRIVATE_TOPIC, OFFICIAL, BYLINE, NAMING, OFFICE, AGENCY = (
    "private",
    "private_topic",
    "official",
    "byline",
    "naming",
    "office",
    "agency",
)
#: What a document is for (POLICY.md §5, 公示 by purpose).
COMMENDATION, ASSISTANCE = "commendation", "assistance"
#: A phone, mailbox or address is private in the sentence of a private label or topic.
_PRIVATE = frozenset({PRIVATE, PRIVATE_TOPIC})
_OFFICIAL = frozenset({OFFICIAL})
_BYLINE = frozenset({BYLINE})
_NAMING = frozenset({NAMING})
_OFFICE = frozenset({OFFICE})
_AGENCY = frozenset({AGENCY})
_PRIVATE_OR_OFFICE = frozenset({PRIVATE, PRIVATE_TOPIC, OFFICE})
_LABEL_OR_OFFICIAL = frozenset({PRIVATE, OFFICIAL})
#: Cues a name never contains: a span reaching into one took a character of the cue.
NAME_BOUNDARIES = frozenset({PRIVATE, OFFICIAL, BYLINE, NAMING})
DENY_LIST = "deny_list"
#: The kind of a candidate already de-identified (a masked name, an address already cut): kept.
MASKED = "masked"


def _compact(text: str) -> str:
    """A value without blanks and dashes, so that allow-list entries match however spaced."""
    return text.replace(" ", "").replace("-", "")


@dataclass(slots=True)
class Candidate:
    """A finding before its action: offsets into the block's normalised text."""

    type: FindingType
    start: int
    end: int
    score: float
    detector: str
    kind: str
    valid: bool
    notes: list[str] = field(default_factory=list)
    #: The recognizer's context word found around the value (身份证号 before an ID), if any.
    context_word: str | None = None


@dataclass(slots=True)
class BlockContext:
    """What the action rules may look at for one block."""

    text: str
    cues: CueIndex
    #: Table cells in the block with their column roles (``person``, ``phone`` …), if any.
    cells: tuple[Cell, ...] = ()
    #: The block is (in) a row of a table listing private persons (a person column, no post
    #: column), or of a roster of officials (a post column).
    private_table: bool = False
    roster_table: bool = False
    #: The document honours people by name (见义勇为, 寻亲, 失信 notices).
    commendation: bool = False
    #: Spans of PERSON candidates that were decided ``redact`` in this block.
    private_people: list[tuple[int, int]] = field(default_factory=list)

    def role_at(self, start: int, end: int) -> str | None:
        return role_at(self.cells, start, end)


def role_at(cells: tuple[Cell, ...], start: int, end: int) -> str | None:
    """The column role of the cell that holds [start, end), if any."""
    return next((c.role for c in cells if c.start <= start and end <= c.end), None)


class ActionRules:
    def __init__(self, rules: ContextRules) -> None:
        self.window = rules.window
        self.office_places = frozenset(rules.office_place_cues)
        self.allow_list = frozenset(_compact(normalize(v).text) for v in rules.allow_list)
        self.mail_domains = tuple(domain.lower() for domain in rules.institutional_mail_domains)
        self.matcher = TermMatcher(
            {
                PRIVATE: rules.private_cues,
                PRIVATE_TOPIC: rules.private_topics,
                OFFICIAL: rules.official_titles,
                BYLINE: rules.bylines,
                NAMING: rules.naming_cues,
                OFFICE: [*rules.office_contact_cues, *rules.office_place_cues],
                AGENCY: rules.agency_words,
            }
        )
        self._village_group = re.compile(village_group(rules.village_group_units) + "$")
        # Asked once per document (``Detector.plan``), never per finding.
        self._purposes = TermMatcher(
            {COMMENDATION: rules.commendation_cues, ASSISTANCE: rules.assistance_cues}
        )

    def cues(self, text: str) -> CueIndex:
        return CueIndex(self.matcher, text)

    def purposes(self, text: str) -> frozenset[str]:
        """What the text says the document is for: ``commendation`` (见义勇为, 任前公示 …) and/or
        ``assistance`` (低保, 临时救助 …)."""
        return self._purposes.categories(text)

    def decide(self, c: Candidate, ctx: BlockContext) -> tuple[Action, str]:
        if c.detector == DENY_LIST:
            return Action.REDACT, "deny list of rules/context.yaml"
        if _compact(ctx.text[c.start : c.end]) in self.allow_list:
            return Action.KEEP, "allow list of rules/context.yaml"
        if c.detector == MaskedValueRecognizer.NAME or c.kind == MASKED:
            return Action.KEEP, "already masked"
        if c.type is FindingType.CN_USCC:
            return Action.KEEP, "organisation code, not personal data"
        if c.type is FindingType.PERSON:
            return self._person(c, ctx)
        if c.type is FindingType.BANK_CARD:
            # A doubtful one is an account labelled 账号/卡号: accounts carry no Luhn digit, so
            # the label, not the check, makes it a bank number.
            return Action.REDACT, "bank card or account number"
        if ctx.private_table:
            return self._in_private_table(c)
        deciders = {
            FindingType.PHONE_NUMBER: self._phone,
            FindingType.EMAIL: self._email,
            FindingType.ADDRESS: self._address,
        }
        decider = deciders.get(c.type)
        if decider is not None:
            return decider(c, ctx)
        if c.valid:
            return Action.REDACT, "personal identifier"
        return Action.REVIEW, "doubtful identifier: the reviewer decides"

    def _in_private_table(self, c: Candidate) -> tuple[Action, str]:
        if c.kind in (HOTLINE, SERVICE):
            return Action.KEEP, "public service number"
        if c.valid or c.type in (FindingType.PHONE_NUMBER, FindingType.ADDRESS):
            return Action.REDACT, "in a table of private persons"
        return Action.REVIEW, "doubtful identifier in a table of private persons"

    def _near(self, c: Candidate, ctx: BlockContext, cats: frozenset[str]) -> TermHit | None:
        return ctx.cues.nearest(c.start, c.end, cats, self.window.before, self.window.after)

    def _phone(self, c: Candidate, ctx: BlockContext) -> tuple[Action, str]:
        if c.kind in (HOTLINE, SERVICE):
            return Action.KEEP, "public service number"
        if any(0 <= c.start - end <= 12 for _, end in ctx.private_people):
            return Action.REDACT, "number of a private person named just before"
        private = self._near(c, ctx, _PRIVATE)
        office = self._near(c, ctx, _OFFICE)
        if c.kind == MOBILE:
            # A mobile is a person's unless the text clearly presents it as an office line.
            if private is None and office is not None and self._near(c, ctx, _AGENCY):
                return Action.KEEP, f"office contact ({office.term})"
            why = private.term if private is not None else "no office context"
            return Action.REDACT, f"private mobile ({why})"
        nearest = self._near(c, ctx, _PRIVATE_OR_OFFICE)
        if nearest is not None and nearest.category == OFFICE:
            return Action.KEEP, f"office contact ({nearest.term})"
        if nearest is not None:
            return Action.REDACT, f"landline of a private person ({nearest.term})"
        return Action.REVIEW, "landline without context"

    def _email(self, c: Candidate, ctx: BlockContext) -> tuple[Action, str]:
        value = ctx.text[c.start : c.end].lower()
        if value.endswith(self.mail_domains):
            return Action.KEEP, "institutional domain"
        # A private person in the sentence makes the mailbox theirs, whatever it is called.
        private = self._near(c, ctx, _PRIVATE)
        if private is not None:
            return Action.REDACT, f"mailbox of a private person ({private.term})"
        if self._near(c, ctx, _OFFICE) or self._near(c, ctx, _AGENCY):
            return Action.KEEP, "office mailbox"
        return Action.REVIEW, "mailbox without context"

    def _address(self, c: Candidate, ctx: BlockContext) -> tuple[Action, str]:
        lived_in = ctx.text[max(0, c.start - 1) : c.start] == "住"
        if c.kind == NOT_A_HOME and not lived_in:
            return Action.KEEP, "a place, not a home"
        private = self._near(c, ctx, _PRIVATE)
        if private is not None or lived_in:
            cue = private.term if private is not None else "住"
            return Action.REDACT, f"address of a private person ({cue})"
        inside = any(
            h.category == AGENCY and c.start <= h.start and h.end <= c.end for h in ctx.cues.hits
        )
        office = self._near(c, ctx, _OFFICE)
        if inside or self._office_place(c, ctx) or (office and self._near(c, ctx, _AGENCY)):
            return Action.KEEP, "office address"
        if office is not None:
            return Action.REVIEW, f"address labelled {office.term} without an agency"
        if c.valid:
            return Action.REDACT, "residential address"
        return Action.REVIEW, "street address without context"

    def _office_place(self, c: Candidate, ctx: BlockContext) -> bool:
        hit = ctx.cues.nearest(c.start, c.end, _OFFICE, self.window.before, 0)
        return hit is not None and hit.term in self.office_places

    def _person(self, c: Candidate, ctx: BlockContext) -> tuple[Action, str]:
        if ctx.role_at(c.start, c.end) == PERSON:
            if ctx.roster_table:
                return Action.KEEP, "roster of officials (post column)"
            if ctx.commendation:
                return Action.KEEP, "published by design (commendation/notice)"
            return Action.REDACT, "person column of a table"
        title = ctx.cues.nearest(c.start, c.end, _OFFICIAL, 2, 2)
        if title is not None:
            return Action.KEEP, f"official in capacity ({title.term})"
        byline = ctx.cues.nearest(c.start, c.end, _BYLINE, 2, 0)
        if byline is not None:
            return Action.KEEP, f"byline ({byline.term})"
        introduced = self._introduced(c, ctx)
        if introduced is not None:
            if ctx.commendation:
                return Action.KEEP, f"published by design (commendation/notice; {introduced})"
            return Action.REDACT, f"private person ({introduced})"
        nearest = ctx.cues.nearest(
            c.start, c.end, _LABEL_OR_OFFICIAL, self.window.before, self.window.after
        )
        if nearest is not None and nearest.category == PRIVATE:
            if ctx.commendation:
                return Action.KEEP, f"published by design (commendation/notice; {nearest.term})"
            if _attached(ctx.text, nearest, c):
                return Action.REDACT, f"private person ({nearest.term})"
            return Action.REVIEW, f"private context nearby ({nearest.term})"
        if nearest is not None:
            return Action.KEEP, f"official in capacity ({nearest.term})"
        if ctx.commendation:
            return Action.KEEP, "published by design (commendation/notice)"
        return Action.REVIEW, "person without context"

    def _introduced(self, c: Candidate, ctx: BlockContext) -> str | None:
        """How the text introduces a private person right before the name: "该男子叫…" or a
        village group number ("六组王德才")."""
        naming = ctx.cues.nearest(c.start, c.end, _NAMING, 3, 0)
        if naming is not None and _attached(ctx.text, naming, c):
            return naming.term
        group = self._village_group.search(ctx.text, max(0, c.start - 6), c.start)
        return None if group is None else group.group(0)


#: What may stand between a private-person cue and the name it labels: "户主：张伟", "申请人为张伟",
#: "名叫“王小虎”", or earlier names of the same list ("低保对象张伟、李强、王芳").
_CUE_TO_NAME = re.compile(r"[:：\s]?[为是]?[“\"「『]?(?:[\u4e00-\u9fff·*×某]{1,4}[、,，])*")
#: After a name, a cue in brackets labels it: "张伟（户主）".
_NAME_TO_CUE = re.compile(r"[(（\s]?")


def _attached(text: str, cue: TermHit, c: Candidate) -> bool:
    """Whether a private cue labels this very name, not merely shares its sentence: a noisy
    name source must not turn "向当事人索要的证明材料" into a private person."""
    if cue.end <= c.start:
        return _CUE_TO_NAME.fullmatch(text, cue.end, c.start) is not None
    return _NAME_TO_CUE.fullmatch(text, c.end, cue.start) is not None
