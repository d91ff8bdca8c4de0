"""A form that edits one record: built from field specs, saved through RecordEdits (so undoable).

The form loads a record through the services, shows its values, and on Save
sends only what changed, with the version it loaded, so a record someone else
changed meanwhile is refused instead of overwritten. The services' validation
errors appear under the field they name; anything not tied to a field appears
in a banner above the fields.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import ConflictError, NotFoundError, PlannerError, ValidationError
from dialogue_planner.services import records
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldEditor, FieldKind, FieldSpec, make_editor, same_value

ERROR_COLOUR = QColor("#b3261e")
ERROR_TINT = QColor("#fdecea")


def sentence(text: str) -> str:
    """The text with a capital first letter and a full stop, as a message on screen reads."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


class _Banner(QFrame):
    """A message above the fields, with an optional action button (Reload)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, ERROR_TINT)
        palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
        self.setPalette(palette)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what people typed
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, button_text: str = "") -> None:
        self.label.setText(text)
        self.button.setText(button_text)
        self.button.setVisible(bool(button_text))
        self.show()


class RecordForm(QWidget):
    """Edits one record of `table` with the fields of `fields`; disabled until `load` gets a record id.

    `form_layout` is a QFormLayout the owner may add rows to; `editors` maps each field name to its
    editor (widget, value, set_value); `error_labels` maps it to the label under the widget.
    """

    saved = Signal(str, int)  # table, id: the user's changes are stored
    loaded = Signal(str, int)  # table, id (0 when the form was emptied)

    def __init__(
        self,
        edits: RecordEdits,
        table: str,
        fields: Sequence[FieldSpec],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.edits = edits
        self.table = table
        self.fields = list(fields)
        self.record_id: int | None = None
        self._version: int | None = None
        self._stored: dict[str, Any] = {}
        self.editors: dict[str, FieldEditor] = {}
        self.error_labels: dict[str, QLabel] = {}

        self.banner = _Banner()
        self.banner.button.clicked.connect(self.revert)
        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for spec in self.fields:
            self._add_row(spec)

        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Store the changes ({shortcut})").format(
            shortcut=QKeySequence(QKeySequence.StandardKey.Save).toString(QKeySequence.SequenceFormat.NativeText)))
        self.revert_button = QPushButton(self.tr("&Revert"))
        self.revert_button.setObjectName("revertButton")
        self.revert_button.setToolTip(self.tr("Show the stored values again, dropping your changes"))
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.revert_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)

        self.save_action = QAction(self.tr("Save"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(self.form_layout)
        layout.addWidget(self.buttons)
        layout.addStretch(1)  # spare height goes below the buttons, not between the fields

        edits.recordChanged.connect(self._on_record_changed)
        edits.recordRemoved.connect(self._on_record_removed)
        self.load(None)

    def _add_row(self, spec: FieldSpec) -> None:
        editor = make_editor(spec)
        editor.edited.connect(partial(self._on_edited, spec.name))
        error = QLabel()
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setObjectName(f"error_{spec.name}")
        error.setWordWrap(True)
        font = QFont(error.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        error.setFont(font)
        palette = error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
        error.setPalette(palette)
        error.hide()
        cell = QWidget()
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(2)
        cell_layout.addWidget(editor.widget)
        cell_layout.addWidget(error)
        label = QLabel(self.tr("{label}:").format(label=spec.label))
        label.setBuddy(editor.widget)
        self.form_layout.addRow(label, cell)
        self.editors[spec.name] = editor
        self.error_labels[spec.name] = error

    # Loading and saving

    def load(self, record_id: int | None) -> None:
        """Show the stored values of this record (None: an empty, disabled form)."""
        record = None
        if record_id is not None:
            try:
                record = records.get(self.edits.store, self.table, record_id)
            except NotFoundError:
                record = None
        self.clear_errors()
        self.banner.hide()
        self.record_id = record.id if record is not None else None
        self._version = record.version if record is not None else None
        self._stored = records.field_values(record) if record is not None else {}
        for spec in self.fields:
            editor = self.editors[spec.name]
            if record is not None:  # an empty form is disabled: no need to read every institution for it
                editor.refresh_options()
            editor.set_value(self._stored.get(spec.name, self._empty_value(spec)))
        # A read-only database shows its records but offers no edit it would refuse.
        self.setEnabled(record is not None and not self.edits.store.read_only)
        self._update_buttons()
        self.loaded.emit(self.table, self.record_id or 0)

    @staticmethod
    def _empty_value(spec: FieldSpec) -> Any:
        return {FieldKind.LINE: "", FieldKind.TEXT: "", FieldKind.CHECK: False}.get(spec.kind)

    def changes(self) -> dict[str, Any]:
        """The fields whose entered value differs from the stored one, as the services accept them."""
        if self.record_id is None:
            return {}
        changed: dict[str, Any] = {}
        for spec in self.fields:
            entered = self.editors[spec.name].value()
            if not same_value(self._stored.get(spec.name), entered):
                changed[spec.name] = str(entered) if isinstance(entered, decimal.Decimal) else entered
        return changed

    def is_modified(self) -> bool:
        """Whether the user changed anything since the record was loaded."""
        return bool(self.changes())

    def save(self) -> bool:
        """Store the changes (undoably); on refusal show why and return False."""
        if self.record_id is None:
            return False
        changes = self.changes()
        if not changes:
            return True
        record_id = self.record_id
        try:
            self.edits.update(self.table, record_id, changes, expected_version=self._version)
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except ConflictError as error:
            self.banner.show_message(sentence(str(error)), self.tr("Re&load"))
            return False
        except PlannerError as error:
            self.banner.show_message(sentence(str(error)))
            return False
        self.load(record_id)
        self.saved.emit(self.table, record_id)
        return True

    def revert(self) -> None:
        """Show the stored values again, dropping unsaved changes."""
        self.load(self.record_id)

    # Errors next to their fields

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Each error under the field it names; errors for fields not on this form in the banner."""
        self.clear_errors()
        elsewhere = [
            sentence(f"{name.replace('_', ' ')} {message}")
            for name, message in errors.items()
            if name not in self.editors
        ]
        marked = [spec for spec in self.fields if spec.name in errors]
        for spec in marked:
            self._mark(spec.name, sentence(f"{spec.label} {errors[spec.name]}"))
        if elsewhere:
            self.banner.show_message("\n".join(elsewhere))
        if marked:
            self.editors[marked[0].name].widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark(self, name: str, message: str) -> None:
        label = self.error_labels[name]
        label.setText(message)
        label.show()
        widget = self.editors[name].widget
        widget.setProperty("invalid", True)
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.Base, ERROR_TINT)
        palette.setColor(QPalette.ColorRole.Button, ERROR_TINT)
        widget.setPalette(palette)
        widget.setAccessibleDescription(message)

    def clear_error(self, name: str) -> None:
        """Take away the message under the field and its marking."""
        label = self.error_labels[name]
        if not label.isVisible() and not label.text():
            return
        label.clear()
        label.hide()
        widget = self.editors[name].widget
        widget.setProperty("invalid", False)
        widget.setPalette(QPalette())
        widget.setAccessibleDescription("")

    def clear_errors(self) -> None:
        """Take away every field's message and marking."""
        for name in self.error_labels:
            self.clear_error(name)

    def error_text(self, name: str) -> str:
        """The message shown under the field, '' when none."""
        return self.error_labels[name].text()

    # Reactions

    def _on_edited(self, name: str) -> None:
        self.clear_error(name)
        self._update_buttons()

    def _update_buttons(self) -> None:
        modified = self.is_modified()
        self.save_button.setEnabled(modified)
        self.revert_button.setEnabled(modified)
        self.save_button.setDefault(modified)

    def _on_record_changed(self, table: str, record_id: int) -> None:
        # An undo, a redo, or another view changed the record shown: show what is stored now.
        if table == self.table and record_id == self.record_id:
            self.load(record_id)

    def _on_record_removed(self, table: str, record_id: int) -> None:
        if table == self.table and record_id == self.record_id:
            self.load(None)
