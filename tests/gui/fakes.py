"""A fake detector for the GUI tests: the real loaders, then a few patterns instead of the NER
model and the recognizers, so a test scans in milliseconds and knows what it will find.

Module-level functions (not closures): the process runner pickles the scan function into a
spawned child.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Never

from review_desk.core.document import Document
from review_desk.core.errors import CorruptFileError
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.loaders import load
from review_desk.policy import default_policy
from review_desk.scan import ScanOutcome, with_notice_conflicts
from tests.loaders.fixtures import resident_id

PRIVATE_NAMES = ("王秀兰", "李建国", "张伟")
OFFICIAL = "赵明"
_PATTERNS: tuple[tuple[FindingType, re.Pattern[str], Action, str, str], ...] = (
    (
        FindingType.CN_RESIDENT_ID,
        re.compile(r"(?<!\d)\d{17}[\dX](?!\d)"),
        Action.REDACT,
        "cn_resident_id",
        "校验位正确",
    ),
    (
        FindingType.PHONE_NUMBER,
        re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
        Action.REDACT,
        "cn_mobile",
        "个人手机号码",
    ),
    (
        FindingType.PERSON,
        re.compile("|".join(PRIVATE_NAMES)),
        Action.REDACT,
        "names",
        "救助对象姓名",
    ),
    (FindingType.PERSON, re.compile(OFFICIAL), Action.REVIEW, "names", "姓名，语境不明"),
    (
        FindingType.SECRECY_MARK,
        re.compile(r"机密★\d+年"),
        Action.REDACT,
        "secrecy_marking",
        "首页左上角密级标志",
    ),
)

LIST_TEXT = "\n".join(
    [
        "2024年第三季度最低生活保障对象名单",
        f"低保对象王秀兰，身份证号{resident_id(1)}，电话13800138000。",
        f"低保对象李建国，身份证号{resident_id(2)}。",
        f"王秀兰的家属张伟，身份证号{resident_id(3)}。",
        f"经办人{OFFICIAL}。",
    ]
)


def fake_detect(document: Document) -> list[Finding]:
    found = []
    for block in document.blocks:
        for kind, pattern, action, detector, why in _PATTERNS:
            for match in pattern.finditer(block.text):
                found.append(
                    Finding(
                        kind,
                        block.id,
                        match.start(),
                        match.end(),
                        match.group(),
                        0.9,
                        action,
                        detector,
                        why,
                    )
                )
    order = {b.id: i for i, b in enumerate(document.blocks)}
    return sorted(found, key=lambda f: (order[f.block], f.start))


def fake_scan(path: Path) -> ScanOutcome:
    if path.suffix == ".bad":
        raise CorruptFileError("ZIP 结构损坏", path)
    document = load(path)
    findings = fake_detect(document)
    proposal = with_notice_conflicts(default_policy().propose(findings), document.notices)
    return ScanOutcome(document, findings, proposal)


def write_list(path: Path, text: str = LIST_TEXT) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def slow_scan(path: Path) -> ScanOutcome:
    """A scan that takes long enough to be cancelled."""
    import time

    time.sleep(60)
    return fake_scan(path)


def crashing_scan(path: Path) -> ScanOutcome:
    """A reader that aborts the process on files named ``*.crash`` (a native library's abort)."""
    import os

    if path.suffix == ".crash":
        os.abort()
    return fake_scan(path)


def paged_scan(path: Path) -> ScanOutcome:
    """``fake_scan``, after two pages handed to OCR (each fails to render, as a broken scan
    would), so the pages' progress is told."""
    from review_desk.loaders.ocr_pages import OcrPages

    def broken() -> Never:
        raise OSError("no image")

    pages = OcrPages(path, 2)
    for number in (1, 2):
        pages.read(number, broken)
    return fake_scan(path)
