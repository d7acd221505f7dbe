"""rules/ocr.yaml is validated at load: an office's typo names the file, the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.errors import RulesError
from review_desk.ocr.settings import OcrSettings, ocr_settings
from review_desk.paths import rules_dir
from review_desk.rules import load_rules


def test_the_shipped_settings_load() -> None:
    settings = ocr_settings()
    assert settings.enabled and settings.engine.threads == 2


def test_a_wrong_value_names_the_file_line_and_key(tmp_path: Path) -> None:
    source = (rules_dir() / "ocr.yaml").read_text(encoding="utf-8")
    (tmp_path / "ocr.yaml").write_text(source.replace("low_char: 0.85", "low_char: 2"), "utf-8")
    with pytest.raises(RulesError) as raised:
        load_rules("ocr", OcrSettings, tmp_path)
    assert "ocr.yaml" in str(raised.value) and "confidence.low_char" in str(raised.value)
    assert "行" in str(raised.value)
