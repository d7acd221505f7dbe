"""Masks for redacted values (POLICY.md §7), as presidio-anonymizer operators.

Each masking method is a presidio ``Operator``: the GUI can preview a masked block through
``Masker.engine()`` with ``Masker.operator_configs()``, and the writers call the same operators
one value at a time (``Masker.mask``), which is what a million-cell sheet can afford. Which method
applies to which type, and its parameters, come from ``rules/masking.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from typing import Annotated, Any, Literal

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import InvalidParamError, OperatorConfig
from presidio_anonymizer.operators import Operator, OperatorType, Replace
from pydantic import BaseModel, ConfigDict, Field, field_validator

from review_desk.core.findings import FindingType
from review_desk.paths import rules_dir
from review_desk.rules import load_rules

_CACHE_SIZE = 65536
#: Separators inside a personal name ("阿卜杜拉·买买提"), kept in place like spaces.
_NAME_DOTS = "·•・."
#: Province, then prefecture, then county level: the part of an address a mask may keep.
_REGION = re.compile(
    r"(?P<province>[^省]{2,7}?省|[^区]{2,10}?自治区|(?:北京|天津|上海|重庆)市)?"
    r"(?P<city>[^市州盟区]{1,8}?(?:市|自治州|州|盟|地区))?"
    r"(?P<county>[^县区市旗]{1,8}?(?:县|区|市|旗))?"
)


# -- rules/masking.yaml ------------------------------------------------------------------------


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeepEndsRule(_Rule):
    method: Literal["keep_ends"]
    first: int = Field(ge=0)
    last: int = Field(ge=0)
    kept_prefix: str | None = None

    @field_validator("kept_prefix")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as error:
                raise ValueError(f"正则表达式无效：{error}") from error
        return value


class PersonRule(_Rule):
    method: Literal["person"]


class AddressRule(_Rule):
    method: Literal["address"]
    levels: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)


class ReplaceRule(_Rule):
    method: Literal["replace"]
    text: str = Field(min_length=1)


class FullRule(_Rule):
    method: Literal["full"]


MaskRule = Annotated[
    KeepEndsRule | PersonRule | AddressRule | ReplaceRule | FullRule,
    Field(discriminator="method"),
]


class VerifyRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    block_only_types: list[FindingType] = []
    block_only_shorter_than: int = Field(default=3, ge=1)


class MaskingRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    mask_char: str = Field(min_length=1, max_length=1)
    separators: str = ""
    default: MaskRule
    types: dict[FindingType, MaskRule] = {}
    verify: VerifyRules = VerifyRules()

    @field_validator("separators")
    @classmethod
    def _not_letters(cls, value: str) -> str:
        # A letter or digit as separator would be left unmasked in every value.
        if any(char.isalnum() for char in value):
            raise ValueError("分隔符中不能有字母或数字")
        return value


class _PeopleNames(BaseModel):
    """The one key of rules/people.yaml the masks read; the detectors own the rest of it."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    compound_surnames: list[str] = []


# -- the operators -----------------------------------------------------------------------------


class _PolicyOperator(Operator):
    """An anonymizer with a mask character; ``bind`` gives its mask as a plain function (what
    the writers call, one value at a time, without Presidio's per-call parameter handling)."""

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        return self.bind(params or {})(text)

    def bind(self, params: dict[str, Any]) -> Callable[[str], str]:
        raise NotImplementedError

    def validate(self, params: dict[str, Any] | None = None) -> None:
        mask = (params or {}).get("mask_char")
        if not isinstance(mask, str) or len(mask) != 1:
            raise InvalidParamError("mask_char must be one character")

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


class KeepEnds(_PolicyOperator):
    """Keep the first and last characters, mask the middle (Presidio's own mask keeps one end)."""

    def bind(self, params: dict[str, Any]) -> Callable[[str], str]:
        return partial(
            keep_ends,
            first=params["first"],
            last=params["last"],
            mask=params["mask_char"],
            separators=params.get("separators", ""),
            prefix=params.get("prefix"),
        )

    def operator_name(self) -> str:
        return "keep_ends"


