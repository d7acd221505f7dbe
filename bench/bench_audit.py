"""Audit store speed on SQLite and PostgreSQL, against a floor measured in the same run.

    .venv/bin/python bench/bench_audit.py [--decisions 10000] [--events 100000] [--no-postgresql]

Targets (issue 8): 10,000 decisions appended in ≤ 10 s, each its own acknowledged transaction
(what a reviewer's key press costs), and `log verify` of 100,000 events in ≤ 10 s, on both
databases. The floor is the same number of bare INSERT + COMMIT statements through the driver
with the same durability settings (WAL, synchronous NORMAL; PostgreSQL's fsync on): what the chain, the
state machine and SQLAlchemy add on top of the database's own commit cost.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.pgcluster starts the throw-away PostgreSQL server

from review_desk.audit.store import Store  # noqa: E402
from review_desk.core.findings import Action, Attribute, FindingType  # noqa: E402
from review_desk.core.review import (  # noqa: E402
    Decision,
    Event,
    EventKind,
    ProposalRecord,
    RecordedFinding,
)

APPEND_SECONDS, VERIFY_SECONDS = 10.0, 10.0


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _decisions(store: Store, doc_id: str, count: int, per_commit: int = 1) -> None:
    """``count`` decisions on a fresh document of ``count`` ID findings, ``per_commit`` to a
    transaction (1: a key press each; 100: a bulk action in the window)."""
    findings = [
        RecordedFinding(
            i, FindingType.CN_RESIDENT_ID, f"s0:r{i}:c2", 0, 18, Action.REVIEW, f"{i:032x}"
        )
        for i in range(count)
    ]
    store.transact(doc_id, lambda r: [r.register(doc_id * 4, "名单.xlsx", "/in/名单.xlsx", {})])
    store.transact(
        doc_id, lambda r: r.record_scan("t", ProposalRecord(Attribute.REDACTED), findings)
    )
    store.transact(doc_id, lambda r: [r.start("甲")])
    for first in range(0, count, per_commit):
        indices = range(first, min(first + per_commit, count))
        store.transact(
            doc_id,
            lambda r, ii=indices: [
                r.decide_finding(i, Decision.REDACT, "甲", "个人信息") for i in ii
            ],
        )


def _fill(store: Store, count: int) -> None:
    """``count`` events appended in transactions of 5,000 (setup, not measured)."""
    batch = [
        Event(EventKind.LOG_EXPORTED, "", "甲", {"kind": "log_csv", "n": i}) for i in range(5000)
    ]
    while int(store.head().split(":")[0]) < count:
        store.append(batch)


def _sqlite_floor(folder: Path, count: int) -> None:
    connection = sqlite3.connect(folder / "floor.db", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE t (seq INTEGER PRIMARY KEY, payload TEXT)")
    for i in range(count):
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t VALUES (?, ?)", (i, '{"decision":"redact"}'))
        connection.execute("COMMIT")
    connection.close()


def _postgresql_floor(url: str, count: int) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        connection.execute("CREATE TABLE t (seq BIGINT PRIMARY KEY, payload TEXT)")
        connection.commit()
        for i in range(count):
            connection.execute("INSERT INTO t VALUES (%s, %s)", (i, '{"decision":"redact"}'))
            connection.commit()


def _run(name: str, url: str, floor: Callable[[], None], args: argparse.Namespace) -> bool:
    store = Store.open(url)
    floor_s = _timed(floor)
    append_s = _timed(lambda: _decisions(store, "bench000decision", args.decisions))
    batched_s = _timed(lambda: _decisions(store, "bench00batched00", args.decisions, 100))
    _fill(store, args.events)
    verify_s = _timed(lambda: store.verify())
    events = int(store.head().split(":")[0])
    store.close()
    print(
        f"{name}: {args.decisions} decisions appended in {append_s:.2f} s "
        f"({args.decisions / append_s:,.0f}/s; target ≤ {APPEND_SECONDS:.0f} s); "
        f"floor, bare INSERT+COMMIT: {floor_s:.2f} s"
    )
    print(f"{name}: the same decisions 100 to a transaction: {batched_s:.2f} s")
    print(
        f"{name}: log verify of {events:,} events in {verify_s:.2f} s "
        f"(target ≤ {VERIFY_SECONDS:.0f} s)"
    )
    return append_s <= APPEND_SECONDS and verify_s <= VERIFY_SECONDS


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--no-postgresql", action="store_true")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ok &= _run(
            "sqlite",
            f"sqlite:///{folder}/store.db",
            lambda: _sqlite_floor(folder, args.decisions),
            args,
        )
    if not args.no_postgresql:
        from tests.pgcluster import PgCluster

        cluster = PgCluster.start()
        try:
            url = cluster.create_database("bench_store")
            floor_url = cluster.create_database("bench_floor")
            ok &= _run(
                "postgresql", url, lambda: _postgresql_floor(floor_url, args.decisions), args
            )
        finally:
            cluster.stop()
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
