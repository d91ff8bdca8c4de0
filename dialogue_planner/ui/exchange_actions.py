"""File > Export to JSON and Import from JSON: long work, in a child process, with progress and Cancel.

Both run as a separate process of the same program (`dialogue-planner export-json` and
`import-json`, through ui/child_process.py): the export reads the open database with its own
connection, and its Python never holds the window's GIL; the import creates a *new* database,
and peewee binds models to one database per process while the window keeps using its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dialogue_planner.storage.database import Store
from dialogue_planner.ui.child_process import ChildCommand, show_progress


def _documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class ExchangeActions(QObject):
    """Runs JSON exports and imports for a window; `databaseCreated` offers an imported database to open."""

    databaseCreated = Signal(str)  # the new SQLite file an import filled
    exported = Signal(str)  # the JSON file written

    def __init__(self, parent: QWidget, store: Store) -> None:
        super().__init__(parent)
        self._parent, self._store = parent, store
        self.task: ChildCommand | None = None  # the export running, if any
        self.process: ChildCommand | None = None  # the import running, if any

    # Export

    def export_to(self, path: Path) -> ChildCommand:
        """Write the whole database to `path` in a child process; a cancelled or failed export writes nothing."""
        self.task = ChildCommand(["export-json", "-o", str(path), "--progress-lines"], self._store, self,
                                 output=path)
        show_progress(self.task, self._parent, self.tr("Exporting to JSON…"))
        self.task.succeeded.connect(lambda _results: self.exported.emit(str(path)))
        self.task.failed.connect(self._report_export_failure)
        self.task.start()
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

    def import_into(self, source: Path, target: Path) -> ChildCommand:
        """Create `target` and import `source` into it in a child process; a failure leaves no file."""
        self.process = ChildCommand(["import-json", str(source), "--progress-lines"], str(target), self)
        show_progress(self.process, self._parent, self.tr("Importing {file}…").format(file=source.name),
                      self.tr("Import from JSON"))
        self.process.succeeded.connect(lambda _results: self.databaseCreated.emit(str(target)))
        self.process.failed.connect(lambda reason: self._import_failed(target, reason))
        self.process.cancelled.connect(lambda: _remove_database(target))
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

    def _import_failed(self, target: Path, reason: str) -> None:
        _remove_database(target)
        QMessageBox.warning(self._parent, self.tr("Import from JSON"),
                            self.tr("Nothing was imported: {reason}").format(reason=reason))


def _remove_database(target: Path) -> None:
    """A cancelled or refused import: the new file must not stay behind half made."""
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
