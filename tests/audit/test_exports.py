"""Review-log exports: the CSV/XLSX log, the 审查单 PDF and the statistics workbook, built from
records made here by replaying events, as the store does."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pdfplumber
import pytest
import xlsxwriter.workbook

from review_desk.audit.exports import (
    ExportError,
    FontMissingError,
    _fonts,
    log,
    write_log,
    write_sheet,
    write_stats,
)
from review_desk.audit.exports.stats import in_period, stats_tables
from review_desk.audit.records import DocumentRecord, StoredEvent
from review_desk.core.findings import Action, Attribute, FindingType, Ground
from review_desk.core.review import Decision, Event, EventKind, RecordedFinding, Review

T0 = datetime(2024, 3, 5, 1, 0, tzinfo=UTC)  # 09:00 in Beijing
CHAIN_HEAD = "57:" + "c0ffee" * 10 + "abcd"
SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
PRIVACY_BASIS = ["《政府信息公开条例》第十五条", "《个人信息保护法》第二十八条"]


# --- the record factory ------------------------------------------------------------------


class RecordBuilder:
    """Folds events into a Review and keeps them as StoredEvents with increasing seq and time,
    the way the store hands records back; commands go through Review, so payloads are real."""

    _seq = 0

    def __init__(self, doc_id: str, at: datetime = T0) -> None:
        self.review = Review(doc_id)
        self.events: list[StoredEvent] = []
        self.at = at

    def record(self, event: Event, minutes: float = 5) -> RecordBuilder:
        RecordBuilder._seq += 1
        seq, prev = RecordBuilder._seq, self.events[-1].hash if self.events else "0" * 64
        self.events.append(StoredEvent(seq, self.at, prev, f"{seq:064x}", event))
        self.review.apply(event)
        self.at += timedelta(minutes=minutes)
        return self

    def register(self, file_name: str = "低保名单公示.docx", **meta: str) -> RecordBuilder:
        payload = {"sha256": SHA, "file_name": file_name, "path": f"/收件/{file_name}"}
        return self._raw(EventKind.DOCUMENT_REGISTERED, "系统", {**payload, "meta": meta})

    def scan(
        self,
        findings: Sequence[RecordedFinding],
        attribute: Attribute = Attribute.REDACTED,
        grounds: Sequence[Ground] = (Ground.PERSONAL_PRIVACY,),
        reasons: Sequence[str] = ("3 处公民身份号码、5 处个人姓名",),
        conflicts: Sequence[str] = (),
    ) -> RecordBuilder:
        proposal = {
            "attribute": str(attribute),
            "grounds": [str(g) for g in grounds],
            "basis": PRIVACY_BASIS,
            "reasons": list(reasons),
            "conflicts": list(conflicts),
        }
        rows = [f.to_row() for f in findings]
        payload = {"proposal": proposal, "fields": [], "findings": rows}
        return self._raw(EventKind.SCAN_RECORDED, "系统", payload)

    def decide(
        self,
        attribute: Attribute = Attribute.REDACTED,
        grounds: Sequence[Ground] = (Ground.PERSONAL_PRIVACY,),
        reason: str = "",
        actor: str = "张审查",
    ) -> RecordBuilder:
        return self.record(
            self.review.decide_document(attribute, grounds, PRIVACY_BASIS, reason, actor)
        )

    def build(self) -> DocumentRecord:
        return DocumentRecord(self.review, tuple(self.events))

    def _raw(self, kind: EventKind, actor: str, payload: dict[str, Any]) -> RecordBuilder:
        return self.record(Event(kind, self.review.doc_id, actor, payload))


def finding(
    type_: FindingType,
    block: str,
    span: tuple[int, int],
    proposed: Action | None = Action.REDACT,
    detector: str = "test",
) -> RecordedFinding:
    return RecordedFinding(0, type_, block, *span, proposed, "hmac-" + block, 0.9, detector)


def sample_findings() -> list[RecordedFinding]:
    ids = [finding(FindingType.CN_RESIDENT_ID, f"t1!C{r}", (0, 18)) for r in (2, 3, 4)]
    names = [finding(FindingType.PERSON, f"t1!B{r}", (0, 3)) for r in (2, 3, 4, 5, 6)]
    phone = finding(FindingType.PHONE_NUMBER, "p9", (5, 16), Action.KEEP)
    mention = finding(FindingType.SECRECY_MARK, "p2", (4, 9), Action.REVIEW, "secrecy_mention")
    return [*ids, *names, phone, mention]


META = {
    "title": "关于2024年城乡低保对象名单的公示",
    "doc_number": "某民发〔2024〕12号",
    "index_number": "11530000MB0000000X/2024-00012",
    "source_unit": "某县民政局",
    "carrier": "公文类",
    "channel": "政府网站",
}


def approved(doc_id: str = "doc-1", at: datetime = T0) -> RecordBuilder:
    """Scanned, reviewed by 张审查 (one mask edited, the secrecy mention kept, the office
    phone redacted), decided 删减后公开 and approved by 李审核."""
    b = RecordBuilder(doc_id, at).register(**META)
    b.scan(sample_findings(), conflicts=["附注称“此件主动公开”，但正文含公民身份号码"])
    b.record(b.review.start("张审查"))
    b.record(b.review.decide_finding(9, Decision.KEEP, "张审查", "培训材料中的举例，非密级标志"))
    b.record(b.review.decide_finding(8, Decision.REDACT, "张审查", "实为个人手机号码"))
    b.record(b.review.decide_finding(3, Decision.EDIT_MASK, "张审查", "保留姓氏", keep=(1, 0)))
    b.record(b.review.accept_proposals("张审查"))
    b.decide()
    return b.record(b.review.approve("李审核", "同意删减后公开"))


def exported(doc_id: str = "doc-1") -> DocumentRecord:
    b = approved(doc_id)
    outputs = [{"name": "低保名单公示_删减.docx", "sha256": "ab" * 32}]
    payload = {"kind": "redacted_copy", "outputs": outputs, "chain_head": "40:" + "ee" * 32}
    return b.record(b.review.export("李审核", payload)).build()


def scanned_only(doc_id: str = "doc-2", at: datetime = T0) -> DocumentRecord:
    return (
        RecordBuilder(doc_id, at)
        .register(title="工作简报")
        .scan([], Attribute.PROACTIVE, ())
        .build()
    )


def returned_then_redecided() -> DocumentRecord:
    b = RecordBuilder("doc-3").register(title="请示").scan([], Attribute.ON_REQUEST, ())
    b.record(b.review.start("张审查"))
    b.decide(Attribute.PROACTIVE, ())
    b.record(b.review.return_("李审核", "属过程性信息"))
    b.record(b.review.start("张审查"))
    return b.decide(Attribute.ON_REQUEST, (Ground.PROCESS_INFO,)).build()


# --- the log -----------------------------------------------------------------------------

POLICY_COLUMNS = [
    "文件名", "标题", "文号/索引号", "SHA-256", "来源单位", "载体", "发布渠道", "建议属性",
    "建议依据", "建议理由", "发现类型及数量", "发现位置", "密级标志检查结果", "审查决定",
    "最终属性", "最终依据", "法律依据", "理由/第三方同意/公共利益说明", "删减清单", "审查人",
    "审查时间（北京时间）", "审核人", "审核时间（北京时间）", "状态", "导出文件哈希", "链头",
]  # fmt: skip


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.fixture
def exported_csv(tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "审查台账.csv"
    write_log([exported()], out, "csv", CHAIN_HEAD)
    return read_csv(out)[0]


@pytest.mark.parametrize("header", POLICY_COLUMNS)
def test_log_has_every_policy_column(header: str) -> None:
    assert header in log.HEADERS


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("记录编号", "doc-1"),
        ("文件名", "低保名单公示.docx"),
        ("标题", META["title"]),
        ("文号/索引号", "某民发〔2024〕12号 / 11530000MB0000000X/2024-00012"),
        ("SHA-256", SHA),
        ("来源单位", "某县民政局"),
        ("载体", "公文类"),
        ("发布渠道", "政府网站"),
        ("建议属性", "删减后公开"),
        ("建议依据", "个人隐私"),
        ("建议理由", "3 处公民身份号码、5 处个人姓名"),
        ("冲突提示", "附注称“此件主动公开”，但正文含公民身份号码"),
        ("发现类型及数量", "自然人姓名 5；公民身份号码 3；电话号码 1；密级标志 1"),
        ("密级标志检查结果", "正文提及密级字样 1 处，非标志（p2:4-9）"),
        ("审查决定", "保留 1；删除/遮盖 8；自定义遮盖 1"),
        ("最终属性", "删减后公开"),
        ("最终依据", "个人隐私"),
        ("法律依据", "《政府信息公开条例》第十五条；《个人信息保护法》第二十八条"),
        ("审查人", "张审查"),
        ("审核人", "李审核"),
        ("审核意见", "同意删减后公开"),
        ("状态", "已导出"),
        ("导出文件哈希", "低保名单公示_删减.docx " + "ab" * 32),
        ("链头", CHAIN_HEAD),
    ],
)
def test_csv_row_values(exported_csv: dict[str, str], header: str, expected: str) -> None:
    assert exported_csv[header] == expected


@pytest.mark.parametrize(
    ("header", "contains"),
    [
        ("发现位置", "公民身份号码：t1!C2:0-18、t1!C3:0-18、t1!C4:0-18"),
        ("删减清单", "电话号码·删除/遮盖：p9:5-16"),
        (
            "删减清单",
            "自然人姓名·删除/遮盖：t1!B3:0-3、t1!B4:0-3、t1!B5:0-3、t1!B6:0-3；自然人姓名·自定义遮盖：t1!B2:0-3；",
        ),
        ("人工判断及理由", "p2:4-9 密级标志 保留：培训材料中的举例，非密级标志"),
        ("人工判断及理由", "p9:5-16 电话号码 删除/遮盖：实为个人手机号码"),
    ],
)
def test_csv_lists_positions_and_judgements(
    exported_csv: dict[str, str], header: str, contains: str
) -> None:
    assert contains in exported_csv[header]


def test_csv_times_are_beijing_time(exported_csv: dict[str, str]) -> None:
    # Registered at 01:00 UTC, five minutes a step: decided 01:35, approved 01:40.
    assert exported_csv["审查时间（北京时间）"] == "2024-03-05 09:35:00"
    assert exported_csv["审核时间（北京时间）"] == "2024-03-05 09:40:00"


def test_csv_is_utf8_with_bom_and_fully_quoted(tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    write_log([exported(), scanned_only()], out, "csv", CHAIN_HEAD)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8").startswith('"记录编号","文件名"')
    assert [row["记录编号"] for row in read_csv(out)] == ["doc-1", "doc-2"]


def test_csv_neutralises_formulas_from_documents(tmp_path: Path) -> None:
    b = RecordBuilder("doc-x").register("=cmd.docx", title='=HYPERLINK("http://x")')
    out = tmp_path / "log.csv"
    write_log([b.build()], out, "csv", CHAIN_HEAD)
    row = read_csv(out)[0]
    assert (row["文件名"], row["标题"]) == ("'=cmd.docx", '\'=HYPERLINK("http://x")')


def test_undecided_record_leaves_decision_columns_blank(tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    write_log([scanned_only()], out, "csv", CHAIN_HEAD)
    row = read_csv(out)[0]
    assert row["状态"] == "已扫描"
    assert row["建议属性"] == "主动公开"
    assert row["发现类型及数量"] == row["删减清单"] == ""
    assert row["密级标志检查结果"] == "未发现密级标志"
    assert all(
        row[h] == "" for h in ("最终属性", "审查时间（北京时间）", "审核人", "审核时间（北京时间）")
    )


def test_verdict_of_an_earlier_round_is_not_shown(tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    write_log([returned_then_redecided()], out, "csv", CHAIN_HEAD)
    row = read_csv(out)[0]
    assert (row["最终属性"], row["最终依据"], row["状态"]) == ("依申请公开", "过程性信息", "待审核")
    assert row["审核人"] == row["审核意见"] == ""


def test_huge_position_lists_are_cut_with_a_count(tmp_path: Path) -> None:
    names = [finding(FindingType.PERSON, f"t1!B{r}", (0, 3)) for r in range(2, 1502)]
    ids = [finding(FindingType.CN_RESIDENT_ID, f"t1!C{r}", (0, 18)) for r in range(2, 1502)]
    record = RecordBuilder("big").register().scan([*names, *ids]).build()
    out = tmp_path / "log.csv"
    write_log([record], out, "csv", CHAIN_HEAD)
    cell = read_csv(out)[0]["发现位置"]
    assert cell.count("等 1500 处") == 2
    assert cell.count(":0-") == log.POSITION_LIMIT
    assert len(cell) < 32_767  # one spreadsheet cell


def test_xlsx_log_reopens_with_headers_rows_and_chain_head(tmp_path: Path) -> None:
    out = tmp_path / "审查台账.xlsx"
    write_log([exported(), scanned_only()], out, "xlsx", CHAIN_HEAD)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["审查台账", "说明"]
    sheet = book["审查台账"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == log.HEADERS
    assert sheet.freeze_panes == "C2"
    assert sheet["A1"].font.b
    first = dict(zip(rows[0], rows[1], strict=True))
    assert (first["文件名"], first["最终属性"], first["链头"]) == (
        "低保名单公示.docx",
        "删减后公开",
        CHAIN_HEAD,
    )
    assert first["审查时间（北京时间）"] == datetime(2024, 3, 5, 9, 35)
    assert rows[2][0] == "doc-2"
    notes = [cell for row in book["说明"].iter_rows(values_only=True) for cell in row]
    assert CHAIN_HEAD in notes


def test_xlsx_writes_formula_lookalikes_as_text(tmp_path: Path) -> None:
    b = RecordBuilder("doc-x").register("=1+1.docx")
    out = tmp_path / "log.xlsx"
    write_log([b.build()], out, "xlsx", CHAIN_HEAD)
    cell = openpyxl.load_workbook(out)["审查台账"]["B2"]
    assert (cell.value, cell.data_type) == ("=1+1.docx", "s")


def test_unknown_log_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="export_failed"):
        write_log([], tmp_path / "log.txt", "txt", CHAIN_HEAD)  # type: ignore[arg-type]


# --- the 审查单 --------------------------------------------------------------------------


#: The sheet embeds a system TrueType font (the Makefile installs fonts-wqy-microhei).
needs_cjk_font = pytest.mark.skipif(
    not any(path.is_file() for path, _ in _fonts.CJK_FONT_CANDIDATES),
    reason="no CJK TrueType font: apt-get install fonts-wqy-microhei",
)


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.fixture(scope="module")
def sheet_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sheet") / "审查单.pdf"
    write_sheet(exported(), out, CHAIN_HEAD)
    return out


@pytest.fixture(scope="module")
def sheet_text(sheet_pdf: Path) -> str:
    # Table cells wrap anywhere (a hash too), so the text is compared without whitespace.
    return "".join(pdf_text(sheet_pdf).split())


@needs_cjk_font
@pytest.mark.parametrize(
    "expected",
    [
        "政府信息公开保密审查单",
        META["title"],
        META["doc_number"],
        "低保名单公示.docx",
        SHA,
        CHAIN_HEAD,
        "删减后公开",
        "个人隐私",
        "《个人信息保护法》第二十八条",
        "3处公民身份号码、5处个人姓名",
        "此件主动公开",
        "公民身份号码",
        "自定义遮盖（保留前1后0字）",
        "培训材料中的举例，非密级标志",
        "张审查",
        "李审核",
        "2024-03-0509:40:00",
        "北京时间",
        "第1页",
        "审核人（签字）",
    ],
)
def test_sheet_shows(sheet_text: str, expected: str) -> None:
    assert "".join(expected.split()) in sheet_text


@needs_cjk_font
def test_sheet_embeds_its_cjk_font(sheet_pdf: Path) -> None:
    raw = sheet_pdf.read_bytes()
    assert b"/FontFile2" in raw
    assert b"STSong" not in raw
    with pdfplumber.open(sheet_pdf) as pdf:
        fonts = {char["fontname"] for char in pdf.pages[0].chars}
    assert fonts and all("+" in name for name in fonts)  # subset-embedded names: ABCDEF+Name


@needs_cjk_font
def test_long_redaction_list_is_cut_and_paged(tmp_path: Path) -> None:
    names = [finding(FindingType.PERSON, f"t1!B{r}", (0, 3)) for r in range(2, 152)]
    b = RecordBuilder("long").register(title="救助名单").scan(names)
    record = b.build()
    out = tmp_path / "long.pdf"
    write_sheet(record, out, CHAIN_HEAD)
    text = "".join(pdf_text(out).split())
    assert "以上列出前60处，共150处" in text
    assert "第2页" in text
    assert "t1!B61:0-3" in text and "t1!B62:0-3" not in text


@needs_cjk_font
def test_sheet_escapes_markup_in_names(tmp_path: Path) -> None:
    record = RecordBuilder("amp").register("A&B <草稿>.docx").scan([]).build()
    out = tmp_path / "amp.pdf"
    write_sheet(record, out, CHAIN_HEAD)
    assert "A&B<草稿>.docx" in "".join(pdf_text(out).split())


@needs_cjk_font
def test_sheet_keeps_an_earlier_return_and_its_note(tmp_path: Path) -> None:
    out = tmp_path / "ret.pdf"
    write_sheet(returned_then_redecided(), out, CHAIN_HEAD)
    text = "".join(pdf_text(out).split())
    steps = [
        "审查决定张审查2024-03-0509:15:00主动公开",
        "审核退回李审核2024-03-0509:20:00属过程性信息",
    ]
    steps += ["审查决定张审查2024-03-0509:30:00依申请公开", "审核尚未审核"]
    assert "".join(steps) in text


@pytest.fixture
def no_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setattr(_fonts, "CJK_FONT_CANDIDATES", ((tmp_path / "none.ttc", 0),))
    _fonts.cjk_font.cache_clear()
    yield
    _fonts.cjk_font.cache_clear()


@pytest.mark.usefixtures("no_fonts")
def test_missing_font_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FontMissingError) as raised:
        write_sheet(exported(), tmp_path / "审查单.pdf", CHAIN_HEAD)
    assert raised.value.key == "font_missing"
    assert "fonts-wqy-microhei" in raised.value.message
    assert isinstance(raised.value, ExportError)
    assert list(tmp_path.iterdir()) == []


# --- the statistics ----------------------------------------------------------------------


def year_of_records() -> list[DocumentRecord]:
    """Two approved in March, one re-decided in March, one scanned in May, one in 2023."""
    return [
        approved("a", T0).build(),
        approved("b", T0 + timedelta(days=3)).build(),
        returned_then_redecided(),
        scanned_only("c", datetime(2024, 5, 20, 3, tzinfo=UTC)),
        scanned_only("old", datetime(2023, 12, 1, 3, tzinfo=UTC)),
    ]


def table_rows(tables: Sequence[Any], sheet: str) -> dict[str, list[Any]]:
    table = next(t for t in tables if t.sheet == sheet)
    return {str(row[0]): row[1:] for row in table.rows}


YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31))


def test_stats_counts_per_attribute_ground_type_and_month() -> None:
    tables = stats_tables(in_period(year_of_records(), YEAR_2024), YEAR_2024)
    attributes = table_rows(tables, "按公开属性")
    assert {k: v[0] for k, v in attributes.items()} == {
        "主动公开": 0, "删减后公开": 2, "依申请公开": 1, "不予公开": 0, "尚未决定": 1,
    }  # fmt: skip
    assert attributes["删减后公开"][1] == 0.5
    grounds = table_rows(tables, "按依据")
    assert (grounds["个人隐私"][1], grounds["过程性信息"][1], grounds["国家秘密"][1]) == (2, 1, 0)
    types = table_rows(tables, "按发现类型")
    assert types["公民身份号码"] == [6, 2, 6, 0]
    assert types["电话号码"] == [2, 2, 2, 0]  # the office phone was judged private
    assert types["密级标志"] == [2, 2, 0, 2]
    months = table_rows(tables, "按月份")
    assert list(months) == [f"2024-{m:02d}" for m in range(1, 13)]
    assert months["2024-03"][:4] == [3, 0, 2, 1]
    assert months["2024-05"][-1] == 1  # 尚未决定


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ((None, None), {"a", "b", "doc-3", "c", "old"}),
        (YEAR_2024, {"a", "b", "doc-3", "c"}),
        ((date(2024, 3, 6), None), {"b", "c"}),
        ((None, date(2024, 3, 5)), {"a", "doc-3", "old"}),
        ((date(2024, 3, 5), date(2024, 3, 5)), {"a", "doc-3"}),
        ((date(2025, 1, 1), None), set()),
    ],
)
def test_period_filter(period: tuple[date | None, date | None], expected: set[str]) -> None:
    assert {r.review.doc_id for r in in_period(year_of_records(), period)} == expected


def test_period_day_is_the_beijing_calendar_day() -> None:
    # 2024-03-31 17:00 UTC is 2024-04-01 01:00 in Beijing: it counts in April.
    late = scanned_only("late", datetime(2024, 3, 31, 17, tzinfo=UTC))
    assert in_period([late], (date(2024, 4, 1), date(2024, 4, 30))) == [late]
    assert in_period([late], (date(2024, 3, 1), date(2024, 3, 31))) == []


def test_stats_workbook_has_charts_period_and_chain_head(tmp_path: Path) -> None:
    out = tmp_path / "统计.xlsx"
    write_stats(year_of_records(), out, CHAIN_HEAD, YEAR_2024)
    with zipfile.ZipFile(out) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 4
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["说明", "按公开属性", "按依据", "按发现类型", "按月份"]
    cover = {row[0]: row[1] for row in book["说明"].iter_rows(min_row=3, values_only=True)}
    assert cover["统计期间"] == "2024-01-01 至 2024-12-31"
    assert cover["文件数"] == "4"
    assert cover["导出时链头"] == CHAIN_HEAD
    assert book["按公开属性"]["B3"].value == 2


def test_open_period_without_records_still_writes_a_workbook(tmp_path: Path) -> None:
    out = tmp_path / "空.xlsx"
    write_stats([], out, CHAIN_HEAD, (None, None))
    cover = {
        row[0]: row[1] for row in openpyxl.load_workbook(out)["说明"].iter_rows(values_only=True)
    }
    assert cover["统计期间"] == "最早记录 至 最新记录"


def test_reversed_period_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="晚于"):
        write_stats([], tmp_path / "s.xlsx", CHAIN_HEAD, (date(2024, 2, 1), date(2024, 1, 1)))


# --- atomic output -----------------------------------------------------------------------

WRITERS = {
    "csv": lambda out: write_log([exported()], out, "csv", CHAIN_HEAD),
    "xlsx": lambda out: write_log([exported()], out, "xlsx", CHAIN_HEAD),
    "sheet": lambda out: write_sheet(exported(), out, CHAIN_HEAD),
    "stats": lambda out: write_stats([exported()], out, CHAIN_HEAD, (None, None)),
}


#: Every writer, the 审查单 only where its font is installed.
EVERY_WRITER = [
    pytest.param(kind, marks=[needs_cjk_font] if kind == "sheet" else []) for kind in WRITERS
]


@pytest.mark.parametrize("kind", EVERY_WRITER)
def test_failed_move_leaves_the_old_file_and_no_temp(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export.out"
    out.write_text("上次的导出")

    def refuse(source: Any, target: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match=r"export\.out：导出失败.*\[export_failed\]"):
        WRITERS[kind](out)
    assert list(tmp_path.iterdir()) == [out]
    assert out.read_text() == "上次的导出"


@pytest.mark.parametrize("kind", ["xlsx", "stats"])
def test_full_disk_while_zipping_a_workbook_is_an_export_error(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsxwriter.workbook, "ZipFile", full)
    with pytest.raises(ExportError, match=r"导出.xlsx：导出失败（No space left on device）"):
        WRITERS[kind](tmp_path / "导出.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_error_mid_write_removes_the_half_written_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half(rows: Any, path: Path) -> None:
        path.write_text("记录编号,文件名\n")
        raise RuntimeError("disk pulled")

    monkeypatch.setattr(log, "_write_csv", half)
    with pytest.raises(RuntimeError):
        write_log([exported()], tmp_path / "log.csv", "csv", CHAIN_HEAD)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", EVERY_WRITER)
def test_missing_folder_is_a_clear_error(kind: str, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as raised:
        WRITERS[kind](tmp_path / "不存在" / "导出.out")
    assert raised.value.key == "export_failed"
    assert raised.value.message.startswith("导出.out：")


def test_a_folder_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "log.csv").mkdir()
    with pytest.raises(ExportError, match="export_failed"):
        write_log([], tmp_path / "log.csv", "csv", CHAIN_HEAD)
    assert [p.name for p in tmp_path.iterdir()] == ["log.csv"]
