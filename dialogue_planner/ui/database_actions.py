"""The File menu's database part: open another or a recent one, JSON export and import, backups, settings.

Whatever changes which database the window shows ends in `databaseChosen`, and
the composition root (app.DesktopSession) reopens the window on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from dialogue_planner.errors import PlannerError
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.actions import make_action
from dialogue_planner.ui.user_settings import display_location, recent_databases

if TYPE_CHECKING:
    from dialogue_planner.ui.exchange_actions import ExchangeActions

# Message boxes and file dialogs are imported where used: setting up their Qt types costs some 5 ms
# of every start-up, which shows none.


class DatabaseActions(QObject):
    """The actions of the File menu that concern the database as a whole, and what they do."""

    databaseChosen = Signal(str)  # location of another database to open instead of this one
    settingsChanged = Signal()

    def __init__(self, window: QMainWindow, store: Store, settings: QSettings | None) -> None:
        super().__init__(window)
        self._window, self._store, self._settings = window, store, settings
        self._exchange: ExchangeActions | None = None  # made on first use: its module starts child processes

        self.open_action = make_action(window, self.tr("&Open database…"), shortcut=QKeySequence.StandardKey.Open,
                                       slot=self.open_database, name="openDatabase")
        self.export_json_action = make_action(window, self.tr("&Export to JSON…"),
                                              slot=lambda: self.exchange.export_interactively(), name="exportJson")
        self.import_json_action = make_action(window, self.tr("&Import from JSON…"),
                                              slot=lambda: self.exchange.import_interactively(), name="importJson")
        self.backup_action = make_action(window, self.tr("&Back up now"), slot=self.back_up_now, name="backUpNow")
        self.restore_action = make_action(window, self.tr("&Restore from backup…"), slot=self.restore_from_backup,
                                          name="restoreBackup")
        self.settings_action = make_action(window, self.tr("&Settings…"),
                                           shortcut=QKeySequence.StandardKey.Preferences, slot=self.open_settings,
                                           name="settings")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.backup_action.setEnabled(store.is_sqlite)
        self.restore_action.setEnabled(store.is_sqlite and not store.read_only)
        self.import_json_action.setEnabled(not store.read_only)
        self.recent_menu = QMenu(self.tr("Open &recent"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    @property
    def exchange(self) -> ExchangeActions:
        """JSON export and import, made the first time one is asked for."""
        if self._exchange is None:
            from dialogue_planner.ui.exchange_actions import ExchangeActions

            window = self._window
            self._exchange = ExchangeActions(window, self._store)
            self._exchange.exported.connect(
                lambda path: window.statusBar().showMessage(self.tr("Exported to {path}").format(path=path), 8000)
            )
            self._exchange.databaseCreated.connect(self._offer_imported_database)
        return self._exchange

    def cancel_running(self) -> None:
        """Stop a JSON export still running (the window is closing)."""
        if self._exchange is not None and self._exchange.task is not None:
            self._exchange.task.cancel()

    def add_to(self, menu: QMenu) -> None:
        """Put the actions into the File menu, grouped."""
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        for made in (self.export_json_action, self.import_json_action, self.backup_action, self.restore_action):
            menu.addAction(made)
        menu.addSeparator()
        menu.addAction(self.settings_action)

    def open_database(self) -> None:
        """Ask for another SQLite file and open it instead (the app reopens its window on it)."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Open a database"), "",
            self.tr("Dialogue Planner databases (*.sqlite *.db);;All files (*)"),
        )
        if path:
            self.databaseChosen.emit(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        known = recent_databases(self._settings) if self._settings is not None else []
        recent = [item for item in known if item != self._store.location]
        for location in recent:
            entry = self.recent_menu.addAction(display_location(location))
            entry.triggered.connect(lambda _checked=False, chosen=location: self.databaseChosen.emit(chosen))
        if not recent:
            self.recent_menu.addAction(self.tr("No other databases yet")).setEnabled(False)

    def back_up_now(self) -> None:
        """A backup of this database into its backups folder, kept until removed by hand."""
        from PySide6.QtWidgets import QMessageBox

        from dialogue_planner.services.backups import back_up

        try:
            copy = back_up(self._store.location, passphrase=getattr(self._store, "passphrase", None))
        except PlannerError as error:
            QMessageBox.warning(self._window, self.tr("Not done"), str(error))
            return
        self._window.statusBar().showMessage(self.tr("Backed up to {path}").format(path=copy), 8000)

    def restore_from_backup(self) -> None:
        """Choose a backup of this database and put it in its place (asked first, naming the file)."""
        from dialogue_planner.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self._store, self._window)
        # Everything on screen came from the replaced file: open the restored one afresh.
        dialog.databaseRestored.connect(lambda _backup: self.databaseChosen.emit(self._store.location))
        dialog.exec()
        dialog.deleteLater()

    def _offer_imported_database(self, location: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self._window,
            self.tr("Import from JSON"),
            self.tr("The import is in the new database {location}. Open it now?").format(location=location),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.databaseChosen.emit(location)

    def open_settings(self) -> None:
        """Settings: database, the user's name in the change history, the classification marking."""
        from dialogue_planner.ui.settings_dialog import SettingsDialog  # its widgets load when first opened

        settings = self._settings if self._settings is not None else QSettings()
        dialog = SettingsDialog(settings, self._store.location, self._window)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.settingsChanged.emit()
            chosen = dialog.chosen_database()
            if chosen:
                self.databaseChosen.emit(chosen)
        dialog.deleteLater()
