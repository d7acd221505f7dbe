"""The Detector: every finding of a document, each with its POLICY.md §5 action and why.

The plan of the whole document comes first (``plan.py``); then per chunk of blocks: the Presidio
analyzer (identifiers), table columns and health terms (``candidates.py``), the name source
(``people.py``), and each block's decisions (``decide.py``); per document: the markings.
Matching runs on each block's normalised text and every finding is mapped back to the block's
original offsets.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import TypeVar, cast

from review_desk.core.document import Block, Document
from review_desk.core.findings import Finding
from review_desk.core.heap import frozen_heap
from review_desk.core.templated import CellFindings, Recalled, TemplatedFindings
from review_desk.detect.actions import ActionRules
from review_desk.detect.analyzer import ChineseAnalyzer
from review_desk.detect.candidates import BlockCandidates
from review_desk.detect.cell_memo import CellMemo, Key
from review_desk.detect.cell_shapes import AddressClasses
from review_desk.detect.config import DetectRules, load_detect_rules
from review_desk.detect.decide import BlockDecisions
from review_desk.detect.health import HealthFindings
from review_desk.detect.markings import Markings
from review_desk.detect.names import (
    BaselineNameSource,
    NameSource,
    NerNameSource,
    Span,
    UnionNameSource,
)
from review_desk.detect.overlaps import LOOKALIKE_NAMES, NO_TYPES, is_id_cell
from review_desk.detect.parallel import can_fork, detect_in_processes
from review_desk.detect.people import PeopleCandidates
from review_desk.detect.plan import DetectionPlan, Planner
from review_desk.detect.range_cells import range_cells
from review_desk.detect.recognizers.health import HealthTermRecognizer
from review_desk.detect.recognizers.masked_name import MaskedNameRecognizer
from review_desk.detect.tables import ColumnRoles, RowInfo
from review_desk.detect.text_tables import TextTables
from review_desk.detect.views import BlockView

P = TypeVar("P")


class Detector:
    """Builds the analyzer, matchers and rules once; reusable across documents. Construct one per
    worker process (it holds compiled automata and Presidio objects, not meant to be pickled).

    ``prescreen=False`` sends every block to Presidio: the reference the tests compare with."""

    def __init__(
        self,
        *,
        names: NameSource | None = None,
        rules: DetectRules | None = None,
        prescreen: bool = True,
    ) -> None:
        self.rules = rules = rules or load_detect_rules()
        self.analyzer = ChineseAnalyzer(rules.identifiers, prescreen=prescreen)
        self.names: NameSource = names or BaselineNameSource(rules.people, rules.context)
        actions = ActionRules(rules.context)
        columns = ColumnRoles(rules.tables)
        health = HealthTermRecognizer(rules.health)
        masked_names = MaskedNameRecognizer(rules.people)
        text_tables = TextTables(columns, rules.tables)
        listed = [
            *rules.context.allow_list,
            *(t for ts in rules.context.deny_list.values() for t in ts),
        ]
        addresses = AddressClasses(
            rules.identifiers.recognizers.address, rules.identifiers.hotlines, listed
        )
        self.planner = Planner(columns, text_tables, actions, rules.context.title_blocks, addresses)
        self.candidates = BlockCandidates(rules, actions, columns, health, masked_names)
        self.people = PeopleCandidates(self.names, rules, columns, masked_names)
        self.decisions = BlockDecisions(actions, HealthFindings(health, rules.health.score))
        self._markings = Markings(rules.markings)

    def detect(self, document: Document, workers: int = 1) -> list[Finding]:
        """All findings in block order, markings last. With ``workers`` > 1 the chunks of a big
        document are detected in that many forked processes, with the same result."""
        return [f for part in self.detect_parts(document, list, workers) for f in part]

    def detect_parts(
        self, document: Document, finish: Callable[[Sequence[Finding]], P], workers: int = 1
    ) -> list[P]:
        """``finish`` of each chunk's findings, in block order, then of the markings'. With
        ``workers`` > 1 the chunks of a big document and its markings are detected in that
        many forked processes, each part finished in the process that found it."""
        with frozen_heap():
            plan = self.plan(document)
            tasks: list[Callable[[], Sequence[Finding]]] = [
                partial(self.range_findings, plan, *chunk) for chunk in plan.chunks()
            ]
            tasks.append(partial(self.markings, document))
            if workers > 1 and len(tasks) > 2 and can_fork():
                return detect_in_processes(tasks, finish, workers)
            parts = []
            for task in tasks:
                parts.append(finish(task()))
                # What the task left joins the frozen heap (its work objects are gone).
                gc.freeze()
        return parts

    def plan(self, document: Document) -> DetectionPlan:
        return self.planner.plan(document)

    def markings(self, document: Document) -> list[Finding]:
        """Findings of the document-head markings (密级, 内部资料, 公开属性 …)."""
        return self._markings.findings(document)

    def detect_range(self, plan: DetectionPlan, start: int, stop: int) -> list[Finding]:
        """Findings of ``plan.blocks[start:stop]`` in block order (markings aside). A cell whose
        row and text were detected before takes the findings it had then (``cell_memo.py``)."""
        return list(self.range_findings(plan, start, stop))

    def range_findings(self, plan: DetectionPlan, start: int, stop: int) -> TemplatedFindings:
        """``detect_range``, the findings of remembered cells left as templates."""
        cells = range_cells(plan, start, stop)
        ids, originals, keys = cells.ids, cells.originals, cells.keys
        memo = plan.memo
        found = memo.recall_all(keys, ids, originals)
        # A text repeated within the range is detected at its first cell only.
        first: dict[Key, int] = {}
        todo = [
            i
            for i, key in enumerate(keys)
            if found[i] is None and (key is None or first.setdefault(key, i) == i)
        ]
        detected = self._detect_blocks(
            plan,
            [cells.block(i) for i in todo],
            [cells.view(i) for i in todo],
            [cells.rows[i] for i in todo],
        )
        for i, findings in zip(todo, detected, strict=True):
            found[i] = findings
            if (key := keys[i]) is not None:
                memo.remember(key, findings)
        for i in [i for i, findings in enumerate(found) if findings is None]:
            found[i] = _recalled(memo, keys[i], ids[i], originals[i])
        return TemplatedFindings(cast(list[CellFindings], found))

    def _detect_blocks(
        self,
        plan: DetectionPlan,
        blocks: list[Block],
        views: list[BlockView],
        rows: list[RowInfo | None],
    ) -> list[list[Finding]]:
        """Each block's findings, every stage run on all of them at once."""
        results = self.analyzer.analyze_many(*_analyzed(views, rows))
        works = [
            self.candidates.work(block, view, row, found)
            for block, view, row, found in zip(blocks, views, rows, results, strict=True)
        ]
        self.people.add([work for work in works if work is not None])
        purpose = plan.purpose
        return [[] if work is None else self.decisions.findings(work, purpose) for work in works]


