"""The export menu: the redacted copy (through the redact adapter), the 审查单 of the open
document, the review log and the statistics, each written by the same functions as the CLI and
recorded in the chain, in the background."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from review_desk.gui.prompts import Prompts
from review_desk.gui.tasks import LogExportTask, RedactedExportTask
from review_desk.gui.work import DeskWork

_PERIOD = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})?\s*(?:\.\.|至|~|—)\s*(\d{4}-\d{2}-\d{2})?\s*$")


class ExportActions(QObject):
    def __init__(
        self,
        window: QWidget,
        work: DeskWork,
        prompts: Prompts,
        current: Callable[[], tuple[str, str]],
    ) -> None:
        super().__init__(window)
        self._window, self._work, self._prompts, self._current = window, work, prompts, current
        self.actions = [
            self._action(self.tr("导出删减后副本…"), self.redacted_copy),
            self._action(self.tr("导出本文件审查单（PDF）…"), self.sheet),
            self._action(self.tr("导出审查记录（XLSX）…"), lambda: self.log("xlsx")),
            self._action(self.tr("导出审查记录（CSV）…"), lambda: self.log("csv")),
            self._action(self.tr("导出统计表（XLSX）…"), self.stats),
        ]

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def redacted_copy(self, out_dir: Path | None = None) -> None:
        doc_id, _ = self._current()
        if not doc_id:
            return
        out_dir = out_dir or self._prompts.folder(self._window, self.tr("删减后副本保存到"))
        if out_dir is not None:
            session = self._work.session
            self._work.run(
                RedactedExportTask(session.target, session.user, (doc_id,), str(out_dir))
            )

    def sheet(self, out: Path | None = None) -> None:
        doc_id, name = self._current()
        if not doc_id:
            return
        suggested = self.tr("审查单-%1.pdf").replace("%1", Path(name).stem)
        out = out or self._prompts.save_file(
            self._window, self.tr("导出审查单"), suggested, "PDF (*.pdf)"
        )
        if out is not None:
            self._run("sheet", out, doc_id)

    def log(self, fmt: str, out: Path | None = None) -> None:
        suggested = self.tr("审查记录.%1").replace("%1", fmt)
        out = out or self._prompts.save_file(
            self._window, self.tr("导出审查记录"), suggested, f"*.{fmt}"
        )
        if out is not None:
            self._run(f"log_{fmt}", out)

    def stats(
        self, out: Path | None = None, period: tuple[date | None, date | None] | None = None
    ) -> None:
        if period is None:
            answer = self._prompts.text(
                self._window,
                self.tr("统计期间"),
                self.tr("期间，如 2026-01-01..2026-12-31（留空为全部）："),
                "..",
            )
            if answer is None:
                return
            period = _period(answer)
            if period is None:
                self._prompts.warn(
                    self._window, self.tr("统计期间"), self.tr("期间格式应为 起始日期..结束日期")
                )
                return
        out = out or self._prompts.save_file(
            self._window, self.tr("导出统计表"), self.tr("统计表.xlsx"), "*.xlsx"
        )
        if out is not None:
            self._run("stats", out, period=period)

    def _run(
        self,
        kind: str,
        out: Path,
        doc_id: str = "",
        period: tuple[date | None, date | None] = (None, None),
    ) -> None:
        session = self._work.session
        self._work.run(LogExportTask(session.target, session.user, kind, str(out), doc_id, period))


def _period(text: str) -> tuple[date | None, date | None] | None:
    found = _PERIOD.match(text)
    if found is None:
        return None
    try:
        first, last = (date.fromisoformat(g) if g else None for g in found.groups())
    except ValueError:
        return None
    return first, last
