"""Build step: a wheel carries the repository's top-level data folders inside the package.

rules/, models/ and resources/ stay at the top of the repository (that layout is a contract).
Building a wheel copies what the package needs of them to ``review_desk/_data/<folder>``, where
``review_desk.paths`` finds them when there is no checkout. An editable install copies nothing:
it reads the checkout's folders. Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: Top-level folder -> the files of it to ship (retrained models beside the shipped one stay out).
DATA = {
    "rules": ("*.yaml",),
    "models": ("MODEL_CARD.md", "zh_ner_review_desk/**/*"),
    "resources": ("**/*",),
}
#: Without these the installed package cannot scan: refuse to build a wheel that lacks them.
REQUIRED = ("rules/policy.yaml", "models/zh_ner_review_desk/config.cfg")


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        missing = [name for name in REQUIRED if not (ROOT / name).is_file()]
        if missing:
            raise FileNotFoundError(f"cannot build review_desk without {', '.join(missing)}")
        for source, target in self._data_files():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not self.editable_mode:
            outputs += [str(target) for _, target in self._data_files()]
        return outputs

    def _data_files(self) -> list[tuple[Path, Path]]:
        into = Path(self.build_lib) / "review_desk" / "_data"
        return [
            (source, into / folder / source.relative_to(ROOT / folder))
            for folder, patterns in DATA.items()
            for pattern in patterns
            for source in sorted((ROOT / folder).glob(pattern))
            if source.is_file() and "__pycache__" not in source.parts
        ]


setup(cmdclass={"build_py": BuildPyWithData})
