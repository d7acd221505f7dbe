"""Encoded findings are the report's JSON items exactly, and decode to the findings again."""

from __future__ import annotations

import json
import pickle

import pytest

from review_desk.core.findings import Action, Finding, FindingType
from review_desk.findings_json import EncodedFindings, PartEncoder, dumps


def finding(text: str, score: float, explanation: str = "person column", start: int = 0) -> Finding:
    return Finding(
        FindingType.PERSON, "s0:r1:c1", start, start + len(text), text, score, Action.KEEP, "names",
        explanation,
    )  # fmt: skip


FINDINGS = [
    finding("王秀英", 0.9),
    finding("王秀英", 0.9, start=4),  # the same kind again: its head and tail written once
    finding('a"b\\c', 1.0, "tab\there; new\nline"),
    finding("\x00\x1f\u2028\u2029", 0.123456789, "😀"),
    # 1 and 1.0, 0.0 and -0.0 are equal keys but different texts.
    finding("", 1),
    finding("", 1.0),
    finding("x", 0.0),
    finding("x", -0.0),
    Finding(
        FindingType.CN_RESIDENT_ID,
        "p7",
        3,
        21,
        "11010119900307447X",
        1.0,
        Action.REDACT,
        "cn_resident_id",
        "",
    ),
]


@pytest.mark.parametrize("count", [0, 1, 2, len(FINDINGS)])
def test_a_part_is_the_items_json_dumps_writes(count: int) -> None:
    part = PartEncoder().encode(FINDINGS[:count])
    assert len(part) == count
    assert part.data().decode() == ", ".join(dumps(f.to_json()) for f in FINDINGS[:count])


def test_one_encoder_writes_the_same_items_for_every_part() -> None:
    encoder = PartEncoder()
    parts = [encoder.encode(FINDINGS[:3]), encoder.encode([]), encoder.encode(FINDINGS[3:])]
    encoded = EncodedFindings(parts)
    assert len(encoded) == len(FINDINGS)
    expected = ", ".join(dumps(f.to_json()) for f in FINDINGS)
    assert b"".join(encoded.pieces()).decode() == expected


def test_encoded_findings_decode_to_the_findings_and_pickle_without_them() -> None:
    encoded = EncodedFindings.of(FINDINGS * 1000)
    assert len(encoded.parts) > 1
    copy = pickle.loads(pickle.dumps(encoded))
    assert list(copy) == list(encoded)
    assert [f.to_json() for f in copy] == [f.to_json() for f in FINDINGS * 1000]
    assert json.loads(b"[" + b"".join(copy.pieces()) + b"]") == [f.to_json() for f in copy]


def test_a_lone_surrogate_is_written_as_a_question_mark() -> None:
    part = PartEncoder().encode([finding("王\udcff", 0.9, "\ud83d")])
    item = json.loads(part.data())
    assert (item["text"], item["explanation"]) == ("王?", "?")


@pytest.mark.parametrize("count", [0, 1, 2, 5, len(FINDINGS)])
def test_templated_findings_encode_as_their_findings(count: int) -> None:
    from review_desk.core.templated import TemplatedFindings
    from tests.core.test_templated import as_cells

    findings = (FINDINGS * 2)[:count] + FINDINGS[:count]
    encoder = PartEncoder()
    expected = encoder.encode(findings)
    assert encoder.encode(TemplatedFindings(as_cells(findings))) == expected
    assert PartEncoder().encode(TemplatedFindings(as_cells(findings))) == expected
