"""The rounds of one dialogue as a table: number, dates, city, host, level, status, topics."""

from __future__ import annotations

import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt

from dialogue_planner.services.rounds import list_rounds
from dialogue_planner.storage import vocabulary
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.labels import host_side_label, round_level_label, round_status_label

RoundIdRole = Qt.ItemDataRole.UserRole
# Raw values to sort by: numbers, dates, vocabulary order (planned before held), not display text.
SortRole = Qt.ItemDataRole.UserRole + 1

ModelIndex = QModelIndex | QPersistentModelIndex


class RoundColumn(IntEnum):
    NUMBER = 0
    DATES = 1
    CITY = 2
    HOST = 3
    LEVEL = 4
    STATUS = 5
    TOPICS = 6


NUMERIC_COLUMNS = (RoundColumn.NUMBER, RoundColumn.TOPICS)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ANSWERED_ROLES = frozenset((_DISPLAY, int(SortRole), int(RoundIdRole), int(Qt.ItemDataRole.TextAlignmentRole)))
_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def format_date(day: datetime.date, locale: QLocale | None = None) -> str:
    """A date in the user's short format (ISO 8601 when no locale is configured)."""
    locale = locale or QLocale()
    date = QDate(day.year, day.month, day.day)
    # The C locale's short format ("12 05 2024") is ambiguous; ISO is not.
    if locale.language() == QLocale.Language.C:
        return date.toString(Qt.DateFormat.ISODate)
    return locale.toString(date, QLocale.FormatType.ShortFormat)


def format_date_range(start: datetime.date | None, end: datetime.date | None, locale: QLocale | None = None) -> str:
    """'start – end', one date when they are the same day or only one is known, '' when none is."""
    days = [format_date(day, locale) for day in (start, end) if day is not None]
    if len(days) == 2 and start == end:
        days = days[:1]
    return " – ".join(days)


def _vocabulary_order(values: tuple[str, ...], value: str | None) -> int:
    return values.index(value) if value in values else len(values)


class RoundTableModel(QAbstractTableModel):
    """Rounds of the dialogue given to `set_dialogue` (none until then), newest first."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._dialogue_id: int | None = None
        self._rows: list[dict[str, Any]] = []

    @property
    def dialogue_id(self) -> int | None:
        return self._dialogue_id

    def set_dialogue(self, dialogue_id: int | None) -> None:
        """Show the rounds of this dialogue (None: no rounds at all)."""
        self._dialogue_id = dialogue_id
        self.reload()

    def reload(self) -> None:
        """Read the current dialogue's rounds again from the database."""
        self.beginResetModel()
        self._rows = [] if self._dialogue_id is None else list_rounds(self._store, self._dialogue_id)
        self.endResetModel()

    def round_id(self, row: int) -> int | None:
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(RoundColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(RoundColumn):
            return None
        column = RoundColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles()[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == RoundColumn.TOPICS:
            return self.tr("Topics on the round's agenda")
        return None

    def _titles(self) -> dict[RoundColumn, str]:
        return {
            RoundColumn.NUMBER: self.tr("Round"),
            RoundColumn.DATES: self.tr("Dates"),
            RoundColumn.CITY: self.tr("City"),
            RoundColumn.HOST: self.tr("Host"),
            RoundColumn.LEVEL: self.tr("Level"),
            RoundColumn.STATUS: self.tr("Status"),
            RoundColumn.TOPICS: self.tr("Topics"),
        }

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        # Asked some 500 times before the window first paints: roles and columns compared as plain ints.
        if role not in _ANSWERED_ROLES:
            return None
        row_number = index.row()
        if not 0 <= row_number < len(self._rows) or not index.isValid():
            return None
        row = self._rows[row_number]
        if role == _DISPLAY:
            return self._display(row, RoundColumn(index.column()))
        if role == SortRole:
            return self._sort_value(row, RoundColumn(index.column()))
        if role == RoundIdRole:
            return row["id"]
        return _NUMBER_ALIGNMENT if index.column() in NUMERIC_COLUMNS else None

    def _display(self, row: dict[str, Any], column: RoundColumn) -> str:
        if column == RoundColumn.NUMBER:
            return QLocale().toString(row["number"])
        if column == RoundColumn.DATES:
            return format_date_range(row["start_date"], row["end_date"])
        if column == RoundColumn.CITY:
            return row["city"] or ""
        if column == RoundColumn.HOST:
            return host_side_label(row["host_side"])
        if column == RoundColumn.LEVEL:
            return round_level_label(row["level"])
        if column == RoundColumn.STATUS:
            return round_status_label(row["status"])
        return QLocale().toString(row["topic_count"])

    def _sort_value(self, row: dict[str, Any], column: RoundColumn) -> Any:
        if column == RoundColumn.NUMBER:
            return row["number"]
        if column == RoundColumn.DATES:
            start = row["start_date"] or row["end_date"]
            # Undated rounds get an invalid QDate, which Qt sorts before every real date.
            return QDate(start.year, start.month, start.day) if start else QDate()
        if column == RoundColumn.CITY:
            return row["city"] or ""
        if column == RoundColumn.HOST:
            return _vocabulary_order(vocabulary.HOST_SIDES, row["host_side"])
        if column == RoundColumn.LEVEL:
            return _vocabulary_order(vocabulary.ROUND_LEVELS, row["level"])
        if column == RoundColumn.STATUS:
            return _vocabulary_order(vocabulary.ROUND_STATUSES, row["status"])
        return row["topic_count"]
