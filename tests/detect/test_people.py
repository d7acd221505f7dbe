"""PERSON findings and their POLICY §5 action, on the baseline name source and a fake one."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from review_desk.core.findings import Action, FindingType
from review_desk.detect.engine import Detector
from review_desk.detect.names import BaselineNameSource, NerNameSource, UnionNameSource
from tests.detect.conftest import Find, paragraphs

PERSON = FindingType.PERSON


@pytest.mark.parametrize(
    ("text", "name", "action"),
    [
        # officials in their official capacity (条例第二十条)
        ("段丽元厅长出席会议并讲话。", "段丽元", Action.KEEP),
        ("书记、局长张伟林同志亲自部署。", "张伟林", Action.KEEP),
        ("副县长李明主持会议。", "李明", Action.KEEP),
        ("联系人：王芳，电话：0871-65123456", "王芳", Action.KEEP),
        ("记者 刘洋 报道", "刘洋", Action.KEEP),
        ("分管厅办公室工作的张良玉副厅长分管政务公开。", "张良玉", Action.KEEP),
        ("军委副主席张震、张万年出席。", "张万年", Action.KEEP),
        # private persons in an assistance or health context
        ("低保对象张伟，因病致贫。", "张伟", Action.REDACT),
        ("户主：欧阳明，家庭人口3人。", "欧阳明", Action.REDACT),
        ("申请人陈小红于2018年提出申请。", "陈小红", Action.REDACT),
        ("患者赵强，男，现年45岁。", "赵强", Action.REDACT),
        # already masked
        ("低保对象张某某，因病致贫。", "张某某", Action.KEEP),
    ],
)
def test_people(find: Find, text: str, name: str, action: Action) -> None:
    found = {f.text: f.action for f in find(text, PERSON)}
    assert found.get(name) is action, found


@pytest.mark.parametrize(
    "text",
    [
        "当事人索要证明材料的情况明显减少。",
        "开展困境儿童关爱保护工作。",
        "局长信箱、书记信箱共收到来信120件。",
        "习近平总书记重要讲话精神。",
        "中华人民共和国主席出席会议。",
        "中国共产党第十五次全国代表大会隆重开幕。",
        "向参加会议的全体代表和来宾表示热烈欢迎。",
        "但某些大众传媒对科普重视不够。",
        "与加勒比地区某国政府代表签署协议。",
    ],
)
def test_no_false_names(find: Find, text: str) -> None:
    assert find(text, PERSON) == []


def test_commendation_keeps_names_but_redacts_their_ids() -> None:
    detector = Detector()
    document = paragraphs(
        "关于表彰2018年度见义勇为先进个人的决定",
        "村民张伟，身份证号11010519491231002X，勇救落水儿童。",
    )
    actions = {(f.type, f.text): f.action for f in detector.detect(document)}
    assert actions[(PERSON, "张伟")] is Action.KEEP
    assert actions[(FindingType.CN_RESIDENT_ID, "11010519491231002X")] is Action.REDACT


class FakeNames:
    """A stand-in for the NER model: every occurrence of the given names."""

    def __init__(self, *names: str) -> None:
        self.names = names

    def persons(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        return [[(t.index(n), t.index(n) + len(n)) for n in self.names if n in t] for t in texts]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("救助对象王大锤家住东仰村。", Action.REDACT),
        ("王大锤副厅长调研。", Action.KEEP),
        ("王大锤来到现场。", Action.REVIEW),
        # a cue in the previous sentence says nothing about this name
        ("全县低保对象1200户。王大锤来到现场。", Action.REVIEW),
    ],
)
def test_a_pluggable_name_source(text: str, action: Action) -> None:
    detector = Detector(names=FakeNames("王大锤"))
    [person] = [f for f in detector.detect(paragraphs(text)) if f.type is PERSON]
    assert (person.text, person.action) == ("王大锤", action)


def test_health_term_tied_to_a_private_person_only() -> None:
    detector = Detector(names=FakeNames("王大锤", "李四"))
    tied = detector.detect(paragraphs("救助对象王大锤患有尿毒症。"))
    prose = detector.detect(paragraphs("李四厅长调研尿毒症患者救治工作。"))
    assert [f.text for f in tied if f.type is FindingType.HEALTH_INFO] == ["尿毒症"]
    assert [f.text for f in prose if f.type is FindingType.HEALTH_INFO] == []


class FakeSpan:
    def __init__(self, start: int, end: int, label: str) -> None:
        self.start, self.end, self.label = start, end, label


class FakeModel:
    """Answers like review_desk.ner.model.NerModel: PER, LOC and ORG spans."""

    def entities(self, texts: Sequence[str], batch_size: int = 256) -> list[list[FakeSpan]]:
        return [
            [FakeSpan(0, 3, "PER"), FakeSpan(3, 5, "LOC")] if t.startswith("王大锤") else []
            for t in texts
        ]


def test_ner_source_keeps_only_people() -> None:
    source = NerNameSource(FakeModel())
    assert source.persons(["王大锤昆明来电", "无人"]) == [[(0, 3)], []]


def test_union_adds_the_baselines_cue_marked_names() -> None:
    detector = Detector()
    union = UnionNameSource(NerNameSource(FakeModel()), detector.names)
    assert union.persons(["王大锤与户主张伟。"]) == [[(0, 3), (6, 8)]]
    document = paragraphs("王大锤与户主张伟。")
    found = Detector(names=union).detect(document)
    assert {f.detector for f in found if f.type is PERSON} == {"ner_names"}


def test_missing_model_falls_back_to_the_baseline(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import review_desk.ner.model as ner_model
    from review_desk.detect import engine

    def missing() -> object:
        raise ner_model.NerModelMissingError("no model")

    monkeypatch.setattr(ner_model, "default_model", missing)
    source = engine.make_name_source(Detector().rules)
    assert isinstance(source, BaselineNameSource)
    assert "baseline" in caplog.text


class EveryCandidate:
    """A deliberately noisy name source: any surname and two more characters."""

    def __init__(self, detector: Detector) -> None:
        import re

        surnames = detector.rules.people.surnames
        self.pattern = re.compile(f"[{surnames}][\u4e00-\u9fff]{{2}}")

    def persons(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        return [[m.span() for m in self.pattern.finditer(t)] for t in texts]


@pytest.mark.parametrize(
    "text",
    [
        "通过数据开放平台对外公开城乡低保信息162352条、特困人员供养信息22789条。",
        "定期公开残疾人两项补贴制度执行情况，及时公开福利彩票发行管理信息。",
        "重点做好社会救助、困境儿童关爱保护、残疾人福利、养老服务体系建设等信息公开工作。",
    ],
)
def test_a_noisy_name_source_does_not_make_policy_prose_private(text: str) -> None:
    """Only a label attached to a name makes it private; topic words never do."""
    detector = Detector()
    noisy = Detector(names=EveryCandidate(detector))
    assert [f.text for f in noisy.detect(paragraphs(text)) if f.action is Action.REDACT] == []


#: Names in prose that no post or list cue marks (issue 10, class 7); the baseline finds them.
NARRATIVE = [
    # introduced in a case story
    ("经查，该男子叫覃建林，系外地务工人员。", "覃建林", Action.REDACT),
    ("她有个弟弟名叫“莫小军”，在县城读书。", "莫小军", Action.REDACT),
    ("救助站收留了一位化名阿强的流浪人员，其真名叫黄德富。", "黄德富", Action.REDACT),
    ("其哥哥叫「蒙志远」，常年在外。", "蒙志远", Action.REDACT),
    # a villager named after the number of their group
    ("六组王德才，长女读大学，家庭负担重。", "王德才", Action.REDACT),
    ("经评议，3社李秀珍、5组蓝桂芬纳入低保。", "李秀珍", Action.REDACT),
    ("十一组韦永刚家中房屋倒塌。", "韦永刚", Action.REDACT),
    # family members named by their relation
    ("申请人的丈夫覃国强长期患病。", "覃国强", Action.REDACT),
    # bylines are public, 实习生 and 见习记者 as much as 记者
    ("（实习生 孙立平 记者 陈曦）", "孙立平", Action.KEEP),
    ("本报见习记者黎明辉报道", "黎明辉", Action.KEEP),
    ("文/实习生韦明轩", "韦明轩", Action.KEEP),
    # a group leader is an official
    ("三组组长王德才主持召开群众会。", "王德才", Action.KEEP),
]


@pytest.mark.parametrize(("text", "name", "action"), NARRATIVE)
def test_names_in_narrative(find: Find, text: str, name: str, action: Action) -> None:
    found = {f.text: f.action for f in find(text, PERSON)}
    assert found.get(name) is action, found


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("督查分第十一组王建国对接。", Action.REVIEW),
        ("第二组王建国负责资料收集。", Action.REVIEW),
        ("十一组王建国家中房屋受损。", Action.REDACT),
    ],
)
def test_a_working_group_is_no_village(text: str, action: Action) -> None:
    [person] = [f for f in Detector(names=FakeNames("王建国")).detect(paragraphs(text))]
    assert (person.text, person.action) == ("王建国", action)


class GluedNames:
    """A name source that cuts a name short and takes a cue's last character with it."""

    def __init__(self, *spans: tuple[str, str]) -> None:
        self.spans = spans

    def persons(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        found = []
        for text in texts:
            at = [(text.index(s), text.index(s) + len(s)) for t, s in self.spans if t in text]
            found.append(at)
        return found


@pytest.mark.parametrize(
    ("text", "glued", "name", "action"),
    [
        ("实习生韦明轩报道", "生韦明", "韦明轩", Action.KEEP),
        ("通讯员覃丽萍 摄影", "员覃丽", "覃丽萍", Action.KEEP),
        ("低保户蓝桂芬，女，56岁。", "户蓝桂", "蓝桂芬", Action.REDACT),
        ("副县长黄志远出席。", "长黄志", "黄志远", Action.KEEP),
    ],
)
def test_a_span_reaching_into_a_cue_is_mended(
    text: str, glued: str, name: str, action: Action
) -> None:
    detector = Detector(names=UnionNameSource(GluedNames((text, glued)), Detector().names))
    found = {f.text: f.action for f in detector.detect(paragraphs(text)) if f.type is PERSON}
    assert found == {name: action}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("家庭成员关系：单亲", ["关系", "单亲"]),
        ("申请人时间：2025年4月", ["时间"]),
        ("户主年龄、性别、民族均已登记。", ["年龄", "性别", "民族"]),
    ],
)
def test_common_words_are_no_names(text: str, words: list[str]) -> None:
    detector = Detector(names=GluedNames(*((text, word) for word in words)))
    assert [f.text for f in detector.detect(paragraphs(text)) if f.type is PERSON] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "action"),
    [
        *NARRATIVE,
        ("据村民反映，那名叫杨光辉的男子已离开。", "杨光辉", Action.REDACT),
        ("家庭成员关系：单亲；申请时间：2025年4月", None, None),
    ],
)
def test_names_in_narrative_with_the_model(
    text: str, name: str | None, action: Action | None
) -> None:
    from review_desk.detect.engine import default_detector

    found = {
        f.text: f.action for f in default_detector().detect(paragraphs(text)) if f.type is PERSON
    }
    if name is None:
        assert found == {}
    else:
        assert found.get(name) is action, found
