"""`pip install .` (not editable) gives a package that scans from any folder.

The wheel carries rules/, the NER model and resources/ as ``review_desk/_data`` (setup.py) and
``review_desk.paths`` finds them there when there is no checkout. The wheel is built offline (no
build isolation) from a copy of the sources, so stale files in build/ cannot slip into it, and
installed into a fresh venv that reaches the dev venv's site-packages for the dependencies only:
a plain path in a .pth file, so the dev venv's own .pth files, among them the editable install's,
are never read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO.parent / "shared" / "samples" / "report_000.txt"
#: What the build reads: the package, its metadata and the top-level data folders.
SOURCES = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "src",
    "rules",
    "models",
    "resources",
)
MODEL = REPO / "models" / "zh_ner_review_desk"

WHERE_DATA_ARE = """
import json, review_desk
from review_desk import paths
from review_desk.ner.model import NerModel
print(json.dumps({
    "package": review_desk.__file__,
    "rules": str(paths.rules_dir()),
    "resources": str(paths.resources_dir()),
    "model": str(NerModel.load().path),
}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*-retrained")
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copy2(REPO / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    done = _run([*build, "--no-index", "-w", str(out), "."], cwd=source)
    assert done.returncode == 0, (
        f"building the wheel failed (make test installs setuptools and wheel):\n{done.stdout}{done.stderr}"
    )
    [built] = out.glob("review_desk-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = ["--python", str(python), "install", "--no-deps", "--no-index", str(wheel)]
    done = _run([sys.executable, "-m", "pip", *install], cwd=venv)
    assert done.returncode == 0, done.stdout + done.stderr
    # After the install, so pip never sees the dev venv's editable review_desk as installed.
    dependencies = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (_site_packages(python) / "dev-dependencies.pth").write_text("\n".join(dependencies) + "\n")
    return venv


def test_wheel_carries_rules_model_resources_and_training_config(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    model_files = {
        f"review_desk/_data/models/zh_ner_review_desk/{p.relative_to(MODEL).as_posix()}"
        for p in MODEL.rglob("*")
        if p.is_file()
    }
    assert "review_desk/_data/models/zh_ner_review_desk/config.cfg" in model_files
    assert model_files <= names
    assert {
        "review_desk/_data/rules/policy.yaml",
        "review_desk/_data/models/MODEL_CARD.md",
        "review_desk/_data/resources/icons/review_desk.svg",
        "review_desk/ner/training/configs/zh_ner.cfg",
    } <= names


def test_installed_package_reads_its_own_data(venv: Path, tmp_path: Path) -> None:
    python = venv / "bin" / "python"
    done = _run([str(python), "-c", WHERE_DATA_ARE], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    package = _site_packages(python) / "review_desk"
    assert Path(found.pop("package")).parent == package
    assert found == {
        "rules": str(package / "_data" / "rules"),
        "resources": str(package / "_data" / "resources"),
        "model": str(package / "_data" / "models" / "zh_ner_review_desk"),
    }


@pytest.mark.skipif(not SAMPLE.is_file(), reason="shared samples not present")
def test_installed_console_script_scans_from_another_folder(venv: Path, tmp_path: Path) -> None:
    shutil.copy2(SAMPLE, tmp_path / SAMPLE.name)
    done = _run([str(venv / "bin" / "review-desk"), "scan", SAMPLE.name], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [report] = [json.loads(line) for line in done.stdout.splitlines()]
    assert report["errors"] == []
    assert report["attribute"]["proposed"] == "proactive"


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Outside the checkout, with no variable that points at the checkout's data or sources."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("REVIEW_DESK_") and k not in {"PYTHONPATH", "PYTHONHOME"}
    }
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _site_packages(python: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_path('purelib'))"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return Path(done.stdout.strip())
