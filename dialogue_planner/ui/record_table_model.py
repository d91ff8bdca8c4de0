"""A table of records from a service list function, described by a column spec.

The rows are plain dicts (what the services' `list_...` functions return). The
model sorts and filters them itself (a sort proxy would sort only the rows
fetched, and a filter proxy costs a Python call per row on every reset), and
hands the rows that pass the filter to the view in batches (`canFetchMore` /
`fetchMore`), so a list of thousands opens at once. `SortRole` gives raw values
(numbers, dates, vocabulary order), `RecordIdRole` the record id and
`SearchTextRole` the row's shown text folded, as the filter compares it.
Lists too long to read whole use `paged_table_model.PagedRecordTableModel`.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from dialogue_planner.storage.search_index import fold as fold_for_search  # filtered as search and paged lists fold
from dialogue_planner.ui.form_fields import to_qdate
from dialogue_planner.ui.labels import choice_label
from dialogue_planner.ui.round_table_model import format_date

RecordIdRole = Qt.ItemDataRole.UserRole
SortRole = Qt.ItemDataRole.UserRole + 1
SearchTextRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3  # the whole row dict

ModelIndex = QModelIndex | QPersistentModelIndex
Row = dict[str, Any]

# The roles data() answers by itself (a `decorate` function may answer others).
_ANSWERED_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, SortRole, RecordIdRole, SearchTextRole, RowRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole,
))

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# Rows handed to the view per fetchMore: each batch costs a relayout of the view, so scrolling 4,200
# people to the end took 21 of them at 200 (benchmarks/bench_ui.py: 0.3 s); a batch of 1,000 costs a
# few milliseconds to insert.
BATCH_SIZE = 1000
LONG_CELL_TEXT = 30  # characters; a longer cell text also shows as its tooltip


@dataclass(frozen=True)
class Column:
    """One column: the row key it shows, its header, how a value reads, aligns and sorts.

    `formatter(value, row)` gives the text shown (default: the value as text, dates in the user's
    format); `sort_key(row)` the raw value to sort by (default: the value itself).
    """

    key: str
    header: str
    formatter: Callable[[Any, Row], str] | None = None
    alignment: Qt.AlignmentFlag = LEFT
    sort_key: Callable[[Row], Any] | None = None
    tooltip: str = ""


def display_value(value: Any) -> str:
    """A stored value as a cell shows it by default."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return format_date(value)
    return str(value)


