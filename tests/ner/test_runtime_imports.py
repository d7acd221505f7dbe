"""The detector and the scan never import the training tooling (review_desk.ner.training)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

IMPORT = "import review_desk.detect.engine, review_desk.scan\n"
#: A scan with the default detector, which reads names with the shipped NER model (loaded
#: when the first prose asks for names).
SCAN = IMPORT + (
    "import sys\n"
    "from pathlib import Path\n"
    "from review_desk.detect.names import UnionNameSource\n"
    "from review_desk.scan import default_detector, scan_file\n"
    "assert not scan_file(Path(sys.argv[1])).errors\n"
    "names = default_detector().names.source  # built on the first prose\n"
    "assert isinstance(names, UnionNameSource), 'the NER model did not load'\n"
)
REPORT = "import json, sys\nprint(json.dumps(sorted(sys.modules)))\n"


def _modules_after(code: str, *args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + REPORT, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _training(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.startswith("review_desk.ner.training"))


def test_importing_the_detector_and_the_scan_leaves_training_out() -> None:
    modules = _modules_after(IMPORT)
    assert {"review_desk.detect.engine", "review_desk.scan"} <= modules
    assert _training(modules) == []


@pytest.mark.slow
def test_a_scan_with_the_ner_model_leaves_training_out(tmp_path: Path) -> None:
    report = tmp_path / "公示.txt"
    report.write_text("市长张伟出席会议。低保对象王秀英，住东仰村3组。\n", encoding="utf-8")
    modules = _modules_after(SCAN, str(report))
    assert {"review_desk.ner.model", "review_desk.ner.features"} <= modules
    assert _training(modules) == []
