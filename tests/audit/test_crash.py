"""A writer killed with SIGKILL in the middle of a burst of decisions loses no acknowledged
decision, and the chain verifies after every kill (SQLite WAL, synchronous NORMAL)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from review_desk.audit.store import Store

KILLS = 24

# The child acknowledges a decision by printing its index after the commit returned.
_WRITER = """
import sys
from review_desk.audit.store import Store
from review_desk.core.findings import Action, Attribute, FindingType
from review_desk.core.review import Decision, ProposalRecord, RecordedFinding

url, doc_id = sys.argv[1], sys.argv[2]
store = Store.open(url)
findings = [
    RecordedFinding(i, FindingType.PHONE_NUMBER, f"p{i}", 0, 11, Action.REVIEW, f"h{i}")
    for i in range(400)
]
store.transact(doc_id, lambda r: [r.register(doc_id * 4, "a.txt", "/in/a.txt", {})])
store.transact(doc_id, lambda r: r.record_scan("t", ProposalRecord(Attribute.REDACTED), findings))
store.transact(doc_id, lambda r: [r.start("甲")])
print("ready", flush=True)
for i in range(400):
    store.transact(doc_id, lambda r, i=i: [r.decide_finding(i, Decision.REDACT, "甲")])
    print(i, flush=True)
"""


def _burst_and_kill(url: str, doc_id: str, rng: random.Random) -> list[int]:
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, url, doc_id],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    acked, wanted = [], rng.randint(1, 60)
    while len(acked) < wanted:
        acked.append(int(child.stdout.readline()))
    time.sleep(rng.uniform(0, 0.02))  # land anywhere inside the next commits
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    # Lines printed between the last read and the kill were acknowledged too.
    acked += [int(line) for line in child.stdout.read().split()]
    return acked


def test_sigkill_loses_no_acknowledged_decision(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    rng = random.Random(20261202)
    for round_ in range(KILLS):
        doc_id = f"{round_:016x}"
        acked = _burst_and_kill(url, doc_id, rng)
        with Store.open(url) as store:
            verdict = store.verify()
            decided = set(store.review(doc_id).decisions)
        assert verdict.ok, f"round {round_}: {verdict.problem}"
        assert set(acked) <= decided, f"round {round_}: lost {sorted(set(acked) - decided)}"
