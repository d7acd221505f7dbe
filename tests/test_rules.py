from pathlib import Path

import pytest
from pydantic import BaseModel

from review_desk.core.errors import RulesError
from review_desk.rules import load_rules


class _Sample(BaseModel):
    words: list[str]
    limit: int


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("words: [a]\nlimit: many\n", ["x.yaml", "第 2 行", "limit"]),
        ("words:\n  - a\n  - [b]\nlimit: 1\n", ["第 3 行", "words.1"]),
        ("words: [a\nlimit: 1\n", ["YAML 语法错误", "第 2 行"]),
        ("limit: 1\n", ["words", "Field required"]),
    ],
)
def test_wrong_rules_name_file_line_and_key(
    tmp_path: Path, source: str, expected: list[str]
) -> None:
    (tmp_path / "x.yaml").write_text(source, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules("x", _Sample, tmp_path)
    for part in expected:
        assert part in caught.value.message


def test_missing_rules_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="无法打开"):
        load_rules("absent", _Sample, tmp_path)


def test_valid_rules_load(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text("words: [甲, 乙]\nlimit: 3\n", encoding="utf-8")
    assert load_rules("ok", _Sample, tmp_path).words == ["甲", "乙"]
