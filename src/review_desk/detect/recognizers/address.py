"""Detailed addresses (POLICY.md §4: down to 路/号/栋/单元/室/组), after the component order of
GB/T 23705-2009 (数字城市地理信息公共平台地名/地址编码规则) and the 地名标志 practice of GB 17733:
administrative levels (省 市 区/县 乡/镇/街道 村/社区), a road, lane or estate, then house
numbers, buildings, units, rooms or village groups.

A match needs a number unit (号, 栋, 单元, 室, 组 …) after at least one named place, and either
two place levels or a street/estate/village level, so "全省1号文件" is no address. Where the
match starts is trimmed after the word that introduced it (住, 址, 于, 在 …), because the
regex cannot tell where prose ends and a place name begins.
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from review_desk.core.findings import FindingType
from review_desk.detect.config import AddressRule
from review_desk.detect.recognizers.base import Check, RegexRecognizer, Verdict
from review_desk.detect.recognizers.lines import alternation

_CJK = r"[\u4e00-\u9fff]"
_ADMIN = r"(?:省|自治区|市|自治州|州|盟|地区|区|县|旗|镇|乡|街道|苏木)"
_LOCAL = r"(?:村|社区|居委会|小区|路|街|巷|大道|弄|胡同|里|屯|苑|花园|大厦|大楼|广场|综合楼|公寓|新村|家园)"
_DIGITS = r"\d+(?:-\d+)*"
_CN_NUM = r"[一二三四五六七八九十百零〇]+"
# Chinese numerals only before 号/组/社 ("一百号", "三组"): "一栋办公楼" is "a building". A row of
# village houses (排) or a lane (巷) counts only before its house number ("5排18号").
_UNIT = (
    rf"(?:{_DIGITS}(?:号楼|号院|号|栋|幢|座|单元|楼|层|室|组|社|户|(?:排|巷)(?=\d+号))"
    rf"|{_CN_NUM}(?:号|组|社))"
)
_STEM_ADMIN = rf"{_CJK}{{1,8}}?{_ADMIN}"
#: A hamlet (自然村) or a named village group (村民小组) may stand between a village and its house
#: number: "南门村后坑38号", "洞头村新屋下组9号", "北养马庄村5排18号" (rows of houses: 排, 巷).
_STEM_LOCAL = rf"{_CJK}{{1,10}}?{_LOCAL}(?:(?<=村){_CJK}{{1,4}}?(?:组|队|屯)?(?=\d+(?:号|排|巷)))?"
#: Units of a home, after their number: a house number or a floor alone may be an office.
RESIDENTIAL_UNIT = re.compile(r"(?:\d|[一二三四五六七八九十])(号楼|栋|幢|单元|室|组|社|户|排)")
#: Pattern name of an address that names land or a site ("…村1社所征土地"), not anyone's home.
NOT_A_HOME = "not_a_home"
#: Pattern name of an address down to a village group and no further ("新城村3组"): the group's
#: land as much as a home, a home only where the text ties it to someone.
GROUP_ONLY = "group_only"
_GROUP = r"(?:\d+|[一二三四五六七八九十]+)(?:组|社|村民小组)"
#: After a village group, another one or a route's other end: an area or a line across several
#: groups ("新城村3组、4组", "新民村3组至友好村1组", "3组至友好村"), nobody's home.
_AREA = re.compile(
    rf"\s*(?:(?:[、,，和及与]|至|到|~|～|—|-)\s*{_CJK}{{0,10}}?(?:村|社区|镇|乡|街道)?{_GROUP}"
    rf"|(?:至|到){_CJK}{{1,10}}?(?:村|社区|镇|乡|街道)(?!\d))"
)
#: Units of a home finer than a village group: a house number, a building, a room.
_FINER_THAN_GROUP = re.compile(r"\d(?:号楼|号院|号|栋|幢|座|单元|楼|层|室|户)")
_DIGIT = re.compile(r"\d")


class AddressRecognizer(RegexRecognizer):
    NAME = "address"
    ENTITY = FindingType.ADDRESS
    PATTERNS = (
        (
            "detailed",
            rf"(?:{_STEM_ADMIN}){{0,5}}(?:(?:{_STEM_LOCAL}){{1,3}}(?:{_UNIT})+)+",
        ),
        ("admin_only", rf"(?:{_STEM_ADMIN}){{2,6}}(?:{_UNIT})+"),
    )
    NEEDS = re.compile(
        r"(?:\d|[一二三四五六七八九十百])(?:号|栋|幢|座|单元|楼|层|室|组|社|户|排|巷)"
    )

    def __init__(self, rule: AddressRule) -> None:
        super().__init__(rule)
        self._non_residential = tuple(rule.non_residential)
        # The regex cannot tell where prose ends and a place name begins: the match is cut after
        # the last word that introduces an address.
        self._lead_in = re.compile(rf".*(?:{alternation(rule.lead_ins)}|:|,)")
        links = alternation(rule.not_home_links)
        self._not_home = re.compile(rf"(?:{links})?(?P<word>{alternation(rule.not_homes)})")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for result in results:
            lead = self._lead_in.match(text, result.start, result.end)
            # Keep at least two characters of place name before the first number.
            if lead is not None and re.search(rf"{_CJK}{{2}}", text[lead.end() : result.end]):
                result.start = lead.end()
        return results

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        value = text[start:end]
        land = self._not_home.match(text, end)
        if land is not None:
            return Check(Verdict.DOUBTFUL, f"{land.group('word')}, not a home", kind=NOT_A_HOME)
        if _AREA.match(text, end) is not None:
            return Check(Verdict.DOUBTFUL, "several village groups or a route", kind=NOT_A_HOME)
        public = [b for b in self._non_residential if b in value]
        if public:
            return Check(Verdict.DOUBTFUL, f"address of a {public[0]}, not a home")
        residential = RESIDENTIAL_UNIT.search(value)
        if (
            residential
            and _FINER_THAN_GROUP.search(value) is None
            and residential.group(1) in "组社"
        ):
            return Check(Verdict.VALID, "detailed address down to 组", kind=GROUP_ONLY)
        if residential:
            return Check(Verdict.VALID, f"detailed address down to {residential.group(1)}")
        return Check(Verdict.DOUBTFUL, "street address with house number")


#: A place that ends above the levels the masking cuts at (a county, a city): with the rest
#: masked ("五华区某某小区"), less is left than the masking leaves.
_ABOVE_CUT = re.compile(r"(?:省|自治区|市|自治州|州|盟|地区|(?<![小园社景校厂矿])区|县|旗)$")
#: Any level of an address, for a placeholder in its place ("某社区", "XX路", "某号").
_ANY_LEVEL = rf"(?:{_ADMIN}|{_LOCAL}|社|组|号|栋|幢|单元|室|楼|户)"


class AddressCut:
    """Whether an address is already what the masking publishes (POLICY.md §7: cut after the
    乡/镇/街道/村 level, the levels of rules/masking.yaml): a value ending at such a level, with
    no number, road or room after it, perhaps with a mask in place of the rest ("护国街道***",
    "护国街道某社区"); or an address whose every level is a placeholder ("某县某街道某社区",
    "某镇某村"): de-identified in the source (POLICY.md §5, already masked)."""

    def __init__(self, levels: list[str], mask_chars: str) -> None:
        self._levels = tuple(levels)
        self._mask_chars = mask_chars
        mask = f"[{re.escape(mask_chars)}]+"
        self._masked_tail = re.compile(rf"(?:\s*{mask}{_ANY_LEVEL}?)+\s*$")

    def is_cut(self, value: str) -> bool:
        place = value.strip()
        if not place:
            return False
        tail = self._masked_tail.search(place)
        if tail is not None:
            place = place[: tail.start()]
            if not place or (_ABOVE_CUT.search(place) and _DIGIT.search(place) is None):
                return True
        if not self._levels or _DIGIT.search(place) is not None:
            return False
        return place.endswith(self._levels)
