"""The dialog that changes a dialogue's engagement level: the new level, from when, and why."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from dialogue_planner.storage import vocabulary
from dialogue_planner.ui.dialog_layout import form_with_ok_cancel
from dialogue_planner.ui.labels import engagement_level_label


class EngagementDialog(QDialog):
    """Asks for the new engagement level, from when, and why (the reason is required)."""

    def __init__(self, current_level: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change engagement level"))
        self.level_combo = QComboBox()
        for level in vocabulary.ENGAGEMENT_LEVELS:
            self.level_combo.addItem(engagement_level_label(level), level)
        self.level_combo.setCurrentIndex(vocabulary.ENGAGEMENT_LEVELS.index(current_level))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("Why the level changes, e.g. the political climate"))
        self.reason_error = QLabel()
        self.reason_error.setStyleSheet("color: #b3261e;")
        self.reason_error.hide()
        form = QFormLayout()
        form.addRow(self.tr("New level:"), self.level_combo)
        form.addRow(self.tr("From:"), self.date_edit)
        form.addRow(self.tr("Reason:"), self.reason_edit)
        form.addRow("", self.reason_error)
        form_with_ok_cancel(self, form)

    def values(self) -> tuple[str, datetime.date, str]:
        day = self.date_edit.date()
        return (
            self.level_combo.currentData(),
            datetime.date(day.year(), day.month(), day.day()),
            (self.reason_edit.toPlainText().strip()),
        )

    def show_error(self, message: str) -> None:
        self.reason_error.setText(message)
        self.reason_error.show()
