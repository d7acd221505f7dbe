"""Detailed addresses (POLICY.md §4: down to 路/号/栋/单元/室/组), after the component order of
GB/T 23705-2009 (数字城市地理信息公共平台地名/地址编码规则) and the 地名标志 practice of GB 17733:
administrative levels (省 市 区/县 乡/镇/街道 村/社区), a road, lane or estate, then house
numbers, buildings, units, rooms or village groups.

A match needs a number unit (号, 栋, 单元, 室, 组 …) after at least one named place, and either
two place levels or a street/estate/village level, so "全省1号文件" is no address. Where the
match starts is trimmed after the word that introduced it (住, 址, 于, 在 …), because the
regex cannot tell where prose ends and a place name begins.

The shape of an address and the numerals are here; the words of each level and unit, and how
long a place name may be, are rules (rules/identifiers.yaml, recognizers.address).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from review_desk.core.findings import FindingType
from review_desk.detect.config import AddressRule, Window
from review_desk.detect.recognizers.base import BLOCK_EDGE, Check, RegexRecognizer, Verdict
from review_desk.detect.recognizers.lines import alternation

_CJK = r"[\u4e00-\u9fff]"
_DIGITS = r"\d+(?:-\d+)*"
_CN_NUM = r"[一二三四五六七八九十百零〇]+"
#: Pattern name of an address that names land or a site ("…村1社所征土地"), not anyone's home.
NOT_A_HOME = "not_a_home"
#: Pattern name of an address down to a village group and no further ("新城村3组"): the group's
#: land as much as a home, a home only where the text ties it to someone.
GROUP_ONLY = "group_only"
_DIGIT = re.compile(r"\d")
#: A regex that never matches: a finer unit than a group, where every number unit is a group's.
_NEVER = "(?!)"


def _alternatives(words: Sequence[str]) -> str:
    """The words as alternatives of a regex, tried in the order the rules give them: unlike
    :func:`lines.alternation`, not sorted, so each regex is the one the rules spell out."""
    return "|".join(map(re.escape, words))


def _one_of(words: Sequence[str]) -> str:
    return f"(?:{_alternatives(words)})"


def _word(words: Sequence[str]) -> str:
    """One of the words, bare where there is one (at the end of a lookahead)."""
    return re.escape(words[0]) if len(words) == 1 else _one_of(words)


def _right_after(words: Sequence[str]) -> str:
    """Right after one of the words: a lookbehind per word, since each must be fixed-width."""
    behind = [f"(?<={re.escape(word)})" for word in words]
    return behind[0] if len(behind) == 1 else f"(?:{'|'.join(behind)})"


def _heads(words: Sequence[str]) -> list[str]:
    """The words, without those that start with another of them (号楼 goes, 号 stays): what a
    quick test for any of them needs."""
    unique = list(dict.fromkeys(words))
    return [w for w in unique if not any(o != w and w.startswith(o) for o in unique)]


def _level(level: str, lookalikes: Sequence[str]) -> str:
    """A level at the end of a place, unless it ends a lookalike (区 of 小区)."""
    before = [w[: -len(level)] for w in lookalikes if w.endswith(level) and w != level]
    if not before:
        return re.escape(level)
    if all(len(b) == 1 for b in before):
        return f"(?<![{''.join(map(re.escape, before))}]){re.escape(level)}"
    return "".join(f"(?<!{re.escape(b)})" for b in before) + re.escape(level)


class AddressRecognizer(RegexRecognizer):
    NAME = "address"
    ENTITY = FindingType.ADDRESS
    #: Built from the rules' words at construction (``_patterns``).
    PATTERNS = ()

    def __init__(self, rule: AddressRule, window: Window) -> None:
        super().__init__(rule, window, _patterns(rule))
        self._non_residential = tuple(rule.non_residential)
        # The regex cannot tell where prose ends and a place name begins: the match is cut after
        # the last word that introduces an address.
        self._lead_in = re.compile(rf".*(?:{alternation(rule.lead_ins)}|:|,)")
        links = alternation(rule.not_home_links)
        self._not_home = re.compile(rf"(?:{links})?(?P<word>{alternation(rule.not_homes)})")
        self._place_name = re.compile(rf"{_CJK}{{{rule.min_place_chars}}}")
        # A cheap test that lets a block without any number unit skip the regexes.
        units = [*rule.number_units, *rule.row_units, *rule.numeral_units]
        self._needs = re.compile(rf"(?:\d|[一二三四五六七八九十百]){_one_of(_heads(units))}")
        self._residential = re.compile(
            rf"(?:\d|[一二三四五六七八九十])({_alternatives(rule.residential_units)})"
        )
        group = rf"(?:\d+|[一二三四五六七八九十]+){_one_of(rule.group_units)}"
        joiners = _one_of([*rule.group_joiners, *rule.route_words])
        areas = _one_of(rule.area_levels)
        name = rule.area_name_chars
        self._area = re.compile(
            rf"\s*(?:{joiners}\s*{_CJK}{{0,{name}}}?{areas}?{group}"
            rf"|{_one_of(rule.route_words)}{_CJK}{{1,{name}}}?{areas}(?!\d))"
        )
        # Units of a home finer than a village group: a house number, a building, a room.
        finer = [unit for unit in rule.number_units if unit not in rule.group_units]
        self._finer_than_group = re.compile(rf"\d{_one_of(finer)}" if finer else _NEVER)
        self._group_units = tuple(rule.group_units)

    def might_match(self, text: str) -> bool:
        return self._needs.search(text) is not None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for result in results:
            lead = self._lead_in.match(text, result.start, result.end)
            # Keep at least min_place_chars characters of place name before the first number.
            if lead is not None and self._place_name.search(text[lead.end() : result.end]):
                result.start = lead.end()
        return results

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        value = text[start:end]
        # What follows is read up to the end of the block, when blocks are analysed in a batch.
        edge = text.find(BLOCK_EDGE, end)
        block_end = len(text) if edge < 0 else edge
        land = self._not_home.match(text, end, block_end)
        if land is not None:
            return Check(Verdict.DOUBTFUL, f"{land.group('word')}, not a home", kind=NOT_A_HOME)
        if self._area.match(text, end, block_end) is not None:
            return Check(Verdict.DOUBTFUL, "several village groups or a route", kind=NOT_A_HOME)
        public = [b for b in self._non_residential if b in value]
        if public:
            return Check(Verdict.DOUBTFUL, f"address of a {public[0]}, not a home")
        residential = self._residential.search(value)
        if (
            residential
            and self._finer_than_group.search(value) is None
            and residential.group(1) in self._group_units
        ):
            return Check(Verdict.VALID, "detailed address down to 组", kind=GROUP_ONLY)
        if residential:
            return Check(Verdict.VALID, f"detailed address down to {residential.group(1)}")
        return Check(Verdict.DOUBTFUL, "street address with house number")


def _patterns(rule: AddressRule) -> tuple[tuple[str, str], ...]:
    """The two shapes of an address: named places down to a number, with a local level (a
    road, an estate, a village) or with at least two administrative ones."""
    digits_units = _alternatives(rule.number_units)
    row = rf"{_one_of(rule.row_units)}(?=\d+{_word(rule.house_numbers)})"
    unit = rf"(?:{_DIGITS}(?:{digits_units}|{row})|{_CN_NUM}{_one_of(rule.numeral_units)})"
    stem_admin = rf"{_CJK}{{1,{rule.admin_name_chars}}}?{_one_of(rule.admin_levels)}"
    hamlet = (
        rf"(?:{_right_after(rule.hamlet_levels)}{_CJK}{{1,{rule.hamlet_name_chars}}}?"
        rf"{_one_of(rule.hamlet_units)}?(?=\d+{_one_of([*rule.house_numbers, *rule.row_units])}))?"
    )
    stem_local = rf"{_CJK}{{1,{rule.local_name_chars}}}?{_one_of(rule.local_levels)}{hamlet}"
    admin, local = rule.max_admin_levels, rule.max_local_levels
    return (
        (
            "detailed",
            rf"(?:{stem_admin}){{0,{admin}}}(?:(?:{stem_local}){{1,{local}}}(?:{unit})+)+",
        ),
        ("admin_only", rf"(?:{stem_admin}){{2,{rule.max_admin_only_levels}}}(?:{unit})+"),
    )


class AddressCut:
    """Whether an address is already what the masking publishes (POLICY.md §7: cut after the
    乡/镇/街道/村 level, the levels of rules/masking.yaml): a value ending at such a level, with
    no number, road or room after it, perhaps with a mask in place of the rest ("护国街道***",
    "护国街道某社区"); or an address whose every level is a placeholder ("某县某街道某社区",
    "某镇某村"): de-identified in the source (POLICY.md §5, already masked).

    ``grammar`` gives the words of the levels (the address rules of `identifiers.yaml`)."""

    def __init__(self, levels: list[str], mask_chars: str, grammar: AddressRule) -> None:
        rule = grammar
        self._levels = tuple(levels)
        self._mask_chars = mask_chars
        mask = f"[{re.escape(mask_chars)}]+"
        # Any level of an address, for a placeholder in its place ("某社区", "XX路", "某号").
        any_level = (
            f"(?:{_one_of(rule.admin_levels)}|{_one_of(rule.local_levels)}"
            f"|{_alternatives(rule.placeholder_units)})"
        )
        self._masked_tail = re.compile(rf"(?:\s*{mask}{any_level}?)+\s*$")
        # A place that ends above the levels the masking cuts at (a county, a city): with the
        # rest masked ("五华区某某小区"), less is left than the masking leaves.
        above = "|".join(_level(level, rule.level_lookalikes) for level in rule.above_cut_levels)
        self._above_cut = re.compile(f"(?:{above})$")

    def is_cut(self, value: str) -> bool:
        place = value.strip()
        if not place:
            return False
        tail = self._masked_tail.search(place)
        if tail is not None:
            place = place[: tail.start()]
            if not place or (self._above_cut.search(place) and _DIGIT.search(place) is None):
                return True
        if not self._levels or _DIGIT.search(place) is not None:
            return False
        return place.endswith(self._levels)
