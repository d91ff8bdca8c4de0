"""The layout most of the app's small dialogs share: a form above OK and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout


def form_with_ok_cancel(dialog: QDialog, form: QFormLayout) -> QDialogButtonBox:
    """Lay `form` out in `dialog` above OK and Cancel, which accept and reject the dialog; returns the buttons."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(buttons)
    return buttons
