from pathlib import Path

import pytest
from presidio_anonymizer.entities import RecognizerResult

from review_desk.core.errors import RulesError
from review_desk.core.findings import FindingType as T
from review_desk.redact import Masker
from review_desk.redact.masking import keep_ends, mask_address, mask_person


@pytest.fixture(scope="module")
def masker() -> Masker:
    return Masker.from_rules()


@pytest.mark.parametrize(
    ("kind", "value", "masked"),
    [
        (T.CN_RESIDENT_ID, "350102199003071123", "35*************123"),
        (T.CN_RESIDENT_ID, "35010219900307112X", "35*************12X"),
        (T.CN_RESIDENT_ID, "350102900307123", "35**********123"),
        (T.CN_RESIDENT_ID, "350102 19900307 1123", "35**** ******** *123"),
        (T.PHONE_NUMBER, "13812341234", "138****1234"),
        (T.PHONE_NUMBER, "138-1234-1234", "138-****-1234"),
        (T.PHONE_NUMBER, "+86 138 1234 1234", "+86 138 **** 1234"),
        (T.PHONE_NUMBER, "１３８１２３４１２３４", "１３８****１２３４"),
        (T.PHONE_NUMBER, "6512345", "6****45"),
        (T.BANK_CARD, "6217000012345678", "************5678"),
        (T.BANK_CARD, "6217 0000 1234 5678", "**** **** **** 5678"),
        (T.PERSON, "张三明", "张*明"),
        (T.PERSON, "李四", "李*"),
        (T.PERSON, "欧阳娜娜", "欧阳*娜"),
        (T.PERSON, "欧阳明", "欧阳*"),
        (T.PERSON, "司马光", "司马*"),
        (T.PERSON, "阿卜杜拉·买买提", "阿***·***"),
        (T.PERSON, "张", "*"),
        (T.ADDRESS, "昆明市五华区护国街道光华街社区12号", "昆明市五华区护国街道********"),
        (T.ADDRESS, "云南省昆明市五华区护国街道", "云南省昆明市五华区****"),
        (T.ADDRESS, "富民县永定镇大营村5组12号", "富民县永定镇********"),
        (T.ADDRESS, "江苏省镇江市京口区大市口街道解放路1号", "江苏省镇江市京口区大市口街道*****"),
        (T.ADDRESS, "某某县清水村3组", "某某县清水村**"),
        (T.ADDRESS, "北京市朝阳区光华路8号", "北京市********"),
        (T.HEALTH_INFO, "精神分裂症", "【已删除】"),
        (T.HEALTH_INFO, "残疾", "【已删除】"),
        (T.EMAIL, "zhangsan@163.com", "z**************m"),
        (T.PASSPORT, "E12345678", "E*******8"),
        (T.TRAVEL_PERMIT, "C12345678", "C*******8"),
        (T.LICENSE_PLATE, "云A12345", "云*****5"),
        (T.SECRECY_MARK, "机密★1年", "*****"),
        (T.CN_USCC, "91530100MA6K1234X5", "******************"),
    ],
)
def test_default_masks_follow_policy(masker: Masker, kind: T, value: str, masked: str) -> None:
    assert masker.mask(kind, value) == masked


@pytest.mark.parametrize("kind", list(T))
def test_a_mask_never_returns_the_value(masker: Masker, kind: T) -> None:
    for value in ("1", "12", "张三", "  ", "--", "a-b"):
        assert masker.mask(kind, value) != value


@pytest.mark.parametrize(
    ("value", "first", "last", "masked"),
    [
        ("110105199003071234", 6, 4, "110105********1234"),
        ("13812341234", 0, 4, "*******1234"),
        ("李四", 1, 0, "李*"),
    ],
)
def test_edit_decision_keeps_what_the_reviewer_chose(
    masker: Masker, value: str, first: int, last: int, masked: str
) -> None:
    assert masker.mask(T.CN_RESIDENT_ID, value, first, last) == masked


@pytest.mark.parametrize(
    ("kind", "changes"), [(T.HEALTH_INFO, True), (T.CN_RESIDENT_ID, False), (T.PERSON, False)]
)
def test_only_replacements_change_the_length(masker: Masker, kind: T, changes: bool) -> None:
    assert masker.changes_length(kind) is changes


def test_presidio_engine_gives_the_same_masks(masker: Masker) -> None:
    text = "申请人张三明，身份证350102199003071123，患有精神分裂症。"
    results = [
        RecognizerResult("PERSON", 3, 6, 1.0),
        RecognizerResult("CN_RESIDENT_ID", 10, 28, 1.0),
        RecognizerResult("HEALTH_INFO", 31, 36, 1.0),
    ]
    anonymized = masker.engine().anonymize(text, results, masker.operator_configs())
    assert anonymized.text == "申请人张*明，身份证35*************123，患有【已删除】。"


def test_building_blocks_are_plain_functions() -> None:
    assert keep_ends("abcdef", 1, 1, "#") == "a####f"
    assert mask_person("诸葛亮", "#", frozenset({"诸葛"})) == "诸葛#"
    assert mask_address("某县某镇某村1号", "#", ("镇",)) == "某县某镇####"


def write_rules(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "masking.yaml").write_text(text, encoding="utf-8")
    return folder


def test_custom_rules_change_the_mask(tmp_path: Path) -> None:
    folder = write_rules(
        tmp_path / "office",
        'mask_char: "X"\ndefault: {method: full}\n'
        "types:\n  CN_RESIDENT_ID: {method: keep_ends, first: 6, last: 0}\n",
    )
    masker = Masker.from_rules(folder)
    assert masker.mask(T.CN_RESIDENT_ID, "350102199003071123") == "350102XXXXXXXXXXXX"
    assert masker.mask(T.PERSON, "张三") == "XX"  # no people.yaml: no compound surnames needed


@pytest.mark.parametrize(
    ("yaml_text", "line", "key"),
    [
        (
            'mask_char: "*"\ndefault: {method: full}\ntypes:\n  NOT_A_TYPE: {method: full}\n',
            4,
            "NOT_A_TYPE",
        ),
        (
            'mask_char: "*"\ndefault: {method: full}\ntypes:\n  PERSON: {method: blur}\n',
            4,
            "PERSON",
        ),
        ('mask_char: "**"\ndefault: {method: full}\n', 1, "mask_char"),
        ('mask_char: "*"\ndefault: {method: full}\nspare: 1\n', 3, "spare"),
        ('mask_char: "*"\nseparators: "-1"\ndefault: {method: full}\n', 2, "separators"),
    ],
)
def test_bad_rules_name_file_line_and_key(
    tmp_path: Path, yaml_text: str, line: int, key: str
) -> None:
    folder = write_rules(tmp_path / f"bad{line}{key}", yaml_text)
    with pytest.raises(RulesError) as raised:
        Masker.from_rules(folder)
    message = str(raised.value)
    assert "masking.yaml" in message and f"第 {line} 行" in message and key in message
