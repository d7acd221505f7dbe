"""The rules files detection reads (`rules/identifiers.yaml`, `context.yaml`, `markings.yaml`,
`people.yaml`, `tables.yaml`, `health.yaml`, and the address levels of `masking.yaml`), validated
with pydantic through :func:`review_desk.rules.load_rules` so that an office's typo names the file,
the line and the key.

Every model of a file detection owns forbids unknown keys: a misspelt key is an error at load, not
a rule that silently stops applying (or a bare KeyError later, naming no file).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from review_desk.core.findings import Attribute, FindingType
from review_desk.rules import load_rules


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compact(chars: str) -> str:
    """A string of characters written over several YAML lines: blanks carry no meaning."""
    return "".join(chars.split())


class Window(_Strict):
    before: int = Field(ge=0, le=200)
    after: int = Field(ge=0, le=200)


class RecognizerRule(_Strict):
    score: float = Field(gt=0, le=1)
    doubtful_score: float = Field(gt=0, le=1)
    context: list[str] = []


#: Characters with a meaning in a regular expression: a word of the rules that is matched as
#: written holds none of them, so that an office's edit cannot turn it into a pattern.
_REGEX_METACHARACTERS = frozenset(".^$*+?{}[]\\|()")


def _plain_word(word: str) -> str:
    if not word.strip():
        raise ValueError("词不能为空")
    if word != word.strip():
        raise ValueError(f"词「{word}」前后有空白")
    special = sorted(set(word) & _REGEX_METACHARACTERS)
    if special:
        raise ValueError(
            f"词「{word}」含正则表达式符号 {' '.join(special)}（这里写的是词，不是正则表达式）"
        )
    return word


def _longer_words_first(words: list[str]) -> list[str]:
    """The regex tries the words in their order: a word written after a shorter word it starts
    with would lose to it (号 before 号楼 reads "3号楼" as "3号" and a stray 楼)."""
    for index, word in enumerate(words):
        shorter = next((w for w in words[:index] if w != word and word.startswith(w)), None)
        if shorter is not None:
            raise ValueError(f"「{word}」要写在「{shorter}」前面（以较短的词开头的词先写）")
    return words


#: A word matched as written: not empty, no blank around it, no regular-expression symbol.
Word = Annotated[str, AfterValidator(_plain_word)]
#: Words a regex tries in the order written, at least one.
Words = Annotated[list[Word], Field(min_length=1), AfterValidator(_longer_words_first)]


class AddressRule(RecognizerRule):
    #: Words after which an address starts.
    lead_ins: list[str]
    #: Buildings that are workplaces or public places: a room there is nobody's home.
    non_residential: list[str]
    #: Words right after a place that make it land or a site, not a home ("…1社所征土地").
    not_homes: list[str]
    #: What may stand between the place and such a word ("…村1社的地块").
    not_home_links: list[str] = []
    # The grammar of an address (recognizers/address.py): the words of each level, in the order
    # its regex tries them.
    admin_levels: Words
    local_levels: Words
    #: Units after a number in Arabic digits, and those also after Chinese numerals.
    number_units: Words
    numeral_units: Words
    #: Units that count only before a house number ("5排18号"), and that house number's unit.
    row_units: Words
    house_numbers: Words
    #: A hamlet or a named group may follow these levels, before a house number or a row.
    hamlet_levels: Words
    hamlet_units: Words
    residential_units: Words
    group_units: Words
    #: What joins village groups into an area or a line, and the words of a route's other end.
    group_joiners: Words
    route_words: Words
    area_levels: Words
    #: The levels above the masking's cut, and words that end like one of them but are not.
    above_cut_levels: Words
    level_lookalikes: Words
    placeholder_units: Words
    #: At most this many characters of name before an administrative, a local or a hamlet level,
    #: and of the place named in an area or a route.
    admin_name_chars: int = Field(ge=1, le=40)
    local_name_chars: int = Field(ge=1, le=40)
    hamlet_name_chars: int = Field(ge=1, le=40)
    area_name_chars: int = Field(ge=1, le=40)
    #: At most this many administrative levels before a local one, local levels before a number,
    #: and administrative levels in an address without a local one (which needs two).
    max_admin_levels: int = Field(ge=0, le=10)
    max_local_levels: int = Field(ge=1, le=10)
    max_admin_only_levels: int = Field(ge=2, le=10)
    #: Characters of place name an address keeps before its number when its start is trimmed.
    min_place_chars: int = Field(ge=1, le=10)


def _characters(chars: str) -> str:
    """Characters written as one string (over several YAML lines, perhaps): at least one."""
    compact = _compact(chars)
    if not compact:
        raise ValueError("至少要写一个字符")
    return compact


#: Characters, each taken as written (a regex symbol such as * is escaped, not a pattern).
Characters = Annotated[str, AfterValidator(_characters)]


class PhoneRule(RecognizerRule):
    #: Where a phone word must stand to label a bare local number, and a short code (12345):
    #: right around a short code ("服务热线12345", "12345热线"), not further on ("第110户，户主
    #: 手机…").
    label_window: Window
    hotline_label_window: Window


class MaskedValueRule(RecognizerRule):
    #: Characters that stand for a masked digit.
    mask_chars: Characters
    #: A value is masked with at least this many mask characters in a row, at most that many.
    min_masked: int = Field(ge=1, le=20)
    max_masked: int = Field(ge=1, le=40)
    #: At most this many digits kept before the mask, and after it (a check character aside).
    max_kept_before: int = Field(ge=1, le=20)
    max_kept_after: int = Field(ge=0, le=20)

    @field_validator("max_masked")
    @classmethod
    def _not_below_min(cls, most: int, info: ValidationInfo) -> int:
        least = info.data.get("min_masked")
        if least is not None and most < least:
            raise ValueError(f"不能小于 min_masked（{least}）")
        return most


class LicensePlateRule(RecognizerRule):
    #: The province abbreviations a plate opens with (GA 36-2018).
    provinces: Characters
    #: Characters that may end a plate of five: 挂 (trailer), 学 (learner), 警 (police) ….
    last_chars: Characters


class Recognizers(_Strict):
    """One entry per identifier recognizer: a fixed set, so a misspelt name is an error."""

    cn_resident_id: RecognizerRule
    disability_cert: RecognizerRule
    cn_uscc: RecognizerRule
    phone: PhoneRule
    bank_card: RecognizerRule
    email: RecognizerRule
    passport: RecognizerRule
    travel_permit: RecognizerRule
    license_plate: LicensePlateRule
    address: AddressRule
    masked_value: MaskedValueRule


class IdentifierRules(_Strict):
    context_window: Window
    context_boost: float = Field(ge=0, le=1)
    recognizers: Recognizers
    hotlines: list[str]
    service_prefixes: list[str]


class PersonDescriptors(_Strict):
    """Words after a name that describe a private person ("，男，", "一家")."""

    after_separator: list[str] = []
    attached: list[str] = []


class ContextRules(_Strict):
    window: Window
    official_titles: list[str]
    bylines: list[str]
    private_cues: list[str]
    #: Family members: private cues, and private even in a commendation.
    relatives: list[str] = []
    #: Words of a relation column beyond the relatives (本人, 长子): no names.
    relation_words: list[str] = []
    #: Field labels of a name (姓名): the name after one is private, a phone near it need not be.
    name_labels: list[str] = []
    private_topics: list[str]
    naming_cues: list[str]
    #: A name given as a pseudonym (化名): not the person's, kept.
    pseudonym_cues: list[str] = []
    person_descriptors: PersonDescriptors = PersonDescriptors()
    village_group_units: list[str]
    #: A villager is named after their town and village ("秀水镇东关村武二平"): the units of each.
    town_units: list[str] = []
    village_units: list[str] = []
    commendation_cues: list[str]
    #: Notices seeking a person's family (寻亲公告): the name they report is their purpose.
    seeking_cues: list[str] = []
    assistance_cues: list[str]
    #: How many title lines at the head of a document say what it is for (POLICY.md §5 公示).
    title_blocks: int = Field(ge=1, le=10)
    office_contact_cues: list[str]
    office_place_cues: list[str]
    agency_words: list[str]
    #: Labels of an agency's line right after its name ("县法院执行局电话：…"): the agency's.
    agency_line_labels: list[str] = []
    #: How far before a number its agency and line label may start.
    agency_line_reach: int = Field(ge=0, le=200)
    #: A letter's addressee (你, 您) opening a sentence: an address in it is theirs, unless the
    #: addressee is an organisation (你单位).
    addressee_references: list[str] = []
    organisation_addressees: list[str] = []
    institutional_mail_domains: list[str]
    allow_list: list[str] = []
    deny_list: dict[FindingType, list[str]] = {}


class SecrecyRules(_Strict):
    levels: list[str]
    periods: list[str]
    urgency: list[str]


class PhraseRules(_Strict):
    phrases: list[str]


class ProcessRules(_Strict):
    phrases: list[str]
    #: Drafts a document may offer for public comment: not internal then.
    public_drafts: list[str]
    public_consultation: list[str]
    request_titles: list[str]
    request_closings: list[str]
    #: What may open the sentence of a closing formula ("以上请示妥否，请批示").
    closing_leads: list[str] = []


class DisclosureRules(_Strict):
    labels: list[str]
    #: What may stand between a subject and its note: "此件属于依申请公开".
    verbs: list[str]
    #: The wording of a note (after 此件/本件, or after a metadata label) → what it states. The
    #: one table of note wordings: the policy engine reads it too (POLICY.md §3 conflicts).
    notes: dict[str, Attribute]


class MarkingRules(_Strict):
    head_lines: int = Field(ge=1, le=10)
    note_fillers: list[str]
    note_subjects: list[str]
    note_labels: list[str]
    secrecy: SecrecyRules
    work_secret: PhraseRules
    internal: PhraseRules
    process: ProcessRules
    disclosure: DisclosureRules


class PeopleRules(_Strict):
    surnames: str
    surname_shares: dict[str, float] = {}
    compound_surnames: list[str]
    not_given: str
    #: Numerals that may open a given name ("王二小") though they end a name scan elsewhere.
    given_numerals: str = ""
    #: What may not follow such a numeral in a name ("王一家" is the Wang family).
    not_after_numeral: str = ""
    not_names: list[str]
    name_followers: str
    #: What must follow a name whose surname also leads names (向春花, 向记者反映).
    led_name_followers: str = Field(min_length=1)
    #: A name found in a text is looked for elsewhere in it from this many characters on.
    recurring_name_chars: int = Field(ge=2, le=6)
    #: How far back a name joined by 、 is looked for, and the longest aside on a listed name.
    list_reach: int = Field(ge=4, le=100)
    list_aside_chars: int = Field(ge=0, le=40)
    #: A count after a name ends it ("罗建国三户"): one of these numerals, then a unit.
    count_numerals: str = ""
    count_units: str = ""
    name_verbs: list[str]
    name_leaders: str
    cue_separators: str
    mask_chars: str
    mask_determiners: str
    #: A surname with one of these in place of the given name is no name (王女士, 李大爷).
    forms_of_address: list[str] = []
    score: float = Field(gt=0, le=1)

    @field_validator(
        "surnames",
        "not_given",
        "given_numerals",
        "not_after_numeral",
        "mask_chars",
        "mask_determiners",
        "count_numerals",
        "count_units",
    )
    @classmethod
    def _no_spaces(cls, chars: str) -> str:
        return _compact(chars)

    @field_validator("surname_shares")
    @classmethod
    def _shares_of_listed_surnames(
        cls, shares: dict[str, float], info: ValidationInfo
    ) -> dict[str, float]:
        unknown = sorted(set(shares) - set(info.data.get("surnames", "")))
        if unknown:
            raise ValueError(f"姓氏不在 surnames 里：{'、'.join(unknown)}")
        return shares


class ColumnRules(_Strict):
    person: list[str]
    resident_id: list[str]
    phone: list[str]
    address: list[str]
    bank_card: list[str]
    health: list[str]
    roster: list[str]
    #: Land, sites and routes (地块位置, 四至): their values are places, not homes.
    place: list[str] = []
    #: The office's staff in a list of private persons (经办人, 审核人): their names are kept.
    staff: list[str] = []
    #: An organisation's own address (单位地址): a workplace, kept.
    premises: list[str] = []
    #: Names of organisations (学校名称): with no person column, a table of organisations.
    organisation: list[str] = []
    #: Heads of those organisations (负责人, 法定代表人), in a table of organisations.
    organisation_head: list[str] = []


class HeaderRules(_Strict):
    """How a header that is not listed in ``columns`` still gets a role."""

    #: A header line of a table written as text has labels of at most this many characters.
    max_label_chars: int = Field(ge=1, le=40)
    #: A header ending so (户主姓名, 监护人姓名) is a person column, if not longer than this.
    name_suffix: str
    name_suffix_max_chars: int = Field(ge=1, le=40)
    #: A header containing one of these (身份证号码（18位）) is an ID column.
    id_fragments: list[str]
    #: Labels of a list's columns beyond the typed ones (序号, 家庭人口): a header line of such
    #: labels with one person column is a table's header.
    words: list[str] = []
    word_suffixes: list[str] = []
    #: A header containing one of these (残疾类别及等级, 患何种疾病) is a health column.
    health_fragments: list[str] = []
    #: A header containing one of these (被征收土地位置) is a place column.
    place_fragments: list[str] = []
    #: A header containing one of these (现居住地) is an address column.
    address_fragments: list[str] = []
    #: A header ending with one of these (本人联系电话) is a phone column, one of those (社会保障卡号)
    #: a card column, unless it joins two fields (照料人及电话) with a composite mark.
    phone_suffixes: list[str] = []
    bank_card_suffixes: list[str] = []
    composite_marks: str = ""
    #: A header ending so (嘎查协办员) names the office's staff.
    staff_suffixes: list[str] = []
    #: A numbered label (授权人一, 家庭成员2) ends with these: it is its label.
    ordinal_chars: str = ""


class ProseRowRules(_Strict):
    """Rows of a table that are prose, not records: a note, a footer (监督电话：…)."""

    #: A cell holding one of these reads as a sentence or a "label：value" line.
    marks: str
    #: A row's only cell of at least this many characters is prose.
    min_chars: int = Field(ge=1, le=200)


class FormRules(_Strict):
    """Key–value forms (申请表, 审批表, 登记表): a label cell, the value (or a blank) beside it."""

    #: Labels beyond the column headers: they name a field but hold no personal data.
    labels: list[str]
    #: A cell ending with one of these (…审核意见, 申请救助事由) is a label too.
    label_suffixes: list[str]
    #: So is a cell opening with one of these: a question the form asks (是否患有重大疾病).
    label_prefixes: list[str] = []
    #: A label of at most this many characters (decoration removed).
    max_label_chars: int = Field(ge=1, le=40)
    #: A table with more cells than this is a list, never a form (and is not laid out cell by
    #: cell: a sheet of a million cells).
    max_cells: int = Field(ge=10, le=100_000)
    #: Rows "label, value" a table needs to be a form.
    min_pairs: int = Field(ge=1, le=20)
    #: A row of at least this many cells may be the header of a table inside the form.
    inner_header_cells: int = Field(ge=2, le=40)


class ChoiceRules(_Strict):
    """The boxes of a form's printed choices: a cell of unticked choices says nothing."""

    unticked: str = ""
    ticked: str = ""


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"不是有效的正则表达式（{error}）") from error
    return pattern


