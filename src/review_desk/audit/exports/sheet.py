"""The printable 审查单 (review sheet) of one document: an A4 PDF in Chinese with the CJK font
embedded, so the archived sheet prints the same on any machine (POLICY.md §9)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from review_desk.audit.exports import _summary as s
from review_desk.audit.exports._files import atomic_output
from review_desk.audit.exports._fonts import cjk_font
from review_desk.audit.records import DocumentRecord
from review_desk.core.findings import TYPE_LABELS, Attribute
from review_desk.core.review import DECISION_LABELS, STATE_LABELS, Decision, EventKind, Review

TITLE = "政府信息公开保密审查单"
#: Rows of the redaction list printed before pointing to the review log for the rest.
LISTED_LIMIT = 60
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
GRID = colors.HexColor("#9AA5B1")
SHADE = colors.HexColor("#E8EDF3")


def write_sheet(record: DocumentRecord, out: Path, chain_head: str) -> None:
    """Write the 审查单 of ``record`` to ``out`` (atomically) as an A4 PDF."""
    styles = _styles(cjk_font())
    story = _story(record, chain_head, styles)
    with atomic_output(out) as temp:
        document = SimpleDocTemplate(
            str(temp),
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 4 * mm,
            title=TITLE,
            author="review_desk",
        )
        footer = _PageDecor(record.review.file_name, chain_head, styles["body"].fontName)
        document.build(story, onFirstPage=footer, onLaterPages=footer)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    # wordWrap CJK breaks lines between any two characters: Chinese has no spaces, and a
    # SHA-256 must wrap inside its cell too.
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=2 * mm
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=8.5, alignment=TA_CENTER, textColor=colors.grey
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontSize=12, leading=18, spaceBefore=4 * mm, spaceAfter=1.5 * mm
        ),
        "subheading": ParagraphStyle(
            "subheading", parent=body, spaceBefore=3 * mm, spaceAfter=1 * mm
        ),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12.5),
        "note": ParagraphStyle(
            "note", parent=body, fontSize=8.5, textColor=colors.grey, spaceBefore=1.5 * mm
        ),
    }


def _story(
    record: DocumentRecord, chain_head: str, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    review = record.review
    printed = s.time_text(datetime.now(s.BEIJING))
    sections = (
        ("一、文件信息", _document_table(review, styles)),
        ("二、公开属性", _attribute_table(review, styles)),
        ("三、发现与处理", _findings_part(review, styles)),
        ("四、删减清单", _redaction_part(review, styles)),
        ("五、审查与审核", _people_part(record, styles)),
        ("六、审计链", _chain_part(chain_head, styles)),
    )
    story: list[Flowable] = [
        Paragraph(TITLE, styles["title"]),
        Paragraph(
            _text(f"记录编号 {review.doc_id}　生成时间 {printed}（北京时间）"), styles["subtitle"]
        ),
    ]
    for heading, flowables in sections[:-1]:
        story += [Paragraph(heading, styles["heading"]), *flowables]
    # The signatures never stand alone on a last page: they go with the chain head above them.
    heading, flowables = sections[-1]
    ending = [Paragraph(heading, styles["heading"]), *flowables, Spacer(1, 10 * mm)]
    return [*story, KeepTogether([*ending, _signatures(styles)])]


# --- sections ----------------------------------------------------------------------------


def _document_table(review: Review, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    meta = review.meta
    rows = (
        ("标题", meta.get("title", "")),
        ("文号/索引号", s.reference(meta)),
        ("文件名", review.file_name),
        ("SHA-256", review.sha256),
        ("来源单位", meta.get("source_unit", "")),
        ("载体", meta.get("carrier", "")),
        ("发布渠道", meta.get("channel", "")),
        ("当前状态", STATE_LABELS[review.state]),
    )
    return [_table([list(row) for row in rows], [28 * mm, WIDTH - 28 * mm], styles, header=False)]


def _attribute_table(review: Review, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    proposal, decision = review.proposal, review.document_decision
    proposed = (
        (
            s.attribute_text(proposal.attribute),
            s.grounds_text(proposal.grounds),
            s.SEP.join(proposal.basis),
            s.SEP.join(proposal.reasons),
            s.SEP.join(proposal.conflicts),
        )
        if proposal is not None
        else ("未扫描", "", "", "", "")
    )
    decided = (
        (
            s.attribute_text(decision.attribute),
            s.grounds_text(decision.grounds),
            s.SEP.join(decision.basis),
            decision.reason,
            "",
        )
        if decision is not None
        else ("尚未决定", "", "", "", "")
    )
    labels = ("公开属性", "依据", "法律依据", "理由/说明", "冲突提示")
    rows = [["项目", "工具建议", "审查决定"]]
    rows += [
        [label, p or "—", d or "—"] for label, p, d in zip(labels, proposed, decided, strict=True)
    ]
    rows.append(["密级标志检查", s.secrecy_text(review), ""])
    table = _table(rows, [28 * mm, (WIDTH - 28 * mm) / 2, (WIDTH - 28 * mm) / 2], styles)
    table.setStyle(TableStyle([("SPAN", (1, len(rows) - 1), (2, len(rows) - 1))]))
    return [table]


def _findings_part(review: Review, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    if not review.findings:
        return [Paragraph("未发现需处理的内容。", styles["body"])]
    rows = [["类型", "发现数", *(DECISION_LABELS[d] for d in Decision)]]
    for label, found in s.by_type(review.findings).items():
        decided = [review.effective_decision(f) for f in found]
        rows.append([label, str(len(found)), *(str(decided.count(d)) for d in Decision)])
    totals = s.decision_counts(review)
    rows.append(["合计", str(len(review.findings)), *(str(totals[d]) for d in Decision)])
    widths = [WIDTH - 4 * 30 * mm, *([30 * mm] * 4)]
    table = _table(rows, widths, styles)
    table.setStyle(TableStyle([("BACKGROUND", (0, len(rows) - 1), (-1, -1), SHADE)]))
    undecided = len(review.undecided)
    note = f"其中 {undecided} 处尚待人工判断，暂按删除计。" if undecided else ""
    return [table, *([Paragraph(note, styles["note"])] if note else [])]


def _redaction_part(review: Review, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    items = s.redactions(review)
    if not items:
        return [Paragraph("无删减。", styles["body"])]
    rows = [["序号", "类型", "位置", "处理方式", "理由"]]
    for number, item in enumerate(items[:LISTED_LIMIT], start=1):
        finding = item.finding
        rows.append(
            [str(number), TYPE_LABELS[finding.type], s.position(finding), item.method, item.reason]
        )
    widths = [12 * mm, 28 * mm, 40 * mm, 48 * mm, WIDTH - 128 * mm]
    flowables: list[Flowable] = [_table(rows, widths, styles)]
    if len(items) > LISTED_LIMIT:
        rest = f"以上列出前 {LISTED_LIMIT} 处，共 {len(items)} 处；完整清单见审查台账。"
        flowables.append(Paragraph(rest, styles["note"]))
    kept = [h for h in s.judgements(review) if h.decision == Decision.KEEP]
    if kept:
        flowables.append(Paragraph("经人工判断保留：", styles["subheading"]))
        flowables.append(_kept_table(kept, styles))
    flowables.append(
        Paragraph("位置格式：块编号:起始-结束（字符位置，从 0 起计）。", styles["note"])
    )
    return flowables


def _kept_table(kept: Sequence[s.Handled], styles: dict[str, ParagraphStyle]) -> Table:
    rows = [["序号", "类型", "位置", "理由"]]
    for number, item in enumerate(kept[:LISTED_LIMIT], start=1):
        rows.append(
            [str(number), TYPE_LABELS[item.finding.type], s.position(item.finding), item.reason]
        )
    return _table(rows, [12 * mm, 28 * mm, 40 * mm, WIDTH - 80 * mm], styles)


def _people_part(record: DocumentRecord, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    rows = [["环节", "人员", "时间（北京时间）", "意见"], *_step_rows(record)]
    if s.verdict_in_force(record) is None:
        rows.append(["审核", "", "", "尚未审核"])
    widths = [24 * mm, 30 * mm, 38 * mm, WIDTH - 92 * mm]
    flowables: list[Flowable] = [_table(rows, widths, styles)]
    outputs = s.export_outputs(record.review)
    if outputs:
        flowables.append(Spacer(1, 2 * mm))
        rows = [["导出文件", "SHA-256"], *([name, digest] for name, digest in outputs)]
        flowables.append(_table(rows, [44 * mm, WIDTH - 44 * mm], styles))
    return flowables


def _step_rows(record: DocumentRecord) -> list[list[str]]:
    """Every document decision and verdict in chain order: a return and the decision it sent
    back stay on the sheet after the document is decided again."""
    rows = []
    for stored in record.events:
        event = stored.event
        payload = event.payload
        if event.kind == EventKind.DOCUMENT_DECIDED:
            reason = str(payload.get("reason", ""))
            label = s.attribute_text(Attribute(payload["attribute"]))
            step, note = "审查决定", f"{label}：{reason}" if reason else label
        elif event.kind in (EventKind.APPROVED, EventKind.RETURNED):
            step = "审核通过" if event.kind == EventKind.APPROVED else "审核退回"
            note = str(payload.get("note", ""))
        else:
            continue
        rows.append([step, event.actor, s.time_text(stored.created_at), note])
    return rows


def _chain_part(chain_head: str, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    return [
        Paragraph(_text(f"导出时链头：{chain_head}"), styles["body"]),
        Paragraph(f"{s.VERIFY_NOTE}本单不含任何被删减内容的原文。", styles["note"]),
    ]


def _signatures(styles: dict[str, ParagraphStyle]) -> Table:
    line = "＿" * 8
    labels = (f"审查人（签字）：{line}", f"审核人（签字）：{line}", f"日期：{line}")
    cells = [[Paragraph(label, styles["body"]) for label in labels]]
    return Table(cells, colWidths=[WIDTH * 0.37, WIDTH * 0.37, WIDTH * 0.26])


# --- helpers -----------------------------------------------------------------------------


def _text(value: str) -> str:
    """Escape for ReportLab's paragraph markup: a file name may hold "&" or "<"."""
    return escape(value)


def _table(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    styles: dict[str, ParagraphStyle],
    header: bool = True,
) -> Table:
    cells = [[Paragraph(_text(cell), styles["cell"]) for cell in row] for row in rows]
    table = Table(cells, colWidths=list(widths), repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    # A header row is shaded; a form without one shades its label column instead.
    commands.append(("BACKGROUND", (0, 0), (-1, 0) if header else (0, -1), SHADE))
    table.setStyle(TableStyle(commands))
    return table


class _PageDecor:
    """Every page: the chain head and "第 N 页" at the foot; from page 2 the file name on top,
    so a loose page can be matched to its document."""

    def __init__(self, file_name: str, chain_head: str, font: str) -> None:
        self._file_name = file_name
        self._chain_head = chain_head
        self._font = font

    def __call__(self, canvas: Any, document: Any) -> None:
        page = canvas.getPageNumber()
        canvas.saveState()
        canvas.setFont(self._font, 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, f"链头 {self._chain_head}")
        canvas.drawRightString(A4[0] - MARGIN, MARGIN - 2 * mm, f"第 {page} 页")
        if page > 1:
            canvas.drawString(MARGIN, A4[1] - MARGIN + 6 * mm, f"{TITLE}　{self._file_name}")
        canvas.restoreState()
