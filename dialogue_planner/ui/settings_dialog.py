"""Settings: the database in use (another file or a URL, recent ones), the user's name, the classification marking."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from dialogue_planner.ui.dialog_layout import form_with_ok_cancel
from dialogue_planner.ui.user_settings import (
    CLASSIFICATION_KEY,
    USER_NAME_KEY,
    classification_marking,
    display_location,
    recent_databases,
)


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
        form_with_ok_cancel(self, form)
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