#: A regular expression, checked at load.
Pattern = Annotated[str, AfterValidator(_compiles)]
#: The column roles whose values have a shape (``text_tables.value_shapes``).
ShapedRole = Literal["person", "resident_id", "phone", "bank_card", "address", "health"]


class TextTableRules(_Strict):
    """Tables and forms written as lines of text (``text_tables.py``)."""

    #: Cells a row of a text table may lack (empty cells a PDF does not draw) or have beyond
    #: its header (a value with a blank inside it).
    max_missing_cells: int = Field(ge=0, le=10)
    #: Labels of a header line with one typed column that may be unknown words.
    max_unnamed_labels: int = Field(ge=0, le=10)
    #: A line of fields is at most this long and holds none of these marks; else it is prose.
    field_line_chars: int = Field(ge=10, le=1000)
    sentence_marks: str = Field(min_length=1)
    #: Lines of text a form written as text may have between two of its field lines.
    form_gap_lines: int = Field(ge=0, le=20)
    #: The whole value a cell must be to take its column's role (a name under 户主, digits
    #: under 身份证号), as a regular expression; a role without a shape takes any value.
    value_shapes: dict[ShapedRole, Pattern]


class TableRules(_Strict):
    columns: ColumnRules
    choices: ChoiceRules = ChoiceRules()
    #: A cell that says "nothing here" is not a value.
    empty_values: list[str]
    #: A name holding one of these after its first character is masked (张*明, 李某某).
    masked_name_chars: str = ""
    header: HeaderRules
    prose_rows: ProseRowRules
    forms: FormRules
    text_tables: TextTableRules
    score: float = Field(gt=0, le=1)


