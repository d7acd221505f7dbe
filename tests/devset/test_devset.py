"""The dev set itself: big enough, every format, every §3 row and §5 bullet, valid identifiers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.devset.generate import generate
from tests.devset.scenarios import COVERAGE
from tests.devset.score import Score, overall, score_documents
from tests.devset.score import main as score_main
from tests.devset.values import ID_CHECK, id_check_char, luhn_complete, uscc_check_char
from tests.devset.writers import legacy_available

Gold = dict[str, object]


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> Gold:
    return generate(tmp_path_factory.mktemp("devset"))


def documents(gold: Gold) -> list[dict[str, object]]:
    found = gold["documents"]
    assert isinstance(found, list)
    return found


def items(gold: Gold, kind: str) -> list[dict[str, str]]:
    return [i for d in documents(gold) for i in d["items"] if i["type"] == kind]  # type: ignore[attr-defined]


def test_at_least_40_documents_in_every_format(gold: Gold) -> None:
    formats = Counter(str(d["format"]) for d in documents(gold))
    assert sum(formats.values()) >= 40
    assert {"txt", "docx", "pdf", "xlsx", "csv"} <= set(formats)
    assert ("doc" in formats) is legacy_available()
    assert all(count >= 7 for fmt, count in formats.items() if fmt != "doc")


def test_every_policy_row_and_bullet_is_covered(gold: Gold) -> None:
    covered = {c for d in documents(gold) for c in d["covers"]}  # type: ignore[attr-defined]
    assert covered == COVERAGE
    assert {d["attribute"] for d in documents(gold)} == {
        "proactive",
        "redacted",
        "on_request",
        "withheld",
    }


def test_identifiers_are_valid_except_the_bad_check_ones(gold: Gold) -> None:
    ids = [i for i in items(gold, "CN_RESIDENT_ID") if i["kind"] in ("private", "bad_check")]
    for item in ids:
        text = item["text"]
        if len(text) == 15:
            continue
        valid = id_check_char(text[:17]) == text[17]
        assert valid is (item["expect"] == "redact"), text
        assert text[17] in ID_CHECK
    assert any(len(i["text"]) == 15 for i in ids)
    for item in items(gold, "BANK_CARD"):
        if item["kind"] == "private":
            assert luhn_complete(item["text"][:-1]) == item["text"]
    for item in items(gold, "CN_USCC"):
        assert uscc_check_char(item["text"][:17]) == item["text"][17]


def test_same_seed_same_set(gold: Gold, tmp_path: Path) -> None:
    assert generate(tmp_path) == gold


@pytest.mark.slow
def test_scan_meets_the_quality_targets(capsys: pytest.CaptureFixture[str]) -> None:
    code = score_main([])
    assert code == 0, capsys.readouterr().out


def fake_report(doc: dict[str, object], action: str | None) -> dict[str, object]:
    """A report whose findings cover every gold item with ``action`` (None: no findings)."""
    findings = [
        {"type": i["type"], "text": i["text"], "action": action}
        for i in doc["items"]  # type: ignore[attr-defined]
        if action is not None
    ]
    attribute = {"proposed": "proactive", "reasons": [], "conflicts": []}
    return {"errors": [], "findings": findings, "attribute": attribute}


@pytest.mark.parametrize(
    ("action", "leak", "over"),
    [(None, 1.0, 0.0), ("redact", 0.0, 1.0), ("review", 0.0, 0.0), ("keep", 1.0, 0.0)],
)
def test_scorer_catches_leaks_and_over_redaction(
    gold: Gold, action: str | None, leak: float, over: float
) -> None:
    score = Score()
    score_documents(gold, {str(d["file"]): fake_report(d, action) for d in documents(gold)}, score)
    assert overall(score.leaks.values()).rate == leak
    assert overall(score.over.values()).rate == over
    assert 0.3 < score.attribute.rate < 0.7  # "proactive" for all is right only for some
    assert score.missed_targets()
