"""End-to-end scan of the 160,000-row recipient sheet (issue 3, item 9), with its baselines.

    .venv/bin/python bench/bench_scan.py [--rows 160000] [--workers 2] [--repeat 1]

Target: `review-desk scan sheet.xlsx --workers 2` ≤ 20 s and ≤ 1 GB RSS (the whole process tree:
the parent plus its workers). Baselines in the same run, each in a fresh process: reading the
sheet only, and reading it plus one plain `re` pass for ID and mobile numbers over every cell
(the floor for any detector), then the real scan with one worker. Exit 1 when a target is missed.

`--workers` spreads files over processes; one document is never split (its table headers, head
lines and commendation context are decided over the whole document), so on this one sheet the
N-worker run is the one-worker run plus nothing: the figure shows what a single huge sheet costs.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the dev-set value makers live with the tests

from tests.devset.values import (  # noqa: E402
    GIVEN,
    REGIONS,
    SURNAMES,
    VILLAGES,
    id_check_char,
    luhn_complete,
)

HEADER = ("序号", "姓名", "身份证号", "家庭住址", "联系电话", "保障人数", "金额")
TIME_TARGET_S = 20.0
RSS_TARGET_BYTES = 1 << 30
PYTHON = sys.executable

LOAD_ONLY = """
import sys, pathlib
from review_desk.loaders import load
load(pathlib.Path(sys.argv[1]))
"""
REGEX_FLOOR = """
import re, sys, pathlib
from review_desk.loaders import load
pattern = re.compile(r"(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])")
doc = load(pathlib.Path(sys.argv[1]))
print(sum(len(pattern.findall(b.text)) for b in doc.blocks))
"""


@dataclass(frozen=True)
class Measure:
    label: str
    seconds: float
    peak_rss: int


def make_sheet(rows: int, path: Path) -> Path:
    """Write the sheet once per row count; IDs as text, phones and amounts as numbers."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(rows)
    with xlsxwriter.Workbook(str(path), {"constant_memory": True}) as book:
        sheet = book.add_worksheet("低保对象")
        sheet.write_row(0, 0, HEADER)
        for r in range(1, rows + 1):
            sheet.write_row(r, 0, _row(rng, r))
    return path


def _row(rng: random.Random, index: int) -> tuple[object, ...]:
    first17 = f"{rng.choice(REGIONS)}{rng.randrange(1940, 2006)}{rng.randrange(1, 13):02d}"
    first17 += f"{rng.randrange(1, 29):02d}{rng.randrange(1000):03d}"
    name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
    town = rng.choice(("永定", "罗免", "赤鹫"))
    address = (
        f"富民县{town}镇{rng.choice(VILLAGES)}{rng.randrange(1, 30)}组{rng.randrange(1, 99)}号"
    )
    mobile = int(f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}")
    people, amount = rng.randrange(1, 6), rng.randrange(300, 2000)
    resident_id = first17 + id_check_char(first17)
    if index % 50 == 0:  # some households give a bank card instead of a phone
        card = luhn_complete(f"6217{rng.randrange(10**14):014d}")
        return (index, name, resident_id, address, card, people, amount)
    return (index, name, resident_id, address, mobile, people, amount)


def measure(label: str, command: list[str]) -> Measure:
    """Wall time and the peak summed RSS of the process and all its descendants."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{label}: exit {process.returncode}")
    return Measure(label, seconds, peak)


def _tree_rss(pid: int) -> int:
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            total += _rss(current)
            pending += _children(current)
        except OSError:
            continue  # exited between listing and reading
    return total


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=160_000)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    started = time.perf_counter()
    sheet = make_sheet(options.rows, ROOT / "bench" / "out" / f"recipients_{options.rows}.xlsx")
    made = time.perf_counter() - started
    print(
        f"sheet: {sheet.name}, {sheet.stat().st_size / 1e6:.1f} MB ({made:.1f} s to make or find)"
    )
    print(f"cpus: {os.cpu_count()}, affinity: {sorted(os.sched_getaffinity(0))}", flush=True)
    scan = [
        str(Path(PYTHON).parent / "review-desk"),
        "scan",
        str(sheet),
        "--format",
        "jsonl",
        "--workers",
    ]
    runs = [
        ("baseline: load only", [PYTHON, "-c", LOAD_ONLY, str(sheet)]),
        ("baseline: load + plain re (ID, mobile)", [PYTHON, "-c", REGEX_FLOOR, str(sheet)]),
        ("scan --workers 1", [*scan, "1"]),
        (f"scan --workers {options.workers}", [*scan, str(options.workers)]),
    ]
    results = []
    for label, command in runs:
        results.append(measure(label, command))
        last = results[-1]
        print(f"{label:<42}{last.seconds:>8.1f} s{last.peak_rss / 2**20:>9.0f} MiB", flush=True)
    target = results[-1]
    ok = target.seconds <= TIME_TARGET_S and target.peak_rss <= RSS_TARGET_BYTES
    verdict = "met" if ok else "MISSED"
    print(f"target ≤ {TIME_TARGET_S:.0f} s, ≤ 1 GiB with {options.workers} workers: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
