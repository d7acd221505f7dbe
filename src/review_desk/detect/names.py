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


def village_name(towns: Sequence[str], villages: Sequence[str]) -> str | None:
    """A village after its town ("秀水镇东关村", "路家村镇路家村"): the nearest village unit
    after the town ends it, so the name that follows starts right there."""
    if not towns or not villages:
        return None
    town = "|".join(map(re.escape, sorted(towns, key=len, reverse=True)))
    village = "|".join(map(re.escape, sorted(villages, key=len, reverse=True)))
    return rf"(?:{town})[\u4e00-\u9fff]{{1,6}}?(?:{village})"


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
        self._numerals = frozenset(people.given_numerals)
        self._not_after_numeral = frozenset(people.not_after_numeral)
        self._not_names = tuple(people.not_names)
        self._followers = frozenset(people.name_followers)
        self._counts = (
            re.compile(f"[{re.escape(people.count_numerals)}][{re.escape(people.count_units)}]")
            if people.count_numerals and people.count_units
            else None
        )
        self._verbs = tuple(people.name_verbs)
        self._leaders = frozenset(people.name_leaders)
        self._separators = frozenset(people.cue_separators)
        self._titles = TermMatcher({"title": context.official_titles})
        cues = [
            *context.official_titles,
            *context.bylines,
            *context.private_cues,
            *context.relatives,
            *context.name_labels,
        ]
        leads = [*cues, *context.naming_cues, *context.pseudonym_cues]
        self._leads = TermMatcher({"lead": leads})
        self._village_group = re.compile(village_group(context.village_group_units))
        village = village_name(context.town_units, context.village_units)
        self._village = re.compile(village) if village else None
        self._described = _described(context.person_descriptors.after_separator)
        self._led_followers = frozenset(people.led_name_followers)
        self.recurring_chars = people.recurring_name_chars
        self._list_reach = people.list_reach
        aside = _aside(people.list_aside_chars)
        self._joint_after = re.compile(rf"{aside}、")
        self._joint_before = re.compile(rf"{aside}、$")
        self._cue_list_joint = re.compile(rf"{aside}[、,，]")

    def persons(self, texts: Sequence[str]) -> list[list[Span]]:
        return self.recurring(texts, [self._persons(text) for text in texts])

    def recurring(self, texts: Sequence[str], spans: list[list[Span]]) -> list[list[Span]]:
        """``recurring`` with the rules' shortest recurring name."""
        return recurring(texts, spans, self.recurring_chars)

    def _persons(self, text: str) -> list[Span]:
        found: set[Span] = set()
        for hit in self._titles.find(text):
            span = self._name_ending_at(text, hit.start)
            if span is not None:
                found.add(span)
        for end in self._lead_ends(text):
            found.update(self._names_from(text, end))
        found.update(self._salutations(text))
        found.update(self._described_names(text))
        return sorted(
            s for s in drop_contained(found) if not text.startswith(self._not_names, s[0])
        )

    def _salutations(self, text: str) -> Iterable[Span]:
        """The name alone on a letter's salutation line ("王某某：", "王某某女士："): a letter of
        an office to a private person (依申请公开答复书, 告知书)."""
        for match in _SALUTATION.finditer(text):
            start, end = match.span("name")
            if self.name_at(text, start, end) == end:
                yield start, end

    def _described_names(self, text: str) -> Iterable[Span]:
        """A name that opens a list item or a clause and is described as a person right after
        ("王某某，男，58岁", "李某某（女）"): no cue before it, but no doubt about it."""
        for match in self._described.finditer(text):
            end = match.start()
            for begin in (end - 3, end - 2, end - 4):
                if begin < 0 or not _opens_item(text, begin):
                    continue
                if self.name_at(text, begin, end) == end:
                    yield begin, end
                    break

    def list_neighbours(self, text: str, spans: Iterable[Span]) -> list[Span]:
        """Names joined by 、 to a name already found ("张某某、王二小、李某某"): a list of names
        is a list of names, whether or not a model found each of them."""
        found: set[Span] = set()
        todo = list(spans)
        while todo:
            start, end = todo.pop()
            for span in (self._next_in_list(text, end), self._previous_in_list(text, start)):
                if span is not None and span not in found and not _overlaps(span, spans):
                    found.add(span)
                    todo.append(span)
        return sorted(found)

    def _next_in_list(self, text: str, end: int) -> Span | None:
        joint = self._joint_after.match(text, end)
        if joint is None:
            return None
        name_end = self._bounded_name(text, joint.end())
        return None if name_end is None else (joint.end(), name_end)

    def _previous_in_list(self, text: str, start: int) -> Span | None:
        joint = self._joint_before.search(text, max(0, start - self._list_reach), start)
        if joint is None:
            return None
        end = joint.start()
        for begin in (end - 3, end - 2, end - 4):
            opens = begin == 0 or (
                begin > 0 and (text[begin - 1] == "、" or not _is_cjk(text[begin - 1]))
            )
            if opens and self.name_at(text, begin, end) == end:
                return begin, end
        return None

    def _lead_ends(self, text: str) -> Iterable[int]:
        """Where a name may follow: after a cue, a village group number ("六组王德才") or a
        village after its town ("东关村武二平")."""
        yield from (hit.end for hit in self._leads.find(text))
        yield from (match.end() for match in self._village_group.finditer(text))
        if self._village is not None:
            yield from (match.end() for match in self._village.finditer(text))

    def name_at(self, text: str, start: int, end: int, *, leader_ok: bool = False) -> int | None:
        """End of the longest name starting at ``start`` and ending by ``end``, or None. A name
        does not start with a word that leads names (向, 和) unless ``leader_ok``."""
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
        if text[start] in self._leaders and not leader_ok:
            return None
        given = 0
        stop = min(end, len(text))
        while given < 2 and head + given < stop:
            char = text[head + given]
            if not _is_cjk(char) or (
                char in self._not_given and not self._numeral_opens(text, head, given, stop)
            ):
                break
            given += 1
        return head + given if given else None

    def _numeral_opens(self, text: str, head: int, given: int, stop: int) -> bool:
        """A numeral opens a given name when a name character follows it ("王二小", "李一帆"),
        not a word of counting ("王一家", "二组")."""
        if given != 0 or text[head] not in self._numerals or head + 1 >= stop:
            return False
        following = text[head + 1]
        return (
            _is_cjk(following)
            and following not in self._not_given
            and following not in self._not_after_numeral
        )

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
            joint = self._cue_list_joint.match(text, end)
            if joint is None:
                return names
            position = joint.end()

    def _bounded_name(self, text: str, start: int) -> int | None:
        """A name after a cue must be followed by a boundary, so that "当事人索要证明" is no
        name: the longest candidate that ends at punctuation, a digit, a name follower or a verb
        that follows names. A surname that also leads names (向春花 beside 向记者反映) must be
        followed by punctuation or a word that only follows a person (因, 患, 家, 男, 现年)."""
        led = start < len(text) and text[start] in self._leaders
        end = self.name_at(text, start, start + 4, leader_ok=led)
        while end is not None and end > start + 1:
            if end >= len(text) or text[end] in (self._led_followers if led else self._followers):
                return end
            if not led and text.startswith(self._verbs, end):
                return end
            if self._counts is not None and self._counts.match(text, end):
                return end
            end -= 1
        return None


