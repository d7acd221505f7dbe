"""Health and disability information (POLICY.md §4 HEALTH_INFO): terms of disease, disability
and mental health from ``rules/health.yaml``, with the disability categories and grades of
GB/T 26341-2010 (残疾人残疾分类和分级: 视力, 听力, 言语, 肢体, 智力, 精神, 多重; 一级 to 四级).
个人信息保护法第二十八条 makes them sensitive personal information, but only when tied to a
person: the engine keeps a term only next to a name, a private-person cue or in a row of a person
table; policy prose about 残疾人补贴 is no finding.

A category with its grade is a person's value whichever order it is written in (肢体二级,
肢体残疾二级, 二级肢体, 一级视力残疾); a category alone is one only as a whole cell or after a
disability label ("残疾类别：肢体"). A field name that holds a term (残疾证号, 残疾类别及等级) is a
label, not a value (POLICY.md §5): a term inside it is no finding where it stands as a label (a
header cell, a form's label before its colon).
"""

from __future__ import annotations

import re

from review_desk.detect.config import HealthRules
from review_desk.detect.recognizers.health_extend import TermExtender
from review_desk.detect.recognizers.lines import alternation
from review_desk.detect.terms import TermHit, TermMatcher

_SENTENCE_END = re.compile(r"[。！？；;!?\n]")
#: What may follow a label where it stands as one: the end, its colon, a bracket, a blank, the
#: next label of a list ("残疾证号、残疾类别").
_AFTER_LABEL = r"(?=\s|[:：(（\[【/、及和与]|$)"
#: Decoration of a cell around a value: blanks, brackets, a trailing colon.
_CELL_DECORATION = " \t\u3000:：()（）[]【】"
HEALTH = "health"
#: After a term, what makes its clause a condition ("患有重大疾病的，", "…者"): a rule for anyone.
_GENERIC = re.compile(
    r"[^，,。；;！？!?\n]{0,8}?(?:的\s*[，,]|者\s*[，,可应须]|的家庭|的人员|的群众|的对象)"
)
#: Before a term in its clause, what opens a condition ("如其…", "凡…", "对于其…").
_CONDITION = re.compile(
    r"(?:^|[，,。；;：:\n])\s*(?:如果|如(?![今此何同实])|若|凡是|凡|对于)[^，,。；;！？!?\n]*$"
)


