"""Table models of the Review view: figure tables whose numbers list their records, and that list itself.

A `FigureCell` may carry a `DrillRequest`: a title and a function returning
the records behind the number (one of `review.drilldown`, bound to the
review's scope). Drillable numbers are shown in the link colour; the view
runs the request when such a cell is clicked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from dialogue_planner.review.scope import RecordRef

DrillRole = Qt.ItemDataRole.UserRole
SortRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2

LINK_INK = QColor("#1f5fa8")
WARNING_INK = QColor("#b0471c")

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class DrillRequest:
    """What a click on a figure lists: a title for the list and how to fetch the records."""

    title: str
    fetch: Callable[[], list[RecordRef]]


@dataclass(frozen=True)
class FigureCell:
    """One cell of a figure table: its text, how it sorts, and optionally the records behind it.

    `warning` marks a figure that asks for attention (over target, no project, overdue).
    """

    text: str
    sort_value: Any = None
    drill: DrillRequest | None = None
    tooltip: str = ""
    warning: bool = False
    numeric: bool = False


def number_cell(
    value: int, drill: DrillRequest | None = None, *, warning: bool = False, tooltip: str = ""
) -> FigureCell:
    """A count, right-aligned, drillable when `drill` is given (a zero lists nothing, so it is not)."""
    return FigureCell(str(value), value, drill if value else None, tooltip, warning and value > 0, numeric=True)


class FigureTableModel(QAbstractTableModel):
    """Rows of FigureCells under fixed column headers; `set_rows` replaces them."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[list[FigureCell]] = []
        self._warning_font = QFont()
        self._warning_font.setBold(True)
        self._link_font = QFont()
        self._link_font.setUnderline(True)
        self._warning_link_font = QFont(self._warning_font)
        self._warning_link_font.setUnderline(True)

    def set_rows(self, rows: Sequence[Sequence[FigureCell]]) -> None:
        self.beginResetModel()
        self._rows = [row if isinstance(row, list) else list(row) for row in rows]  # 15,000 rows at demo x100
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def cell(self, row: int, column: int) -> FigureCell:
        return self._rows[row][column]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == DrillRole:
            return cell.drill
        if role == SortRole:
            return cell.sort_value if cell.sort_value is not None else cell.text.casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell.tooltip:
                return cell.tooltip
            return self.tr("Click to list the records behind this figure") if cell.drill else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell.warning:
                return QBrush(WARNING_INK)
            return QBrush(LINK_INK) if cell.drill else None
        if role == Qt.ItemDataRole.FontRole:
            if cell.warning:
                return self._warning_link_font if cell.drill else self._warning_font
            return self._link_font if cell.drill else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if cell.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RecordListModel(QAbstractListModel):
    """The records behind a figure, as RecordRefs: the label shown, (table, id) under RecordRole."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[RecordRef] = []

    def set_records(self, records: Sequence[RecordRef]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    @property
    def records(self) -> list[RecordRef]:
        return list(self._records)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return record.label
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = record.table.replace("_", " ")
            return self.tr("{label}\n({kind} {id}; double-click to open)").format(
                label=record.label, kind=kind, id=record.id
            )
        if role == RecordRole:
            return (record.table, record.id)
        return None
