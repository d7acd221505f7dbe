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
from review_desk.detect.contacts import ContactCues
from review_desk.detect.name_links import (
    NAME_TO_TITLE,
    TITLE_TO_NAME,
    is_attached,
    is_salutation,
    pseudonym_of,
)
from review_desk.detect.names import village_group, village_name
from review_desk.detect.recognizers.address import GROUP_ONLY, NOT_A_HOME
from review_desk.detect.recognizers.masked_value import MaskedValueRecognizer
from review_desk.detect.recognizers.phone import HOTLINE, MOBILE, SERVICE
from review_desk.detect.tables import (
    ADDRESS,
    ORGANISATION_HEAD,
    PERSON,
    PLACE,
    PREMISES,
    STAFF,
    Cell,
)
from review_desk.detect.terms import CueIndex, TermHit, TermMatcher

(
    PRIVATE,
    PRIVATE_TOPIC,
    OFFICIAL,
    BYLINE,
    NAMING,
    OFFICE,
    AGENCY,
    RELATIVE,
    NAME_LABEL,
    PSEUDONYM,
) = (
    "private",
    "private_topic",
    "official",
    "byline",
    "naming",
    "office",
    "agency",
    "relative",
    "name_label",
    "pseudonym",
)
#: What a document is for (POLICY.md §5, 公示 by purpose); a notice seeking a person's family is
#: a commendation too, whose purpose is the very name it reports.
COMMENDATION, ASSISTANCE, SEEKING = "commendation", "assistance", "seeking"
#: A phone, mailbox or address is private in the sentence of a private label or topic.
_PRIVATE = frozenset({PRIVATE, PRIVATE_TOPIC})
_OFFICIAL = frozenset({OFFICIAL})
_BYLINE = frozenset({BYLINE})
_NAMING = frozenset({NAMING})
_OFFICE = frozenset({OFFICE})
_AGENCY = frozenset({AGENCY})
_PRIVATE_OR_OFFICE = frozenset({PRIVATE, PRIVATE_TOPIC, OFFICE})
_LABEL_OR_OFFICIAL = frozenset({PRIVATE, OFFICIAL})
_RELATIVE = frozenset({RELATIVE})
_LABELS = frozenset({PRIVATE, NAME_LABEL})
_PSEUDONYM = frozenset({PSEUDONYM})
#: Cues a name never contains: a span reaching into one took a character of the cue.
NAME_BOUNDARIES = frozenset({PRIVATE, OFFICIAL, BYLINE, NAMING, RELATIVE, NAME_LABEL, PSEUDONYM})
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


@dataclass(frozen=True, slots=True)
class Purpose:
    """What the document is for, as the plan read it from its title and text."""

    #: The document honours people by name (见义勇为, 寻亲, 失信 notices).
    commendation: bool = False
    #: The document seeks a person's family (寻亲公告): the name it reports is its purpose.
    seeking: bool = False
    #: The document lists assistance (补贴, 救助) and honours no one.
    assistance: bool = False


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
    purpose: Purpose = Purpose()
    #: Spans of PERSON candidates that were decided ``redact`` in this block.
    private_people: list[tuple[int, int]] = field(default_factory=list)

    def role_at(self, start: int, end: int) -> str | None:
        return role_at(self.cells, start, end)

    @property
    def commendation(self) -> bool:
        return self.purpose.commendation

    @property
    def seeking(self) -> bool:
        return self.purpose.seeking


def role_at(cells: tuple[Cell, ...], start: int, end: int) -> str | None:
    """The column role of the cell that holds [start, end), if any."""
    return next((c.role for c in cells if c.start <= start and end <= c.end), None)


