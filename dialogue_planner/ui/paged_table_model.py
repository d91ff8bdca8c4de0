"""A table over a list too long to read whole, read a page at a time as the view scrolls.

`PagedRecordTableModel` shows a `services.paged_lists.PagedList` (the people
directory: 200,000 rows at demo x100) with the same columns, roles and
behaviour as `RecordTableModel`, so `RecordListPanel` shows either: the view
gets every row's count at once and the rows of the pages it paints; a column
click sorts in SQL; a filter narrows the list in SQL; `row_of` asks the list
where a record stands. Nothing is done per row in Python but for the rows shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from dialogue_planner.services.paged_lists import PagedList
from dialogue_planner.ui.record_table_model import Column, ModelIndex, RecordTableModel, Row

PAGE_SIZE = 200  # rows read per query: a screenful or a few


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
        self._count = 0  # rows shown (those that pass the filter)
        self._total = 0  # rows of the whole list
        self._page_size = page_size
        self._cache: dict[int, list[Row]] = {}  # page number -> its rows, in the current order
        super().__init__(columns, None, parent, decorate=decorate)
        if pages is not None:
            self.set_pages(pages)

    def set_pages(self, pages: PagedList | None, *, read: bool = True) -> None:
        """Show another list (another country's people, say); `read=False` when a reload follows at once."""
        self._pages = pages
        if read:
            self.reload()

    def _read_rows(self) -> None:
        self._cache = {}
        if self._pages is None:
            self._shown_list, self._count, self._total = None, 0, 0
            return
        self._shown_list = self._pages.filtered(self._words) if self._words else self._pages
        self._count = self._shown_list.count()
        self._total = self._pages.count() if self._words else self._count

    def _filter_changed(self) -> None:
        self._read_rows()

    @property
    def total_count(self) -> int:
        return self._total

    # Sorting in SQL

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._row(index.row())["id"], index.column()) for index in persistent]
        self._cache = {}
        rows = [self._position(record_id) for record_id, _column in held]
        self.changePersistentIndexList(
            persistent,
            [self.index(row, held_column) if row is not None else QModelIndex()
             for row, (_record_id, held_column) in zip(rows, held, strict=True)],
        )
        self.layoutChanged.emit()

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
        return False

    def fetch_all(self) -> None:
        """Nothing to do: every row is counted at once."""

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def row_of(self, record_id: int) -> int | None:
        return self._position(record_id)

    def _row(self, row: int) -> Row:
        number, at = divmod(row, self._page_size)
        page = self._cache.get(number)
        if page is None:
            key, descending = self._order()
            page = self._shown_list.page(number * self._page_size, self._page_size, key, descending,
                                         total=self._count)
            self._cache[number] = page
        # A page shorter than counted: records removed since (the reload after the edit is on its way).
        return page[at] if at < len(page) else {"id": None}
