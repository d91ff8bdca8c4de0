"""A table over a list too long to read whole, read a page at a time as the view scrolls.

`PagedRecordTableModel` shows a `services.paged_lists.PagedList` (the people
directory: 200,000 rows at demo x100; the projects: 30,000) with the same columns, roles and
behaviour as `RecordTableModel`, so `RecordListPanel` shows either: the view
gets every row's count at once and the rows of the pages it paints; a column
click sorts in SQL; a filter narrows the list in SQL; `row_of` asks the list
where a record stands. Nothing is done per row in Python but for the rows shown.

A filter matching many rows is not counted (that cost 0.3-2 s at demo x100):
the view gets the rows read so far, and more through `fetchMore` as it
scrolls; `matches_at_least` then says how many there are at least, for the
panel to say that the list goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from dialogue_planner.services import paged_filters
from dialogue_planner.services.paged_lists import PagedList
from dialogue_planner.ui.record_table_model import Column, ModelIndex, RecordTableModel, Row

PAGE_SIZE = 200  # rows read per query: a screenful or a few
FETCHED_ROWS = 1000  # rows of a filter matching many read per fetchMore
# Rows of the whole list a filter matching many reads beyond its first rows to keep a selected record
# shown (reading as far as one 190,000 rows down the People list cost 1-2 s at demo x100).
HELD_REACH = 5000


class PagedRecordTableModel(RecordTableModel):
    """The rows of `pages` (a PagedList), counted at once and read a page at a time."""

    def __init__(
        self,
        columns: Sequence[Column],
        pages: PagedList | None = None,
        parent: QObject | None = None,
        *,
        decorate: Callable[[Row, int, int], Any] | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self._pages: PagedList | None = None  # the whole list
        self._shown_list: PagedList | None = None  # the list as filtered
        self._count = 0  # rows shown (those that pass the filter, or those read so far of a filter matching many)
        self._complete = True  # whether _count is all the rows that pass the filter
        self._total = 0  # rows of the whole list
        self._page_size = page_size
        self._cache: dict[int, list[Row]] = {}  # page number -> its rows, in the current order
        self._further_down: set[int] = set()  # selected records the filter holds beyond the rows read
        self._rows_shown = False  # whether a row has been asked for since the rows were read
        super().__init__(columns, None, parent, decorate=decorate)
        if pages is not None:
            self.set_pages(pages)

    def set_pages(self, pages: PagedList | None, *, read: bool = True) -> None:
        """Show another list (another country's people, say); `read=False` when a reload follows at once."""
        self._pages = pages
        if read:
            self.reload()

    def _read_rows(self, *, count_all: bool = True) -> None:
        held = self._held_ids()
        self._cache = {}
        self._rows_shown = False  # no row of those read below has been asked for yet (see fetchMore)
        self._further_down = set()
        if self._pages is None:
            self._shown_list, self._count, self._total, self._complete = None, 0, 0, True
            return
        if count_all:  # the rows may have changed: nothing read before is kept (ids in an order, say)
            self._search_texts = {}
            self._pages = self._pages.fresh()
        self._shown_list = self._pages.filtered(self._words) if self._words else self._pages
        self._count, self._complete = self._shown_list.rows_known(*self._order())
        if not self._complete:
            self._keep_in_reach(held)
        if not self._words:
            self._total = self._count
        elif count_all:
            self._total = self._pages.count()

    def _held_ids(self) -> list[int]:
        """The records of the rows the view holds (the selected one), and those `further_down`, before the
        rows are read again."""
        if self._shown_list is None:
            return []
        rows = {index.row() for index in self.persistentIndexList() if 0 <= index.row() < self._count}
        held = [record_id for row in sorted(rows) if (record_id := self._row(row)["id"]) is not None]
        return list(dict.fromkeys([*held, *sorted(self._further_down)]))

    def _keep_in_reach(self, held: list[int]) -> None:
        """Read a filter matching many as far as each held record if it stands at most HELD_REACH rows of
        the whole list further down; one further down, though the filter holds it, is `further_down`."""
        key, descending = self._order()
        for record_id in held:
            if self._shown_list.position(record_id, key, descending, reach=HELD_REACH) is None and \
                    self._shown_list.holds_record(record_id):
                self._further_down.add(record_id)
        self._count, self._complete = self._shown_list.rows_known(key, descending)

    def further_down(self, record_id: int | None) -> bool:
        """Whether the filter holds this record (selected, or further down already, when the rows were read
        again) further down the list than the rows read: `row_of` does not read as far as it (the view
        reads on as it scrolls)."""
        return record_id in self._further_down

    def _filter_changed(self) -> None:
        self._read_rows(count_all=False)  # the whole list is as counted when it was read

    @property
    def total_count(self) -> int:
        return self._total

    @property
    def matches_at_least(self) -> int | None:
        """None if every row that passes the filter is counted; else how many there are at least
        (more than the rows read so far: they are read as the view scrolls)."""
        return None if self._complete else max(paged_filters.COUNTED_MATCHES + 1, self._count)

    # Sorting in SQL

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._shown_list is not None and not self._complete:
            self._read_sorted_as_far(column, order)
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._row(index.row())["id"], index.column()) for index in persistent]
        self._cache = {}
        # Each record once: a selected row holds an index per column, and a place may cost a count in SQL.
        places = {record_id: self._position(record_id) for record_id in {record_id for record_id, _column in held}}
        rows = [places[record_id] for record_id, _column in held]
        self.changePersistentIndexList(
            persistent,
            [self.index(row, held_column) if row is not None else QModelIndex()
             for row, (_record_id, held_column) in zip(rows, held, strict=True)],
        )
        self.layoutChanged.emit()

    def _read_sorted_as_far(self, column: int, order: Qt.SortOrder) -> None:
        """A filter matching many, about to be sorted: read as many rows in the new order as are shown,
        and as far as the held rows, and tell the view of any more first (a layout change keeps the count)."""
        held_ids = [self._row(index.row())["id"] for index in self.persistentIndexList()]
        old_order = self._sort_column, self._sort_order
        self._sort_column, self._sort_order = column, order
        try:
            rows = [self._position(record_id) for record_id in dict.fromkeys(held_ids)]
            wanted = max([self._count, *(row + 1 for row in rows if row is not None)])
            count, complete = self._shown_list.read_to(wanted, *self._order())
        finally:
            self._sort_column, self._sort_order = old_order
        if count > self._count:
            self._cache.pop(self._count // self._page_size, None)  # the last page read was cut at the end
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        self._complete = complete

    def _order(self) -> tuple[str | None, bool]:
        """The list's sort key for the chosen column (None: its own order) and whether descending."""
        key = self.columns[self._sort_column].key if 0 <= self._sort_column < len(self.columns) else None
        if key is not None and not self._shown_list.sortable(key):
            key = None
        return key, key is not None and self._sort_order == Qt.SortOrder.DescendingOrder

    def _position(self, record_id: int) -> int | None:
        if self._shown_list is None:
            return None
        key, descending = self._order()
        return self._shown_list.position(record_id, key, descending)

    # Rows

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        """Read on, once the view has shown a row of those read: a view scrolled far down before the rows
        were read again asks for more at once (its scroll bar, cut to the new rows, stands at the end),
        which read 1,000 rows (60-100 ms at demo x100) before the list was scrolled back to the top."""
        if parent.isValid() or self._complete or self._shown_list is None or not self._rows_shown:
            return
        self._show_up_to(self._count + FETCHED_ROWS)

    def _show_up_to(self, wanted: int) -> None:
        """Read a filter matching many as far as `wanted` rows (-1: all) and show what was read."""
        count, self._complete = self._shown_list.read_to(wanted, *self._order())
        if count > self._count:
            self._cache.pop(self._count // self._page_size, None)  # the last page read was cut at the end
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()

    def fetch_all(self) -> None:
        """Every row, counted (a filter matching many is read to its end)."""
        if not self._complete and self._shown_list is not None:
            self._show_up_to(-1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def row_of(self, record_id: int) -> int | None:
        """The record's row (reading a filter matching many as far as it), or None if the list does not
        show it; None too for a record `further_down`, unless the rows read have reached it since."""
        if record_id in self._further_down and self._shown_list is not None:
            return self._shown_list.position(record_id, *self._order(), reach=0)
        row = self._position(record_id)
        if row is not None and row >= self._count:  # read further in a filter matching many
            self._show_up_to(row + 1)
        return row

    def _row(self, row: int) -> Row:
        self._rows_shown = True
        number, at = divmod(row, self._page_size)
        page = self._cache.get(number)
        if page is None:
            key, descending = self._order()
            # No further than the rows shown: a filter matching many reads on only when the view asks.
            limit = min(self._page_size, self._count - number * self._page_size)
            page = self._shown_list.page(number * self._page_size, limit, key, descending, total=self._count)
            self._cache[number] = page
        # A page shorter than counted: records removed since (the reload after the edit is on its way).
        return page[at] if at < len(page) else {"id": None}