class ActionRules:
    def __init__(self, rules: ContextRules) -> None:
        self.window = rules.window
        self.office_places = frozenset(rules.office_place_cues)
        self.allow_list = frozenset(_compact(normalize(v).text) for v in rules.allow_list)
        self.mail_domains = tuple(domain.lower() for domain in rules.institutional_mail_domains)
        self.contacts = ContactCues(rules)
        self.matcher = TermMatcher(
            {
                PRIVATE: [*rules.private_cues, *rules.relatives],
                PRIVATE_TOPIC: rules.private_topics,
                OFFICIAL: rules.official_titles,
                BYLINE: rules.bylines,
                NAMING: rules.naming_cues,
                OFFICE: [*rules.office_contact_cues, *rules.office_place_cues],
                AGENCY: rules.agency_words,
                RELATIVE: rules.relatives,
                NAME_LABEL: rules.name_labels,
                PSEUDONYM: rules.pseudonym_cues,
            }
        )
        self._village_group = re.compile(village_group(rules.village_group_units) + "$")
        village = village_name(rules.town_units, rules.village_units)
        self._village = re.compile(village + "$") if village else None
        self._described = _descriptors(rules)
        # Asked once per document (``Detector.plan``), never per finding.
        self._purposes = TermMatcher(
            {
                COMMENDATION: rules.commendation_cues,
                ASSISTANCE: rules.assistance_cues,
                SEEKING: rules.seeking_cues,
            }
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
        role = ctx.role_at(c.start, c.end)
        if c.type is FindingType.ADDRESS and role == PLACE:
            return Action.KEEP, "a place, not a home (place column)"
        if role == PREMISES and (c.type is FindingType.ADDRESS or c.kind != MOBILE):
            return Action.KEEP, "an organisation's address or office line (premises column)"
        if ctx.private_table:
            return self._in_private_table(c, ctx)
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

    def _in_private_table(self, c: Candidate, ctx: BlockContext) -> tuple[Action, str]:
        if c.kind in (HOTLINE, SERVICE):
            return Action.KEEP, "public service number"
        # An approval cell of a person's form signs with the office's own line ("县民政局（公章）
        # 咨询电话：0855-…"): the office's, in whatever table it stands.
        if c.type is FindingType.PHONE_NUMBER and c.kind != MOBILE:
            agency = self.contacts.agency_line(ctx.text, c.start)
            if agency is not None:
                return Action.KEEP, f"office line named with its agency ({agency})"
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
        agency = self.contacts.agency_line(ctx.text, c.start)
        if agency is not None:
            return Action.KEEP, f"office line named with its agency ({agency})"
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
        if ctx.role_at(c.start, c.end) == ADDRESS:
            return Action.REDACT, "home address (address column)"
        lived_in = ctx.text[max(0, c.start - 1) : c.start] == "住"
        if c.kind == NOT_A_HOME and not lived_in:
            return Action.KEEP, "a place, not a home"
        private = self._resident(c, ctx)
        if private is not None or lived_in:
            cue = private if private is not None else "住"
            return Action.REDACT, f"address of a private person ({cue})"
        inside = any(
            h.category == AGENCY and c.start <= h.start and h.end <= c.end for h in ctx.cues.hits
        )
        office = self._near(c, ctx, _OFFICE)
        labelled = office is not None and self.contacts.owner_before(ctx.text, office.start)
        if inside or labelled or self._office_place(c, ctx):
            return Action.KEEP, "office address"
        addressee = self.contacts.addressee(ctx.text, c.start)
        if addressee is not None:
            return Action.REDACT, f"address of the letter's addressee ({addressee})"
        if office and self._near(c, ctx, _AGENCY):
            return Action.KEEP, "office address"
        if office is not None:
            return Action.REVIEW, f"address labelled {office.term} without an agency"
        if self._of_private_person(c, ctx):
            return Action.REDACT, "address of a private person named just before"
        if c.kind == GROUP_ONLY:
            # A village group is its land and its homes alike: a home where the text says whose.
            return Action.REVIEW, "village group without a house number or a resident"
        if c.valid:
            return Action.REDACT, "residential address"
        return Action.REVIEW, "street address without context"

    def _resident(self, c: Candidate, ctx: BlockContext) -> str | None:
        """The private cue that makes the address a home. A village group alone is its land as
        much as its homes: there the cue must share the address's clause ("当事人于…，在某村五组
        开采" names a site, not where the 当事人 lives)."""
        private = self._near(c, ctx, _PRIVATE)
        if private is None:
            return None
        if c.kind == GROUP_ONLY and private.category == PRIVATE:
            between = ctx.text[min(private.end, c.start) : c.start]
            if _CLAUSE_END.search(between):
                return None
        return private.term

    def _of_private_person(self, c: Candidate, ctx: BlockContext) -> bool:
        """A private person named before the address in its sentence ("王某某，男，某村3组")."""
        return any(
            0 <= c.start - end <= self.window.before
            and _SENTENCE_END.search(ctx.text, end, c.start) is None
            for _, end in ctx.private_people
        )

    def _office_place(self, c: Candidate, ctx: BlockContext) -> bool:
        hit = ctx.cues.nearest(c.start, c.end, _OFFICE, self.window.before, 0)
        return hit is not None and hit.term in self.office_places

    def _person(self, c: Candidate, ctx: BlockContext) -> tuple[Action, str]:
        role = ctx.role_at(c.start, c.end)
        if role == PERSON:
            if ctx.roster_table:
                return Action.KEEP, "roster of officials (post column)"
            if ctx.commendation:
                return Action.KEEP, "published by design (commendation/notice)"
            return Action.REDACT, "person column of a table"
        if role == STAFF:
            return Action.KEEP, "official in capacity (staff column)"
        if role == ORGANISATION_HEAD:
            if ctx.purpose.assistance:
                return Action.REDACT, "head of an organisation the assistance is paid to"
            return Action.KEEP, "head of a listed organisation, published with it"
        pseudonym = ctx.cues.nearest(c.start, c.end, _PSEUDONYM, 3, 3)
        if pseudonym is not None and pseudonym_of(ctx.text, pseudonym, c):
            return Action.KEEP, f"already masked (a pseudonym: {pseudonym.term})"
        title = self._title(c, ctx)
        if title is not None:
            return Action.KEEP, f"official in capacity ({title})"
        byline = ctx.cues.nearest(c.start, c.end, _BYLINE, 2, 0)
        if byline is not None:
            return Action.KEEP, f"byline ({byline.term})"
        if ctx.seeking:
            naming = ctx.cues.nearest(c.start, c.end, _NAMING, 3, 0)
            if naming is not None and is_attached(ctx.text, naming, c):
                return (
                    Action.KEEP,
                    f"published by design (a notice seeking the family; {naming.term})",
                )
        introduced = self._introduced(c, ctx)
        if introduced is not None:
            # Officials are never introduced so: a naming cue, a relation or a village group
            # marks a private person whatever the document is for.
            return Action.REDACT, f"private person ({introduced})"
        label = self._label(c, ctx)
        if label is not None:
            if ctx.commendation:
                return Action.KEEP, f"published by design (commendation/notice; {label})"
            return Action.REDACT, f"private person ({label})"
        if ctx.commendation:
            return Action.KEEP, "published by design (commendation/notice)"
        if ctx.private_table:
            # A family member in a 备注 cell, a recipient in a row the header did not type.
            return Action.REDACT, "in a row of a table of private persons"
        described = self._description(c, ctx)
        if described is not None:
            return Action.REDACT, f"private person (described: {described})"
        nearest = ctx.cues.nearest(
            c.start, c.end, _LABEL_OR_OFFICIAL, self.window.before, self.window.after
        )
        if nearest is not None and nearest.category == PRIVATE:
            return Action.REVIEW, f"private context nearby ({nearest.term})"
        if nearest is not None:
            # A post title names the person it stands next to, not a name in the next clause.
            return Action.REVIEW, f"post title nearby, not of this name ({nearest.term})"
        return Action.REVIEW, "person without context"

    def _title(self, c: Candidate, ctx: BlockContext) -> str | None:
        """The post title of this very name: next to it ("局长张伟", "张伟同志", "张伟（局长）",
        "王五任组长"), or heading a list of names it is in ("副县长陈晓燕、王立新")."""
        text = ctx.text
        for _, hit in ctx.cues.near(
            c.start, c.end, _OFFICIAL, self.window.before, self.window.after
        ):
            if hit.end <= c.start and TITLE_TO_NAME.fullmatch(text, hit.end, c.start):
                return hit.term
            if hit.start >= c.end and NAME_TO_TITLE.fullmatch(text, c.end, hit.start):
                return hit.term
        return None

    def _label(self, c: Candidate, ctx: BlockContext) -> str | None:
        """A private-person label attached to the name ("户主张伟", "张伟（户主）", "张伟、李强等
        困难群众")."""
        for _, hit in ctx.cues.near(c.start, c.end, _LABELS, self.window.before, self.window.after):
            if is_attached(ctx.text, hit, c) and (hit.category == PRIVATE or hit.end <= c.start):
                return hit.term
        return None

    def _introduced(self, c: Candidate, ctx: BlockContext) -> str | None:
        """How the text introduces a private person right before the name: "该男子叫…", a
        relation ("其哥哥覃某某"), a village group number ("六组王德才"), a village after its town
        ("东关村武二平"), or the name alone on the salutation line of a letter ("王某某：",
        依申请公开答复书 to an applicant)."""
        for cats in (_NAMING, _RELATIVE):
            cue = ctx.cues.nearest(c.start, c.end, cats, 3, 0)
            if cue is not None and is_attached(ctx.text, cue, c):
                return cue.term
        group = self._village_group.search(ctx.text, max(0, c.start - 6), c.start)
        if group is None and self._village is not None:
            group = self._village.search(ctx.text, max(0, c.start - 12), c.start)
        if group is not None:
            return group.group(0)
        if is_salutation(ctx.text, c):
            return "addressee of a letter"
        return None

    def _description(self, c: Candidate, ctx: BlockContext) -> str | None:
        """A word right after the name that describes a private person ("，男，", "一家")."""
        match = self._described.match(ctx.text, c.end)
        if match is None:
            return None
        return match.group("word") or match.group("attached")


def _descriptors(rules: ContextRules) -> re.Pattern[str]:
    """The words of ``person_descriptors``: after the name's separator (or an age there), or
    attached to the name; a one-character word must end at a separator (女儿 is no 女)."""
    words = rules.person_descriptors
    after = _alternatives([*words.after_separator, *words.attached])
    attached = _alternatives(words.attached)
    return re.compile(rf"[{_SEPARATORS}]+(?P<word>{after}|\d{{1,3}}\s*岁)|(?P<attached>{attached})")


def _alternatives(terms: list[str]) -> str:
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        tail = rf"(?=[{_SEPARATORS})）]|$)" if len(term) == 1 else ""
        parts.append(re.escape(term) + tail)
    return "|".join(parts) or "(?!)"


#: What separates a name from the words that describe it.
_SEPARATORS = r"，,、(（\s"
_SENTENCE_END = re.compile(r"[。！？；;!?\n]")
_CLAUSE_END = re.compile(r"[，,。！？；;!?\n]")
