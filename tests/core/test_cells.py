"""A store of sheet cells behaves as the list of blocks it stands for."""

from __future__ import annotations

import pickle

import pytest

from review_desk.core.cells import CellStore, block_ids_of, loose_blocks, texts_of, with_text
from review_desk.core.document import Block, BlockKind

_CELL = BlockKind.SHEET_CELL
#: (sheet index, name, headers, cells as (row, column, text)).
_RUNS = [
    (0, "名单", {}, [(0, 0, "2024年低保名单")]),
    (0, "名单", {0: "姓名", 1: "身份证号"}, [(2, 0, "王伟"), (2, 1, "110105"), (3, 0, "李芳")]),
    (1, "说明", {}, [(4, 2, "经办人：郑十一")]),
]
_LOOSE = [
    Block("prop:author", BlockKind.PROPERTY, "孙八", origin="property"),
    Block("prop:empty", BlockKind.PROPERTY, "", origin="property"),
]


def _store() -> CellStore:
    store = CellStore()
    for index, name, headers, cells in _RUNS:
        run = store.run(index, name, headers)
        for row, column, text in cells:
            run.texts.append(text)
            run.rows.append(row)
            run.columns.append(column)
    store.extend(_LOOSE)
    return store


def _expected() -> list[Block]:
    made = [
        Block(
            f"s{index}:r{row}:c{column}", _CELL, text, row, column, headers.get(column), None, name
        )
        for index, name, headers, cells in _RUNS
        for row, column, text in cells
    ]
    return made + _LOOSE


def test_a_store_is_its_list_of_blocks() -> None:
    store, expected = _store(), _expected()
    assert len(store) == len(expected) == 7
    assert list(store) == expected
    assert store == expected
    assert [store[i] for i in range(-len(store), len(store))] == expected + expected
    with pytest.raises(IndexError):
        store[len(store)]


@pytest.mark.parametrize(("start", "stop"), [(0, 7), (0, 0), (1, 3), (2, 6), (4, 5), (3, 99)])
def test_slices_texts_and_ids_are_the_list_s(start: int, stop: int) -> None:
    store, expected = _store(), _expected()
    assert store[start:stop] == expected[start:stop]
    assert texts_of(store, start, stop) == [b.text for b in expected[start:stop]]
    assert block_ids_of(store, start, stop) == [b.id for b in expected[start:stop]]
    assert sum(last - first for _, first, last in store.spans(start, stop)) == len(
        expected[start:stop]
    )
    assert store[start:stop:2] == expected[start:stop:2]


def test_filters_read_the_parts() -> None:
    store = _store()
    assert list(with_text(store)) == [b for b in _expected() if b.text]
    assert list(loose_blocks(store)) == _LOOSE
    assert list(loose_blocks(_LOOSE)) == _LOOSE


def test_a_store_crosses_a_process_boundary() -> None:
    assert pickle.loads(pickle.dumps(_store())) == _expected()