def _aside(longest: int) -> str:
    """What may stand between two names of a list besides 、 (or, after a cue, a comma: "低保对象
    张某、李某，王某"): an aside on the first one ("张某某（1000元）、王某某", "张某某800元、王某某")."""
    return rf"(?:[(（][^()（）]{{0,{longest}}}[)）]|\d+(?:\.\d+)?元)?"


#: Where a list item or a clause may open: the text's start, a blank, punctuation, a number.
_ITEM_OPENERS = frozenset(" \t\n\u3000、，,。;；:：)）.．")


def _opens_item(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] in _ITEM_OPENERS or text[start - 1].isdigit()


def _described(words: Sequence[str]) -> re.Pattern[str]:
    """A separator, then a word that describes a person ("，男", "（女", "，58岁", "，现年")."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        tail = r"(?=[，,、)）\s]|$)" if len(word) == 1 else ""
        parts.append(re.escape(word) + tail)
    parts.append(r"\d{1,3}\s*岁")
    return re.compile(rf"[，,、(（\s]+(?:{'|'.join(parts)})")


#: A salutation line of a letter: a name (and 先生/女士), a colon, nothing else on the line.
_SALUTATION = re.compile(
    r"(?:^|(?<=\n))[ \t\u3000]*(?P<name>[\u4e00-\u9fff·]{2,5}?)"
    r"\s*(?:先生|女士)?\s*[:：][ \t\u3000]*(?=\n|$)"
)


def _overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


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

    def __init__(self, primary: NameSource, baseline: BaselineNameSource) -> None:
        self._primary = primary
        self._baseline = baseline

    def persons(self, texts: Sequence[str]) -> list[list[Span]]:
        baseline = self._baseline
        found = [self._primary.persons(texts), baseline.persons(texts)]
        joined = [drop_contained(set(a) | set(b)) for a, b in zip(*found, strict=True)]
        # The model finds most names of a list; the baseline adds their neighbours.
        joined = [
            drop_contained({*spans, *baseline.list_neighbours(text, spans)})
            for text, spans in zip(texts, joined, strict=True)
        ]
        return [sorted(spans) for spans in baseline.recurring(texts, joined)]


def recurring(texts: Sequence[str], spans: list[list[Span]], min_chars: int) -> list[list[Span]]:
    """The spans, plus every other occurrence in the same text of a name found in it: the model
    reads a name in one sentence and misses it in the next ("覃某某说…" after "名叫覃某某").
    Within one text only: any range of blocks is detected on its own with the same findings
    (``DetectionPlan``), so a name found in one block cannot mark another."""
    result = []
    for text, found in zip(texts, spans, strict=True):
        names = sorted({text[s:e] for s, e in found if e - s >= min_chars})
        if not names:
            result.append(found)
            continue
        taken = list(found)
        # Longest first at each place: "王二小" and "王二" both found.
        hits = TermMatcher({"name": names}).find(text)
        for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end)):
            if not _overlaps((hit.start, hit.end), taken):
                taken.append((hit.start, hit.end))
        result.append(sorted(taken))
    return result
