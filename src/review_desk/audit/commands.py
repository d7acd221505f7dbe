"""`review-desk review|approve|log …`: the record's commands (ARCHITECTURE.md "The command
line"). Each prints one line per file or one verdict, and returns the exit code (0 done, 1 some
file or check failed, each saying why)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from review_desk.audit import workflow
from review_desk.audit.chain import parse_head
from review_desk.audit.store import Store
from review_desk.core.errors import ReviewDeskError
from review_desk.core.findings import ATTRIBUTE_LABELS
from review_desk.core.review import (
    STATE_LABELS,
    IllegalTransitionError,
    Review,
    ReviewState,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: States in which a batch review records the tool's proposals as the reviewer's decisions.
_REVIEWABLE = frozenset({ReviewState.SCANNED, ReviewState.IN_REVIEW, ReviewState.RETURNED})

Handler = Callable[[argparse.Namespace], int]


def run(options: argparse.Namespace) -> int:
    handler = _HANDLERS[options.handler]
    try:
        return handler(options)
    except ReviewDeskError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_FAILED


def _open(options: argparse.Namespace) -> Store:
    return Store.open(options.store, four_eyes=_four_eyes())


def _four_eyes() -> bool:
    from review_desk.policy.rules import load_policy_rules

    return load_policy_rules().review.four_eyes


# --- review / approve ---------------------------------------------------------------------


def _review(options: argparse.Namespace) -> int:
    reviewer = options.reviewer or workflow.current_user()
    pages = options.pages or options.withheld
    if not options.accept_proposals and not pages:
        print("请指定 --accept-proposals、--confirm-page N 或 --withhold-page N", file=sys.stderr)
        return EXIT_USAGE
    if not options.accept_proposals:
        return _confirm(options, reviewer)
    targets = _targets(options.paths)
    if pages and len(targets) != 1:
        print("--confirm-page / --withhold-page 只能用于一份文件", file=sys.stderr)
        return EXIT_USAGE
    failed = 0
    with _open(options) as store:
        for path, refused in targets:
            line = refused or _review_one(store, path, reviewer, options)
            failed += bool(line.get("errors"))
            _print_json(line, sys.stdout)
    return EXIT_FAILED if failed else EXIT_OK


def _review_one(
    store: Store, path: Path, reviewer: str, options: argparse.Namespace
) -> dict[str, object]:
    from review_desk.scan import ScanError, scan_document

    try:
        outcome = scan_document(path)
        doc_id = workflow.record_scan(store, outcome, reviewer)
        if options.pages or options.withheld:
            _confirm_pages(store, doc_id, reviewer, options)
        open_for_review = store.review(doc_id).state in _REVIEWABLE
        batch = workflow.accept_proposals(store, doc_id, reviewer) if open_for_review else None
    except Exception as exc:  # one bad file must not stop the batch; its line says why
        error = ScanError.of(exc, path)
        return {"path": str(path), "errors": [error.to_json()]}
    review = store.review(doc_id)
    decision = review.document_decision
    # A document decided earlier keeps its record: the line says so instead of failing.
    counts = (
        {"decided": batch.decided, "review_as_redact": batch.review_as_redact}
        if batch is not None
        else {"decided": 0, "review_as_redact": 0, "note": "此前已审查，未重复记录"}
    )
    return {
        "path": str(path),
        "doc": doc_id,
        "sha256": review.sha256,
        "state": str(review.state),
        "attribute": str(decision.attribute) if decision else None,
        "reviewer": reviewer,
        "findings": len(review.findings),
        **counts,
        "unconfirmed_pages": review.unconfirmed_pages,
        "withheld_pages": sorted(review.withheld_pages),
        "errors": [],
    }


def _confirm_pages(store: Store, doc_id: str, reviewer: str, options: argparse.Namespace) -> None:
    workflow.confirm_pages(
        store, doc_id, options.pages, reviewer, options.note, withhold=options.withheld
    )


def _confirm(options: argparse.Namespace, reviewer: str) -> int:
    """``review DOC --confirm-page N`` / ``--withhold-page N``: a registered document's unread
    pages, reviewed by hand (and withheld whole)."""
    from review_desk.scan import ScanError

    if len(options.paths) != 1:
        print("--confirm-page / --withhold-page 只能用于一份文件", file=sys.stderr)
        return EXIT_USAGE
    doc = str(options.paths[0])
    with _open(options) as store:
        try:
            doc_id = store.find(doc)
            _confirm_pages(store, doc_id, reviewer, options)
        except ReviewDeskError as exc:
            line: dict[str, object] = {
                "doc": doc,
                "errors": [ScanError.of(exc, Path(doc)).to_json()],
            }
            if isinstance(exc, IllegalTransitionError):
                line["unread_pages"] = _unread_pages(store.review(doc_id))
            _print_json(line, sys.stdout)
            return EXIT_FAILED
        _print_json(_confirmed_line(store.review(doc_id), reviewer), sys.stdout)
    return EXIT_OK


def _confirmed_line(review: Review, reviewer: str) -> dict[str, object]:
    line: dict[str, object] = {
        "doc": review.doc_id,
        "sha256": review.sha256,
        "state": str(review.state),
        "reviewer": reviewer,
        "confirmed_pages": sorted(review.confirmed_pages),
        "unconfirmed_pages": review.unconfirmed_pages,
        "withheld_pages": sorted(review.withheld_pages),
    }
    if review.state == ReviewState.IN_REVIEW and review.document_decision is not None:
        # Confirming a page reopens a decided document (core/review.py): say what comes next.
        line["note"] = "须重新确认公开属性（再次运行 review PATH --accept-proposals，或在窗口中）"
    return {**line, "errors": []}


def _unread_pages(review: Review) -> list[int]:
    return list(review.proposal.unread_pages) if review.proposal is not None else []


def _approve(options: argparse.Namespace) -> int:
    with _open(options) as store:
        doc_id = store.find(options.doc)
        if options.return_note is not None:
            workflow.return_for_rework(
                store, doc_id, options.approver, options.return_note, _four_eyes()
            )
        else:
            workflow.approve(store, doc_id, options.approver, options.note, _four_eyes())
        review = store.review(doc_id)
    verb = "已退回" if options.return_note is not None else "已审核通过"
    label = STATE_LABELS[review.state]
    decision = review.document_decision
    attribute = ATTRIBUTE_LABELS[decision.attribute] if decision else "—"
    print(
        f"{verb}：{review.file_name}（{doc_id}，{attribute}，状态：{label}，审核人：{options.approver}）"
    )
    return EXIT_OK


def _redact(options: argparse.Namespace) -> int:
    from review_desk.policy.rules import load_policy_rules

    actor = workflow.current_user()
    allowed = load_policy_rules().review.batch_export
    if not options.out.is_dir():
        print(f"输出文件夹不存在：{options.out}", file=sys.stderr)
        return EXIT_FAILED
    failed = batch_total = 0
    with _open(options) as store:
        for path, refused in _targets(options.paths):
            line = refused or _redact_one(store, path, options, actor, allowed)
            failed += bool(line.get("errors"))
            batch_total += int(str(line.get("review_as_redact", 0)))
            _print_json(line, sys.stdout)
    if options.accept_proposals:
        print(f"批量模式：{batch_total} 处待人工判断的发现已按删除处理", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _redact_one(
    store: Store, path: Path, options: argparse.Namespace, actor: str, allowed: bool
) -> dict[str, object]:
    from review_desk.audit import redaction
    from review_desk.loaders import load
    from review_desk.scan import ScanError

    try:
        if options.accept_proposals:
            copy = redaction.export_batch(store, path, options.out, actor, allowed)
        else:
            copy = redaction.export_approved(store, path, load(path), options.out, actor)
    except Exception as exc:  # one bad file must not stop the batch; its line says why
        return {"path": str(path), "errors": [ScanError.of(exc, path).to_json()]}
    line: dict[str, object] = {
        "path": str(path),
        "doc": copy.doc_id,
        "output": str(copy.output),
        "sha256": copy.sha256,
        "redactions": copy.redactions,
        "chain_head": copy.chain_head,
    }
    if options.accept_proposals:
        line |= {"review_as_redact": copy.review_as_redact, "approved": False}
    return {**line, "errors": []}


# --- log ----------------------------------------------------------------------------------


def _verify(options: argparse.Namespace) -> int:
    try:
        anchors = dict(parse_head(text) for text in options.head)
    except ValueError as exc:
        print(f"链头格式应为 序号:64位十六进制哈希：{exc}", file=sys.stderr)
        return 2
    with _open(options) as store:
        verdict = store.verify(anchors)
    if verdict.ok:
        print(f"记录完整：共 {verdict.events} 条，链头 {verdict.head}")
        return EXIT_OK
    print(
        f"记录被篡改：{verdict.problem}（第一个问题在第 {verdict.first_bad} 条）", file=sys.stdout
    )
    print(f"此前 {verdict.events} 条完好，链头 {verdict.head}")
    return EXIT_FAILED


def _export(options: argparse.Namespace) -> int:
    from review_desk.audit.exports import write_log

    with _open(options) as store:
        head = store.head()
        write_log(store.records(), options.out, options.format, head)
        workflow.record_log_export(
            store, f"log_{options.format}", [options.out], head, workflow.current_user()
        )
    print(f"已导出审查记录：{options.out}（链头 {head}）")
    return EXIT_OK


def _sheet(options: argparse.Namespace) -> int:
    from review_desk.audit.exports import write_sheet

    with _open(options) as store:
        doc_id = store.find(options.doc)
        head = store.head()
        write_sheet(store.record(doc_id), options.out, head)
        workflow.record_log_export(
            store, "sheet", [options.out], head, workflow.current_user(), doc_id
        )
    print(f"已生成审查单：{options.out}（链头 {head}）")
    return EXIT_OK


def _stats(options: argparse.Namespace) -> int:
    from review_desk.audit.exports import write_stats

    period = (options.date_from, options.date_to)
    with _open(options) as store:
        head = store.head()
        write_stats(store.records(), options.out, head, period)
        workflow.record_log_export(store, "stats", [options.out], head, workflow.current_user())
    print(f"已生成统计表：{options.out}（链头 {head}）")
    return EXIT_OK


def _targets(paths: Sequence[Path]) -> list[tuple[Path, dict[str, object] | None]]:
    """Every path named, with the error line of one the walk refused (a symlink out of the
    folder, an empty folder): nothing named is dropped without a word."""
    from review_desk.scan import Refused, ScanError, collect_targets

    found: list[tuple[Path, dict[str, object] | None]] = []
    for target in collect_targets(paths):
        if isinstance(target, Refused):
            error = ScanError.of(target.error, target.path).to_json()
            found.append((target.path, {"path": str(target.path), "errors": [error]}))
        else:
            found.append((target, None))
    return found


def _print_json(line: dict[str, object], out: TextIO) -> None:
    out.write(json.dumps(line, ensure_ascii=False) + "\n")
    out.flush()


#: The handler of each command, by the name ``arguments.add_parsers`` gives it.
_HANDLERS: dict[str, Handler] = {
    "review": _review,
    "approve": _approve,
    "redact": _redact,
    "verify": _verify,
    "export": _export,
    "sheet": _sheet,
    "stats": _stats,
}
