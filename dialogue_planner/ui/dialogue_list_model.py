"""The dialogues, one row each ("China — active"), for a list view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt

from dialogue_planner.services.dialogues import list_dialogues
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.labels import engagement_level_in_text

DialogueIdRole = Qt.ItemDataRole.UserRole
TitleRole = Qt.ItemDataRole.UserRole + 1

ModelIndex = QModelIndex | QPersistentModelIndex


class DialogueListModel(QAbstractListModel):
    """Every dialogue, by country name; `DialogueIdRole` (Qt.UserRole) gives the dialogue id."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[dict[str, Any]] = []
        self.reload()

    def reload(self) -> None:
        """Read the dialogues again from the database (a model reset: selections are lost)."""
        self.beginResetModel()
        self._rows = list_dialogues(self._store)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("{country} — {level}").format(
                country=row["country"], level=engagement_level_in_text(row["engagement_level"])
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            rounds = self.tr("Rounds: {count}").format(count=QLocale().toString(row["round_count"]))
            return f"{row['title']}\n{rounds}"
        if role == DialogueIdRole:
            return row["id"]
        if role == TitleRole:
            return row["title"]
        return None

    def dialogue_id(self, row: int) -> int | None:
        """The id of the dialogue shown in `row`, or None outside the list."""
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def row_of(self, dialogue_id: int) -> int | None:
        """The row that shows the dialogue, or None if it is not (any longer) listed."""
        return next((number for number, row in enumerate(self._rows) if row["id"] == dialogue_id), None)
