"""The label windows of phone numbers, the shape of masked values and the characters of licence
plates come from `rules/identifiers.yaml`: an edit there changes what is found, and a wrong edit
names the file, the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.errors import RulesError
from review_desk.detect.analyzer import build_recognizers
from review_desk.detect.config import load_detect_rules
from tests.detect.conftest import assert_names_file_line_and_key, copy_rules


def _rules(folder: Path, old: str = "", new: str = "") -> Path:
    return copy_rules(folder, "identifiers", old, new)


def _found(folder: Path, recognizer: str, text: str) -> list[str]:
    rules = load_detect_rules(folder).identifiers
    [found] = [r for r in build_recognizers(rules) if recognizer == r.NAME]
    return [text[r.start : r.end] for r in found.analyze(text, list(found.supported_entities))]


@pytest.mark.parametrize(
    ("recognizer", "old", "new", "text", "before", "after"),
    [
        # a phone word further back no longer labels a local number
        (
            "phone",
            "label_window: {before: 8, after: 8}",
            "label_window: {before: 2, after: 8}",
            "联系电话：5321486",
            ["5321486"],
            [],
        ),
        # nor one right after a short code
        (
            "phone",
            "hotline_label_window: {before: 8, after: 2}",
            "hotline_label_window: {before: 8, after: 0}",
            "12345热线",
            ["12345"],
            [],
        ),
        # four masked digits are too few once five are asked for
        ("masked_value", "min_masked: 3", "min_masked: 5", "手机138****1234", ["138****1234"], []),
        # another mask character
        (
            "masked_value",
            'mask_chars: "*×xX"',
            'mask_chars: "*×xX#"',
            "138####1234",
            [],
            ["138####1234"],
        ),
        # a province no longer listed, a last character no longer listed
        (
            "license_plate",
            "provinces: 京津沪渝冀豫云",
            "provinces: 京津沪渝冀豫",
            "车牌云A12345",
            ["云A12345"],
            [],
        ),
        (
            "license_plate",
            "last_chars: 挂学警",
            "last_chars: 挂学",
            "车牌云A1234警",
            ["云A1234警"],
            [],
        ),
    ],
    ids=["phone_label", "hotline_label", "min_masked", "mask_char", "province", "last_char"],
)
def test_identifier_shapes_come_from_the_rules(
    tmp_path: Path,
    recognizer: str,
    old: str,
    new: str,
    text: str,
    before: list[str],
    after: list[str],
) -> None:
    assert _found(_rules(tmp_path / "shipped"), recognizer, text) == before
    assert _found(_rules(tmp_path / "edited", old, new), recognizer, text) == after


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("    label_window:", "    label_windw:", "recognizers.phone.label_windw"),
        (
            "hotline_label_window: {before: 8, after: 2}",
            "hotline_label_window: {before: 8}",
            "recognizers.phone.hotline_label_window.after",
        ),
        ("max_masked: 16", "max_masked: 2", "recognizers.masked_value.max_masked"),
        ('mask_chars: "*×xX"', 'mask_chars: " "', "recognizers.masked_value.mask_chars"),
        (
            "    last_chars: 挂学警港澳领试超",
            "    last_chars:",
            "recognizers.license_plate.last_chars",
        ),
    ],
    ids=["misspelt", "missing_side", "max_below_min", "blank_chars", "empty_chars"],
)
def test_a_wrong_identifier_rule_names_file_line_and_key(
    tmp_path: Path, old: str, new: str, key: str
) -> None:
    folder = _rules(tmp_path, old, new)
    with pytest.raises(RulesError) as raised:
        load_detect_rules(folder)
    assert_names_file_line_and_key(raised.value, folder, "identifiers", new, key)
