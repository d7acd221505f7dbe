"""Text that was decoded wrongly without a word (issue 11), and bounded CSV reading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from review_desk.core.document import Block, BlockKind
from review_desk.core.errors import LoadError
from review_desk.loaders import load
from review_desk.loaders.extraction import garbled_notices
from tests.loaders import fixtures

ROWS = f"姓名,身份证号\n张三,{fixtures.resident_id(0)}\n李四,{fixtures.resident_id(1)}\n"


def test_utf16le_csv_without_bom_is_read_as_utf16(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(ROWS.encode("utf-16-le"))
    document = load(path)
    assert document.block("s0:r1:c1").text == fixtures.resident_id(0)
    assert document.block("s0:r1:c1").header == "身份证号"
    assert document.notices == []


def test_gb18030_with_invalid_bytes_keeps_its_encoding_and_says_where(tmp_path: Path) -> None:
    lines = [
        f"救助对象{name}，身份证号{fixtures.resident_id(i)}" for i, name in enumerate("张李王")
    ]
    data = "\n".join(lines).encode("gb18030")
    broken = data.replace("李".encode("gb18030"), b"\xff\x30", 1)  # an invalid GB18030 pair
    path = tmp_path / "名单.txt"
    path.write_bytes(broken)
    document = load(path)
    assert document.block("p0").text == lines[0]
    assert document.block("p2").text == lines[2]
    assert "\ufffd" in document.block("p1").text
    assert [(n.key, n.block) for n in document.notices] == [("undecodable_text", "p1")]
    assert "gb18030" in document.notices[0].message


@pytest.mark.parametrize(
    ("text", "garbled"),
    [
        ("(cid:2547)(cid:3176)(cid:3238)(cid:4454)", True),
        ("110105194001010009".encode("utf-16-le").decode("latin-1"), True),
        ("\ue001\ue002\ue003\ue004 张", True),
        ("申请人张三\ufffd，身份证号 110105194001010009", False),
        ("正常的一段文字，(cid:12) 出现一次", False),
    ],
    ids=["cid-runs", "nul-interleaved", "private-use", "one-replacement", "one-cid"],
)
def test_garbled_extraction_is_a_notice_naming_the_block(text: str, garbled: bool) -> None:
    blocks = [Block("p0", BlockKind.PARAGRAPH, "正文"), Block("pg2:l3", BlockKind.PDF_LINE, text)]
    found = [(n.key, n.block) for n in garbled_notices(blocks, [])]
    assert found == ([("garbled_text", "pg2:l3")] if garbled else [])


@pytest.mark.parametrize(
    ("limit", "content", "message"),
    [
        ({"max_line_chars": 1000}, "a," * 2000 + "\n", "第 1 行长"),
        ({"max_columns": 100}, "a," * 200 + "\n", "第 1 行有 201 列"),
    ],
    ids=["line", "columns"],
)
def test_a_csv_past_its_limits_is_too_large(
    tmp_path: Path,
    set_limits: Callable[..., None],
    limit: dict[str, int],
    content: str,
    message: str,
) -> None:
    set_limits(reading=limit)
    path = tmp_path / "wide.csv"
    path.write_text(content, "utf-8")
    with pytest.raises(LoadError, match=message) as raised:
        load(path)
    assert raised.value.key == "too_large"


def test_a_long_line_read_in_chunks_keeps_its_text(tmp_path: Path) -> None:
    text = "张" * (3 * 1024 * 1024) + "\r\n" + "尾行"
    path = tmp_path / "long.txt"
    path.write_bytes(text.encode("utf-8"))
    document = load(path)
    assert [len(b.text) for b in document.blocks] == [3 * 1024 * 1024, 2]
    assert document.block("p1").text == "尾行"
