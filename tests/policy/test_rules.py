"""A wrong edit of rules/policy.yaml is an error naming the file, the key and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_desk.core.errors import RulesError
from review_desk.paths import rules_dir
from review_desk.policy import load_policy_rules

SHIPPED = (rules_dir() / "policy.yaml").read_text(encoding="utf-8")


def test_shipped_rules_load() -> None:
    rules = load_policy_rules()
    assert [row.id for row in rules.rows][-1] == "otherwise"


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("attribute: withheld", "attribute: secret", "rows.0.attribute"),
        ("ground: STATE_SECRET}", "ground: STATE_SECRETS}", "rows.0.triggers.0.ground"),
        ("types: [WORK_SECRET]", "types: [WORK_SECRETS]", "rows.1.triggers.0.types.0"),
        ("actions: [redact]", "actions: [delete]", "rows.4.triggers.0.actions.0"),
        ("actions: [redact]", "action: [redact]", "rows.4.triggers.0.action"),
        ("    triggers: []\n", "    triggers: [{actions: [keep], ground: WORK_SECRET}]\n", "rows"),
        ("  THIRD_PARTY_CONSENT:", "  THIRD_PARTY:", "grounds.THIRD_PARTY"),
        ("quoted_types: [SECRECY_MARK,", "quoted_types: [SECRECY_MARKS,", "quoted_types"),
        ('{count} 处{label}"', '{count} 处{lable}"', "texts"),
        ("note: on_request, ground: SOURCE_NOTE", "note: maybe, ground: SOURCE_NOTE", "note"),
    ],
    ids=[
        "attribute",
        "ground",
        "type",
        "unknown action",
        "misspelt key",
        "no fallback",
        "unknown ground",
        "quoted type",
        "placeholder",
        "note attribute",
    ],
)
def test_wrong_edit_names_file_and_key(tmp_path: Path, old: str, new: str, key: str) -> None:
    assert old in SHIPPED
    (tmp_path / "policy.yaml").write_text(SHIPPED.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulesError) as raised:
        load_policy_rules(tmp_path)
    assert "policy.yaml" in raised.value.message
    assert key in raised.value.message
    assert "第 " in raised.value.message


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(SHIPPED.replace("\nrows:", "\nrows: [", 1), "utf-8")
    with pytest.raises(RulesError, match=r"policy\.yaml.*YAML 语法错误 第 \d+ 行"):
        load_policy_rules(tmp_path)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"policy\.yaml"):
        load_policy_rules(tmp_path)
