"""The term matcher: the categories of a text are those of all its hits."""

from __future__ import annotations

import pytest

from review_desk.detect.terms import TermMatcher

MATCHER = TermMatcher(
    {
        "assistance": ["低保", "临时救助", "救助"],
        "commendation": ["见义勇为", "表彰"],
        "seeking": ["寻找", "见义勇为"],  # one term in two categories
        "empty": [],
    }
)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "无关的文字",
        "低保",
        "临时救助对象名单",  # overlapping terms of one category
        "低保" * 1000 + "表彰",  # the one commendation after a thousand assistance hits
        "寻找见义勇为者",
        "关于表彰见义勇为人员的公示：低保户王某",
    ],
)
def test_a_text_s_categories_are_those_of_all_its_hits(text: str) -> None:
    assert MATCHER.categories(text) == {hit.category for hit in MATCHER.find(text)}


def test_a_matcher_without_terms_finds_nothing() -> None:
    assert TermMatcher({"a": []}).categories("低保") == frozenset()