def _recalled(memo: CellMemo, key: Key | None, block_id: str, text: str) -> Recalled:
    """The findings of a cell whose text came earlier in its range."""
    assert key is not None, "only a remembered cell is left undetected"
    findings = memo.recall(key, block_id, text)
    assert findings is not None, "its first cell was detected and remembered"
    return findings


def _analyzed(
    views: list[BlockView], rows: list[RowInfo | None]
) -> tuple[list[str], list[frozenset[str]]]:
    """What the analyzer reads of each block (nothing of a label), and the types it need not
    look for: in one cell of an ID column, a look-alike's result would be dropped."""
    texts: list[str] = []
    unwanted: list[frozenset[str]] = []
    for view, row in zip(views, rows, strict=True):
        texts.append("" if row is not None and row.label else view.text)
        unwanted.append(LOOKALIKE_NAMES if is_id_cell(row, view.text) else NO_TYPES)
    return texts, unwanted


class LazyNameSource:
    """A name source built when it is first asked for names. The NER model takes ~1.5 s and
    ~140 MB to load, in each process of a scan; a sheet whose text is all in typed columns (an ID,
    a name, an amount) never asks for it."""

    def __init__(self, build: Callable[[], NameSource]) -> None:
        self._build = build
        self._source: NameSource | None = None

    @property
    def source(self) -> NameSource:
        if self._source is None:
            self._source = self._build()
        return self._source

    @property
    def detector_id(self) -> str:
        return str(getattr(self.source, "detector_id", "names"))

    def persons(self, texts: Sequence[str]) -> list[list[Span]]:
        return self.source.persons(texts)


def make_name_source(rules: DetectRules) -> NameSource:
    """The NER model (with the baseline's cue-marked names) when it is installed and loads,
    else the surname/context baseline alone."""
    baseline = BaselineNameSource(rules.people, rules.context)
    ner = NerNameSource.load()
    return baseline if ner is None else UnionNameSource(ner, baseline)


@lru_cache(maxsize=1)
def default_detector() -> Detector:
    rules = load_detect_rules()
    return Detector(names=LazyNameSource(partial(make_name_source, rules)), rules=rules)
