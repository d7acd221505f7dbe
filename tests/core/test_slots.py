"""The quick ``__init__`` builds the same objects as the one ``dataclasses`` writes."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from dataclasses import dataclass, field

import pytest

from review_desk.core.document import Block, BlockKind, OcrBlock
from review_desk.core.findings import Action, Finding, FindingType
from review_desk.core.slots import quick_init


@dataclass(frozen=True, slots=True)
class _Plain:
    name: str
    size: int = 0
    tags: tuple[str, ...] = ()


@quick_init
@dataclass(frozen=True, slots=True)
class _Quick:
    name: str
    size: int = 0
    tags: tuple[str, ...] = ()


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [(("a",), {}), (("a", 3), {}), (("a",), {"tags": ("x",)}), ((), {"name": "a", "size": 2})],
)
def test_the_fields_are_those_the_dataclass_init_sets(
    args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    assert dataclasses.astuple(_Quick(*args, **kwargs)) == dataclasses.astuple(
        _Plain(*args, **kwargs)
    )


def test_the_signature_and_the_errors_are_the_dataclass_s() -> None:
    assert str(inspect.signature(_Quick)) == str(inspect.signature(_Plain))
    with pytest.raises(TypeError):
        _Quick()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Quick("a", 1, (), 4)  # type: ignore[call-arg]


def test_the_object_stays_frozen_hashable_and_picklable() -> None:
    block = Block("s0:r1:c2", BlockKind.SHEET_CELL, "王秀英", 1, 2, "姓名", None, "低保")
    with pytest.raises(dataclasses.FrozenInstanceError):
        block.text = "x"  # type: ignore[misc]
    same = Block(
        "s0:r1:c2", BlockKind.SHEET_CELL, "王秀英", row=1, column=2, header="姓名", sheet="低保"
    )
    assert block == same and hash(block) == hash(same)
    assert pickle.loads(pickle.dumps(block)) == block
    assert dataclasses.replace(block, text="李某").text == "李某"
    finding = Finding(FindingType.PERSON, "p1", 0, 3, "王秀英", 0.85, Action.REDACT, "names", "")
    assert pickle.loads(pickle.dumps(finding)) == finding


def test_a_subclass_keeps_its_own_init() -> None:
    ocr = OcrBlock("pg1:l1", BlockKind.PDF_LINE, "王秀英", page=1, char_confidences=(0.9,) * 3)
    assert ocr.page == 1 and ocr.confidence == pytest.approx(0.9)


@dataclass(slots=True)
class _Mutable:
    name: str


@dataclass(frozen=True, slots=True)
class _Factory:
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _PostInit:
    name: str

    def __post_init__(self) -> None:
        pass


@pytest.mark.parametrize("cls", [_Mutable, _Factory, _PostInit, str])
def test_a_class_it_cannot_serve_is_refused(cls: type) -> None:
    with pytest.raises(TypeError):
        quick_init(cls)
