"""The composition root: builds the Qt application, the database and the main window.

Nothing else creates a QApplication, opens the database for the GUI or reaches
for a window: everything the window needs is handed down through constructors.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

# First, before PySide6: the ui package loads it with its support modules' compiled code cached.
import dialogue_planner.ui  # noqa: F401

# isort: split
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from dialogue_planner import start_up
from dialogue_planner.cli import PASSPHRASE_VARIABLE
from dialogue_planner.errors import DamagedDatabaseError, PassphraseError, PlannerError
from dialogue_planner.storage.database import (
    APPLICATION_NAME,
    Store,
    default_database_location,
    is_url,
    open_database,
)
from dialogue_planner.ui.deferred_checks import DeferredChecks
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.fonts import install_bundled_fonts
from dialogue_planner.ui.main_window import MainWindow
from dialogue_planner.ui.user_settings import USER_NAME_KEY, remember_database, user_name

# Message boxes and file dialogs are imported where used: setting up their Qt types costs some 5 ms
# of every start-up, which shows none.

DISPLAY_NAME = "Dialogue Planner"
SCREENSHOT_SIZE = (1280, 800)
SCREENSHOT_WAIT_MS = 60_000  # the longest a screenshot waits for a view's figures computed off the UI thread


def application_version() -> str:
    """The installed version ("" from a source tree never installed), read without importlib.metadata.

    importlib.metadata costs a tenth of a second at every start; the installed package's
    dist-info folder name carries the version already.
    """
    prefix, suffix = f"{APPLICATION_NAME.replace('-', '_')}-", ".dist-info"
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")  # plain names: Path.glob compiles a pattern for every folder
        except OSError:  # a zip file, a folder gone
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(suffix):
                return name.removesuffix(suffix).split("-", 1)[1]
    return ""


def _application(offscreen: bool) -> QApplication:
    # An empty organisation keeps QStandardPaths.AppDataLocation equal to
    # storage.database.default_data_folder(), where the database lives.
    QCoreApplication.setOrganizationName("")
    QCoreApplication.setApplicationName(APPLICATION_NAME)
    QGuiApplication.setApplicationDisplayName(DISPLAY_NAME)
    QCoreApplication.setApplicationVersion(application_version())
    existing = QApplication.instance()
    if existing is not None:  # a test runner's, or an embedding program's
        install_bundled_fonts(existing)
        return existing
    if offscreen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QGuiApplication.setDesktopFileName(APPLICATION_NAME)
    app = QApplication(sys.argv[:1])  # the command line is argparse's, already read
    install_bundled_fonts(app)
    return app


def settings() -> QSettings:
    """The user's settings for the app: an INI file in the user's configuration folder."""
    # Named explicitly because QSettings() refuses to store anything without an organisation name.
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APPLICATION_NAME, APPLICATION_NAME)


def _location_and_first_start(location: str | None) -> tuple[str, bool]:
    """The location to open, and whether it is the user's own database not created yet.

    Only the default SQLite file gets demo data: a file the user named, or a
    shared server database, is never filled behind their back.
    """
    chosen = location or default_database_location()
    if location not in (None, default_database_location()) or is_url(chosen):
        return chosen, False
    Path(chosen).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return chosen, _new_file(chosen)


def _new_file(location: str) -> bool:
    """Whether `location` names an SQLite file not made yet (missing or empty), which opening creates."""
    if is_url(location):
        return False
    path = Path(location).expanduser()
    return not path.exists() or (path.is_file() and path.stat().st_size == 0)


def open_for_app(
    location: str, parent: QWidget | None = None, *, ask: bool = True, known_passphrase: str | None = None
) -> Store | None:
    """The database at `location` opened as the app opens one (full check beside the window); None if cancelled.

    An encrypted SQLite file opens with `known_passphrase` (the key it was open
    with, when the app reopens it), else DIALOGUE_PLANNER_PASSPHRASE as on the
    command line, else what the user types in the passphrase dialog (with
    `ask`; without, the PassphraseError is raised). A plain file never waits
    for any of that, nor loads the dialog. A new file is created encrypted
    with DIALOGUE_PLANNER_PASSPHRASE when it is set, as the command line creates one.
    """

    def open_with(passphrase: str) -> Store:
        return open_database(location, defer_checks=True, passphrase=passphrase)

    from_environment = os.environ.get(PASSPHRASE_VARIABLE) or None
    if from_environment is not None and _new_file(location):
        from dialogue_planner.services.encryption import check_passphrase

        check_passphrase(from_environment)  # as long as any passphrase a database is created with
        return open_with(from_environment)
    try:
        return open_database(location, defer_checks=True)  # the full check runs beside the window (DeferredChecks)
    except PassphraseError as needed:
        refused = needed
    for candidate in (known_passphrase, from_environment):
        if candidate is not None:
            try:
                return open_with(candidate)
            except PassphraseError as wrong:
                refused = wrong
    if not ask:
        raise refused
    from dialogue_planner.ui.passphrase_dialog import ask_for_passphrase  # only for an encrypted file

    first_problem = "" if from_environment is None else QCoreApplication.translate(
        "app", "The passphrase in %1 does not open this database.").replace("%1", PASSPHRASE_VARIABLE)
    return ask_for_passphrase(Path(refused.path), open_with, parent, first_problem=first_problem)


def _open_store(location: str | None, *, ask: bool = True, known_passphrase: str | None = None) -> Store:
    chosen, first_start = _location_and_first_start(location)
    store = open_for_app(chosen, ask=ask, known_passphrase=known_passphrase)
    if store is None:
        raise PassphraseError(f"{chosen}: is encrypted and was not opened: no passphrase was given",
                              path=Path(chosen), wrong=False)
    if first_start:
        from dialogue_planner.services import demo  # the demo builder is only needed once per user

        try:
            if demo.is_empty(store):
                with store.atomic():
                    demo.build_demo(store)
        except BaseException:
            # Leave no half-made database behind: the next start tries again.
            store.close()
            path = store.path
            if path is not None:
                for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    leftover.unlink(missing_ok=True)
            raise
    return store


def _offer_backup(error: DamagedDatabaseError, parent: QWidget | None = None, *, store: Store | None = None) -> bool:
    """Offer the damaged database's newest good backup (see `offer_newest_backup`); True once restored."""
    from dialogue_planner.ui.restore_dialog import offer_newest_backup  # only for a damaged file

    return offer_newest_backup(error, parent, store=store)


