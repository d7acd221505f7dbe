"""Health information (POLICY.md §4 HEALTH_INFO): the disease lexicon of rules/health.yaml by
category, found when tied to a person, never in policy prose that names a disease without one."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.findings import Action, FindingType
from review_desk.detect.config import load_detect_rules
from review_desk.detect.engine import Detector
from review_desk.detect.recognizers.health import HealthTermRecognizer
from tests.detect import files
from tests.detect.conftest import paragraphs

HEALTH = FindingType.HEALTH_INFO

#: One or two terms of each category, as a recipient's condition in a case story or a list.
TERMS = [
    ("cardio_cerebrovascular", "脑溢血"),
    ("cardio_cerebrovascular", "心肌梗死"),
    ("respiratory", "慢性阻塞性肺病"),
    ("respiratory", "慢性支气管炎"),
    ("musculoskeletal", "类风湿性关节炎"),
    ("musculoskeletal", "腰椎间盘突出"),
    ("eye_ear", "白内障"),
    ("kidney", "肾病综合征"),
    ("cancers", "胰腺癌"),
    ("mental", "双相情感障碍"),
    ("infectious", "肺结核"),
    ("rare", "渐冻症"),
    ("neurological", "帕金森病"),
    ("endocrine_digestive", "糖尿病"),
]


def test_the_lexicon_is_categorised() -> None:
    terms = load_detect_rules().health.terms
    for category, term in TERMS:
        assert term in terms[category], (category, term)
    assert len(terms) >= 10


@pytest.mark.parametrize(("category", "term"), TERMS)
def test_a_term_tied_to_a_private_person(category: str, term: str) -> None:
    text = f"救助对象苟长林，男，因{term}长期治疗，家庭困难。"
    found = {(f.type, f.text): f.action for f in Detector().detect(paragraphs(text))}
    assert found.get((HEALTH, term)) is Action.REDACT, found


@pytest.mark.parametrize(("category", "term"), TERMS)
def test_the_same_term_in_policy_prose_is_no_finding(category: str, term: str) -> None:
    text = f"医疗救助政策覆盖{term}、尿毒症等大病，对符合条件的困难群众给予救助。"
    assert [f for f in Detector().detect(paragraphs(text)) if f.type is HEALTH] == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("信访人郝春兰反映其患类风湿性关节炎多年，请求给予救助。", "类风湿性关节炎"),
        ("村民向秋菊因腰椎间盘突出无法劳动。", "腰椎间盘突出"),
        ("户主钮德明，患慢性支气管炎，纳入低保。", "慢性支气管炎"),
    ],
)
def test_longest_term_wins(text: str, term: str) -> None:
    found = [f for f in Detector().detect(paragraphs(text)) if f.type is HEALTH]
    assert [(f.text, f.action) for f in found] == [(term, Action.REDACT)]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # a person the text refers to without a name, then the illness
        ("信访人反映，其患类风湿性关节炎多年，生活困难。", "类风湿性关节炎"),
        ("他因腰椎间盘突出无法从事重体力劳动。", "腰椎间盘突出"),
        ("经核实，你患有糖尿病，符合救助条件。", "糖尿病"),
        ("老人说，她确诊为胰腺癌后四处求医。", "胰腺癌"),
    ],
)
def test_a_term_tied_to_a_person_referred_to(text: str, term: str) -> None:
    found = [f for f in Detector().detect(paragraphs(text)) if f.type is HEALTH]
    assert [(f.text, f.action) for f in found] == [(term, Action.REDACT)]


@pytest.mark.parametrize(
    "text",
    [
        "对其他患有尿毒症的困难群众给予救助。",
        "申请人患重大疾病的，可以申请医疗救助。",
        "其中因病致贫的家庭占三成。",
    ],
)
def test_policy_prose_refers_to_no_one(text: str) -> None:
    assert [f for f in Detector().detect(paragraphs(text)) if f.type is HEALTH] == []


@pytest.mark.parametrize(
    "label", ["是否患有重大疾病或残疾", "有无慢性病", "家庭成员患病情况", "残疾类别（视力/肢体等）"]
)
def test_a_field_label_about_health_is_no_health_information(label: str) -> None:
    assert HealthTermRecognizer(load_detect_rules().health).terms(label) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("因腰椎间盘突出，他已无法下地干活。", "腰椎间盘突出"),
        ("三年前她患上了慢性支气管炎。", "慢性支气管炎"),
        ("来信人反映长期患类风湿性关节炎，生活困难。", "类风湿性关节炎"),
    ],
)
def test_a_reference_before_or_after_the_term(text: str, term: str) -> None:
    found = [f for f in Detector().detect(paragraphs(text)) if f.type is HEALTH]
    assert [(f.text, f.action) for f in found] == [(term, Action.REDACT)]


@pytest.mark.parametrize(
    "text",
    ["对因病致贫的，其家庭成员可以申请救助。", "因尿毒症等大病导致家庭困难的，可申请临时救助。"],
)
def test_a_clause_after_the_term_of_no_one(text: str) -> None:
    assert [f for f in Detector().detect(paragraphs(text)) if f.type is HEALTH] == []


def test_unticked_choices_of_a_blank_form(tmp_path: Path) -> None:
    rows = [
        ("申请人姓名", "", "性别", ""),
        ("致困原因", "□因病 □因残 □因学 □因灾"),
        ("疾病类型", "○住院 ○门诊慢性病 ○重大疾病"),
    ]
    document = files.word_table(tmp_path, rows, title="临时救助申请审批表", inside=True)
    assert [f for f in Detector().detect(document) if f.type is HEALTH] == []


def test_a_ticked_choice_is_a_value(tmp_path: Path) -> None:
    rows = [("申请人姓名", "苟长林", "性别", "男"), ("致困原因", "☑因病 □因残 □因学")]
    document = files.word_table(tmp_path, rows, title="临时救助申请审批表", inside=True)
    found = [(f.text, f.action) for f in Detector().detect(document) if f.type is HEALTH]
    assert found == [("因病", Action.REDACT)]


@pytest.mark.parametrize(
    "text",
    [
        "注：如其家庭成员患有重大疾病的，需附二级以上医院诊断证明。",
        "凡本人患有慢性病者，可申请门诊慢性病救助。",
    ],
)
def test_a_condition_of_a_rule_refers_to_no_one(text: str) -> None:
    assert [f for f in Detector().detect(paragraphs(text)) if f.type is HEALTH] == []


@pytest.mark.parametrize("header", ["住院时间", "住院天数", "住院医院", "医疗费用"])
def test_a_column_header_about_care_is_a_label(tmp_path: Path, header: str) -> None:
    rows = [["序号", "患者姓名", header, "救助金额"], ["1", "苟长林", "", "3000"]]
    found = Detector().detect(files.sheet(tmp_path, rows, title="2025年医疗救助名单"))
    assert [f for f in found if f.type is HEALTH] == []