class PersonName(_PolicyOperator):
    def bind(self, params: dict[str, Any]) -> Callable[[str], str]:
        compound = params.get("compound_surnames", frozenset())
        return partial(mask_person, mask=params["mask_char"], compound_surnames=compound)

    def operator_name(self) -> str:
        return "person_name"


class AddressCut(_PolicyOperator):
    def bind(self, params: dict[str, Any]) -> Callable[[str], str]:
        return partial(mask_address, mask=params["mask_char"], levels=tuple(params["levels"]))

    def operator_name(self) -> str:
        return "address_cut"


class FullMask(_PolicyOperator):
    def bind(self, params: dict[str, Any]) -> Callable[[str], str]:
        return partial(full_mask, mask=params["mask_char"])

    def operator_name(self) -> str:
        return "full_mask"


OPERATORS: tuple[type[Operator], ...] = (KeepEnds, PersonName, AddressCut, FullMask)


# -- the masks themselves ----------------------------------------------------------------------


def keep_ends(
    text: str,
    first: int,
    last: int,
    mask: str,
    separators: str = "",
    prefix: re.Pattern[str] | None = None,
) -> str:
    start = 0
    if prefix is not None and (found := prefix.match(text)):
        start = found.end()
    if start == 0 and text.isalnum():
        # The usual case (an ID or a phone written plainly): slices, no per-character work.
        first, last = _clamp(len(text), first, last)
        return text[:first] + mask * (len(text) - first - last) + text[len(text) - last :]
    counted = [i for i in range(start, len(text)) if text[i] not in separators]
    first, last = _clamp(len(counted), first, last)
    masked = set(counted[first : len(counted) - last])
    return "".join(mask if i in masked else char for i, char in enumerate(text))


def full_mask(text: str, mask: str) -> str:
    return "".join(char if char.isspace() else mask for char in text)


def _clamp(count: int, first: int, last: int) -> tuple[int, int]:
    """Keeping as many characters as the value has would mask nothing: keep half at most."""
    if first + last < count:
        return first, last
    kept = count // 2
    first = first * kept // (first + last) if first + last else 0
    return first, kept - first


def mask_person(text: str, mask: str, compound_surnames: frozenset[str]) -> str:
    if 2 <= len(text) <= 4 and all(_is_han(char) for char in text):
        # The usual case (a Chinese name written plainly): slices, no per-character work.
        surname = 2 if len(text) > 2 and text[:2] in compound_surnames else 1
        given = len(text) - surname
        kept_last = text[-1] if given >= 2 else ""
        return text[:surname] + mask * (given - len(kept_last)) + kept_last
    letters = [i for i, char in enumerate(text) if not char.isspace() and char not in _NAME_DOTS]
    if not letters:
        return text
    masked = set(letters) - _kept_name_letters(text, letters, compound_surnames)
    return "".join(mask if i in masked else char for i, char in enumerate(text))


def _kept_name_letters(text: str, letters: list[int], compound: frozenset[str]) -> set[int]:
    chinese = all(_is_han(text[i]) for i in letters)
    if not chinese or any(char in _NAME_DOTS for char in text):
        # A transliterated or Latin name has no surname a reader would recognise: its initial.
        return {letters[0]}
    two = "".join(text[i] for i in letters[:2])
    surname = 2 if len(letters) > 2 and two in compound else 1
    given = letters[surname:]
    kept = set(letters[:surname])
    if len(given) >= 2:
        kept.add(given[-1])
    return kept


