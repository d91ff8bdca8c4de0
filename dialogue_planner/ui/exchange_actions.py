"""File > Export to JSON and Import from JSON: long work, off the UI thread, with progress and Cancel.

The export reads the open database on a pool thread (its own connection). The
import creates a *new* database, so it runs as a separate process of the same
program (`dialogue-planner import-json`): peewee binds models to one database
per process, and the window keeps using its own while the import runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QStandardPaths, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from dialogue_planner.storage.database import Store
from dialogue_planner.ui.background import BackgroundTask, run_in_background


def _documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class ExchangeActions(QObject):
    """Runs JSON exports and imports for a window; `databaseCreated` offers an imported database to open."""

    databaseCreated = Signal(str)  # the new SQLite file an import filled
    exported = Signal(str)  # the JSON file written

    def __init__(self, parent: QWidget, store: Store, pool: QThreadPool) -> None:
        super().__init__(parent)
        self._parent, self._store, self._pool = parent, store, pool
        self.task: BackgroundTask | None = None
        self.process: QProcess | None = None

    # Export

    def export_to(self, path: Path) -> BackgroundTask:
        """Write the whole database to `path` on a pool thread; a cancelled or failed export writes nothing."""
        store = self._store

        def work(progress, cancel) -> str:
            from dialogue_planner.exchange.json_exchange import export_json  # not needed at start-up

            with store.db.connection_context():
                export_json(store, path, progress=progress, cancel=cancel)
            return str(path)

        self.task = run_in_background(self._parent, self.tr("Exporting to JSON…"), work, self._pool)
        self.task.signals.finished.connect(lambda written: self.exported.emit(written))
        self.task.signals.failed.connect(self._report_export_failure)
        return self.task

    def export_interactively(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("Export to JSON"), str(Path(_documents_folder()) / "dialogue-planner.json"),
            self.tr("JSON (*.json)"),
        )
        if chosen:
            self.export_to(Path(chosen if chosen.lower().endswith(".json") else chosen + ".json"))

    def _report_export_failure(self, reason: str) -> None:
        QMessageBox.warning(self._parent, self.tr("Export to JSON"), self.tr("Nothing was written: {reason}").format(
            reason=reason))

    # Import into a new database

    def import_into(self, source: Path, target: Path) -> QProcess:
        """Create `target` and import `source` into it in a separate process; a failure leaves no file."""
        self.process = QProcess(self)
        dialog = QProgressDialog(self.tr("Importing {file}…").format(file=source.name), self.tr("Cancel"), 0, 0,
                                 self._parent)
        dialog.setWindowTitle(self.tr("Import from JSON"))
        dialog.setMinimumDuration(400)
        dialog.canceled.connect(self.process.kill)
        self.process.finished.connect(dialog.close)
        self.process.finished.connect(lambda code, status: self._import_finished(code, status, target))
        self.process.setProgram(sys.executable)
        self.process.setArguments(["-m", "dialogue_planner.cli", "import-json", "--db", str(target), str(source)])
        self.process.start()
        return self.process

    def import_interactively(self) -> None:
        source, _ = QFileDialog.getOpenFileName(
            self._parent, self.tr("Import from JSON"), _documents_folder(), self.tr("JSON (*.json)")
        )
        if not source:
            return
        target, _ = QFileDialog.getSaveFileName(
            self._parent, self.tr("New database for the import"), str(Path(source).with_suffix(".sqlite")),
            self.tr("Dialogue Planner databases (*.sqlite)"),
        )
        if not target:
            return
        if Path(target).exists():
            QMessageBox.warning(self._parent, self.tr("Import from JSON"),
                                self.tr("An import goes into a new database; choose a name that is not taken."))
            return
        self.import_into(Path(source), Path(target))

    def _import_finished(self, code: int, status: QProcess.ExitStatus, target: Path) -> None:
        reason = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            self.databaseCreated.emit(str(target))
            return
        # Cancelled (killed) or refused: the new file must not stay behind half made.
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        if status == QProcess.ExitStatus.CrashExit:
            return  # the user cancelled
        reason = reason.splitlines()[-1].removeprefix("dialogue-planner: error: ") if reason else ""
        QMessageBox.warning(self._parent, self.tr("Import from JSON"),
                            self.tr("Nothing was imported: {reason}").format(reason=reason or self.tr("unknown")))
