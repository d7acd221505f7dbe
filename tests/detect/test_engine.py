"""The Detector as a whole: original offsets, block kinds, rules errors, no network."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from review_desk.core.document import Block, BlockKind, Document
from review_desk.core.errors import RulesError
from review_desk.core.findings import Action, FindingType
from review_desk.detect.config import load_detect_rules
from review_desk.detect.engine import Detector
from review_desk.paths import rules_dir
from tests.detect.conftest import paragraphs


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (
            "身份證號：１１０１０５ １９４９１２３１ ００２Ｘ。",
            FindingType.CN_RESIDENT_ID,
            "１１０１０５ １９４９１２３１ ００２Ｘ",
        ),
        (
            "聯繫電話：（０８７１）６５１２ ３４５６",
            FindingType.PHONE_NUMBER,
            "（０８７１）６５１２ ３４５６",
        ),
        (
            "戶主張偉，手機１３８　１２３４　５６７８",
            FindingType.PHONE_NUMBER,
            "１３８　１２３４　５６７８",
        ),
        ("機密★１年", FindingType.SECRECY_MARK, "機密★１年"),
    ],
)
def test_findings_point_at_the_original_text(
    detector: Detector, text: str, kind: FindingType, value: str
) -> None:
    [finding] = [f for f in detector.detect(paragraphs(text)) if f.type is kind]
    assert text[finding.start : finding.end] == value == finding.text


def test_every_block_kind_is_read(detector: Detector) -> None:
    blocks = [
        Block(f"b{i}", kind, "手机13812345678")
        for i, kind in enumerate(BlockKind)
        if kind is not BlockKind.TABLE_CELL
    ]
    found = detector.detect(Document("t.docx", "0", "docx", blocks))
    assert {f.block for f in found} == {b.id for b in blocks}


def test_findings_json_uses_the_policy_vocabulary(detector: Detector) -> None:
    [finding] = detector.detect(paragraphs("户主手机13812345678"))
    assert finding.to_json()["type"] == "PHONE_NUMBER"
    assert finding.to_json()["action"] == "redact"
    assert finding.action is Action.REDACT


def test_a_broken_rules_file_names_file_and_line(tmp_path: Path) -> None:
    for source in rules_dir().glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    broken = (tmp_path / "identifiers.yaml").read_text(encoding="utf-8")
    (tmp_path / "identifiers.yaml").write_text(
        broken.replace("context_boost: 0.3", "context_boost: lots"), encoding="utf-8"
    )
    with pytest.raises(RulesError) as error:
        load_detect_rules(tmp_path)
    assert "identifiers.yaml" in str(error.value)
    assert "context_boost" in str(error.value)


def test_detection_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    detector = Detector()
    document = paragraphs("电子邮箱：abc@example.com.cn，手机13812345678，user@mail.example.org")
    assert len(detector.detect(document)) == 3


def test_a_fresh_interpreter_builds_a_detector_offline() -> None:
    """Import and first use in a clean process, sockets refused from the start."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise SystemExit('network access attempted')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from review_desk.detect.engine import Detector\n"
        "from review_desk.core.document import Block, BlockKind, Document\n"
        "d = Detector()\n"
        "doc = Document('a', '0', 'text', [Block('p0', BlockKind.PARAGRAPH, 'x@y.com.cn')])\n"
        "assert d.detect(doc)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("身份证号：11010519491231002X", "身份证号"),
        ("11010519491231002X（公民身份号码）", "公民身份号码"),
        ("这是一段很长很长很长很长很长的与号码无关的文字11010519491231002X", None),
    ],
)
def test_context_is_read_from_the_raw_text_around_the_hit(
    detector: Detector, text: str, word: str | None
) -> None:
    [result] = [r for r in detector.analyzer.analyze(text) if r.entity_type == "CN_RESIDENT_ID"]
    explanation = result.analysis_explanation
    assert explanation is not None
    assert (explanation.supportive_context_word or None) == word
    assert (result.score > explanation.original_score) is (word is not None)


def test_the_registry_holds_only_our_recognizers(detector: Detector) -> None:
    names = {r.name for r in detector.analyzer.engine.registry.recognizers}
    assert "PhoneRecognizer" not in names and "EmailRecognizer" not in names
    assert detector.analyzer.engine.supported_languages == ["zh"]


def _rules_with(tmp_path: Path, old: str, new: str) -> Detector:
    for source in rules_dir().glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    context = tmp_path / "context.yaml"
    context.write_text(context.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return Detector(rules=load_detect_rules(tmp_path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("户主手机：138 0000 1111", Action.KEEP),  # the office's own mobile, however spaced
        ("户主手机：13800002222", Action.REDACT),
    ],
)
def test_allow_list(tmp_path: Path, text: str, expected: Action) -> None:
    detector = _rules_with(tmp_path, "allow_list: []", 'allow_list: ["138-0000-1111"]')
    [finding] = detector.detect(paragraphs(text))
    assert finding.action is expected


def test_deny_list(tmp_path: Path) -> None:
    detector = _rules_with(tmp_path, "deny_list: {}", "deny_list: {PERSON: [小明同学]}")
    [finding] = detector.detect(paragraphs("受助的小明同学已返校。"))
    assert (finding.type, finding.text, finding.action) == (
        FindingType.PERSON,
        "小明同学",
        Action.REDACT,
    )


def test_batched_blocks_do_not_lend_each_other_context(detector: Detector) -> None:
    """Short blocks are analysed in batches; a label in one block is no label for the next."""
    document = paragraphs("咨询电话", "6512345", "电话6512345")
    found = [(f.block, f.text) for f in detector.detect(document)]
    assert found == [("p2", "6512345")]


def test_batches_map_results_back_to_their_blocks(detector: Detector) -> None:
    texts = [f"第{i}户，户主手机1381234{i:04d}。" for i in range(600)]
    phones = [f for f in detector.detect(paragraphs(*texts)) if f.type is FindingType.PHONE_NUMBER]
    assert [(f.block, f.text) for f in phones] == [(f"p{i}", f"1381234{i:04d}") for i in range(600)]
