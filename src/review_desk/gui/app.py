"""Start the reviewer's window: translations (Chinese by default), a CJK font, the store."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from review_desk.audit.store import Store
from review_desk.core.errors import ReviewDeskError
from review_desk.core.findings import FindingType
from review_desk.gui.background import run_in_background
from review_desk.gui.main_window import MainWindow
from review_desk.gui.redact_adapter import preview_value
from review_desk.gui.session import DeskSession
from review_desk.gui.settings import DeskSettings, load_settings
from review_desk.gui.tasks import OfficeScan
from review_desk.isolated_scan import IsolatedScan
from review_desk.paths import resources_dir

# Tried in order; the first one installed wins. The Makefile installs WenQuanYi Micro Hei.
CJK_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "Microsoft YaHei")
TRANSLATIONS = "translations"


def translations_dir() -> Path:
    return resources_dir() / TRANSLATIONS


def create_application(argv: Sequence[str], language: str = "zh") -> QApplication:
    existing = QApplication.instance()
    if existing is None:
        # Fractional scale factors as the screen reports them (150 % stays 150 %, not 200 %).
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    # A background thread (a big scan arriving, a record being read) hands the interpreter
    # lock to the UI thread within 1 ms of its asking instead of 5.
    sys.setswitchinterval(0.001)
    app.setApplicationName("review_desk")
    app.setOrganizationName("review-desk")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "review_desk.svg")))
    install_translations(app, language)
    _use_cjk_font(app)
    return app


def install_translations(app: QApplication, language: str) -> None:
    """The UI's source strings are Chinese; English loads the project's own translation. Qt's
    own buttons and dialogs (确定/取消, the file dialog) speak Chinese only with qtbase_zh_CN."""
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    translator = QTranslator(app)
    if language == "en":
        loaded = translator.load(str(translations_dir() / "review_desk_en.qm"))
    else:
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        loaded = translator.load(chinese, "qtbase", "_", folder)
    if loaded:
        app.installTranslator(translator)


def _use_cjk_font(app: QApplication) -> None:
    for font_file in sorted((resources_dir() / "fonts").glob("*.tt[fc]")):
        QFontDatabase.addApplicationFont(str(font_file))
    installed = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in installed), None)
    if family is not None:
        app.setFont(QFont(family, 10))


def open_session(settings: DeskSettings) -> tuple[DeskSession, str]:
    """The store of the settings; when it cannot be opened, the local default one, with the
    reason (so the reviewer knows the record goes elsewhere this time)."""
    from review_desk.policy.rules import load_policy_rules

    four_eyes = load_policy_rules().review.four_eyes
    try:
        return DeskSession(
            Store.open(settings.store_url or None, four_eyes), settings.user, four_eyes
        ), ""
    except ReviewDeskError as exc:
        if not settings.store_url:
            raise
        fallback = Store.open(None, four_eyes)
        return DeskSession(fallback, settings.user, four_eyes), exc.message


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()
    args = list(sys.argv if argv is None else argv)
    settings = load_settings()
    app = create_application(args, settings.language)
    try:
        session, problem = open_session(settings)
    except ReviewDeskError as exc:
        QMessageBox.critical(None, "review_desk", exc.message)
        return 1
    window = MainWindow(settings, session, IsolatedScan(OfficeScan()))
    if not settings.geometry.isEmpty():
        window.restoreGeometry(settings.geometry)
    window.show()
    if settings.recovered:
        window.show_problem(QCoreApplication.translate("App", "设置文件无法读取，已使用默认设置。"))
    if problem:
        note = QCoreApplication.translate(
            "App", "无法打开设置中的审查记录库，本次使用本机默认记录库：%1"
        ).replace("%1", problem)
        window.show_problem(note)
        QMessageBox.warning(window, "review_desk", note)
    # The masks load presidio-anonymizer (a second or so): before the first list needs them.
    run_in_background(
        lambda: preview_value(FindingType.PERSON, "张三"), lambda _: None, lambda _: None
    )
    window.scan_paths([Path(a) for a in args[1:] if Path(a).exists()])
    code = app.exec()
    session.close()
    return code