class HealthTermRecognizer:
    NAME = "health_info"

    def __init__(self, rules: HealthRules) -> None:
        self.person_distance = rules.person_distance
        self._matcher = TermMatcher({HEALTH: rules.all_terms})
        self._extender = TermExtender(rules.extensions)
        disability = rules.disability
        category = alternation(disability.categories)
        grade = alternation(disability.grades)
        links = alternation(disability.links)
        links_part = f"(?:{links})*" if links else ""
        self._graded = re.compile(
            rf"(?:{category}){links_part}(?:{grade})(?:残疾)?|(?:{grade})(?:{category})(?:残疾)?"
        )
        self._categories = frozenset(
            [*disability.categories, *(f"{c}残疾" for c in disability.categories)]
        )
        self._labels = (
            re.compile(rf"(?:{alternation(rules.labels)}){_AFTER_LABEL}") if rules.labels else None
        )
        self._labelled = (
            re.compile(
                rf"(?:{alternation(rules.disability_labels)})[\s:：]*"
                rf"(?P<value>(?:{category})(?:残疾)?(?:{grade})?|(?:{grade}))"
            )
            if rules.disability_labels
            else None
        )
        self._label_openers = tuple(rules.label_openers)
        self._label_endings = tuple(rules.label_endings)
        self._label_max_chars = rules.label_max_chars
        references = _references(rules.personal_references)
        verbs = alternation(rules.illness_verbs)
        if rules.illness_degrees:
            verbs = rf"(?:{verbs})(?:{alternation(rules.illness_degrees)})?"
        self._reference = (
            re.compile(rf"(?:{references})[^。！？；;!?\n]{{0,6}}?(?:{verbs})$")
            if rules.personal_references and rules.illness_verbs
            else None
        )
        # "因腰椎间盘突出，他…": a pronoun opens the next clause ("…的，其家庭" may be anyone's).
        pronouns = rules.following_references
        self._reference_after = (
            re.compile(rf"[^。！？；;!?\n]{{0,4}}?[，,]\s*(?:{_references(pronouns)})")
            if pronouns
            else None
        )
        self._unticked = frozenset(rules.unticked_boxes)
        self._choice_reach = rules.choice_reach
        self._choice_ends = frozenset(rules.choice_ends)
        self._reference_reach = rules.reference_reach
        # "付春梅因脑梗死导致偏瘫", "李某某患有尿毒症": the name, an illness verb, the term.
        self._illness_of = re.compile(rf"\s*(?:{verbs})") if rules.illness_verbs else None
        # Every term, category, grade and disability label is a literal word, and a text holds
        # one only if it holds each of its characters: a text with none of the words' characters
        # holds none. Digits are left out where a word has others ("1级" needs 级), so that the
        # cells of numbers (most of a sheet) are passed over in one search.
        vocabulary = {
            *rules.all_terms,
            *disability.categories,
            *disability.grades,
            *rules.disability_labels,
        }
        alphabet = "".join(sorted({char for word in vocabulary for char in _telling(word)}))
        self._alphabet = re.compile(f"[{re.escape(alphabet)}]") if alphabet else None

    def terms(self, text: str) -> list[TermHit]:
        """Longest non-overlapping terms (精神分裂症 rather than 精神分裂 inside it), but for those
        inside a label, and none in a text that is a field's label."""
        if self._alphabet is None or self._alphabet.search(text) is None or self._is_label(text):
            return []
        terms = [self._extender.extend(text, hit) for hit in self._matcher.find(text)]
        found = terms + self._disability_values(text)
        labels = self._label_spans(text)
        kept: list[TermHit] = []
        for hit in sorted(found, key=lambda h: (h.start, -(h.end - h.start))):
            if kept and hit.start < kept[-1].end:
                continue
            if any(start <= hit.start and hit.end <= end for start, end in labels):
                continue
            if self._unticked_choice(text, hit):
                continue
            kept.append(hit)
        return kept

    def _unticked_choice(self, text: str, hit: TermHit) -> bool:
        """The term is in a choice whose box is not ticked ("□因残", "○门诊慢性病")."""
        for char in reversed(text[max(0, hit.start - self._choice_reach) : hit.start]):
            if char in self._unticked:
                return True
            if char in self._choice_ends or not ("\u4e00" <= char <= "\u9fff"):
                return False
        return False

    def _is_label(self, text: str) -> bool:
        """A short field name that asks about health or names a field: "是否患有重大疾病或残疾",
        "家庭成员患病情况"."""
        label = text.strip(_CELL_DECORATION)
        if not label or len(label) > self._label_max_chars:
            return False
        return label.startswith(self._label_openers) or label.endswith(self._label_endings)

    def _disability_values(self, text: str) -> list[TermHit]:
        """Categories with their grades, a category after a disability label, a category that is
        a whole cell."""
        hits = [_hit(m.start(), m.end(), m.group(0)) for m in self._graded.finditer(text)]
        if self._labelled is not None:
            hits.extend(
                _hit(m.start("value"), m.end("value"), m.group("value"))
                for m in self._labelled.finditer(text)
            )
        value = text.strip(_CELL_DECORATION)
        if value in self._categories:
            start = text.index(value)
            hits.append(_hit(start, start + len(value), value))
        return hits

    def _label_spans(self, text: str) -> list[tuple[int, int]]:
        if self._labels is None:
            return []
        return [m.span() for m in self._labels.finditer(text)]

    def _referred(self, hit: TermHit, text: str) -> tuple[int, int] | None:
        if self._reference is None:
            return None
        if _GENERIC.match(text, hit.end) or _CONDITION.search(
            text, max(0, hit.start - 24), hit.start
        ):
            # "如其家庭成员患有重大疾病的，…": a condition of a rule, anyone's.
            return None
        window = max(0, hit.start - self._reference_reach)
        match = self._reference.search(text, window, hit.start)
        if match is None and self._reference_after is not None:
            match = self._reference_after.match(text, hit.end)
        return None if match is None else match.span()

    def illness_of(self, hit: TermHit, person: tuple[int, int], text: str) -> bool:
        """Whether the text tells of the person's own illness: the name, an illness verb, then
        the term ("付春梅因脑梗死…", "王某某患有尿毒症")."""
        end = person[1]
        if self._illness_of is None or end > hit.start:
            return False
        return self._illness_of.fullmatch(text, end, hit.start) is not None

    def tied(
        self, hit: TermHit, people: list[tuple[int, int]], text: str
    ) -> tuple[int, int] | None:
        """The person span within reach of the term in the same sentence, if any; or the
        reference to a person right before it ("其患…", "他因…")."""
        reference = self._referred(hit, text)
        if reference is not None:
            return reference
        for start, end in people:
            gap = (end, hit.start) if end <= hit.start else (hit.end, start)
            if 0 <= gap[1] - gap[0] <= self.person_distance and not _SENTENCE_END.search(
                text, *gap
            ):
                return start, end
        return None


def _references(words: list[str]) -> str:
    """References to one person: 其 and 他 of 其他/其中 ("其他患有尿毒症的群众") refer to no one."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        part = re.escape(word)
        if not word.startswith("其"):
            part = "(?<!其)" + part
        if word.endswith("其"):
            part += "(?![他它中余实次后间])"
        parts.append(part)
    return "|".join(parts)


def _hit(start: int, end: int, term: str) -> TermHit:
    return TermHit(start, end, term, HEALTH)


def _telling(word: str) -> str:
    """The characters of ``word`` a text must hold to hold it, digits only where it has nothing
    else."""
    return "".join(char for char in word if not char.isdigit()) or word
