"""The item views of the queue and the history, set up for their models."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from review_desk.gui.history_model import HistoryModel
from review_desk.gui.queue_model import ATTRIBUTE, STATE, BadgeDelegate, QueueModel


def _table() -> QTableView:
    view = QTableView()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


def queue_table(model: QueueModel) -> QTableView:
    view = _table()
    view.setModel(model)
    for column, width in enumerate((112, 52, 96, 120)):
        view.setColumnWidth(column, width)
    view.setItemDelegateForColumn(ATTRIBUTE, BadgeDelegate(view))
    # State labels differ in length by language ("已扫描", "Awaiting approval").
    view.horizontalHeader().setSectionResizeMode(STATE, QHeaderView.ResizeMode.ResizeToContents)
    # Two lines a row: file names and the counts per type wrap instead of being cut off.
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(2 * view.fontMetrics().height() + 10)
    view.setWordWrap(True)
    return view


def history_table(model: HistoryModel) -> QTableView:
    view = _table()
    view.setModel(model)
    for column, width in enumerate((140, 70, 100)):
        view.setColumnWidth(column, width)
    return view