def _is_han(char: str) -> bool:
    """A Han character: the unified ideographs, extension A, compatibility ideographs, and the
    supplementary planes' extensions (rare surnames such as 𠀾 live there)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    )


def mask_address(text: str, mask: str, levels: tuple[str, ...]) -> str:
    cut = _address_cut(text, levels)
    return text[:cut] + "".join(char if char.isspace() else mask for char in text[cut:])


def _address_cut(text: str, levels: tuple[str, ...]) -> int:
    region = _REGION.match(text)
    assert region is not None  # every group is optional: it always matches
    township = _levels_pattern(levels).match(text, region.end())
    if township is not None and township.end() < len(text):
        return township.end()
    if township is not None:
        # The value ends at the township: keeping it would keep everything.
        return region.end()
    return max(region.end("province"), region.end("city"), 0)


@lru_cache(maxsize=16)
def _levels_pattern(levels: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(re.escape(level) for level in sorted(levels, key=len, reverse=True))
    return re.compile(rf".{{1,10}}?(?:{words})")


# -- the masker --------------------------------------------------------------------------------


class Masker:
    """The mask of every finding type, built from rules/masking.yaml."""

    def __init__(self, rules: MaskingRules, compound_surnames: frozenset[str] = frozenset()):
        self.rules = rules
        self._compound = compound_surnames
        self._choices = {
            kind: self._choice(rules.types.get(kind, rules.default)) for kind in FindingType
        }
        self._functions = {kind: _bound(*choice) for kind, choice in self._choices.items()}
        # Names repeat in a recipient list, IDs do not: a bounded cache serves the first.
        self._cache: dict[tuple[FindingType, str], str] = {}
        self._block_only_types = frozenset(rules.verify.block_only_types)
        self._block_only_below = rules.verify.block_only_shorter_than

    @classmethod
    def from_rules(cls, folder: Path | None = None) -> Masker:
        rules = load_rules("masking", MaskingRules, folder)
        people = (folder or rules_dir()) / "people.yaml"
        names = load_rules("people", _PeopleNames, folder) if people.is_file() else _PeopleNames()
        return cls(rules, frozenset(names.compound_surnames))

    def mask(
        self,
        kind: FindingType,
        value: str,
        keep_start: int | None = None,
        keep_end: int | None = None,
    ) -> str:
        """The masked value; an edit decision keeps ``keep_start``/``keep_end`` characters."""
        if keep_start is not None or keep_end is not None:
            masked = keep_ends(value, keep_start or 0, keep_end or 0, self.rules.mask_char)
            return self._never_unchanged(value, masked)
        key = (kind, value)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._never_unchanged(value, self._functions[kind](value))
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = cached
        return cached

    def changes_length(self, kind: FindingType) -> bool:
        return isinstance(self.rules.types.get(kind, self.rules.default), ReplaceRule)

    def block_only(self, kind: FindingType, value: str) -> bool:
        """Whether a redacted value is searched for only where it was redacted (see the YAML)."""
        return kind in self._block_only_types or len(value.strip()) < self._block_only_below

    def operator_configs(self) -> dict[str, OperatorConfig]:
        """Per-type operator configuration for ``engine().anonymize``."""
        return {
            kind.value: OperatorConfig(operator.operator_name(), dict(params))
            for kind, (operator, params) in self._choices.items()
        }

    def engine(self) -> AnonymizerEngine:
        engine = AnonymizerEngine()  # type: ignore[no-untyped-call]
        for operator in OPERATORS:
            engine.add_anonymizer(operator)
        return engine

    def _never_unchanged(self, value: str, masked: str) -> str:
        # A value made only of separators would pass through untouched: a redaction always shows.
        return masked if masked != value else self.rules.mask_char * len(value)

    def _choice(self, rule: _Rule) -> tuple[Operator, dict[str, Any]]:
        mask = self.rules.mask_char
        if isinstance(rule, KeepEndsRule):
            params = {"first": rule.first, "last": rule.last, "separators": self.rules.separators}
            prefix = re.compile(rule.kept_prefix) if rule.kept_prefix else None
            return KeepEnds(), {**params, "prefix": prefix, "mask_char": mask}
        if isinstance(rule, PersonRule):
            return PersonName(), {"mask_char": mask, "compound_surnames": self._compound}
        if isinstance(rule, AddressRule):
            return AddressCut(), {"mask_char": mask, "levels": tuple(rule.levels)}
        if isinstance(rule, ReplaceRule):
            return Replace(), {"new_value": rule.text}
        return FullMask(), {"mask_char": mask}


def _bound(operator: Operator, params: dict[str, Any]) -> Callable[[str], str]:
    if isinstance(operator, _PolicyOperator):
        return operator.bind(params)
    return partial(operator.operate, params=params)  # Presidio's own (HEALTH_INFO's replace)
