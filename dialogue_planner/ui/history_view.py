"""The change history of one record: who changed what, when, from what to what. Read-only by design."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDateTime, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import PlannerError
from dialogue_planner.services import records
from dialogue_planner.services.search import record_title
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.labels import choice_label

# html.escape's table, without importing html (its entity tables cost start-up time for one call).
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape_html(text: str) -> str:
    """`text` safe inside rich text: markup in a record's title shows as typed."""
    return text.translate(_HTML_ESCAPES)

ModelIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("when", "who", "action")


def _value_text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    flat = " ".join(text.split())
    return flat if len(flat) <= 200 else flat[:199] + "…"


def describe_changes(
    action: str, changes: dict[str, list[Any]], name_of: Callable[[str, Any], Any] | None = None
) -> str:
    """'city: Oslo → Bergen' lines; for a create or delete, the values the record had.

    `name_of(field, value)` may turn a stored value (a reference id) into what people call it.
    """
    shown = name_of or (lambda _field, value: value)
    lines = []
    for name, (old, new) in sorted(changes.items()):
        label = name.replace("_", " ")
        if action == "update":
            lines.append(f"{label}: {_value_text(shown(name, old))} → {_value_text(shown(name, new))}")
        elif (new if action == "create" else old) not in (None, ""):
            lines.append(f"{label}: {_value_text(shown(name, new if action == 'create' else old))}")
    return "\n".join(lines)


def _moment_text(when: object) -> str:
    """A change time in the user's short format (ISO 8601 when no locale is configured)."""
    if not isinstance(when, datetime.datetime):
        return str(when)
    moment = QDateTime(when.year, when.month, when.day, when.hour, when.minute, when.second)
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return moment.toString("yyyy-MM-dd HH:mm")
    return locale.toString(moment, QLocale.FormatType.ShortFormat)


class HistoryModel(QAbstractTableModel):
    """The change-history rows of the record given to `set_record`, newest first."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[dict[str, Any]] = []
        self.record: tuple[str, int] | None = None

    def set_record(self, table: str | None, record_id: int | None) -> None:
        self.record = (table, record_id) if table and record_id else None
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        if self.record is not None:
            try:
                self._rows = list(reversed(records.history(self._store, *self.record)))
            except (PlannerError, ValueError):
                self._rows = []
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("When (UTC)"), self.tr("Who"), self.tr("What"))[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.changes_text(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "when":
                return _moment_text(row["changed_at"])
            if column == "who":
                return row["changed_by"] or self.tr("unknown")
            if column == "action":
                return {"create": self.tr("Created"), "update": self.tr("Changed"), "delete": self.tr("Deleted")}.get(
                    row["action"], row["action"]
                )
        return None

    def changes_text(self, row: int) -> str:
        """What the entry in `row` changed, one field a line."""
        if not 0 <= row < len(self._rows):
            return ""
        entry = self._rows[row]
        return describe_changes(entry["action"], entry["changes"], self._name_of)

    def _name_of(self, field: str, value: Any) -> Any:
        """A reference as its record's title ("China, round 15 (Hangzhou)"), other values as stored."""
        if self.record is None or value is None:
            return value
        vocabulary = records.field_vocabulary(self.record[0], field)
        if vocabulary is not None:
            return choice_label(vocabulary, value)
        target = records.referenced_table(self.record[0], field)
        return value if target is None else record_title(self._store, target, value)


class HistoryView(QWidget):
    """Shows the change history of the record chosen anywhere in the app; nothing here can be edited."""

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.model = HistoryModel(store, self)
        self.heading = QLabel()
        self.heading.setObjectName("historyHeading")
        self.heading.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.details = QPlainTextEdit()
        self.details.setObjectName("historyDetails")
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Choose an entry to see what it changed."))
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.table)
        self.split.addWidget(self.details)
        self.empty_label = QLabel(self.tr("Choose a record to see who changed it, when, and how."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.split)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.model.modelReset.connect(self._after_reload)
        edits.recordChanged.connect(self._on_record_changed)
        edits.recordRemoved.connect(self._on_record_changed)
        self.show_record(None, None)

    def _after_reload(self) -> None:
        self.stack.setCurrentWidget(self.split if self.model.rowCount() else self.empty_label)
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.details.clear()

    def _show_details(self) -> None:
        self.details.setPlainText(self.model.changes_text(self.table.currentIndex().row()))

    def show_record(self, table: str | None, record_id: int | None) -> None:
        """Show the history of this record (None: nothing chosen)."""
        self.model.set_record(table, record_id)
        if self.model.record is None:
            self.heading.setText(self.tr("Change history"))
        else:
            title = record_title(self._store, table, record_id)
            self.heading.setText(self.tr("<b>{record}</b>").format(record=escape_html(title)))

    def _on_record_changed(self, table: str, record_id: int) -> None:
        if self.model.record == (table, record_id):
            self.model.reload()
