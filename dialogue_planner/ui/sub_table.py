"""An editable table of the records that belong to another (a project's results, a case's raisings).

Cells are edited in place with the same editors as the record forms; each
edit goes through RecordEdits (so it is stored at once and undoable), and a
refusal appears under the table, naming the field, with the cell left as stored.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import PlannerError, ValidationError
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldEditor, FieldKind, FieldSpec, from_qdate, make_editor, same_value
from dialogue_planner.ui.lifetime import torn_down
from dialogue_planner.ui.record_form import ERROR_COLOUR, sentence
from dialogue_planner.ui.record_table_model import Column, ModelIndex, RecordTableModel, Row, RowRole


class EditableRecordModel(RecordTableModel):
    """A RecordTableModel whose columns named in `edit_specs` are edited through RecordEdits."""

    refused = Signal(str)  # why an edit was refused, as a sentence

    def __init__(
        self,
        edits: RecordEdits,
        table: str,
        columns: Sequence[Column],
        edit_specs: Mapping[str, FieldSpec],
        load: Callable[[], list[Row]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        self.edits = edits
        self.table = table
        self.edit_specs = dict(edit_specs)
        super().__init__(columns, load, parent)

    def edit_spec(self, column: int) -> FieldSpec | None:
        """How the column's cells are edited, or None if they are not."""
        return self.edit_specs.get(self.columns[column].key) if 0 <= column < len(self.columns) else None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.edit_spec(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        spec = self.edit_spec(index.column()) if index.isValid() else None
        if spec is None or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.row_values(index.row())
        if row is None:
            return False
        if isinstance(value, QDate):
            value = from_qdate(value)
        if same_value(row.get(spec.name), value):
            return True
        if isinstance(value, decimal.Decimal):
            value = str(value)
        try:
            self.edits.update(self.table, row["id"], {spec.name: value})
        except ValidationError as error:
            self.refused.emit(
                " ".join(sentence(f"{self.field_label(name)} {message}") for name, message in error.errors.items())
            )
            return False
        except PlannerError as error:
            self.refused.emit(sentence(str(error)))
            return False
        return True

    def field_label(self, name: str) -> str:
        """The label of an edited field, or the field's name in words."""
        spec = self.edit_specs.get(name)
        return spec.label if spec is not None else name.replace("_", " ")


class FieldDelegate(QStyledItemDelegate):
    """Edits a cell with the editor of its column's FieldSpec (a date with a calendar, a choice...)."""

    def __init__(self, model: EditableRecordModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._editors: dict[QWidget, FieldEditor] = {}

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        spec = self._model.edit_spec(index.column())
        if spec is None:
            return super().createEditor(parent, option, index)
        editor = make_editor(spec)
        editor.widget.setParent(parent)
        editor.widget.setAutoFillBackground(True)
        self._editors[editor.widget] = editor
        return editor.widget

    def destroyEditor(self, widget: QWidget, index: QModelIndex) -> None:
        self._editors.pop(widget, None)
        super().destroyEditor(widget, index)

    def setEditorData(self, widget: QWidget, index: QModelIndex) -> None:
        editor = self._editors.get(widget)
        if editor is None:
            super().setEditorData(widget, index)
            return
        row = index.data(RowRole) or {}
        editor.set_value(row.get(editor.spec.name))

    def setModelData(self, widget: QWidget, model: Any, index: QModelIndex) -> None:
        editor = self._editors.get(widget)
        if editor is None:
            super().setModelData(widget, model, index)
            return
        value = editor.value()
        # A date crosses Qt's variant as QDate, an amount as text: the model turns them back.
        if isinstance(value, datetime.date):
            value = QDate(value.year, value.month, value.day)
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, widget: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        editor = self._editors.get(widget)
        rect = QRect(option.rect)
        if editor is not None and editor.spec.kind == FieldKind.TEXT:
            # Several lines need room: the editor lies over the rows below while open.
            rect.setHeight(max(rect.height(), widget.minimumHeight()))
        rect.setWidth(max(rect.width(), widget.minimumSizeHint().width()))
        widget.setGeometry(rect)


class RecordSubTable(QGroupBox):
    """A titled, editable table of records with Add and Remove; `set_loader` points it at another owner.

    `add()` creates a record through RecordEdits and returns its id (or None if nothing was added);
    the new row is then opened for editing at its first editable column.
    """

    recordSelected = Signal(str, int)

    def __init__(
        self,
        edits: RecordEdits,
        table: str,
        title: str,
        columns: Sequence[Column],
        edit_specs: Mapping[str, FieldSpec],
        *,
        add: Callable[[], int | None] | None = None,
        add_text: str = "",
        removable: bool = True,
        empty_text: str = "",
        watch: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        # First: show and hide events may arrive while the table is being built, and they use these.
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self._stale = False
        self.edits = edits
        self.table = table
        self._add = add
        self.watched_tables = {table, *watch}
        self.model = EditableRecordModel(edits, table, columns, edit_specs, None, self)
        self.view = QTableView()
        self.view.setObjectName(f"{table}Table")
        self.view.setModel(self.model)
        self.view.setItemDelegate(FieldDelegate(self.model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.view.setMinimumHeight(self.view.verticalHeader().defaultSectionSize() * 4 + header.sizeHint().height())

        self.empty_label = QLabel(empty_text)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # refusals may quote stored text
        self.message.setObjectName("subTableMessage")
        self.message.setWordWrap(True)
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
        self.message.setPalette(palette)
        self.message.hide()

        self.add_button = QPushButton(add_text or self.tr("Add"))
        self.add_button.setVisible(add is not None)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected row; Undo brings it back"))
        self.remove_button.setVisible(removable)
        self.toolbar = QHBoxLayout()
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.add_button)
        self.toolbar.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.message)
        layout.addLayout(self.toolbar)

        self.add_button.clicked.connect(self.add_record)
        self.remove_button.clicked.connect(self.remove_current)
        self.model.refused.connect(self.show_message)
        self.model.modelReset.connect(self._update_state)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        edits.recordChanged.connect(self._on_record_edited)
        edits.recordRemoved.connect(self._on_record_edited)
        self._has_owner = False
        self._update_state()

    def set_loader(self, load: Callable[[], list[Row]] | None) -> None:
        """Show the rows `load()` returns (None: no owner record, so nothing to show or add)."""
        self._has_owner = load is not None
        self._stale = False
        self.message.hide()
        self.model.set_loader(load)
        self.model.fetch_all()  # the records of one owner: few, and all shown

    def reload(self) -> None:
        """Read the rows again, keeping the selected one selected."""
        if torn_down(self, "view"):
            return
        self._reload_timer.stop()
        self._stale = False
        current = self.view.currentIndex()
        record_id = current.data(RowRole)["id"] if current.isValid() else None
        self.model.reload()
        self.model.fetch_all()
        if record_id is not None:
            row = self.model.row_of(record_id)
            if row is not None:
                self.view.setCurrentIndex(self.model.index(row, current.column()))

    def show_message(self, text: str) -> None:
        """Show why an edit was refused under the table ('' hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def add_record(self) -> None:
        """Add a record through the owner's `add`, then open its first editable cell."""
        if self._add is None:
            return
        self.message.hide()
        try:
            record_id = self._add()
        except ValidationError as error:
            self.show_message(" ".join(sentence(f"{self.model.field_label(name)} {text}")
                                       for name, text in error.errors.items()))
            return
        except PlannerError as error:
            self.show_message(sentence(str(error)))
            return
        if record_id is None:
            return
        self.reload()
        row = self.model.row_of(record_id)
        editable = next((column for column in range(self.model.columnCount()) if self.model.edit_spec(column)), None)
        if row is not None and editable is not None:
            index = self.model.index(row, editable)
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    def remove_current(self) -> None:
        """Delete the selected record through RecordEdits (undoable)."""
        index = self.view.currentIndex()
        if not index.isValid():
            return
        try:
            self.edits.delete(self.table, index.data(RowRole)["id"])
        except PlannerError as error:
            self.show_message(sentence(str(error)))
            return
        self.reload()

    def current_row(self) -> Row | None:
        """The selected row as the service listed it, or None."""
        index = self.view.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.remove_button.setEnabled(current.isValid())
        if current.isValid():
            self.recordSelected.emit(self.table, current.data(RowRole)["id"])

    def _update_state(self) -> None:
        empty = self.model.total_count == 0
        self.empty_label.setVisible(empty and self._has_owner and bool(self.empty_label.text()))
        self.add_button.setEnabled(self._has_owner)
        self.remove_button.setEnabled(self.view.currentIndex().isValid())

    def _on_record_edited(self, table: str, _record_id: int) -> None:
        if table not in self.watched_tables or not self._has_owner:
            return
        if self.isVisible():
            self._reload_timer.start()
        else:
            self._stale = True  # read when shown again

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not torn_down(self, "view") and self._stale:
            self.reload()

    def hideEvent(self, event: QHideEvent) -> None:
        if torn_down(self, "_reload_timer"):
            super().hideEvent(event)
            return
        if self._reload_timer.isActive():
            self._reload_timer.stop()
            self._stale = True
        super().hideEvent(event)