class DisabilityRules(_Strict):
    """Disability category and grade (GB/T 26341-2010) written as a person's value."""

    categories: list[str] = Field(min_length=1)
    grades: list[str] = Field(min_length=1)
    #: What may stand between a category and its grade ("肢体残疾二级", "肢体/二级").
    links: list[str] = []


class TermExtensions(_Strict):
    """Modifiers that make a known health term longer (急性 + 髓系 + 白血病, 肺癌 + 晚期)."""

    before: list[str] = []
    #: A type number before 型 ("2型糖尿病").
    type_marks: str = ""
    #: At most this many characters of subtype between a modifier and the term.
    max_between: int = Field(default=0, ge=0, le=8)
    #: Characters a subtype never holds (a verb, a particle): the modifier is of something else.
    not_between: str = ""
    after: list[str] = []


class HealthRules(_Strict):
    #: Category (free name) → terms.
    terms: dict[str, list[str]]
    extensions: TermExtensions = TermExtensions()
    disability: DisabilityRules
    #: Field names holding a term that are labels, not anyone's health (残疾证号, 残疾类型).
    labels: list[str] = []
    #: Labels after which a disability category or grade is the person's value.
    disability_labels: list[str] = []
    #: A short text opening or ending so is a field's label, whatever terms it holds.
    label_openers: list[str] = []
    label_endings: list[str] = []
    label_max_chars: int = Field(default=14, ge=1, le=40)
    #: A person referred to without a name before an illness verb ("其患…", "他因…").
    personal_references: list[str] = []
    #: How far before a term a reference to a person and its illness verb may start.
    reference_reach: int = Field(ge=0, le=100)
    #: The references that may also follow the term they are tied to, in the next clause.
    following_references: list[str] = []
    illness_verbs: list[str] = []
    #: How bad or how long, between an illness verb and its term ("患有严重的类风湿性关节炎").
    illness_degrees: list[str] = []
    #: A term right after one of these is an unticked choice of a form, not a value.
    unticked_boxes: str = ""
    #: How far back such a box may stand from a term in its choice ("○门诊慢性病"), and what ends
    #: a choice (the one before it ends at a blank or a separator).
    choice_reach: int = Field(ge=0, le=100)
    choice_ends: str = Field(min_length=1)
    # How far (characters, same block) a term may sit from a person for it to be "tied" to one.
    person_distance: int = Field(ge=0, le=200)
    score: float = Field(gt=0, le=1)

    @property
    def all_terms(self) -> list[str]:
        return [term for terms in self.terms.values() for term in terms]


