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
from review_desk.detect.recognizers.base import Check, RegexRecognizer, Verdict

_CJK = r"[\u4e00-\u9fff]"
_ADMIN = r"(?:省|自治区|市|自治州|州|盟|地区|区|县|旗|镇|乡|街道|苏木)"
_LOCAL = r"(?:村|社区|居委会|小区|路|街|巷|大道|弄|胡同|里|屯|苑|花园|大厦|公寓|新村|家园)"
_NUM = r"(?:\d+|[一二三四五六七八九十百零〇]+)"
_UNIT = rf"{_NUM}(?:-{_NUM})*(?:号楼|号院|号|栋|幢|座|单元|楼|层|室|组|社|户)"
_STEM_ADMIN = rf"{_CJK}{{1,8}}?{_ADMIN}"
_STEM_LOCAL = rf"{_CJK}{{1,10}}?{_LOCAL}"
#: Words after which an address starts: the match is cut after the last one of them.
_LEAD_IN = re.compile(r".*(?:住址|地址|家住|居住|现住|住在|住|址|位于|于|在|是|为|到|的|:|,)")
#: Units that only a home has: a house number alone may be an office.
RESIDENTIAL_UNITS = ("栋", "幢", "单元", "室", "组", "社", "户", "号楼", "层")


class AddressRecognizer(RegexRecognizer):
    NAME = "address"
    ENTITY = FindingType.ADDRESS
    PATTERNS = (
        (
            "detailed",
            rf"(?:{_STEM_ADMIN}){{0,5}}(?:{_STEM_LOCAL}){{1,3}}(?:{_UNIT})+",
        ),
        ("admin_only", rf"(?:{_STEM_ADMIN}){{2,6}}(?:{_UNIT})+"),
    )
    NEEDS = re.compile(r"(?:\d|[一二三四五六七八九十百])(?:号|栋|幢|单元|室|组)")

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for result in results:
            lead = _LEAD_IN.match(text, result.start, result.end)
            # Keep at least two characters of place name before the first number.
            if lead is not None and re.search(rf"{_CJK}{{2}}", text[lead.end() : result.end]):
                result.start = lead.end()
        return results

    def check(self, text: str, start: int, end: int, kind: str) -> Check:
        value = text[start:end]
        residential = [u for u in RESIDENTIAL_UNITS if u in value]
        if residential:
            return Check(Verdict.VALID, f"detailed address down to {residential[0]}")
        return Check(Verdict.DOUBTFUL, "street address with house number")