def _report(error: PlannerError, *, screenshot: bool) -> None:
    from PySide6.QtWidgets import QMessageBox

    if screenshot:
        print(f"dialogue-planner: {error}", file=sys.stderr)
    else:
        QMessageBox.critical(None, QCoreApplication.translate("app", "Cannot open the database"), str(error))


def build_main_window(store: Store, settings: QSettings | None = None) -> MainWindow:
    """The main window with its undo stack, the edits over the services, and every view."""
    undo_stack = QUndoStack()
    edits = RecordEdits(store, undo_stack)
    window = MainWindow(store, settings=settings, edits=edits)
    undo_stack.setParent(window)
    edits.setParent(window)
    return window


class DesktopSession(QObject):
    """The open database and its window; switching to another database replaces both.

    A database opened with deferred checks gets them once its window has painted
    (`start_checks`); damage they find is reported with the offer of the newest
    good backup, other findings go into the window's warning strip.
    """

    def __init__(self, store: Store, user_settings: QSettings) -> None:
        super().__init__()
        self.settings = user_settings
        self.store = store
        self.window = self._window_for(store)
        self.checks = self._checks_for(store)

    def _checks_for(self, store: Store) -> DeferredChecks:
        checks = DeferredChecks(store, self)
        checks.damaged.connect(lambda error: self._on_damaged(checks, error))
        checks.passed.connect(lambda warnings: self._on_checked(checks, warnings))
        return checks

    def start_checks(self) -> None:
        """Run the checks the open database still owes, beside its window."""
        self.checks.start()

    def _on_checked(self, checks: DeferredChecks, warnings: list[str]) -> None:
        if checks is self.checks and warnings:
            self.window.add_warnings(warnings)

    def _on_damaged(self, checks: DeferredChecks, error: DamagedDatabaseError) -> None:
        if checks is not self.checks:  # another database is open by now
            return
        self.window.add_warnings([str(error)])
        if _offer_backup(error, self.window, store=self.store):
            self.switch_to(self.store.location)  # everything on screen came from the damaged file

    def _window_for(self, store: Store) -> MainWindow:
        store.user = user_name(self.settings) if self.settings.value(USER_NAME_KEY) else store.user
        remember_database(self.settings, store.location)
        window = build_main_window(store, settings=self.settings)
        window.databaseChosen.connect(self.switch_to)
        window.settingsChanged.connect(self._apply_settings)
        return window

    def _apply_settings(self) -> None:
        if self.settings.value(USER_NAME_KEY):
            self.store.user = user_name(self.settings)

    def switch_to(self, location: str) -> None:
        """Open another database; if it cannot be opened (or its passphrase is not given), keep the current one.

        A damaged file is offered its newest good backup, as at start-up; once restored, that is opened.
        """
        from PySide6.QtWidgets import QMessageBox

        reopening = location == self.store.location  # after a restore: the same key opens it again
        known = self.store.passphrase if reopening else None
        try:
            try:
                store = open_for_app(location, self.window, known_passphrase=known)
            except DamagedDatabaseError as damaged:
                if not _offer_backup(damaged, self.window):  # it said what is wrong with which file
                    return
                store = open_for_app(location, self.window, known_passphrase=damaged.passphrase or known)
        except PlannerError as error:
            QMessageBox.warning(
                self.window, QCoreApplication.translate("app", "Cannot open the database"), str(error)
            )
            return
        if store is None:  # the user cancelled the passphrase dialog
            return
        old_window, old_store, old_checks = self.window, self.store, self.checks
        self.store, self.window = store, self._window_for(store)
        self.checks = self._checks_for(store)
        self.window.show()
        self.window.finish_start_up()
        old_window.close()
        old_window.deleteLater()
        old_checks.wait()
        old_store.close()
        old_checks.deleteLater()
        self.start_checks()

    def close(self) -> None:
        self.checks.wait()  # a backup is never left half-made
        self.store.close()


