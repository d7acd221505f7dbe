"""Identifiers made for the tests, computed here from their standards (not with the code under
test): resident IDs with the ISO 7064 MOD 11-2 check character (GB 11643-1999, POLICY.md §8) and
disability certificate numbers (the ID and two digits of category and grade, GB/T 26341-2010)."""

from __future__ import annotations

_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def resident_id(region: str, born: str, sequence: str) -> str:
    """An 18-character ID: 6-digit region, YYYYMMDD, 3-digit sequence, check character."""
    body = f"{region}{born}{sequence}"
    assert len(body) == 17 and body.isdigit()
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


def bad_check(number: str) -> str:
    """The same ID with a wrong check character (a typo)."""
    wrong = "1" if number[17] != "1" else "2"
    return number[:17] + wrong


def disability_cert(number: str, category: int, grade: int) -> str:
    return f"{number}{category}{grade}"
