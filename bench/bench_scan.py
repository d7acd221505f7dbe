"""End-to-end scan of the 160,000-row recipient sheet (issue 3, item 9; issue 10, item 4).

    .venv/bin/python bench/bench_scan.py [--rows 160000] [--workers 2] [--pairs 3]

Targets: `review-desk scan sheet.xlsx --workers 2` ≤ 20 s, ≤ 6× the floor measured in the same
run, and ≤ 1 GB of memory: the peak of RSS summed over the whole process tree. Each run is a
fresh process: reading the sheet with our loader only; the floor, which is what any detector
must at least do (calamine's read of the sheet, then one plain `re` pass for 18-digit IDs and
mobile numbers over every cell, split over as many processes as the scan has workers); then the
real scan with one worker and with ``--workers``. The floor and the scan with ``--workers`` run
``--pairs`` times, one after the other: on a shared machine one run of either can be a third
slower than the next, so the ratio is each pair's, and the verdict is on the median pair.
Exit 1 when a target is missed.

Each run reports wall time, CPU time (user + system of the whole tree) and two peaks of memory:
RSS summed over the tree, and PSS summed over the tree. RSS counts a page shared by several
processes (the sheet a forked child inherits) once per process that maps it, PSS splits it among
its sharers; the target is on the RSS sum, which a reviewer's task manager shows.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
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
FLOOR_RATIO_TARGET = 6.0
MEMORY_TARGET_BYTES = 1 << 30
PYTHON = sys.executable

LOAD_ONLY = """
import sys, pathlib
from review_desk.loaders import load
load(pathlib.Path(sys.argv[1]))
"""
#: The floor: calamine's cells, each as text, and one `re` pass over them in as many processes
#: (forked once the sheet is read, as the scan forks) as the scan's workers.
REGEX_FLOOR = """
import multiprocessing, re, sys
from python_calamine import CalamineWorkbook
pattern = re.compile(r"(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])")
book = CalamineWorkbook.from_path(sys.argv[1])
cells = [
    value if type(value) is str else str(value)
    for name in book.sheet_names
    for row in book.get_sheet_by_name(name).to_python()
    for value in row
]
processes = int(sys.argv[2])
def count(part):
    return sum(len(pattern.findall(cell)) for cell in cells[part::processes])
if processes == 1:
    print(count(0))
else:
    with multiprocessing.get_context("fork").Pool(processes - 1) as pool:
        children = pool.map_async(count, range(1, processes))
        print(count(0) + sum(children.get()))
"""


#: Reading smaps_rollup walks the page tables (~4 ms for 700 MB): sampled less often than RSS.
PSS_EVERY = 5


@dataclass(frozen=True)
class Measure:
    label: str
    seconds: float
    cpu_seconds: float
    peak_rss: int
    peak_pss: int

    def line(self) -> str:
        return (
            f"{self.label:<40}{self.seconds:>7.1f} s{self.cpu_seconds:>7.1f} s CPU"
            f"{self.peak_rss / 2**20:>7.0f} MiB RSS{self.peak_pss / 2**20:>7.0f} MiB PSS"
        )


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


def _measured(label: str, command: list[str]) -> Measure:
    result = measure(label, command)
    print(result.line(), flush=True)
    return result


def measure(label: str, command: list[str]) -> Measure:
    """Wall time, CPU time and the peak summed RSS and PSS of the process and its descendants."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT)
    peak_rss = peak_pss = 0
    samples = 0
    while process.poll() is None:
        tree = _tree(process.pid)
        peak_rss = max(peak_rss, sum(_status_kib(pid, "VmRSS:") for pid in tree) * 1024)
        if samples % PSS_EVERY == 0:
            peak_pss = max(peak_pss, sum(_pss_kib(pid) for pid in tree) * 1024)
        samples += 1
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{label}: exit {process.returncode}")
    # The scan waits for its workers, so their CPU time is in its children's usage.
    return Measure(label, seconds, _children_cpu() - cpu_before, peak_rss, peak_pss)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tree(pid: int) -> list[int]:
    found: list[int] = []
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            pending += _children(current)
        except OSError:
            continue  # exited between listing and reading
        found.append(current)
    return found


def _status_kib(pid: int, key: str) -> int:
    return _field_kib(f"/proc/{pid}/status", key)


def _pss_kib(pid: int) -> int:
    return _field_kib(f"/proc/{pid}/smaps_rollup", "Pss:")


def _field_kib(path: str, key: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass  # exited since it was listed
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
    parser.add_argument("--pairs", type=int, default=3)
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
    workers = str(options.workers)
    floor_run = (
        f"floor: calamine + re, {workers} processes",
        [PYTHON, "-c", REGEX_FLOOR, str(sheet), workers],
    )
    target_run = (f"scan --workers {workers}", [*scan, workers])
    load_only = _measured("baseline: load only", [PYTHON, "-c", LOAD_ONLY, str(sheet)])
    one = _measured("scan --workers 1", [*scan, "1"])
    pairs = [(_measured(*floor_run), _measured(*target_run)) for _ in range(options.pairs)]
    floor, target = sorted(pairs, key=lambda pair: pair[1].seconds / pair[0].seconds)[
        len(pairs) // 2
    ]
    print(
        f"scan beyond loading: 1 worker {one.seconds - load_only.seconds:.1f} s, "
        f"{options.workers} workers {target.seconds - load_only.seconds:.1f} s; CPU "
        f"{one.cpu_seconds:.1f} s -> {target.cpu_seconds:.1f} s"
    )
    ratios = ", ".join(f"{t.seconds / f.seconds:.1f}×" for f, t in pairs)
    ratio = target.seconds / floor.seconds
    peak_rss = max(t.peak_rss for _, t in pairs)
    print(
        f"--workers {workers}: {target.seconds:.1f} s = {ratio:.1f}× the floor "
        f"({floor.seconds:.1f} s), the median of {len(pairs)} pairs ({ratios}); "
        f"peak RSS sum {peak_rss / 2**20:.0f} MiB"
    )
    ok = (
        target.seconds <= TIME_TARGET_S
        and ratio <= FLOOR_RATIO_TARGET
        and peak_rss <= MEMORY_TARGET_BYTES
    )
    verdict = "met" if ok else "MISSED"
    print(
        f"target ≤ {TIME_TARGET_S:.0f} s, ≤ {FLOOR_RATIO_TARGET:.0f}× the floor, "
        f"≤ 1 GiB RSS summed with {workers} workers: {verdict}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
