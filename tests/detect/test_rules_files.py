"""One source of truth for the rules: word lists, thresholds, type names and note wordings live in
`rules/*.yaml`, validated at load; a wrong edit names the file, the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.errors import RulesError
from review_desk.core.findings import TYPE_LABELS, Attribute, FindingType, load_type_labels
from review_desk.detect.config import load_detect_rules, load_people_rules
from review_desk.detect.engine import Detector
from review_desk.policy import default_policy
from tests.detect.conftest import assert_names_file_line_and_key, copy_rules, paragraphs


@pytest.mark.parametrize(
    ("name", "old", "new", "key"),
    [
        ("identifiers", "  passport:", "  pasport:", "recognizers.pasport"),
        ("identifiers", "    lead_ins:", "    lead_in:", "recognizers.address.lead_in"),
        ("tables", "empty_values:", "empty_value:", "empty_value"),
        ("tables", "  min_chars: 20", "  min_chars: many", "prose_rows.min_chars"),
        ("context", "title_blocks: 3", "title_blocks: 0", "title_blocks"),
        ("people", "{王: 7.12,", "{汪汪: 7.12,", "surname_shares"),
        ("markings", "    部分公开: redacted", "    部分公开: partly", "disclosure.notes.部分公开"),
        ("health", "score: 0.7", "score: 7", "score"),
        ("labels", "  EMAIL: 电子邮箱\n", "", "labels"),
        ("tables", "  form_gap_lines: 2", "  form_gap_lines: -1", "text_tables.form_gap_lines"),
        ("tables", '    phone: "[\\\\d', '    fone: "[\\\\d', "text_tables.value_shapes.fone"),
        ("tables", '    person: "[', '    person: "(', "text_tables.value_shapes.person"),
        ("health", "choice_reach: 10", "choice_raech: 10", "choice_raech"),
        ("context", "agency_line_reach: 24", "agency_line_reach: lots", "agency_line_reach"),
    ],
)
def test_a_wrong_edit_names_file_line_and_key(
    tmp_path: Path, name: str, old: str, new: str, key: str
) -> None:
    folder = copy_rules(tmp_path, name, old, new)
    with pytest.raises(RulesError) as raised:
        load_detect_rules(folder) if name != "labels" else load_type_labels(folder)
    assert_names_file_line_and_key(raised.value, folder, name, new, key)


def test_a_misspelt_recognizer_is_an_error_at_load_not_later(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path, "identifiers", "  passport:", "  pasport:")
    with pytest.raises(RulesError, match=r"identifiers\.yaml.*第 \d+ 行.*recognizers\.pasport"):
        Detector(rules=load_detect_rules(folder))


def test_the_type_names_come_from_the_rules(tmp_path: Path) -> None:
    assert dict(TYPE_LABELS) == load_type_labels()
    folder = copy_rules(tmp_path, "labels", "PHONE_NUMBER: 电话号码", "PHONE_NUMBER: 联系号码")
    policy = default_policy(folder)
    phone = Detector(rules=load_detect_rules(folder)).detect(paragraphs("户主手机13812345678"))
    assert policy.propose(phone).reasons == ("1 处联系号码",)


@pytest.mark.parametrize(
    ("wording", "attribute"),
    [("暂缓公开", Attribute.ON_REQUEST), ("不得公开", Attribute.WITHHELD)],
)
def test_detector_and_policy_read_one_table_of_note_wordings(
    tmp_path: Path, wording: str, attribute: Attribute
) -> None:
    folder = copy_rules(
        tmp_path,
        "markings",
        "    部分公开: redacted\n",
        f"    部分公开: redacted\n    {wording}: {attribute}\n",
    )
    found = Detector(rules=load_detect_rules(folder)).detect(
        paragraphs("正文。", f"（此件{wording}）")
    )
    [note] = [f for f in found if f.type is FindingType.DISCLOSURE_NOTE]
    assert default_policy(folder).note_attribute(note) is attribute


def test_the_name_model_reads_the_surname_list_of_the_rules() -> None:
    from review_desk.ner import lexicon

    people = load_people_rules()
    assert "".join(lexicon.SURNAME_RANK) == people.surnames
    assert list(lexicon.COMPOUND_SURNAMES) == people.compound_surnames
    assert dict(lexicon.SURNAMES)["王"] == people.surname_shares["王"]


def test_word_lists_are_read_from_the_rules(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path, "context", "[.gov.cn,", "[.gov.cn, .example.org,")
    folder = _copy_rules_also(
        folder, "tables", 'empty_values: ["无",', 'empty_values: ["不详", "无",'
    )
    detector = Detector(rules=load_detect_rules(folder))
    mail = detector.detect(paragraphs("申请人邮箱：zhang@mail.example.org"))
    assert [f.action.value for f in mail] == ["keep"]
    blocks = [
        Block(f"t0:r{r}:c{c}", BlockKind.TABLE_CELL, text, r, c, ("姓名", "家庭住址")[c])
        for r, row in enumerate([("姓名", "家庭住址"), ("", "不详")])
        for c, text in enumerate(row)
        if text
    ]
    assert detector.detect(Document("t.docx", "0", "docx", blocks)) == []


def _copy_rules_also(folder: Path, name: str, old: str, new: str) -> Path:
    path = folder / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _form_as_text(gap_lines: int) -> Document:
    """A 申请表 written as text, with ``gap_lines`` lines of text between its two field lines;
    the second names no one, so it is a form's line only as part of the first one's form."""
    gap = ["（以下由经办人填写）"] * gap_lines
    return paragraphs("申请人 付永昌 性别 男", *gap, "联系电话 13812345678")


@pytest.mark.parametrize(("gap_lines", "rule_value"), [(3, 3), (1, 0)])
def test_text_table_thresholds_are_read_from_the_rules(
    tmp_path: Path, gap_lines: int, rule_value: int
) -> None:
    """The shipped rules (2 lines) join field lines one line apart into one form and split
    them three lines apart; the edited value does the opposite."""
    document = _form_as_text(gap_lines)
    phone_line = f"p{gap_lines + 1}"
    shipped = Detector(rules=load_detect_rules()).plan(document)
    folder = copy_rules(
        tmp_path, "tables", "  form_gap_lines: 2", f"  form_gap_lines: {rule_value}"
    )
    edited = Detector(rules=load_detect_rules(folder)).plan(document)
    assert (phone_line in shipped.text_rows) is (gap_lines <= 2)
    assert (phone_line in edited.text_rows) is (gap_lines <= rule_value)


def test_how_far_a_choice_box_reaches_is_read_from_the_rules(tmp_path: Path) -> None:
    """ "□因病致贫恶性肿瘤" is a printed choice, unticked: no one's illness, as long as the box
    is within reach of the term (10 characters shipped, 2 in the edited rules)."""
    rows = [("姓名", "致贫原因"), ("付永昌", "□因病致贫恶性肿瘤")]
    blocks = [
        Block(f"s0:r{r}:c{c}", BlockKind.SHEET_CELL, text, r, c, rows[0][c] if r else None)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    document = Document("t.xlsx", "0", "xlsx", blocks)
    folder = copy_rules(tmp_path, "health", "choice_reach: 10", "choice_reach: 2")

    def health(rules_folder: Path | None) -> list[str]:
        found = Detector(rules=load_detect_rules(rules_folder)).detect(document)
        return [f.block for f in found if f.type is FindingType.HEALTH_INFO]

    assert health(None) == []
    assert health(folder) == ["s0:r1:c1"]


def test_the_label_window_of_identifiers_is_read_from_the_rules(tmp_path: Path) -> None:
    """An account number without a Luhn digit counts only when labelled: 账号 24 characters
    before it is out of the shipped window (16) and inside a window of 30."""
    text = "开户账号（某某县农村信用合作联社城关营业部，户主本人）：6217000000000000001"
    shipped = Detector(rules=load_detect_rules()).detect(paragraphs(text))
    folder = copy_rules(tmp_path, "identifiers", "  before: 16", "  before: 30")
    edited = Detector(rules=load_detect_rules(folder)).detect(paragraphs(text))
    assert [f.type for f in shipped] == []
    assert [f.type for f in edited] == [FindingType.BANK_CARD]


@pytest.mark.parametrize(("chars", "found"), [(3, [4]), (2, [4, 13])])
def test_how_long_a_name_must_be_to_be_looked_for_again_is_read_from_the_rules(
    tmp_path: Path, chars: int, found: list[int]
) -> None:
    folder = copy_rules(
        tmp_path, "people", "recurring_name_chars: 3", f"recurring_name_chars: {chars}"
    )
    text = "低保户主王强，家住东仰村。王强表示感谢。"
    people = Detector(rules=load_detect_rules(folder)).detect(paragraphs(text))
    assert [f.start for f in people if f.type is FindingType.PERSON] == found
