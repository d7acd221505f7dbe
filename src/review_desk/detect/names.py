"""Where PERSON spans come from: a pluggable :class:`NameSource`.

The trained NER model (``review_desk.ner``) is the real source; :class:`BaselineNameSource`
stands in when it is missing: a known surname plus one or two given-name characters, proposed
only next to a cue (a post title, a byline, a private-person cue) so that prose is not sprayed
with false names. Whether a name is kept or redacted is decided later, by context (actions.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from review_desk.detect.config import ContextRules, PeopleRules
from review_desk.detect.terms import TermMatcher

log = logging.getLogger(__name__)

Span = tuple[int, int]


class EntitySpan(Protocol):
    """What the NER model returns per entity (``review_desk.ner.model.EntitySpan``)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...


class EntityModel(Protocol):
    def entities(
        self, texts: Sequence[str], batch_size: int = ...
    ) -> Sequence[Sequence[EntitySpan]]: ...


class NameSource(Protocol):
    def persons(self, texts: Sequence[str]) -> list[list[Span]]:
        """PERSON spans per text (offsets into that text)."""
        ...


def village_group(units: Sequence[str]) -> str:
    """A village group's number ("六组", "3社"): the whole number, not the tail of an ordinal
    ("第十一组" is a working group, not a village's)."""
    alternatives = "|".join(map(re.escape, sorted(units, key=len, reverse=True)))
    return rf"(?<![第\d一二三四五六七八九十])(?:\d+|[一二三四五六七八九十]+)(?:{alternatives})"


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


class BaselineNameSource:
    """Surname list + context cues; good enough for cue-marked names, blind to the rest."""

    detector_id = "names"

    def __init__(self, people: PeopleRules, context: ContextRules) -> None:
        self._surnames = frozenset(people.surnames)
        # Indexed by first character: name_at runs at every cue in every block.
        self._compound: dict[str, list[str]] = {}
        for compound in people.compound_surnames:
            self._compound.setdefault(compound[0], []).append(compound)
        self._not_given = frozenset(people.not_given + people.mask_chars)
        self._not_names = tuple(people.not_names)
        self._followers = frozenset(people.name_followers)
        self._verbs = tuple(people.name_verbs)
        self._leaders = frozenset(people.name_leaders)
        self._separators = frozenset(people.cue_separators)
        self._titles = TermMatcher({"title": context.official_titles})
        cues = [*context.official_titles, *context.bylines, *context.private_cues]
        self._leads = TermMatcher({"lead": [*cues, *context.naming_cues]})
        self._village_group = re.compile(village_group(context.village_group_units))

    def persons(self, texts: Sequence[str]) -> list[list[Span]]:
        return [self._persons(text) for text in texts]

    def _persons(self, text: str) -> list[Span]:
        found: set[Span] = set()
        for hit in self._titles.find(text):
            span = self._name_ending_at(text, hit.start)
            if span is not None:
                found.add(span)
        for end in self._lead_ends(text):
            found.update(self._names_from(text, end))
        return sorted(
            s for s in drop_contained(found) if not text.startswith(self._not_names, s[0])
        )

    def _lead_ends(self, text: str) -> Iterable[int]:
        """Where a name may follow: after a cue, or after a village group number ("六组王德才")."""
        yield from (hit.end for hit in self._leads.find(text))
        yield from (match.end() for match in self._village_group.finditer(text))

    def name_at(self, text: str, start: int, end: int) -> int | None:
        """End of the longest name starting at ``start`` and ending by ``end``, or None."""
        surname = next(
            (
                s
                for s in self._compound.get(text[start : start + 1], ())
                if text.startswith(s, start)
            ),
            None,
        )
        head = start + (len(surname) if surname else 1)
        if surname is None and (start >= len(text) or text[start] not in self._surnames):
            return None
        if text[start] in self._leaders:
            return None
        given = 0
        while given < 2 and head + given < min(end, len(text)):
            char = text[head + given]
            if not _is_cjk(char) or char in self._not_given:
                break
            given += 1
        return head + given if given else None

    def _name_ending_at(self, text: str, end: int) -> Span | None:
        for length in (3, 2, 4):
            start = end - length
            if (
                start >= 0
                and self._leads_name(text, start)
                and self.name_at(text, start, end) == end
            ):
                return start, end
        return None

    def _leads_name(self, text: str, start: int) -> bool:
        """Whether a name may start here: at the start, after a non-Chinese character or after
        a word that precedes names ("的张良玉副厅长"), not inside a word ("共和国主席")."""
        return start == 0 or not _is_cjk(text[start - 1]) or text[start - 1] in self._leaders

    def _names_from(self, text: str, position: int) -> list[Span]:
        """Names right after a cue, and a list of them joined by 、 or ，."""
        names: list[Span] = []
        while True:
            while position < len(text) and text[position] in self._separators:
                position += 1
            end = self._bounded_name(text, position)
            if end is None:
                return names
            names.append((position, end))
            if end >= len(text) or text[end] not in "、,，":
                return names
            position = end + 1

    def _bounded_name(self, text: str, start: int) -> int | None:
        """A name after a cue must be followed by a boundary, so that "当事人索要证明" is no
        name: the longest candidate that ends at punctuation, a digit, a name follower or a verb
        that follows names."""
        end = self.name_at(text, start, start + 4)
        while end is not None and end > start + 1:
            if end >= len(text) or text[end] in self._followers:
                return end
            if text.startswith(self._verbs, end):
                return end
            end -= 1
        return None


def drop_contained(spans: set[Span]) -> list[Span]:
    """The spans not inside another one."""
    return [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]


class NerNameSource:
    """Adapts the trained spaCy NER model (``review_desk.ner.model``) to :class:`NameSource`."""

    detector_id = "ner_names"

    def __init__(self, model: EntityModel, batch_size: int = 256) -> None:
        self._model = model
        self._batch_size = batch_size

    @classmethod
    def load(cls) -> NerNameSource | None:
        """The shipped model, or None (with a logged notice) when it is absent or broken."""
        try:
            from review_desk.ner.model import default_model
        except ImportError as exc:
            log.info("NER model package unavailable (%s); using the baseline name source", exc)
            return None
        try:
            return cls(default_model())
        except Exception as exc:
            log.warning("NER model failed to load (%s); using the baseline name source", exc)
            return None

    def persons(self, texts: Sequence[str]) -> list[list[Span]]:
        entities = self._model.entities(texts, batch_size=self._batch_size)
        return [[(e.start, e.end) for e in ents if e.label == "PER"] for ents in entities]


class UnionNameSource:
    """The NER model's names plus the baseline's cue-marked ones: a name right after 户主 or
    申请人 that the model misses would leak, and the baseline proposes only such names."""

    detector_id = "ner_names"

    def __init__(self, primary: NameSource, secondary: NameSource) -> None:
        self._sources = (primary, secondary)

    def persons(self, texts: Sequence[str]) -> list[list[Span]]:
        found = [source.persons(texts) for source in self._sources]
        return [sorted(drop_contained(set(a) | set(b))) for a, b in zip(*found, strict=True)]
