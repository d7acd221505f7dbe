import codecs
from pathlib import Path

import pytest

from review_desk.core.findings import FindingType as T
from review_desk.loaders import load
from review_desk.paths import repo_root
from review_desk.redact import Redaction, redact_file
from tests.redact.fixtures import ID, NAME, PHONE, redactions_for

SAMPLES = repo_root().parent / "shared" / "samples"
TEXT = f"申请人{NAME}，身份证{ID}\r\n\r\n联系电话：{PHONE}\n其他说明\r结束"
MASKED = "申请人张*国，身份证11*************079\r\n\r\n联系电话：138****5678\n其他说明\r结束"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gb18030", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_txt_keeps_encoding_bom_and_line_breaks(tmp_path: Path, encoding: str, bom: bytes) -> None:
    source = tmp_path / "notice.txt"
    source.write_bytes(bom + TEXT.encode(encoding))
    document = load(source)
    result = redact_file(source, document, redactions_for(document), tmp_path, chain_head="h" * 64)
    data = result.output.read_bytes()
    assert data == bom + MASKED.encode(encoding)
    assert result.output.name == "notice（删减后）.txt"
    assert result.verified and result.residues == [] and result.redactions == 3


def test_txt_sidecar_carries_the_chain_head(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(f"身份证{ID}", encoding="utf-8")
    document = load(source)
    result = redact_file(source, document, redactions_for(document), tmp_path, chain_head="abc123")
    sidecar = result.output.with_name(result.output.name + ".chain.txt")
    assert sidecar.read_text(encoding="utf-8") == f"chain_head: abc123\nsha256: {result.sha256}\n"


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared/samples is not beside this checkout")
@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("report_*.txt")), ids=lambda p: p.name)
def test_sample_reports_without_redactions_are_unchanged(tmp_path: Path, sample: Path) -> None:
    """The five sample reports (shared/samples, beside the checkout) come back byte for byte."""
    result = redact_file(sample, load(sample), [], tmp_path, chain_head="head")
    assert result.output.read_bytes() == sample.read_bytes()


def test_csv_gb18030_semicolons_round_trip(tmp_path: Path) -> None:
    rows = [
        "序号;姓名;身份证号;联系电话;备注",
        f"1;{NAME};{ID};{PHONE};已核实",
        "2;李四;110105194203030025;13900001111;说明 A",
    ]
    source = tmp_path / "名单.csv"
    source.write_bytes("\r\n".join(rows).encode("gb18030") + b"\r\n")
    document = load(source)
    assert document.block("s0:r1:c2").text == ID  # the loader saw five columns
    result = redact_file(source, document, redactions_for(document), tmp_path, chain_head="h")
    data = result.output.read_bytes()
    lines = data.decode("gb18030").split("\r\n")
    assert lines == [rows[0], "1;张*国;11*************079;138****5678;已核实", rows[2], ""]
    assert [b.text for b in load(result.output).blocks if b.id == "s0:r1:c1"] == ["张*国"]


def test_csv_with_nothing_to_redact_is_copied_exactly(tmp_path: Path) -> None:
    source = tmp_path / "plain.csv"
    source.write_bytes('a,"b,c"\n1,2\n'.encode("utf-16"))
    result = redact_file(source, load(source), [], tmp_path, chain_head="h")
    assert result.output.read_bytes() == source.read_bytes()


def test_overlapping_and_edited_redactions(tmp_path: Path) -> None:
    source = tmp_path / "o.txt"
    source.write_text(f"号码{ID}结束", encoding="utf-8")
    document = load(source)
    redactions = [
        Redaction("p0", 2, 20, T.CN_RESIDENT_ID, keep_start=6, keep_end=0),
        Redaction("p0", 8, 12, T.CN_RESIDENT_ID),
    ]
    result = redact_file(source, document, redactions, tmp_path, chain_head="h")
    assert result.output.read_text(encoding="utf-8") == f"号码{ID[:6]}************结束"
