"""The office's lists (review_desk.office): validated YAML in the user's config folder, and
what they do to a scan's findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.office import (
    ALWAYS_REDACT_EXPLANATION,
    OFFICE_DETECTOR,
    ROSTER_EXPLANATION,
    OfficeLists,
    OfficeListsError,
    Official,
    RedactTerm,
    add_official,
    apply_office_lists,
    load_office_lists,
    office_path,
    save_office_lists,
)

LISTS = OfficeLists(
    officials=[Official(name="王建华", post="县长"), Official(name="李明")],
    always_redact=[
        RedactTerm(term="周玉梅"),
        RedactTerm(term="龙潭村4组", type=FindingType.ADDRESS),
    ],
)


def test_missing_file_is_empty_lists() -> None:
    assert load_office_lists() == OfficeLists()


def test_round_trip_in_the_user_config_folder() -> None:
    saved = save_office_lists(LISTS)
    assert saved == office_path() and saved.parent.name == "review-desk"
    assert load_office_lists() == LISTS
    text = saved.read_text(encoding="utf-8")
    assert "王建华" in text and "type: ADDRESS" in text and "type: PERSON" not in text


def test_add_official_once() -> None:
    add_official("赵明", "局长")
    add_official(" 赵明 ")
    assert [(o.name, o.post) for o in load_office_lists().officials] == [("赵明", "局长")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("officials:\n  - {name: 王建华, rank: 县长}\n", "第 2 行，键 officials.0.rank"),
        ("officers: []\n", "键 officers"),
        ("officials:\n  - {name: 王建华}\n  - {name: 王建华}\n", "重复：王建华"),
        ("officials:\n  - {name: '  '}\n", "姓名不能为空"),
        ("always_redact:\n  - {term: 王}\n", "至少两个字"),
        ("always_redact:\n  - {term: 周玉梅, type: NAME}\n", "第 2 行，键 always_redact.0.type"),
        (
            "officials: [{name: 李明}]\nalways_redact: [{term: 李明}]\n",
            "既在名册中又在始终删除词表中：李明",
        ),
        ("officials: [name: 李明\n", "YAML 语法错误"),
    ],
    ids=[
        "unknown-key",
        "unknown-top-key",
        "duplicate",
        "blank",
        "one-character",
        "bad-type",
        "both",
        "syntax",
    ],
)
def test_invalid_lists_name_the_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "office.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OfficeListsError) as raised:
        load_office_lists(path)
    assert expected in raised.value.message
    assert (
        "office.yaml" in raised.value.message and "[office_lists_invalid]" in raised.value.message
    )


def _person(block: str, start: int, text: str, action: Action) -> Finding:
    return Finding(
        FindingType.PERSON, block, start, start + len(text), text, 0.7, action, "names", "语境"
    )


def test_roster_names_are_kept_and_terms_redacted_everywhere() -> None:
    blocks = [
        Block("p0", BlockKind.PARAGRAPH, "县长王建华讲话，救助对象周玉梅发言。"),
        Block("t0:r1:c0", BlockKind.TABLE_CELL, "周玉梅", row=1, column=0),
        Block("t0:r1:c1", BlockKind.TABLE_CELL, "石门镇龍潭村４组9号", row=1, column=1),
        Block("p1", BlockKind.PARAGRAPH, "王建华"),
    ]
    document = Document("a.docx", "0" * 64, "docx", blocks)
    found = [
        _person("p0", 2, "王建华", Action.REVIEW),
        _person("t0:r1:c0", 0, "周玉梅", Action.KEEP),
        _person("p1", 0, "王建华", Action.REDACT),
    ]
    result = apply_office_lists(document, found, LISTS)
    official = [f for f in result if f.text == "王建华"]
    assert [f.action for f in official] == [Action.KEEP, Action.KEEP]
    assert {f.explanation for f in official} == {ROSTER_EXPLANATION}
    # Every occurrence of the term: the one the detector kept turns redact, the other is added.
    protected = [f for f in result if f.text == "周玉梅"]
    assert [(f.block, f.action) for f in protected] == [
        ("p0", Action.REDACT),
        ("t0:r1:c0", Action.REDACT),
    ]
    assert protected[0].detector == OFFICE_DETECTOR and protected[1].detector == "names"
    assert all(f.explanation == ALWAYS_REDACT_EXPLANATION for f in protected)
    # Matched through traditional characters and full-width digits, reported on the original text.
    village = next(f for f in result if f.type == FindingType.ADDRESS)
    assert (village.block, village.start, village.text) == ("t0:r1:c1", 3, "龍潭村４组")
    assert [f.block for f in result] == ["p0", "p0", "t0:r1:c0", "t0:r1:c1", "p1"]


def test_a_term_inside_a_redacted_finding_adds_nothing() -> None:
    document = Document(
        "a.txt", "0" * 64, "txt", [Block("p0", BlockKind.PARAGRAPH, "住石门镇龙潭村4组9号")]
    )
    address = Finding(
        FindingType.ADDRESS, "p0", 1, 11, "石门镇龙潭村4组9号", 0.8, Action.REDACT, "address", ""
    )
    assert apply_office_lists(document, [address], LISTS) == [address]


def test_empty_lists_change_nothing() -> None:
    document = Document("a.txt", "0" * 64, "txt", [Block("p0", BlockKind.PARAGRAPH, "王建华")])
    found = [_person("p0", 0, "王建华", Action.REDACT)]
    assert apply_office_lists(document, found, OfficeLists()) == found
