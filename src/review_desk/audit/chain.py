"""The hash chain: each event's hash covers its canonical content and the previous hash.

Canonical content is JSON with sorted keys and no spaces, so the same event hashes the same on
SQLite and PostgreSQL and in any later version of the program. Verification needs no secret: an
inspector recomputes the chain from the rows alone, and an exported chain head anchors it
against a rewrite of the whole store.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(value: Mapping[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class ChainRow:
    """The chained columns of one event row, as read back from the store."""

    seq: int
    doc_id: str
    kind: str
    actor: str
    created_at: str
    payload: str
    prev_hash: str
    hash: str


def event_hash(
    prev_hash: str, seq: int, doc_id: str, kind: str, actor: str, created_at: str, payload: str
) -> str:
    """``payload`` is already canonical JSON text (it is stored as such)."""
    head = canonical(
        {"seq": seq, "doc_id": doc_id, "kind": kind, "actor": actor, "created_at": created_at}
    )
    return hashlib.sha256(f"{prev_hash}\n{head}\n{payload}".encode()).hexdigest()


@dataclass(frozen=True)
class Verdict:
    """The result of a verification: intact with its head, or the first bad event and why."""

    ok: bool
    events: int
    head: str
    first_bad: int | None = None
    problem: str = ""


def verify(rows: Iterable[ChainRow], anchors: Mapping[int, str] | None = None) -> Verdict:
    """Recompute the chain in sequence order; ``anchors`` are ``seq → hash`` pairs taken from
    earlier exports, which a rewrite of the whole chain cannot match."""
    expected_prev, expected_seq, count, last = GENESIS, 1, 0, GENESIS
    pending = dict(anchors or {})
    for row in rows:
        problem = _problem(row, expected_seq, expected_prev)
        if problem:
            # A gap names the first missing event, anything else the row that does not fit.
            bad = min(row.seq, expected_seq)
            return Verdict(False, count, _head(expected_seq - 1, last), bad, problem)
        anchor = pending.pop(row.seq, None)
        if anchor is not None and anchor != row.hash:
            problem = f"第 {row.seq} 条记录与导出时的链头不符：记录库已被整体改写"
            return Verdict(False, count, _head(expected_seq - 1, last), row.seq, problem)
        expected_prev = last = row.hash
        expected_seq += 1
        count += 1
    if pending:
        seq = min(pending)
        problem = f"导出时的第 {seq} 条记录已不存在：记录被删除或记录库被整体改写"
        return Verdict(False, count, _head(count, last), seq, problem)
    return Verdict(True, count, _head(count, last))


def _problem(row: ChainRow, expected_seq: int, expected_prev: str) -> str:
    if row.seq > expected_seq:
        return f"第 {expected_seq} 至 {row.seq - 1} 条记录缺失（被删除）"
    if row.seq < expected_seq:
        return f"第 {row.seq} 条记录重复"
    if row.prev_hash != expected_prev:
        return f"第 {row.seq} 条记录的前一哈希不符：其前被插入、删除或调换了记录"
    recomputed = event_hash(
        row.prev_hash, row.seq, row.doc_id, row.kind, row.actor, row.created_at, row.payload
    )
    if recomputed != row.hash:
        return f"第 {row.seq} 条记录的内容与其哈希不符：记录被修改"
    return ""


def _head(seq: int, digest: str) -> str:
    return f"{seq}:{digest}"


def parse_head(text: str) -> tuple[int, str]:
    """``<seq>:<64 hex>`` as exports print it; ValueError otherwise."""
    seq, _, digest = text.strip().partition(":")
    if not seq.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError(text)
    return int(seq), digest