class _TypeMask(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    levels: list[str] = []


class MaskingLevels(BaseModel):
    """The one part of `rules/masking.yaml` detection reads (the redaction owns the rest of it):
    the levels an address is cut after (POLICY.md §7). A value that ends at one of them, with
    nothing more detailed, is what the masking publishes: compliant, not a leak."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    types: dict[FindingType, _TypeMask] = {}

    @property
    def address(self) -> list[str]:
        mask = self.types.get(FindingType.ADDRESS)
        return mask.levels if mask is not None else []


class DetectRules(_Strict):
    identifiers: IdentifierRules
    context: ContextRules
    markings: MarkingRules
    people: PeopleRules
    tables: TableRules
    health: HealthRules
    masking: MaskingLevels


def load_detect_rules(folder: Path | None = None) -> DetectRules:
    return DetectRules(
        identifiers=load_rules("identifiers", IdentifierRules, folder),
        context=load_rules("context", ContextRules, folder),
        markings=load_rules("markings", MarkingRules, folder),
        people=load_people_rules(folder),
        tables=load_rules("tables", TableRules, folder),
        health=load_rules("health", HealthRules, folder),
        masking=load_rules("masking", MaskingLevels, folder),
    )


def load_people_rules(folder: Path | None = None) -> PeopleRules:
    """`rules/people.yaml`: the surname list the baseline and the NER model's features share."""
    return load_rules("people", PeopleRules, folder)
