"""POLICY.md §3 row by row, with hand-made findings (no detector, no model)."""

from __future__ import annotations

import pytest

from review_desk.core.findings import Action, Attribute, Finding, FindingType, Ground
from review_desk.policy import default_policy
from review_desk.policy.engine import FindingTally

T = FindingType


def finding(
    kind: FindingType, action: str = "redact", text: str = "x", detector: str = "test"
) -> Finding:
    return Finding(kind, "p0", 0, len(text), text, 1.0, Action(action), detector, "")


# The detector reports markings and mentions alike for the reviewer to confirm (review).
SECRET = finding(T.SECRECY_MARK, "review", "机密★1年", "secrecy_marking")
SECRET_MENTION = finding(T.SECRECY_MARK, "review", "秘密★1年", "secrecy_mention")
WORK = finding(T.WORK_SECRET, "review", "此件属工作秘密")
NOTE_WITHHELD = finding(T.DISCLOSURE_NOTE, "keep", "（此件不予公开）")
NOTE_EXEMPT = finding(T.DISCLOSURE_NOTE, "keep", "（此件免予公开）")
NOTE_ON_REQUEST = finding(T.DISCLOSURE_NOTE, "keep", "（此件依申请公开）")
NOTE_PROACTIVE = finding(T.DISCLOSURE_NOTE, "keep", "（此件主动公开）")
NOTE_PORTAL = finding(T.DISCLOSURE_NOTE, "keep", "公开方式：主动公开")
INTERNAL = finding(T.INTERNAL_MARK, "review", "内部资料 注意保存")
PROCESS = finding(T.PROCESS_INFO, "review", "征求意见稿")
ID = finding(T.CN_RESIDENT_ID, "redact", "110101199003071234")
ID_BAD_CHECK = finding(T.CN_RESIDENT_ID, "review", "110101199003071235")
PHONE = finding(T.PHONE_NUMBER, "redact", "13812345678")
OFFICIAL = finding(T.PERSON, "keep", "王建国")
USCC = finding(T.CN_USCC, "keep", "11530000015129925G")

ROWS = [
    # (case, findings, attribute, grounds)
    ("1 secrecy marking", [SECRET], "withheld", ["STATE_SECRET"]),
    (
        "1 wins over every later row",
        [ID, PROCESS, NOTE_WITHHELD, WORK, SECRET],
        "withheld",
        ["STATE_SECRET"],
    ),
    ("1 mention is not a marking", [SECRET_MENTION], "proactive", []),
    ("2 work secret", [WORK], "withheld", ["WORK_SECRET"]),
    ("2 wins over 3-5", [ID, INTERNAL, NOTE_WITHHELD, WORK], "withheld", ["WORK_SECRET"]),
    ("3 note 不予公开", [NOTE_WITHHELD], "withheld", ["SOURCE_NOTE"]),
    ("3 note 免予公开", [NOTE_EXEMPT], "withheld", ["SOURCE_NOTE"]),
    ("3 wins over 4-5", [PHONE, PROCESS, NOTE_WITHHELD], "withheld", ["SOURCE_NOTE"]),
    ("4 internal mark", [INTERNAL], "on_request", ["INTERNAL_AFFAIRS"]),
    ("4 process info", [PROCESS], "on_request", ["PROCESS_INFO"]),
    ("4 note 依申请公开", [NOTE_ON_REQUEST], "on_request", ["SOURCE_NOTE"]),
    (
        "4 all three grounds",
        [NOTE_ON_REQUEST, PROCESS, INTERNAL],
        "on_request",
        ["INTERNAL_AFFAIRS", "PROCESS_INFO", "SOURCE_NOTE"],
    ),
    ("4 wins over 5", [ID, PROCESS], "on_request", ["PROCESS_INFO"]),
    ("5 a redact finding", [ID], "redacted", ["PERSONAL_PRIVACY"]),
    ("5 any type with redact counts", [finding(T.HEALTH_INFO)], "redacted", ["PERSONAL_PRIVACY"]),
    ("6 nothing", [], "proactive", []),
    ("6 kept official and USCC", [OFFICIAL, USCC], "proactive", []),
    ("6 review alone does not redact", [ID_BAD_CHECK], "proactive", []),
    ("6 note 主动公开 alone", [NOTE_PROACTIVE], "proactive", []),
    (
        "6 note 此件公开 alone",
        [finding(T.DISCLOSURE_NOTE, "keep", "（此件公开）")],
        "proactive",
        [],
    ),
]


@pytest.mark.parametrize(
    ("findings", "attribute", "grounds"),
    [pytest.param(f, a, g, id=case) for case, f, a, g in ROWS],
)
def test_first_matching_row_wins(
    findings: list[Finding], attribute: str, grounds: list[str]
) -> None:
    proposal = default_policy().propose(findings)
    assert proposal.attribute is Attribute(attribute)
    assert [str(g) for g in proposal.grounds] == grounds


@pytest.mark.parametrize(
    ("findings", "basis"),
    [
        ([SECRET], ["《政府信息公开条例》第十四条", "《保守国家秘密法》第三十五条"]),
        ([WORK], ["《保守国家秘密法》第六十四条"]),
        ([INTERNAL], ["《政府信息公开条例》第十六条第一款"]),
        ([PROCESS], ["《政府信息公开条例》第十六条第二款"]),
        (
            [ID],
            [
                "《政府信息公开条例》第十五条",
                "《个人信息保护法》第二十五条",
                "《个人信息保护法》第二十八条",
                "《政府信息公开条例》第三十七条",
            ],
        ),
        ([], ["《政府信息公开条例》第十三条"]),
    ],
)
def test_basis_follows_grounds(findings: list[Finding], basis: list[str]) -> None:
    assert list(default_policy().propose(findings).basis) == basis


