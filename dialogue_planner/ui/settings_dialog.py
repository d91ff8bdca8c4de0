"""Settings: the database in use (another file or a URL, recent ones), the user's name, the classification marking."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

USER_NAME_KEY = "user/name"
CLASSIFICATION_KEY = "brief/classification"
RECENT_KEY = "databases/recent"
DEFAULT_CLASSIFICATION = "CONFIDENTIAL"  # the brief's own default: a full brief is never unmarked
RECENT_LIMIT = 8


def user_name(settings: QSettings) -> str:
    """The name recorded in the change history: as set, else the login name."""
    return str(settings.value(USER_NAME_KEY, "") or "") or getpass.getuser()


def classification_marking(settings: QSettings) -> str:
    """The marking printed on every page of a brief unless the user chooses another."""
    return str(settings.value(CLASSIFICATION_KEY, "") or "") or DEFAULT_CLASSIFICATION


def recent_databases(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list in INI files
        value = [value]
    return [str(item) for item in value or [] if item]


def remember_database(settings: QSettings, location: str) -> None:
    """Put the location first in the recent list (at most RECENT_LIMIT, no duplicates)."""
    recent = [location] + [item for item in recent_databases(settings) if item != location]
    settings.setValue(RECENT_KEY, recent[:RECENT_LIMIT])


def display_location(location: str) -> str:
    """A location as shown to people: URLs without their password."""
    if "://" in location:
        return QUrl(location).toDisplayString(QUrl.UrlFormattingOption.RemovePassword)
    return location


class SettingsDialog(QDialog):
    """Edits the user's settings; `chosen_database()` is set when the user picked another database."""

    def __init__(self, settings: QSettings, current_location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        self._settings = settings
        self._current = current_location
        self.database_combo = QComboBox()
        self.database_combo.setObjectName("databaseLocation")
        self.database_combo.setEditable(True)
        self.database_combo.lineEdit().setPlaceholderText(self.tr("An SQLite file, or postgresql://user@host/name"))
        for location in [current_location, *recent_databases(settings)]:
            if self.database_combo.findData(location) < 0:
                self.database_combo.addItem(display_location(location), location)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.user_edit = QLineEdit(str(settings.value(USER_NAME_KEY, "") or ""))
        self.user_edit.setObjectName("userName")
        self.user_edit.setPlaceholderText(getpass.getuser())
        self.classification_edit = QLineEdit(classification_marking(settings))
        self.classification_edit.setObjectName("classificationMarking")
        hint = QLabel(self.tr("Changes to the database take effect when you press OK; the window then reopens."))
        hint.setWordWrap(True)
        database_row = QHBoxLayout()
        database_row.addWidget(self.database_combo, 1)
        database_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Database:"), database_row)
        form.addRow("", hint)
        form.addRow(self.tr("Your name in the change history:"), self.user_edit)
        form.addRow(self.tr("Classification marking on briefs:"), self.classification_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.browse_button.clicked.connect(self._browse)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a database"), "", self.tr("Dialogue Planner databases (*.sqlite *.db);;All files (*)")
        )
        if path:
            self.database_combo.insertItem(0, path, path)
            self.database_combo.setCurrentIndex(0)

    def chosen_database(self) -> str | None:
        """The database the user chose, if it differs from the one in use."""
        index = self.database_combo.currentIndex()
        text = self.database_combo.currentText().strip()
        data = self.database_combo.itemData(index) if index >= 0 else None
        location = data if data is not None and self.database_combo.itemText(index) == text else text
        return location if location and location != self._current else None

    def accept(self) -> None:
        self._settings.setValue(USER_NAME_KEY, self.user_edit.text().strip())
        self._settings.setValue(CLASSIFICATION_KEY, self.classification_edit.text().strip())
        self._settings.sync()
        super().accept()
