"""Start the reviewer's window: Chinese Qt strings, a CJK font, the scan pipeline."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from review_desk.gui.main_window import MainWindow
from review_desk.paths import resources_dir
from review_desk.scan import scan_document

# Tried in order; the first one installed wins. The Makefile installs WenQuanYi Micro Hei.
CJK_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "Microsoft YaHei")


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setApplicationName("review_desk")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "review_desk.svg")))
    _install_qt_translations(app)
    _use_cjk_font(app)
    return app


def _install_qt_translations(app: QApplication) -> None:
    """Qt's own buttons and dialogs (确定/取消, file dialog) speak Chinese only with these."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder
    ):
        app.installTranslator(translator)


def _use_cjk_font(app: QApplication) -> None:
    for font_file in sorted((resources_dir() / "fonts").glob("*.tt[fc]")):
        QFontDatabase.addApplicationFont(str(font_file))
    installed = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in installed), None)
    if family is not None:
        app.setFont(QFont(family, 10))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    app = create_application(args)
    window = MainWindow(scan_document)
    window.show()
    window.scan_paths([Path(a) for a in args[1:] if Path(a).is_file()])
    return app.exec()
