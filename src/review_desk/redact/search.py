"""Finding redacted values again, in every form a reader or a search tool would match.

A value counts as found in its raw form, after NFKC and case folding (full-width digits, Ｘ),
with spaces, dashes and zero-width characters removed (``138 1234 5678``), and, for numbers,
as its digits alone (compared against each block's digits alone). One Aho-Corasick automaton
holds every form of every value, so a million-cell sheet is searched in one pass per form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

import ahocorasick

from review_desk.core.findings import FindingType
from review_desk.redact.plan import RedactedValue

#: Never part of a value a person reads: block texts are joined with it for one pass.
BOUNDARY = "\x00"
_GAPS = re.compile(r"[\s\-‐‑‒–—―−－﹣\u00ad\u200b-\u200d\u2060\ufeff]+")
_NOT_DIGIT = re.compile(rf"[^0-9x{BOUNDARY}]+")
_NUMERIC = frozenset({FindingType.CN_RESIDENT_ID, FindingType.PHONE_NUMBER, FindingType.BANK_CARD})
#: A digits-only form shorter than this matches too much unrelated text to mean anything.
_MIN_DIGITS = 7


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def value_forms(value: RedactedValue) -> set[str]:
    text = value.value
    if text.isascii() and text.isalnum():
        # An ID or a phone written plainly (most values of a recipient list): no NFKC needed.
        return {text, text.lower()}
    folded = fold(text)
    forms = {text, folded, _GAPS.sub("", folded)}
    if value.type in _NUMERIC and len(only := _NOT_DIGIT.sub("", folded)) >= _MIN_DIGITS:
        forms.add(only)
    return {form for form in forms if form.strip()}


def text_forms(text: str, with_digits: bool = False) -> Iterator[str]:
    """The forms of a haystack in which every value form is looked for."""
    folded = fold(text)
    yield text
    yield folded
    yield _GAPS.sub("", folded)
    if with_digits:
        yield _NOT_DIGIT.sub("", folded)


class ValueSearch:
    """Every form of the values that are searched for document-wide (not the block-only ones)."""

    def __init__(self, values: Sequence[RedactedValue]) -> None:
        # One value per form is enough to name a place: a name repeated in a thousand rows is
        # looked for once.
        owners: dict[str, int] = {}
        seen: set[str] = set()
        for index, value in enumerate(values):
            if not value.block_only and value.value not in seen:
                seen.add(value.value)
                for form in value_forms(value):
                    owners.setdefault(form, index)
        self._automaton: ahocorasick.Automaton | None = None
        if owners:
            automaton = ahocorasick.Automaton()
            for form, index in owners.items():
                automaton.add_word(form, index)
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, text: str) -> set[int]:
        """Indices of the values found anywhere in ``text`` (in any of its forms)."""
        return {index for _, index in self._hits(text_forms(text))}

    def find_raw(self, text: str) -> set[int]:
        """Indices of the values found in ``text`` as written (markup, where forms mean nothing)."""
        return {index for _, index in self._hits([text])}

    def find_in_blocks(self, joined: str) -> set[tuple[int, int]]:
        """(block index, value index) for each value found in block texts joined by BOUNDARY."""
        found: set[tuple[int, int]] = set()
        for form in text_forms(joined, with_digits=True):
            for end, index in self._hits([form]):
                found.add((form.count(BOUNDARY, 0, end), index))
        return found

    def _hits(self, forms: Iterable[str]) -> Iterator[tuple[int, int]]:
        if self._automaton is None:
            return
        for form in forms:
            yield from self._automaton.iter(form)


def found_in(value: RedactedValue, text: str) -> bool:
    """One value in one text, any form (the block-only check)."""
    forms = value_forms(value)
    return any(form in haystack for haystack in text_forms(text, True) for form in forms)
