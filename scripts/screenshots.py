"""Screenshots of the reviewer's window in its main states, for docs/ and the README.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Runs offscreen on a throw-away store and config folder (the demo samples of a first run, the
real detector), and saves each state with ``widget.grab()``: the queue with a recipient list
open, the preview of its redacted copy, the secrecy-marked document, the approval by a second
person, the keyboard overlay, the office's lists, and the window in English.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = Path(tempfile.mkdtemp(prefix="review-desk-shots-"))
os.environ["XDG_DATA_HOME"] = str(_HOME / "data")
os.environ["XDG_CONFIG_HOME"] = str(_HOME / "config")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from review_desk.audit.store import Store  # noqa: E402
from review_desk.core.findings import FindingType  # noqa: E402
from review_desk.gui.app import create_application, install_translations  # noqa: E402
from review_desk.gui.jobs import ThreadRunner  # noqa: E402
from review_desk.gui.main_window import MainWindow, demo_samples  # noqa: E402
from review_desk.gui.office_dialog import OfficeListsDialog  # noqa: E402
from review_desk.gui.session import DeskSession  # noqa: E402
from review_desk.gui.settings import DeskSettings  # noqa: E402
from review_desk.gui.tasks import OfficeScan  # noqa: E402
from review_desk.office import OfficeLists, Official, RedactTerm, save_office_lists  # noqa: E402


def wait_until(done: Callable[[], bool], timeout_s: float = 120) -> None:
    end = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the window")
        QApplication.processEvents()
        time.sleep(0.02)
    for _ in range(20):  # let layouts and repaints settle
        QApplication.processEvents()


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def open_row(window: MainWindow, name: str) -> None:
    row = next(r for r in range(window.queue.rowCount()) if name in window.queue.row_at(r).path)
    window.queue_view.selectRow(row)
    wait_until(
        lambda: (
            window.pane.doc_id == window.queue.row_at(row).doc_id
            and window.pane.model.rowCount() > 0
        )
    )


def grab_dialog(dialog: QDialog, out: Path, name: str) -> None:
    dialog.show()
    wait_until(lambda: dialog.isVisible())
    save(dialog, out, name)
    dialog.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    save_office_lists(
        OfficeLists(
            officials=[Official(name="王建华", post="县长"), Official(name="李明", post="副县长")],
            always_redact=[RedactTerm(term="龙潭村4组", type=FindingType.ADDRESS)],
        )
    )
    session = DeskSession(Store.open(None), "张三", True)
    window = MainWindow(DeskSettings(user="张三"), session, OfficeScan(), ThreadRunner())
    window.show()
    samples = demo_samples()
    wait_until(lambda: window.queue.rowCount() == len(samples) and not window.work.busy)

    open_row(window, "低保对象名单")
    window.pane.select(5)
    save(window, out, "main-recipient-list")
    window.pane.toggle_preview()
    save(window, out, "preview-redacted-copy")
    window.pane.toggle_preview()

    open_row(window, "机密")
    save(window, out, "secrecy-marking")

    open_row(window, "临时救助")
    window.pane.accept_all()
    window.panel.decide_action.trigger()
    window.switch_user("李四")
    window.panel.note.setText("同意按删减后公开")
    save(window, out, "approval-second-person")

    grab_dialog(window.shortcut_overlay(), out, "keyboard-overlay")
    grab_dialog(OfficeListsDialog(parent=window), out, "office-lists")

    install_translations(app, "en")
    english = MainWindow(
        DeskSettings(user="Zhang San", language="en"), session, OfficeScan(), ThreadRunner()
    )
    english.show()
    wait_until(lambda: english.queue.rowCount() == len(samples))
    open_row(english, "低保对象名单")
    save(english, out, "english")
    QTimer.singleShot(0, app.quit)
    for each in (window, english):
        each.close()
    session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
