"""Unread pages withheld whole (整页不公开): the second way of settling a page OCR could not read.

A page without text blocks has nothing a reviewer can mark, so when it holds personal data the
reviewer withholds it: the confirmation of the page records ``withhold: true`` (an older
store's confirmation has no such key and withholds nothing), and the redacted copy puts a blank
page of the same size with :data:`WITHHELD_NOTE` in its place. A document with such a page is
published in part at most (条例第三十七条, 区分处理): never 主动公开.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from review_desk.core.findings import Attribute, Ground

#: What the blank page that replaces a withheld one says.
WITHHELD_NOTE = "（本页不予公开）"
#: The ground a withheld page gives a document that was to be published as is.
WITHHELD_GROUND = Ground.PERSONAL_PRIVACY


def settled_attribute(
    attribute: Attribute,
    grounds: Sequence[Ground],
    basis: Sequence[str],
    withheld_pages: Collection[int],
    privacy_basis: Sequence[str],
) -> tuple[Attribute, tuple[Ground, ...], tuple[str, ...]]:
    """The attribute a document takes with its withheld pages: 主动公开 becomes 删减后公开 on
    the privacy ground (as a ``redact`` finding makes it, POLICY.md §3 row 5); any other
    attribute already keeps the page from being published as is."""
    if attribute != Attribute.PROACTIVE or not withheld_pages:
        return attribute, tuple(grounds), tuple(basis)
    return Attribute.REDACTED, (WITHHELD_GROUND,), tuple(privacy_basis)


def allows_withheld_pages(attribute: Attribute) -> bool:
    return attribute != Attribute.PROACTIVE