@pytest.mark.parametrize(
    ("findings", "reasons"),
    [
        ([ID, ID, ID, PHONE, PHONE], ["3 处公民身份号码", "2 处电话号码"]),
        ([PHONE, ID], ["1 处公民身份号码", "1 处电话号码"]),
        ([SECRET], ["1 处密级标志（机密★1年）"]),
        ([PROCESS, PROCESS], ["2 处过程性信息（征求意见稿）"]),
        ([ID, OFFICIAL, USCC], ["1 处公民身份号码"]),
        ([ID_BAD_CHECK], ["待人工确认：1 处公民身份号码"]),
        ([SECRET, ID_BAD_CHECK], ["1 处密级标志（机密★1年）", "待人工确认：1 处公民身份号码"]),
        ([SECRET_MENTION, ID], ["1 处公民身份号码", "待人工确认：1 处密级标志（秘密★1年）"]),
        ([], []),
    ],
)
def test_reasons_name_types_with_counts(findings: list[Finding], reasons: list[str]) -> None:
    assert list(default_policy().propose(findings).reasons) == reasons


@pytest.mark.parametrize(
    ("findings", "conflicts"),
    [
        (
            [NOTE_PROACTIVE, ID, ID],
            [
                "文件附注“（此件主动公开）”表明主动公开，与建议的删减后公开不一致（2 处公民身份号码）"
            ],
        ),
        (
            [NOTE_PORTAL, PHONE],
            ["文件附注“公开方式：主动公开”表明主动公开，与建议的删减后公开不一致（1 处电话号码）"],
        ),
        (
            [NOTE_PROACTIVE, SECRET],
            [
                "文件附注“（此件主动公开）”表明主动公开，与建议的不予公开不一致（1 处密级标志（机密★1年））"
            ],
        ),
        (
            [NOTE_WITHHELD, INTERNAL],
            [],
        ),
        ([NOTE_PROACTIVE], []),
        (
            [NOTE_PROACTIVE, NOTE_PROACTIVE, ID],
            [
                "文件附注“（此件主动公开）”表明主动公开，与建议的删减后公开不一致（1 处公民身份号码）"
            ],
        ),
        ([finding(T.DISCLOSURE_NOTE, "review", "主动公开"), ID], []),
    ],
    ids=["id", "portal", "secret", "agrees", "proactive", "dedup", "unsure note"],
)
def test_conflicts_with_the_documents_own_note(
    findings: list[Finding], conflicts: list[str]
) -> None:
    assert list(default_policy().propose(findings).conflicts) == conflicts


def test_note_without_known_wording_states_nothing() -> None:
    note = finding(T.DISCLOSURE_NOTE, "keep", "（此件发至县级）")
    assert default_policy().note_attribute(note) is None


def test_note_unsuitable_for_disclosure_is_withheld() -> None:
    note = finding(T.DISCLOSURE_NOTE, "keep", "（此件不宜公开）")
    assert default_policy().note_attribute(note) is Attribute.WITHHELD


def test_traditional_note_is_read() -> None:
    note = finding(T.DISCLOSURE_NOTE, "keep", "（此件不予公開）")
    assert default_policy().propose([note]).attribute is Attribute.WITHHELD


def test_json_shape_matches_the_scan_report() -> None:
    data = default_policy().propose([ID]).to_json()
    assert list(data) == ["proposed", "grounds", "basis", "reasons", "conflicts"]
    assert data["grounds"] == [Ground.PERSONAL_PRIVACY.value]


MIXED = [ID, NOTE_PROACTIVE, PHONE, SECRET_MENTION, ID_BAD_CHECK, PROCESS, OFFICIAL, PROCESS]


@pytest.mark.parametrize(
    "findings", [*(pytest.param(f, id=case) for case, f, _, _ in ROWS), pytest.param(MIXED)]
)
def test_tallies_of_parts_joined_give_the_proposal_of_the_whole(findings: list[Finding]) -> None:
    policy = default_policy()
    whole = policy.propose(findings)
    for cut in range(len(findings) + 1):
        for second in range(cut, len(findings) + 1):
            parts = [findings[:cut], findings[cut:second], findings[second:]]
            tally = FindingTally.joined(policy.tally(part) for part in parts)
            assert policy.propose_tallied(tally) == whole, (cut, second)


@pytest.mark.parametrize(
    "findings",
    [*(pytest.param(f, id=case) for case, f, _, _ in ROWS), pytest.param(MIXED + MIXED[::-1])],
)
def test_templated_findings_tally_as_their_findings(findings: list[Finding]) -> None:
    from review_desk.core.templated import TemplatedFindings
    from tests.core.test_templated import as_cells

    policy = default_policy()
    expected = policy.tally(findings)
    tally = policy.tally(TemplatedFindings(as_cells(findings)))
    # In the same order: the proposal's wording follows the order the counts came in.
    assert list(tally.counts.items()) == list(expected.counts.items())
    assert tally.read == expected.read
