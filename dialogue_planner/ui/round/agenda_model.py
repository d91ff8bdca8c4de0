"""A round's agenda as a table: order, topic, minutes, when it starts, whether it is a priority.

Rows can be dragged to a new place; the model does not move them itself but
asks (`moveRequested`), so the move goes through the services and the undo stack.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from dialogue_planner.errors import NotFoundError
from dialogue_planner.services.agenda import FocusStatus, planned_agenda
from dialogue_planner.storage.database import Store

ItemIdRole = Qt.ItemDataRole.UserRole
AGENDA_MIME_TYPE = "application/x-dialogue-planner-agenda-item"
MAX_MINUTES = 24 * 60

ModelIndex = QModelIndex | QPersistentModelIndex


class AgendaColumn(IntEnum):
    ORDER = 0
    TOPIC = 1
    MINUTES = 2
    STARTS = 3


def format_duration(minutes: int) -> str:
    """'1:05' for 65 minutes: hours and minutes, as an agenda shows times."""
    return f"{minutes // 60}:{minutes % 60:02d}"


class AgendaModel(QAbstractTableModel):
    """The agenda items of the round given to `set_round`, in their order."""

    moveRequested = Signal(int, int)  # agenda item id, new row
    minutesEdited = Signal(int, int)  # agenda item id, minutes

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[dict[str, Any]] = []
        self._priority_topic_ids: set[int] = set()
        self._focus: FocusStatus | None = None
        self.round_id: int | None = None

    def set_round(self, round_id: int | None) -> None:
        self.round_id = round_id
        self.reload()

    def reload(self) -> None:
        """Read the agenda again; a round deleted meanwhile (undo, another user) leaves the model empty."""
        planned = None
        if self.round_id is not None:
            try:
                planned = planned_agenda(self._store, self.round_id)
            except NotFoundError:
                self.round_id = None
        self.beginResetModel()
        self._rows = planned.items if planned else []
        self._priority_topic_ids = set(planned.priority_topic_ids) if planned else set()
        self._focus = planned.focus if planned else None
        self.endResetModel()

    def focus(self) -> FocusStatus | None:
        """The round's FocusStatus (topics against the target) as last read, or None without a round."""
        return self._focus

    def total_minutes(self) -> int:
        return sum(row["minutes"] or 0 for row in self._rows)

    def item_id(self, row: int) -> int | None:
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: int) -> int | None:
        return next((number for number, row in enumerate(self._rows) if row["id"] == item_id), None)

    def topic_ids(self) -> set[int]:
        return {row["topic"] for row in self._rows}

    def is_priority(self, row: int) -> bool:
        return self._rows[row]["topic"] in self._priority_topic_ids

    def priority_topic_ids(self) -> set[int]:
        return set(self._priority_topic_ids)

    # Qt's model interface

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(AgendaColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            AgendaColumn.ORDER: self.tr("#"),
            AgendaColumn.TOPIC: self.tr("Topic"),
            AgendaColumn.MINUTES: self.tr("Minutes"),
            AgendaColumn.STARTS: self.tr("Starts"),
        }.get(AgendaColumn(section))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], AgendaColumn(index.column())
        if role == ItemIdRole:
            return row["id"]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == AgendaColumn.ORDER:
                return index.row() + 1
            if column == AgendaColumn.TOPIC:
                priority = self.is_priority(index.row())
                return self.tr("★ {topic}").format(topic=row["topic_name"]) if priority else row["topic_name"]
            if column == AgendaColumn.MINUTES:
                return row["minutes"] if role == Qt.ItemDataRole.EditRole else QLocale().toString(row["minutes"])
            if column == AgendaColumn.STARTS:
                before = sum(other["minutes"] or 0 for other in self._rows[: index.row()])
                return self.tr("+{time}").format(time=format_duration(before))
        if role == Qt.ItemDataRole.ToolTipRole and column == AgendaColumn.TOPIC:
            if self.is_priority(index.row()):
                return self.tr("A priority topic of the dialogue")
            return self.tr("Not a priority topic of the dialogue")
        if role == Qt.ItemDataRole.TextAlignmentRole and column != AgendaColumn.TOPIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == AgendaColumn.MINUTES:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != AgendaColumn.MINUTES or not index.isValid():
            return False
        try:
            minutes = int(value)
        except (TypeError, ValueError):
            return False
        # The edit itself goes through the services (undo stack); the model reloads when told it changed.
        self.minutesEdited.emit(self._rows[index.row()]["id"], minutes)
        return True

    # Drag and drop: the view drags an item id; the drop asks for a move and lets the service do it.

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [AGENDA_MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(AGENDA_MIME_TYPE, QByteArray(str(self._rows[rows[0]]["id"]).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        return data.hasFormat(AGENDA_MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item_id = int(bytes(data.data(AGENDA_MIME_TYPE).data()).decode())
        source = self.row_of(item_id)
        if source is None:
            return False
        if parent.isValid():  # dropped onto an item: take its place
            new_index = parent.row()
        else:  # dropped between rows (or below the last): the item leaves its old place first
            target = row if row >= 0 else len(self._rows)
            new_index = target - 1 if target > source else target
        new_index = max(0, min(new_index, len(self._rows) - 1))
        if new_index != source:
            self.moveRequested.emit(item_id, new_index)
        # False: the view must not remove the dragged row itself; the reload after the move redraws it.
        return False
