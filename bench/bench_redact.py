"""Redacted export speed and memory, against a baseline measured in the same run.

    .venv/bin/python bench/bench_redact.py [--rows 160000] [--pages 100] [--pdf-pages 20] [--keep DIR]

Targets (issue 9): the 160,000-row recipient sheet (bench_scan's, random like a real list)
exported masked — name, ID, address and phone columns, 640,000 redactions — in ≤ 20 s and
≤ 1 GB peak RSS; a 100-page DOCX (bench_loaders') in ≤ 5 s; a PDF in ≤ 1 s per page at 200 dpi.
Baselines: openpyxl load + save of the sheet without masking, python-docx open + save, pypdfium2
rendering the pages alone. Every measurement runs in a fresh subprocess, so its peak RSS is its
own; the export figures include the self-check (re-reading the copy). "export" is redact_file
alone; "load + export" adds reading the source, which the caller does first. On a shared
machine read wall time against CPU time.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # generators live with the tests and the other benches

SHEET_SECONDS, SHEET_MB, DOCX_SECONDS, PDF_SECONDS_PER_PAGE = 20.0, 1024.0, 5.0, 1.0
_COLUMNS = {
    "姓名": "PERSON",
    "身份证号": "CN_RESIDENT_ID",
    "家庭住址": "ADDRESS",
    "联系电话": "PHONE_NUMBER",
}
_DOCX_VALUES = (
    ("CN_RESIDENT_ID", r"[1-9][0-9]{16}[0-9X]"),
    ("PERSON", r"(?<=申请人)[\u4e00-\u9fff]{2,3}(?=，)"),
    ("ADDRESS", r"(?<=住址)[^，]+"),
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# -- child side: one measurement -----------------------------------------------------------------


def _export(path: Path, out: Path) -> dict[str, float]:
    from review_desk.core.findings import FindingType
    from review_desk.loaders import load
    from review_desk.redact import Redaction, redact_file

    started = time.perf_counter()
    document = load(path)
    loaded = time.perf_counter()
    if path.suffix == ".xlsx":
        redactions = [
            Redaction(b.id, 0, len(b.text), FindingType(_COLUMNS[b.header]))
            for b in document.blocks
            if b.header in _COLUMNS
        ]
    else:
        redactions = [
            Redaction(b.id, m.start(), m.end(), FindingType(kind))
            for b in document.blocks
            for kind, pattern in _DOCX_VALUES
            for m in re.finditer(pattern, b.text)
        ]
    cpu, begun = _cpu(), time.perf_counter()
    result = redact_file(path, document, redactions, out, chain_head="0" * 64)
    return {
        "export_s": time.perf_counter() - begun,
        "export_cpu": _cpu() - cpu,
        "total_s": time.perf_counter() - started,
        "load_s": loaded - started,
        "units": float(result.redactions),
    }


def _openpyxl(path: Path, out: Path) -> dict[str, float]:
    import openpyxl

    started, cpu = time.perf_counter(), _cpu()
    book = openpyxl.load_workbook(path)
    book.save(out / "openpyxl.xlsx")
    return {"export_s": time.perf_counter() - started, "export_cpu": _cpu() - cpu, "units": 0.0}


def _python_docx(path: Path, out: Path) -> dict[str, float]:
    import docx

    started, cpu = time.perf_counter(), _cpu()
    docx.Document(str(path)).save(str(out / "python-docx.docx"))
    return {"export_s": time.perf_counter() - started, "export_cpu": _cpu() - cpu, "units": 0.0}


def _pdfium_render(path: Path, out: Path) -> dict[str, float]:
    import pypdfium2

    started, cpu = time.perf_counter(), _cpu()
    document = pypdfium2.PdfDocument(path)
    pages = len(document)
    for index in range(pages):
        document[index].render(scale=200 / 72).to_pil()
    document.close()
    return {
        "export_s": time.perf_counter() - started,
        "export_cpu": _cpu() - cpu,
        "units": float(pages),
    }


MEASURES = {
    "review_desk": _export,
    "openpyxl": _openpyxl,
    "python-docx": _python_docx,
    "pdfium-render": _pdfium_render,
}


def measure_here(name: str, path: Path, out: Path) -> None:
    figures = MEASURES[name](path, out)
    print(json.dumps({**figures, "peak_mb": _peak_mb()}))


def measure(name: str, path: Path, out: Path) -> dict[str, float]:
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, __file__, "--measure", name, str(path), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


# -- inputs ----------------------------------------------------------------------------------------


def _inputs(folder: Path, rows: int, pages: int, pdf_pages: int) -> tuple[Path, Path, Path]:
    from bench.bench_scan import make_sheet
    from tests.loaders import fixtures

    sheet = make_sheet(rows, folder / f"recipients_{rows}.xlsx")
    docx = folder / f"notice_{pages}p.docx"
    if not docx.exists():
        fixtures.write_long_docx(docx, pages)
    pdf = folder / f"notice_{pdf_pages}p.pdf"
    if not pdf.exists():
        _write_pdf(pdf, pdf_pages)
    return sheet, docx, pdf


def _write_pdf(path: Path, pages: int) -> None:
    """Text pages of a 公示 in a CJK TrueType font: 30 lines, each with a name and an ID."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    from tests.loaders.fixtures import resident_id

    font = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    pdfmetrics.registerFont(TTFont("wqy", font, subfontIndex=0))
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    for page in range(pages):
        pdf.setFont("wqy", 11)
        for line in range(30):
            index = page * 30 + line
            text = (
                f"申请人王建国，身份证号{resident_id(index)}，住址北京市朝阳区幸福街道{line + 1}号"
            )
            pdf.drawString(50, 800 - line * 25, text)
        pdf.showPage()
    pdf.save()


