"""The command line of the record's commands (`review`, `approve`, `redact`, `log …`): their
arguments only, so that `review-desk scan` does not import the audit store (SQLAlchemy and
Alembic, ~0.4 s) to build its parser. ``commands.run`` carries a command out."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    review = commands.add_parser(
        "review",
        help="登记文件、记录扫描并批量接受建议；或以 --confirm-page 确认、"
        "--withhold-page 整页不公开未能识别的页面",
    )
    review.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    review.add_argument("--accept-proposals", action="store_true")
    review.add_argument(
        "--confirm-page",
        dest="pages",
        action="append",
        type=_page_number,
        default=[],
        metavar="N",
        help="已对照原件人工审查第 N 页（未能识别文字的页面），可重复；"
        "不带 --accept-proposals 时 PATH 为一份已登记的文件（编号、SHA-256 或路径）",
    )
    review.add_argument(
        "--withhold-page",
        dest="withheld",
        action="append",
        type=_page_number,
        default=[],
        metavar="N",
        help="已人工审查第 N 页（未能识别文字的页面），该页整页不公开：删减后副本中以"
        "“（本页不予公开）”空白页替换，公开属性至少为删减后公开；可重复",
    )
    review.add_argument("--note", default="", help="人工审查该页的说明")
    _store_option(review)
    review.add_argument("--reviewer", metavar="NAME", help="审查人（默认：当前系统用户）")
    review.set_defaults(handler="review")

    approve = commands.add_parser("approve", help="审核通过，或以 --return 退回")
    approve.add_argument("doc", metavar="DOC", help="文件编号、SHA-256 或登记时的路径")
    _store_option(approve)
    approve.add_argument("--approver", metavar="NAME", required=True)
    approve.add_argument("--return", dest="return_note", metavar="NOTE", help="退回并写明意见")
    approve.add_argument("--note", default="", help="审核意见")
    approve.set_defaults(handler="approve")

    redact = commands.add_parser("redact", help="生成删减后的文件（按已审核的决定）")
    redact.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    redact.add_argument("--out", type=Path, required=True, metavar="DIR")
    _store_option(redact)
    redact.add_argument(
        "--accept-proposals",
        action="store_true",
        help="批量模式：把工具建议记为当前用户的决定，未经审核直接导出（记录中标明）",
    )
    redact.set_defaults(handler="redact")

    log = commands.add_parser("log", help="审查记录：核验、导出、审查单、统计")
    log_commands = log.add_subparsers(dest="log_command", required=True)
    verify = log_commands.add_parser("verify", help="重新计算哈希链，核验记录是否被篡改")
    _store_option(verify)
    verify.add_argument(
        "--head",
        action="append",
        default=[],
        metavar="SEQ:HASH",
        help="以前导出文件上的链头，可重复：记录库被整体改写时也能发现",
    )
    verify.set_defaults(handler="verify")

    export = log_commands.add_parser("export", help="导出审查记录（CSV 或 XLSX）")
    _store_option(export)
    export.add_argument("--format", choices=("csv", "xlsx"), required=True)
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.set_defaults(handler="export")

    sheet = log_commands.add_parser("sheet", help="打印一份文件的审查单（PDF）")
    sheet.add_argument("doc", metavar="DOC")
    _store_option(sheet)
    sheet.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    sheet.set_defaults(handler="sheet")

    stats = log_commands.add_parser("stats", help="按期间统计（XLSX，供年度报告）")
    _store_option(stats)
    stats.add_argument("--from", dest="date_from", type=date.fromisoformat, metavar="DATE")
    stats.add_argument("--to", dest="date_to", type=date.fromisoformat, metavar="DATE")
    stats.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    stats.set_defaults(handler="stats")


def _page_number(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("页码从 1 开始")
    return value


def _store_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="URL",
        help="记录库：sqlite:///文件 或 postgresql://…（默认：本机用户数据目录）",
    )