SHOWN_MARKER = "dialogue-planner: main window shown"
FIRST_PAINT_LATEST_MS = 3000  # what waits for the first paint runs by then even if none came


def cpu_so_far_ms() -> float:
    """CPU time (user + system, every thread) this process has used since it started, in milliseconds."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return (usage.ru_utime + usage.ru_stime) * 1000


class _AtFirstPaint(QObject):
    """Calls `callbacks`, in order and once, when the watched window first paints: what can wait until it is up.

    With `latest_ms`, they run after that long at the latest: a window that starts minimised or
    on a hidden desktop may not paint for a long time, and the collector must not stay paused.
    """

    def __init__(self, window: QObject, *callbacks: Callable[[], object], latest_ms: int | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._callbacks: tuple[Callable[[], object], ...] | None = callbacks
        window.installEventFilter(self)
        if latest_ms is not None:
            QTimer.singleShot(latest_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._run()
        return False

    def _run(self) -> None:
        callbacks, self._callbacks = self._callbacks, None
        if callbacks is None:
            return
        self._window.removeEventFilter(self)
        for callback in callbacks:
            callback()


def resume_collection() -> None:
    """Start-up is over: what it made stays out of later collections, and the collector runs again.

    (cli.command_gui paused it for start-up.) Freezing keeps every later full
    collection from walking the modules, classes and widgets start-up made.
    """
    gc.freeze()
    gc.enable()


def _report_shown_and_quit() -> None:
    """The start-up benchmark's end: SHOWN_MARKER and the CPU used so far, then the event loop ends."""
    print(f"{SHOWN_MARKER} cpu_ms={cpu_so_far_ms():.1f}", flush=True)
    QTimer.singleShot(0, QCoreApplication.quit)