# -- the report --------------------------------------------------------------------------------


def _row(label: str, figures: dict[str, float], target: str = "", verdict: str = "") -> str:
    return (
        f"{label:<36} {figures['export_s']:7.2f} s {figures['export_cpu']:7.2f} s CPU "
        f"{figures['peak_mb']:7.0f} MB  {target:<20} {verdict}"
    )


def _verdict(
    seconds: float, cpu: float, target: float, mb: float = 0.0, mb_target: float = float("inf")
) -> str:
    if mb > mb_target:
        return "OVER TARGET (memory)"
    if seconds <= target:
        return "OK"
    return "OK on CPU time (core shared)" if cpu <= target else "OVER TARGET"


def run(folder: Path, rows: int, pages: int, pdf_pages: int) -> int:
    sheet, docx, pdf = _inputs(folder, rows, pages, pdf_pages)
    out = folder / "out"
    print(f"{'':<36} {'wall':>9} {'CPU':>13} {'peak RSS':>10}  target")
    ours = measure("review_desk", sheet, out / "sheet")
    base = measure("openpyxl", sheet, out / "sheet_base")
    sheet_ok = _verdict(
        ours["export_s"], ours["export_cpu"], SHEET_SECONDS, ours["peak_mb"], SHEET_MB
    )
    print(_row(f"sheet {rows:,} rows: export", ours, "≤ 20 s, ≤ 1 GB", sheet_ok))
    print(
        f"{'  (load + export, ' + format(int(ours['units']), ',') + ' redactions)':<36} {ours['total_s']:7.2f} s"
    )
    print(_row("  baseline openpyxl load + save", base))
    ours = measure("review_desk", docx, out / "docx")
    base = measure("python-docx", docx, out / "docx_base")
    docx_ok = _verdict(ours["export_s"], ours["export_cpu"], DOCX_SECONDS)
    print(_row(f"docx {pages} pages: export", ours, "≤ 5 s", docx_ok))
    print(_row("  baseline python-docx open + save", base))
    ours = measure("review_desk", pdf, out / "pdf")
    base = measure("pdfium-render", pdf, out / "pdf_base")
    per_page = {
        key: value / pdf_pages if key.startswith("export") else value for key, value in ours.items()
    }
    base_page = {
        key: value / pdf_pages if key.startswith("export") else value for key, value in base.items()
    }
    verdict = _verdict(per_page["export_s"], per_page["export_cpu"], PDF_SECONDS_PER_PAGE)
    print(_row(f"pdf {pdf_pages} pages, 200 dpi: per page", per_page, "≤ 1 s / page", verdict))
    print(_row("  baseline pdfium render, per page", base_page))
    return 0 if "OVER" not in sheet_ok + docx_ok + verdict else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=160_000)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--pdf-pages", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="generate inputs here and keep them")
    parser.add_argument(
        "--measure", nargs=3, metavar=("NAME", "PATH", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.measure:
        measure_here(args.measure[0], Path(args.measure[1]), Path(args.measure[2]))
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return run(args.keep, args.rows, args.pages, args.pdf_pages)
    with tempfile.TemporaryDirectory(prefix="bench_redact_") as folder:
        return run(Path(folder), args.rows, args.pages, args.pdf_pages)


if __name__ == "__main__":
    sys.exit(main())
