from pathlib import Path

import pytest

from review_desk.core.document import BlockKind
from review_desk.loaders import load
from review_desk.loaders.text import decode_text

SAMPLE = "关于张三同志的任免通知\r\n\r\n身份证号：110105194001010009\n联系电话 13800001111\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-8-sig"), "utf-8-sig"),
        (SAMPLE.encode("gbk"), "gb18030"),
        ((SAMPLE + "𠀀€").encode("gb18030"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030-beyond-gbk", "utf16-bom", "utf16le", "utf16be"],
)
def test_encodings_are_detected(encoded: bytes, encoding: str) -> None:
    text, found = decode_text(encoded, Path("a.txt"))
    assert found == encoding
    assert text.startswith("关于张三同志")


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16"])
def test_one_block_per_non_blank_line_with_line_numbers_as_ids(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    document = load(path)
    assert [(b.id, b.text) for b in document.blocks] == [
        ("p0", "关于张三同志的任免通知"),
        ("p2", "身份证号：110105194001010009"),
        ("p3", "联系电话 13800001111"),
    ]
    assert {b.kind for b in document.blocks} == {BlockKind.PARAGRAPH}
    assert document.format == "txt"
    assert len(document.sha256) == 64