def sortable(value: Any) -> Any:
    """A raw value in a form QSortFilterProxyModel can compare (dates as QDate, amounts as float)."""
    if isinstance(value, datetime.date):
        return to_qdate(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


class RecordTableModel(QAbstractTableModel):
    """Rows from `load()` (a service list function), shown in `columns`; read again by `reload()`.

    `decorate(row, column, role)` may add roles per cell (an icon, a background tint, a tooltip):
    it returns None for roles it leaves alone.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        load: Callable[[], list[Row]] | None = None,
        parent: QObject | None = None,
        *,
        decorate: Callable[[Row, int, int], Any] | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._load = load
        self._decorate = decorate
        self._batch_size = batch_size
        self._rows: list[Row] = []  # every row read, in the chosen order
        self._visible: list[Row] = []  # those that hold every word of the filter, in the same order
        self._shown = 0  # of the visible rows, how many the view has been handed
        self._words: list[str] = []  # the filter, folded
        self._search_texts: dict[int, str] = {}  # by record id
        self._sort_column = -1  # -1: the service's own order
        self._service_rank: dict[int, int] = {}  # record id -> its place in the service's order
        self._sort_order = Qt.SortOrder.AscendingOrder
        self.reload()

    def set_loader(self, load: Callable[[], list[Row]] | None, *, read: bool = True) -> None:
        """Take rows from another service call (another dialogue's country, say) and read them.

        `read=False` when a `reload()` follows at once (a list panel's): the rows are read once, not twice.
        """
        self._load = load
        if read:
            self.reload()

    def reload(self) -> None:
        """Read the rows again (a model reset); the first batch is shown, the rest fetched on demand."""
        self.beginResetModel()
        self._read_rows()
        self.endResetModel()

    def _read_rows(self) -> None:
        self._rows = list(self._load()) if self._load is not None else []
        self._service_rank = {row["id"]: number for number, row in enumerate(self._rows)}
        self._rows.sort(key=self._sort_key(self._sort_column), reverse=self._reversed())
        self._search_texts = {}
        self._apply_words()

    # Filtering every row read, fetched or not

    def set_filter_text(self, text: str) -> None:
        """Show only the rows whose shown text holds every word of `text`, ignoring case and accents."""
        words = fold_for_search(text).split()
        if words == self._words:
            return
        self.beginResetModel()
        self._words = words
        self._filter_changed()
        self.endResetModel()

    def _filter_changed(self) -> None:
        self._apply_words()

    def _apply_words(self) -> None:
        words = self._words
        if words:
            self._visible = [row for row in self._rows if all(word in self._search_text(row) for word in words)]
        else:
            self._visible = self._rows
        self._shown = min(len(self._visible), self._batch_size)

    # Sorting every row, fetched or not

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order every row by the column's raw value (-1: back to the service's own order)."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._visible[index.row()]["id"], index.column()) for index in persistent]
        self._rows.sort(key=self._sort_key(column), reverse=self._reversed())
        if self._words:
            kept = {row["id"] for row in self._visible}
            self._visible = [row for row in self._rows if row["id"] in kept]
        else:
            self._visible = self._rows
        position = {row["id"]: number for number, row in enumerate(self._visible)}
        # A selected record sorted beyond the rows fetched so far is fetched with them, so it stays selected.
        self._shown = max([self._shown, *(position[record_id] + 1 for record_id, _column in held)])
        self.changePersistentIndexList(
            persistent, [self.index(position[record_id], held_column) for record_id, held_column in held]
        )
        self.layoutChanged.emit()

    def _reversed(self) -> bool:
        return 0 <= self._sort_column < len(self.columns) and self._sort_order == Qt.SortOrder.DescendingOrder

    def _sort_key(self, column_number: int) -> Callable[[Row], Any]:
        if not 0 <= column_number < len(self.columns):
            rank = self._service_rank
            return lambda row: rank.get(row["id"], len(rank))
        column = self.columns[column_number]

        def key(row: Row) -> tuple:
            value = column.sort_key(row) if column.sort_key else row.get(column.key)
            if isinstance(value, str):
                value = value.casefold()
            # Empty values together at one end, never compared with real ones.
            return (value is None or value == "", value if value is not None else 0)

        return key

    # Fetching in batches

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._shown < len(self._visible)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        if parent.isValid():
            return
        self._show_up_to(self._shown + self._batch_size)

    def fetch_all(self) -> None:
        """Hand the view every row that passes the filter (a short list shown whole)."""
        self._show_up_to(len(self._visible))

    def _show_up_to(self, count: int) -> None:
        count = min(count, len(self._visible))
        if count <= self._shown:
            return
        self.beginInsertRows(QModelIndex(), self._shown, count - 1)
        self._shown = count
        self.endInsertRows()

    @property
    def total_count(self) -> int:
        """Rows the service listed, whether the filter shows them or not."""
        return len(self._rows)

    @property
    def matches_at_least(self) -> int | None:
        """None: every row that passes the filter is counted (here always; see PagedRecordTableModel)."""
        return None

    @property
    def filtered(self) -> bool:
        """Whether a filter is hiding rows that do not hold its words."""
        return bool(self._words)

    # Rows by id

    def row_of(self, record_id: int) -> int | None:
        """The row showing the record (fetching up to it if needed), or None if it is not shown
        (not listed, or hidden by the filter)."""
        row = next((number for number, values in enumerate(self._visible) if values["id"] == record_id), None)
        if row is not None and row >= self._shown:
            self._show_up_to(row + 1)
        return row

    def record_id(self, row: int) -> int | None:
        """The id of the record in `row` (of the rows shown), or None."""
        values = self.row_values(row)
        return values["id"] if values is not None else None

    def row_values(self, row: int) -> Row | None:
        """The row as the service listed it, or None outside the rows shown."""
        return self._row(row) if 0 <= row < self.rowCount() else None

    def _row(self, row: int) -> Row:
        """Row `row` of those shown (0 <= row < rowCount())."""
        return self._visible[row]

    # QAbstractTableModel

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._decorate is None and int(role) not in _ANSWERED_ROLES:
            return None  # font, colours, size...: asked for every cell painted or measured
        if not index.isValid() or not 0 <= index.row() < self.rowCount() or not 0 <= index.column() < len(self.columns):
            return None
        row = self._row(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, self.columns[index.column()])
        if role == SortRole:
            column = self.columns[index.column()]
            return sortable(column.sort_key(row) if column.sort_key else row.get(column.key))
        if role == RecordIdRole:
            return row["id"]
        if role == SearchTextRole:
            return self._search_text(row)
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.columns[index.column()].alignment
        decoration = self._decorate(row, index.column(), role) if self._decorate is not None else None
        if decoration is None and role == Qt.ItemDataRole.ToolTipRole:
            # Long texts are cut short in the cell ("…"); the tooltip shows them whole.
            text = self._text(row, self.columns[index.column()])
            return text if len(text) > LONG_CELL_TEXT else None
        return decoration

    @staticmethod
    def _text(row: Row, column: Column) -> str:
        value = row.get(column.key)
        return column.formatter(value, row) if column.formatter else display_value(value)

    def _search_text(self, row: Row) -> str:
        # Folded once per row and kept: the filter asks for it on every keystroke.
        cached = self._search_texts.get(row["id"])
        if cached is None:
            cached = fold_for_search("\t".join(self._text(row, column) for column in self.columns))
            self._search_texts[row["id"]] = cached
        return cached


def choice_column(key: str, header: str, values: tuple[str, ...], **options: Any) -> Column:
    """A column of a vocabulary value: its label shown, sorted in the vocabulary's order (planned before held)."""
    return Column(
        key,
        header,
        formatter=lambda value, _row: choice_label(values, value),
        sort_key=lambda row: values.index(row[key]) if row.get(key) in values else len(values),
        **options,
    )
