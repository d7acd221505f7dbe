"""Sheet values as a spreadsheet shows them."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from review_desk.loaders.sheets import cell_text


def _excel_text(value: float) -> str:
    """What Excel shows of a number: whole numbers below 10^15 as they are, others with 15
    significant digits, written out positionally."""
    if value.is_integer() and abs(value) < 10**15:
        return str(int(value))
    text = format(Decimal(format(value, ".15g")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (765.5, "765.5"),
        (-0.25, "-0.25"),
        (0.1 + 0.2, "0.3"),
        (1234.5678, "1234.5678"),
        (0.0001, "0.0001"),
        (1e-05, "0.00001"),
        (1.5e16, "15000000000000000"),
        (110105194912310020.0, "110105194912310000"),
        (13812345678.0, "13812345678"),
        (123456789012.345678, "123456789012.346"),
    ],
)
def test_a_number_is_written_as_excel_shows_it(value: float, text: str) -> None:
    assert cell_text(value) == text


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_finite_number_is_written_with_15_significant_digits(value: float) -> None:
    assert cell_text(value) == _excel_text(value)


@given(st.integers(0, 10**12), st.integers(1, 4))
def test_amounts_with_decimals_are_written_as_excel_shows_them(cents: int, places: int) -> None:
    value = cents / 10**places
    assert math.isfinite(value)
    assert cell_text(value) == _excel_text(value)
