"""Write the labelled dev set into a folder: the documents plus ``gold.json``.

    python -m tests.devset.generate OUT_DIR

Deterministic: the same seed gives the same documents and labels, so nothing binary is committed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from tests.devset.scenarios import (
    PROSE,
    SECRET_VARIANTS,
    TABULAR,
    Part,
    Spec,
    Table,
    case_story,
    note_conflict,
    secret_head,
    work_report,
)
from tests.devset.values import Values
from tests.devset.writers import (
    TABULAR_FORMATS,
    TXT_SEPARATORS,
    WRITERS,
    legacy_available,
    write_csv_gbk,
    write_txt,
)

SEED = 20241121
TABLE_FORMATS = ("txt", "docx", "pdf", "xlsx", "csv")
PROSE_FORMATS = ("txt", "docx", "pdf")
LEGACY_SCENARIOS = (work_report, case_story, note_conflict)

GoldDocument = dict[str, object]


def generate(out: Path, seed: int = SEED) -> dict[str, object]:
    """Write every document and gold.json into ``out``; return the gold labels."""
    out.mkdir(parents=True, exist_ok=True)
    values = Values(seed)
    plan = [(scenario(values), fmt) for scenario in TABULAR for fmt in TABLE_FORMATS]
    plan += [(scenario(values), fmt) for scenario in PROSE for fmt in PROSE_FORMATS]
    plan += [
        (secret_head(values, variant), PROSE_FORMATS[variant % len(PROSE_FORMATS)])
        for variant in range(SECRET_VARIANTS)
    ]
    skipped: list[dict[str, str]] = []
    if legacy_available():
        plan += [(scenario(values), "doc") for scenario in LEGACY_SCENARIOS]
    else:
        skipped.append({"format": "doc", "reason": "soffice (LibreOffice) 未安装，跳过 DOC 样本"})
    documents = [_write(spec, fmt, out, i, seed) for i, (spec, fmt) in enumerate(plan)]
    gold: dict[str, object] = {"seed": seed, "documents": documents, "skipped": skipped}
    (out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), "utf-8")
    return gold


def _write(spec: Spec, fmt: str, out: Path, index: int, seed: int) -> GoldDocument:
    path = out / f"{index:03d}_{spec.name}.{fmt}"
    parts = (
        [p for p in spec.parts if isinstance(p, Table)] if fmt in TABULAR_FORMATS else spec.parts
    )
    if fmt == "txt":
        write_txt(parts, path, TXT_SEPARATORS[(seed + index) % len(TXT_SEPARATORS)])
    elif fmt == "csv" and index % 2:
        write_csv_gbk(parts, path)
    else:
        WRITERS[fmt](parts, path)
    rendered = _plain_text(parts)
    return {
        "file": path.name,
        "format": fmt,
        "scenario": spec.name,
        "attribute": spec.attribute,
        "conflicts": spec.conflicts,
        "covers": list(spec.covers),
        "items": [asdict(item) for item in spec.items if item.text in rendered],
    }


def _plain_text(parts: list[Part]) -> str:
    return "\n".join(
        "\n".join("\t".join(row) for row in (p.header, *p.rows)) if isinstance(p, Table) else p
        for p in parts
    )


if __name__ == "__main__":
    gold = generate(Path(sys.argv[1]))
    print(f"{len(gold['documents'])} documents")  # type: ignore[arg-type]
