"""`review-desk`: no arguments starts the GUI; `review-desk scan PATH...` is the batch scan;
`review`, `approve` and `log …` work on the audit store (see ``review_desk.audit.commands``).

Exit codes: 0 every file was read, 1 at least one file failed (its object says why), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from review_desk.audit import arguments as audit_arguments
from review_desk.core.errors import ReviewDeskError
from review_desk.core.findings import ACTION_LABELS, ATTRIBUTE_LABELS, Action, Finding, Proposal
from review_desk.scan import ScanResult, clean_text, collect_targets, scan_many

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        # Qt is imported only here, so batch scans run on servers without a display or Qt libs.
        from review_desk.gui.app import main as gui_main

        return gui_main()
    try:
        options = _parser().parse_args(args)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code == 0 else EXIT_USAGE
    if options.command == "scan":
        return _scan(options)
    # Imported here: the audit store's libraries cost a scan ~0.4 s of start-up.
    from review_desk.audit import commands as audit_commands

    return audit_commands.run(options)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="review-desk", description="政府信息公开发布前审查")
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="扫描文件或文件夹（递归），输出审查报告")
    scan.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    scan.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    scan.add_argument("--workers", type=_positive_int, default=1, metavar="N")
    audit_arguments.add_parsers(commands)
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("必须是正整数")
    return value


def _scan(options: argparse.Namespace) -> int:
    files = collect_targets(options.paths)
    if options.format == "jsonl":
        _utf8(sys.stdout)
    progress = _Progress(len(files), sys.stderr) if sys.stderr.isatty() else None
    if progress is not None:
        progress.update(0, "")  # a single huge sheet takes minutes: say at once that it started
    write = _write_jsonl if options.format == "jsonl" else _write_table
    failed = 0
    try:
        for done, result in enumerate(scan_many(files, options.workers), start=1):
            if progress is not None:
                progress.clear()
            write(result, sys.stdout)
            if progress is not None:
                progress.update(done, result.path)
            failed += bool(result.errors)
    except ReviewDeskError as exc:
        # The detector or the rules could not be set up: no file can be scanned.
        print(exc.message, file=sys.stderr)
        return EXIT_FAILED
    if progress is not None:
        progress.clear()
    if options.format == "table":
        print(f"共 {len(files)} 个文件，{failed} 个失败", file=sys.stdout)
    return EXIT_FAILED if failed else EXIT_OK


def _utf8(stream: TextIO) -> None:
    """Other tools parse the report as UTF-8 whatever the console's code page (GBK on a
    Chinese Windows); anything unencodable that slipped past ``clean_text`` becomes "?"."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="replace")


def _write_jsonl(result: ScanResult, out: TextIO) -> None:
    """The report's line, as UTF-8 bytes to the stream's buffer when it has one (a 1,000,000-row
    sheet's line is a gigabyte: no text of it is made to be encoded again)."""
    binary = getattr(out, "buffer", None)
    if binary is None:
        out.writelines(piece.decode() for piece in result.json_pieces())
        out.write("\n")
    else:
        out.flush()
        binary.writelines(result.json_pieces())
        binary.write(b"\n")
        binary.flush()
    out.flush()


def _write_table(result: ScanResult, out: TextIO) -> None:
    lines = [clean_text(result.path)]
    lines += [f"  失败：{clean_text(error.message)}" for error in result.errors]
    if result.proposal is not None:
        lines += _proposal_lines(result.proposal)
        lines.append(f"  发现：{_action_counts(result.findings)}")
    lines += [f"  注意：{_where(n.block)}{clean_text(n.message)}" for n in result.notices]
    out.write("\n".join(lines) + "\n")
    out.flush()


def _where(block: str | None) -> str:
    return f"[{block}] " if block else ""


def _proposal_lines(proposal: Proposal) -> list[str]:
    grounds = "、".join(proposal.grounds)
    label = ATTRIBUTE_LABELS[proposal.attribute] + (f"（{grounds}）" if grounds else "")
    lines = [f"  建议属性：{label}"]
    lines += [f"  原因：{reason}" for reason in proposal.reasons]
    lines += [f"  冲突：{conflict}" for conflict in proposal.conflicts]
    return lines


#: Table order: what the reviewer must act on first.
_ACTION_ORDER = (Action.REDACT, Action.REVIEW, Action.KEEP)


def _action_counts(findings: Sequence[Finding]) -> str:
    counts = Counter(f.action for f in findings)
    found = [f"{ACTION_LABELS[a]} {counts[a]}" for a in _ACTION_ORDER if counts[a]]
    return "，".join(found) or "无"


class _Progress:
    """A one-line bar on stderr, only when stderr is a terminal (never mixed into piped output)."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self._total = max(total, 1)
        self._stream = stream

    def update(self, done: int, path: str) -> None:
        filled = 30 * done // self._total
        bar = "#" * filled + "." * (30 - filled)
        self._stream.write(f"\r\x1b[K扫描 [{bar}] {done}/{self._total} {Path(path).name}")
        self._stream.flush()

    def clear(self) -> None:
        self._stream.write("\r\x1b[K")
        self._stream.flush()
