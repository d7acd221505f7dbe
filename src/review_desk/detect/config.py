"""The rules files detection reads (`rules/identifiers.yaml`, `context.yaml`, `markings.yaml`,
`people.yaml`, `health.yaml`), validated with pydantic through :func:`review_desk.rules.load_rules`
so that an office's typo names the file and line."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from review_desk.core.findings import FindingType
from review_desk.rules import load_rules


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(_Strict):
    before: int = Field(ge=0, le=200)
    after: int = Field(ge=0, le=200)


class RecognizerRule(_Strict):
    score: float = Field(gt=0, le=1)
    doubtful_score: float = Field(gt=0, le=1)
    context: list[str] = []


class IdentifierRules(_Strict):
    context_window: Window
    context_boost: float = Field(ge=0, le=1)
    recognizers: dict[str, RecognizerRule]
    hotlines: list[str]
    service_prefixes: list[str]

    def rule(self, name: str) -> RecognizerRule:
        return self.recognizers[name]


class ContextRules(_Strict):
    window: Window
    official_titles: list[str]
    bylines: list[str]
    private_cues: list[str]
    private_topics: list[str]
    commendation_cues: list[str]
    office_contact_cues: list[str]
    office_place_cues: list[str]
    agency_words: list[str]
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
    public_consultation: list[str]
    request_titles: list[str]


class DisclosureRules(_Strict):
    subjects: list[str]
    labels: list[str]
    notes: dict[str, str]

    @field_validator("notes")
    @classmethod
    def _known_values(cls, notes: dict[str, str]) -> dict[str, str]:
        allowed = {"proactive", "on_request", "withheld", "redacted"}
        wrong = sorted(v for v in notes.values() if v not in allowed)
        if wrong:
            raise ValueError(f"note values must be one of {sorted(allowed)}, not {wrong}")
        return notes


class MarkingRules(_Strict):
    head_lines: int = Field(ge=1, le=10)
    note_fillers: list[str]
    secrecy: SecrecyRules
    work_secret: PhraseRules
    internal: PhraseRules
    process: ProcessRules
    disclosure: DisclosureRules


class ColumnRules(_Strict):
    person: list[str]
    resident_id: list[str]
    phone: list[str]
    address: list[str]
    bank_card: list[str]
    health: list[str]
    roster: list[str]


class PeopleRules(_Strict):
    surnames: str
    compound_surnames: list[str]
    not_given: str
    not_names: list[str]
    name_followers: str
    name_verbs: list[str]
    name_leaders: str
    mask_chars: str
    columns: ColumnRules

    @field_validator("surnames", "not_given", "mask_chars")
    @classmethod
    def _no_spaces(cls, chars: str) -> str:
        return "".join(chars.split())


class HealthRules(_Strict):
    terms: list[str]
    # How far (characters, same block) a term may sit from a person for it to be "tied" to one.
    person_distance: int = Field(ge=0, le=200)


class DetectRules(_Strict):
    identifiers: IdentifierRules
    context: ContextRules
    markings: MarkingRules
    people: PeopleRules
    health: HealthRules


def load_detect_rules(folder: Path | None = None) -> DetectRules:
    return DetectRules(
        identifiers=load_rules("identifiers", IdentifierRules, folder),
        context=load_rules("context", ContextRules, folder),
        markings=load_rules("markings", MarkingRules, folder),
        people=load_rules("people", PeopleRules, folder),
        health=load_rules("health", HealthRules, folder),
    )
