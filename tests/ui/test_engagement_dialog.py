"""The engagement level dialog: OK and Cancel close it as accepted and rejected, with what was entered."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from dialogue_planner.ui.engagement_dialog import EngagementDialog


def test_ok_accepts_with_the_level_date_and_reason_entered(qtbot):
    dialog = EngagementDialog("active")
    qtbot.addWidget(dialog)
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("scaled_down"))
    dialog.date_edit.setDate(QDate(2026, 3, 1))
    qtbot.keyClicks(dialog.reason_edit, "  Talks suspended after the verdicts  ")

    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == ("scaled_down", datetime.date(2026, 3, 1), "Talks suspended after the verdicts")


def test_cancel_rejects(qtbot):
    dialog = EngagementDialog("active")
    qtbot.addWidget(dialog)
    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)

    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Rejected
