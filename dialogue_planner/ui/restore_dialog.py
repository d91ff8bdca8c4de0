"""Restoring from a backup: for the main window to wire in (the read-only notice is in `ui.notices`).

- `RestoreDialog`: the backups of the open SQLite database, newest first, with when and why each
  was taken; "Restore" asks for confirmation naming the file that will be replaced, then swaps it
  (the Store stays usable) and emits `databaseRestored`.
- `offer_newest_backup`: when opening fails with DamagedDatabaseError, or the check after opening
  finds damage, say which file is damaged and offer the newest good backup; True when it was
  restored (open the database again).

Questions and messages go through `ask`/`tell` callables so that tests can answer them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import DamagedDatabaseError, PlannerError
from dialogue_planner.services.backups import available_backups, describe_backup, restore_database, restore_file
from dialogue_planner.storage.backups import list_backups
from dialogue_planner.storage.database import Store

Ask = Callable[[QWidget | None, str, str], bool]
Tell = Callable[[QWidget | None, str, str], None]


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text, defaultButton=QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def tell_warning(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def _tr(text: str) -> str:
    return QCoreApplication.translate("restore", text)


class RestoreDialog(QDialog):
    """Choose a backup of the open database and put it in the database's place, after confirmation."""

    databaseRestored = Signal(str)  # the backup file restored from

    def __init__(self, store: Store, parent: QWidget | None = None, *, ask: Ask = ask_yes_no,
                 tell: Tell = tell_warning) -> None:
        super().__init__(parent)
        self.store = store
        self._ask = ask
        self._tell = tell
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.backups = QListWidget(self)
        self.backups.setObjectName("backupList")
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.setObjectName("restoreButton")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.backups)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_chosen)
        self.backups.currentRowChanged.connect(self._update_button)
        self.reload()

    def reload(self) -> None:
        """List the backups again (after a restore, the replaced file is one of them)."""
        self.backups.clear()
        if self.store.path is None:
            self.intro.setText(self.tr("A shared database is backed up by its administrator; there are no "
                                       "backup files here."))
        elif self.store.read_only:
            self.intro.setText(self.tr("This database is open read-only, so it cannot be replaced."))
        else:
            self.intro.setText(self.tr("Backups of %1, newest first. Restoring replaces the database with the "
                                       "chosen backup; the current file is kept in the backups folder.")
                               .replace("%1", str(self.store.path)))
            for info in available_backups(self.store.path):
                item = QListWidgetItem(describe_backup(info), self.backups)
                item.setData(Qt.ItemDataRole.UserRole, str(info.path))
                item.setToolTip(str(info.path))
            if self.backups.count():
                self.backups.setCurrentRow(0)
        self._update_button()

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.backups.currentItem() is not None)

    def restore_chosen(self) -> None:
        item = self.backups.currentItem()
        if item is None:
            return
        backup = item.data(Qt.ItemDataRole.UserRole)
        path = self.store.path
        changed = datetime.datetime.fromtimestamp(path.stat().st_mtime) if path and path.exists() else None
        text = self.tr("Replace the database\n%1\n(last changed %2)\nwith the backup taken %3?\n\n"
                       "Changes made since that backup will no longer be in the database; the current file "
                       "is kept in the backups folder.")
        text = (text.replace("%1", str(path))
                .replace("%2", f"{changed:%Y-%m-%d %H:%M}" if changed else self.tr("unknown"))
                .replace("%3", item.text()))
        if not self._ask(self, self.tr("Restore from a backup"), text):
            return
        try:
            restore_database(self.store, backup)
        except PlannerError as error:
            self._tell(self, self.tr("Restore failed"), str(error))
            return
        self.databaseRestored.emit(backup)
        self.accept()


def offer_newest_backup(error: DamagedDatabaseError, parent: QWidget | None = None, *, ask: Ask = ask_yes_no,
                        tell: Tell = tell_warning, store: Store | None = None) -> bool:
    """Report a damaged database and offer its newest good backup; True when that backup was restored.

    `store`: the damaged database is open in it (the check after opening found the damage); it is
    closed for the swap and stays usable, on the restored file.
    """
    title = _tr("The database is damaged")
    if error.newest_backup is None:
        tell(parent, title, str(error) + "\n\n" + _tr("There is no backup that passes the check."))
        return False
    taken = next((describe_backup(info) for info in list_backups(error.path) if info.path == error.newest_backup),
                 str(error.newest_backup))
    text = (_tr("The database file\n%1\nis damaged (%2). It was left exactly as it is.\n\n"
                "Restore the newest good backup, taken %3? The damaged file is kept in the backups folder.")
            .replace("%1", str(error.path)).replace("%2", error.problems[0]).replace("%3", taken))
    if not ask(parent, title, text):
        return False
    try:
        if store is not None:
            restore_database(store, error.newest_backup)
        else:
            restore_file(error.path, error.newest_backup, passphrase=error.passphrase)
    except PlannerError as failure:
        tell(parent, _tr("Restore failed"), str(failure))
        return False
    return True
