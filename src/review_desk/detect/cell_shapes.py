"""Cells of an identifier column whose whole text is one value in the standard shape of the
column's type, classed by what the type's check says of it, so that the cell memo serves a
column of unique IDs or mobile numbers as it serves a repeated text (``cell_memo.py``).

The class holds every fact of the text that detection reads. In a cell that is nothing but an
18-character ID (``[1-689]``, 16 digits, a digit or X) only the ID pattern matches (the other
patterns need another length, a letter, a Chinese character, a mask character or a non-digit
next to a digit run, and the two look-alikes that 18 characters can be, USCC and card, are not
looked for in an ID cell); no term list and no context word is made of digits, so the verdict
is the check digit's and the birth date's alone. A cell that is nothing but a mobile number
(``1[3-9]`` and 9 digits) matches the mobile pattern only, whose verdict is always the same; a
short number in a column of no role has no finding at all.

An address cell made of Chinese characters and house numbers alone ("幸福街道12号院3单元105室":
each digit run at most four long and followed by a number unit, none a hotline) is classed by
its text with every digit made 0: no pattern reads the value of such a run. The patterns that
do read digits need seven or more of them (phones, IDs, cards), a letter (passports, plates), a
mask character, a bracket or a star (document numbers, secrecy periods), a digit before 年, 月,
级 or 型 (dates, grades, diabetes types), or a run that is a hotline; the address patterns read
any digit alike. Such texts rarely repeat on a real list, so this class is kept only while it pays
(the trial of ``cell_memo.py``); a generated list of a million homes has a few.
``tests/detect/test_cell_shapes.py`` holds each class to the full pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from review_desk.detect.config import AddressRule
from review_desk.detect.recognizers.resident_id import birth_date, check_char
from review_desk.detect.tables import ADDRESS, PHONE, RESIDENT_ID, RowInfo

#: A shape's name and the facts of the text that its check reads.
Shape = tuple[str, bool, bool]
#: An address's text with every digit made 0.
AddressClass = tuple[str, str]

_ID18 = re.compile(r"[1-689]\d{16}[0-9Xx]", re.ASCII)
_MOBILE = re.compile(r"1[3-9]\d{9}", re.ASCII)
_MOBILE_SHAPE: Shape = ("mobile", True, True)
#: A number of up to six digits in a column of no role (序号, a count): only the short codes of
#: public services match (110, 12345), and they need a label beside them, which a cell of
#: digits has not.
_SHORT_DIGITS = 6
_DIGITS_SHAPE: Shape = ("digits", True, True)


def cell_shape(row: RowInfo, text: str) -> Shape | None:
    """The class of a one-cell row's text when it is one value of its column's shape."""
    cells = row.cells
    if len(cells) != 1 or row.label:
        return None
    role = cells[0].role
    if role == RESIDENT_ID:
        if len(text) != 18 or _ID18.fullmatch(text) is None:
            return None
        number = text.upper()
        return ("id18", check_char(number[:17]) == number[17], _born_on_a_real_day(number))
    if role == PHONE and len(text) == 11 and _MOBILE.fullmatch(text) is not None:
        return _MOBILE_SHAPE
    if role is None and len(text) <= _SHORT_DIGITS and text.isascii() and text.isdigit():
        return _DIGITS_SHAPE
    return None


#: The birth dates (YYYYMMDD) of IDs seen to exist: a list of a million IDs has a few tens of
#: thousands of them. A date that exists today exists tomorrow, so only those are kept.
_REAL_BIRTH_DAYS: set[str] = set()


def _born_on_a_real_day(number: str) -> bool:
    """``birth_date(number) is not None`` for an 18-character number."""
    day = number[6:14]
    if day in _REAL_BIRTH_DAYS:
        return True
    if birth_date(number) is None:
        return False
    _REAL_BIRTH_DAYS.add(day)
    return True


_ASCII_DIGITS = frozenset("0123456789")
_ZERO_DIGITS = str.maketrans("123456789", "000000000")


class AddressClasses:
    """Address cells of house numbers and Chinese characters alone, classed by their text with
    every digit made 0. ``rule`` gives the number units, ``hotlines`` the short codes; an
    office's allow and deny lists (``listed``) name texts as written, so a listed term with a
    digit ("幸福路12号") turns the classes off."""

    def __init__(self, rule: AddressRule, hotlines: Sequence[str], listed: Sequence[str]) -> None:
        self._off = any(char in _ASCII_DIGITS for term in listed for char in term)
        starts = sorted({unit[0] for unit in [*rule.number_units, *rule.row_units]})
        unit = f"[{''.join(map(re.escape, starts))}]"
        # A run starts after a Chinese character or at the start, never after digits: whole.
        codes = "|".join(map(re.escape, hotlines)) or "(?!)"
        run = rf"(?!(?:{codes})(?![0-9]))[0-9]{{1,4}}(?={unit})"
        self._plain = re.compile(rf"(?:[\u4e00-\u9fff]|{run})+")

    def of(self, row: RowInfo, text: str) -> AddressClass | None:
        """The class of a one-cell row's address, if it is made of house numbers alone."""
        cells = row.cells
        if (
            self._off
            or len(cells) != 1
            or row.label
            or cells[0].role != ADDRESS
            or self._plain.fullmatch(text) is None
        ):
            return None
        return ("address", text.translate(_ZERO_DIGITS))
