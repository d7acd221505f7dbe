"""A Chinese-aware term matcher: every occurrence of every term, in one pass (Aho-Corasick).

Presidio's deny list wraps terms in word boundaries, which never hold between Chinese
characters; a regex alternation of hundreds of terms also costs a pass per start position.
The automaton finds all occurrences, overlapping ones included, in time linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True, slots=True)
class TermHit:
    start: int
    end: int
    term: str
    category: str


class TermMatcher:
    """Finds terms, each with a category (e.g. ``private``, ``official``), in normalised text."""

    def __init__(self, categories: Mapping[str, Iterable[str]]) -> None:
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[str]] = {}
        for category, terms in categories.items():
            for term in terms:
                if term:
                    entries.setdefault(term, []).append(category)
        for term, cats in entries.items():
            self._automaton.add_word(term, (term, tuple(cats)))
        self._empty = not entries
        self._categories = frozenset(cat for cats in entries.values() for cat in cats)
        if not self._empty:
            self._automaton.make_automaton()

    def categories(self, text: str) -> frozenset[str]:
        """The categories of the terms that occur in ``text``: stops once every category is
        seen."""
        if self._empty or not text:
            return frozenset()
        seen: set[str] = set()
        for _, (_, cats) in self._automaton.iter(text):
            seen.update(cats)
            if len(seen) == len(self._categories):
                break
        return frozenset(seen)

    def find(self, text: str) -> list[TermHit]:
        """All hits, sorted by start; a term in several categories yields one hit per category."""
        if self._empty or not text:
            return []
        hits = [
            TermHit(last - len(term) + 1, last + 1, term, category)
            for last, (term, cats) in self._automaton.iter(text)
            for category in cats
        ]
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits


#: A cue speaks about its own sentence: "低保对象" in one sentence says nothing about a name in
#: the next.
_SENTENCE_END = re.compile(r"[。！？；;!?\n]")


class CueIndex:
    """The term hits of one block, queried per finding for the nearest cue of some categories
    in the same sentence; found on first use (most cells of a person table need none)."""

    def __init__(self, matcher: TermMatcher, text: str) -> None:
        self._matcher = matcher
        self._hits: list[TermHit] | None = None
        self.text = text

    @property
    def hits(self) -> list[TermHit]:
        if self._hits is None:
            self._hits = self._matcher.find(self.text)
        return self._hits

    def near(
        self, start: int, end: int, categories: frozenset[str], before: int, after: int
    ) -> list[tuple[int, TermHit]]:
        """Hits of the categories outside [start, end) within the window, with their distance."""
        found: list[tuple[int, TermHit]] = []
        for hit in self.hits:
            if hit.category not in categories or (hit.start < end and hit.end > start):
                continue
            if hit.end <= start and start - hit.end <= before:
                gap = (hit.end, start)
            elif hit.start >= end and hit.start - end <= after:
                gap = (end, hit.start)
            else:
                continue
            if _SENTENCE_END.search(self.text, *gap) is None:
                found.append((gap[1] - gap[0], hit))
        found.sort(key=lambda pair: (pair[0], -(pair[1].end - pair[1].start)))
        return found

    def nearest(
        self, start: int, end: int, categories: frozenset[str], before: int, after: int
    ) -> TermHit | None:
        found = self.near(start, end, categories, before, after)
        return found[0][1] if found else None
