"""The address grammar's words and limits come from `rules/identifiers.yaml` (recognizers.address):
an office's edit there changes what is matched, and a wrong edit names the file, the line and the
key."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.errors import RulesError
from review_desk.core.findings import FindingType
from review_desk.detect.config import AddressRule, load_detect_rules
from review_desk.detect.engine import Detector
from review_desk.detect.recognizers.address import AddressCut, AddressRecognizer
from tests.detect.conftest import assert_names_file_line_and_key, copy_rules, paragraphs

ADDRESS = FindingType.ADDRESS


def _rules(folder: Path, old: str = "", new: str = "") -> Path:
    return copy_rules(folder, "identifiers", old, new)


def _address_rule(folder: Path) -> AddressRule:
    return load_detect_rules(folder).identifiers.recognizers.address


def _found(rule: AddressRule, text: str) -> list[tuple[str, str]]:
    window = load_detect_rules().identifiers.context_window
    results = AddressRecognizer(rule, window).analyze(text, [str(ADDRESS)])
    return [
        (text[r.start : r.end], r.analysis_explanation.textual_explanation)
        for r in results
        if r.analysis_explanation is not None
    ]


@pytest.mark.parametrize(
    ("old", "new", "text", "before", "after"),
    [
        # a new local level: an estate named 山庄
        (
            "综合楼, 公寓, 新村, 家园]",
            "综合楼, 公寓, 新村, 家园, 山庄]",
            "家住昆明市五华区翠湖山庄12栋",
            [],
            [("昆明市五华区翠湖山庄12栋", "detailed address down to 栋")],
        ),
        # a new administrative level: a state farm (林场) as a place above the house number
        (
            "街道, 苏木]",
            "街道, 苏木, 林场]",
            "家住云南省红旗林场8号",
            [],
            [("云南省红旗林场8号", "street address with house number")],
        ),
        # a new number unit: a production team (队) as a village group
        (
            "number_units: [号楼, 号院, 号, 栋, 幢, 座, 单元, 楼, 层, 室, 组, 社, 户]",
            "number_units: [号楼, 号院, 号, 栋, 幢, 座, 单元, 楼, 层, 室, 组, 社, 户, 队]",
            "家住绿春县大兴镇东仰村3队",
            [],
            [("绿春县大兴镇东仰村3队", "street address with house number")],
        ),
        # a building number no longer taken for a home
        (
            "residential_units: [号楼, 栋,",
            "residential_units: [号楼,",
            "家住昆明市五华区护国路12号3栋",
            [("昆明市五华区护国路12号3栋", "detailed address down to 栋")],
            [("昆明市五华区护国路12号3栋", "street address with house number")],
        ),
        # another joiner of village groups: an area, not a home
        (
            'group_joiners: [、, ",", ，, 和,',
            'group_joiners: [、, ",", ，, 和, "&",',
            "家住新城村3组&4组",
            [("新城村3组", "detailed address down to 组")],
            [("新城村3组", "several village groups or a route")],
        ),
        # a shorter reach for a road's name: the match starts inside it
        (
            "local_name_chars: 10",
            "local_name_chars: 2",
            "家住昆明市五华区北京东路12号",
            [("昆明市五华区北京东路12号", "street address with house number")],
            [("京东路12号", "street address with house number")],
        ),
    ],
    ids=["local_level", "admin_level", "number_unit", "residential_unit", "joiner", "name_reach"],
)
def test_the_address_words_come_from_the_rules(
    tmp_path: Path,
    old: str,
    new: str,
    text: str,
    before: list[tuple[str, str]],
    after: list[tuple[str, str]],
) -> None:
    (tmp_path / "shipped").mkdir()
    (tmp_path / "edited").mkdir()
    shipped = _address_rule(_rules(tmp_path / "shipped"))
    edited = _address_rule(_rules(tmp_path / "edited", old, new))
    assert _found(shipped, text) == before
    assert _found(edited, text) == after


@pytest.mark.parametrize(
    ("old", "new", "value", "before", "after"),
    [
        # 园区 no longer a lookalike of 区: a park's name is then a district above the cut
        ("level_lookalikes: [小区, 园区,", "level_lookalikes: [小区,", "翠湖园区***", False, True),
        # a placeholder before a unit the rules do not list is not a masked level
        (
            "placeholder_units: [社, 组, 号, 栋,",
            "placeholder_units: [社, 组, 号,",
            "城关镇东仰村某栋",
            True,
            False,
        ),
    ],
    ids=["lookalike", "placeholder_unit"],
)
def test_the_masked_address_levels_come_from_the_rules(
    tmp_path: Path, old: str, new: str, value: str, before: bool, after: bool
) -> None:
    shipped = load_detect_rules()
    rules = load_detect_rules(_rules(tmp_path, old, new))
    cut = AddressCut(
        shipped.masking.address, shipped.people.mask_chars, shipped.identifiers.recognizers.address
    )
    edited = AddressCut(
        rules.masking.address, rules.people.mask_chars, rules.identifiers.recognizers.address
    )
    assert (cut.is_cut(value), edited.is_cut(value)) == (before, after)


def test_a_new_local_level_finds_a_new_address_end_to_end(tmp_path: Path) -> None:
    text = "户主张伟，家住昆明市五华区翠湖山庄12栋2单元501室。"
    assert [f for f in Detector().detect(paragraphs(text)) if f.type is ADDRESS] == []
    folder = _rules(tmp_path, "新村, 家园]", "新村, 家园, 山庄]")
    found = Detector(rules=load_detect_rules(folder)).detect(paragraphs(text))
    assert [f.text for f in found if f.type is ADDRESS] == ["昆明市五华区翠湖山庄12栋2单元501室"]


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        # a misspelt key
        ("    local_levels:", "    local_level:", "recognizers.address.local_level"),
        ("    hamlet_units:", "    hamlet_unit:", "recognizers.address.hamlet_unit"),
        # an empty list
        ("    house_numbers: [号]", "    house_numbers: []", "recognizers.address.house_numbers"),
        # an empty word, a regex symbol, a blank around a word
        (
            "hamlet_units: [组, 队, 屯]",
            'hamlet_units: [组, "", 屯]',
            "recognizers.address.hamlet_units.1",
        ),
        ("row_units: [排, 巷]", 'row_units: [排, "巷+"]', "recognizers.address.row_units.1"),
        ("route_words: [至, 到]", 'route_words: [至, " 到"]', "recognizers.address.route_words.1"),
        # YAML reads a bare ~ as nothing: the word must be quoted
        ('和, 及, 与, "~",', "和, 及, 与, ~,", "recognizers.address.group_joiners.6"),
        # 号 before 号楼 would read "3号楼" as "3号"
        (
            "number_units: [号楼, 号院, 号,",
            "number_units: [号, 号楼, 号院,",
            "recognizers.address.number_units",
        ),
        # a limit out of its range
        ("max_local_levels: 3", "max_local_levels: 0", "recognizers.address.max_local_levels"),
        ("admin_name_chars: 8", "admin_name_chars: many", "recognizers.address.admin_name_chars"),
    ],
    ids=[
        "misspelt_list",
        "misspelt_units",
        "empty_list",
        "empty_word",
        "regex_symbol",
        "blank",
        "bare_tilde",
        "order",
        "limit_range",
        "limit_type",
    ],
)
def test_a_wrong_address_rule_names_file_line_and_key(
    tmp_path: Path, old: str, new: str, key: str
) -> None:
    folder = _rules(tmp_path, old, new)
    with pytest.raises(RulesError) as raised:
        load_detect_rules(folder)
    assert_names_file_line_and_key(raised.value, folder, "identifiers", new, key)