def run_gui(
    location: str | None, *, screenshot: str | None = None, view: str | None = None, exit_when_shown: bool = False
) -> int:
    """Open the database at `location` (default: the user's own) in the main window.

    With `screenshot`, render the window offscreen at 1280x800 into that PNG
    file (showing `view`, with a representative record open) and return at
    once: 0 if written, 1 if not. Otherwise run the event loop and return its
    exit code. A database that cannot be opened is reported (a message box, or
    one line on stderr for a screenshot) with 1. With `exit_when_shown`, print
    SHOWN_MARKER and the CPU time used until then once the window has painted, and
    quit (for the start-up benchmark).
    """
    app = _application(offscreen=screenshot is not None)
    try:
        store = _open_store(location, ask=screenshot is None)  # a screenshot asks nobody: the environment's or none
    except DamagedDatabaseError as error:
        # The damaged file was not touched; offer its newest good backup, then try once more.
        if screenshot is not None:
            _report(error, screenshot=True)
            return 1
        if not _offer_backup(error):  # the offer itself said what is wrong with which file
            return 1
        try:
            store = _open_store(location, known_passphrase=error.passphrase)  # the backup's key is the file's
        except PlannerError as again:
            _report(again, screenshot=False)
            return 1
    except PlannerError as error:
        _report(error, screenshot=screenshot is not None)
        return 1
    if screenshot is not None:
        try:
            return _render_screenshot(build_main_window(store), screenshot, view or "overview")
        finally:
            store.close()
    session = DesktopSession(store, settings())
    try:
        after_paint = (start_up.finish, resume_collection, session.window.finish_start_up, session.start_checks)
        if exit_when_shown:
            _AtFirstPaint(session.window, _report_shown_and_quit, *after_paint)
        else:
            _AtFirstPaint(session.window, *after_paint, latest_ms=FIRST_PAINT_LATEST_MS)
        session.window.show()
        return app.exec()
    finally:
        session.close()


def _show_representative(window: MainWindow, view: str) -> None:
    """Put a record worth seeing in the view: the round being prepared, its agenda, its history."""
    upcoming = window.overview_view.overview.next_round if window.overview_view.overview else None
    round_id = upcoming["id"] if upcoming else window.round_planner.round_id
    if view in ("round", "history") and round_id is not None:
        window.open_round(round_id)
        window.round_planner.show_tab("agenda")
        window.history_dock.show()
        item = window.round_planner.agenda_editor.current_item_id()
        if view == "history" and item is not None:
            window.show_history("agenda_item", item)
        return
    window.show_view(view)
    page = window.views.get(view)
    if hasattr(page, "select_first"):
        page.select_first()  # a record in the form, not an empty one


def _wait_until_computed(page: QObject | None, latest_ms: int = SCREENSHOT_WAIT_MS) -> None:
    """Run the event loop while `page` computes what it shows off the UI thread (the review's figures),
    until it has them on screen or could not compute them, or for `latest_ms` at most."""
    if page is None or not getattr(page, "computing", False):
        return
    loop = QEventLoop()
    page.computed.connect(loop.quit)
    page.computeFailed.connect(loop.quit)
    QTimer.singleShot(latest_ms, loop, loop.quit)
    if page.computing:  # not finished while the signals were being connected
        loop.exec()


def _render_screenshot(window: MainWindow, target: str, view: str) -> int:
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    window.finish_start_up()
    _show_representative(window, view)
    _wait_until_computed(window.views.get(view))
    QCoreApplication.processEvents()
    saved = window.grab().save(target)
    window.close()
    window.deleteLater()
    if not saved:
        print(f"dialogue-planner: cannot write screenshot {target}", file=sys.stderr)
    return 0 if saved else 1
