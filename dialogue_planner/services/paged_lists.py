"""Lists too long to read whole (200,000 people at demo x100), read a page at a time.

A `PagedList` wraps one list query (its rows as dicts, as the `list_...`
functions return them) and knows which of its row keys it can sort by in SQL.
It gives the row count, a page of rows in a chosen order (by that column,
then by id, so the order is total), and where a record stands in that order (a
count of the rows sorting before it: the list can jump to a search hit).
`filtered(words)` is the same list narrowed in SQL to the rows holding every
word; it reads the matching ids once per order asked for (the filter's cost,
paid once), then its pages by id. Empty values sort after all others, as the
lists sort them in memory.

Pages near the end are read in reverse order from the end, so scrolling to
the last row costs as much as showing the first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import peewee
from peewee import Tuple, fn

from dialogue_planner.storage.database import Store

Row = dict[str, Any]


@dataclass(frozen=True)
class SortField:
    """A row key the list can be sorted by, the SQL that sorts it, and whether it can be empty."""

    key: str
    expression: peewee.Node
    may_be_empty: bool = True


class PagedList:
    """Rows of `query()` (a select of dicts with an `id`) a page at a time, sorted by one of `sort_fields`.

    `record_id` is the id column of the listed records; `default_key` the sort field of the list's
    own order; `holds(word)` the SQL condition that a row's shown text holds a folded word; `count()`
    (optional) a cheaper count of the unfiltered rows.
    """

    def __init__(
        self,
        store: Store,
        query: Callable[[], peewee.Select],
        record_id: peewee.Field,
        sort_fields: Sequence[SortField],
        default_key: str,
        holds: Callable[[str], peewee.Expression],
        *,
        count: Callable[[], int] | None = None,
        words: Sequence[str] = (),
    ) -> None:
        self.store = store
        self._base_query = query
        self._id = record_id
        self._sort_fields = list(sort_fields)
        self._fields = {field.key: field for field in sort_fields}
        self.default_key = default_key
        self._holds = holds
        self._count = count if not words else None
        self.words = tuple(words)
        self._snapshots: dict[tuple[str | None, bool], tuple[list[int], dict[int, int]]] = {}

    def filtered(self, words: Sequence[str]) -> PagedList:
        """The same list, only the rows whose shown text holds every (folded) word."""
        return PagedList(self.store, self._base_query, self._id, self._sort_fields, self.default_key, self._holds,
                         count=self._count, words=words)

    def _query(self) -> peewee.Select:
        query = self._base_query()
        for word in self.words:
            query = query.where(self._holds(word))
        return query

    def sortable(self, key: str) -> bool:
        """Whether the list can sort by this row key."""
        return key in self._fields

    def count(self) -> int:
        """How many rows the list has."""
        if self.words:
            return len(self._snapshot(None, False)[0])
        if self._count is not None:
            return self._count()
        return self._query().select(fn.COUNT(self._id)).scalar()

    def _snapshot(self, key: str | None, descending: bool) -> tuple[list[int], dict[int, int]]:
        """The filtered list's ids in that order, and each id's place (read once per order)."""
        order = (key if key in self._fields else None, descending)
        if order not in self._snapshots:
            ids = list(self._ordered(*order).select(self._id).tuples())
            ordered = [record_id for (record_id,) in ids]
            self._snapshots[order] = ordered, {record_id: place for place, record_id in enumerate(ordered)}
        return self._snapshots[order]

    def page(self, offset: int, limit: int, key: str | None = None, descending: bool = False, *,
             total: int | None = None) -> list[Row]:
        """Rows offset .. offset + limit - 1 in the order of `key` (None: the list's own order), then id.

        `total` is the list's count if the caller knows it (one query fewer per page).
        """
        if self.words:
            wanted = self._snapshot(key, descending)[0][offset:offset + limit]
            rows = {row["id"]: row for row in self._base_query().where(self._id.in_(wanted)).dicts()} if wanted else {}
            return [rows[record_id] for record_id in wanted if record_id in rows]
        total = self.count() if total is None else total
        limit = max(0, min(limit, total - offset))
        if limit == 0:
            return []
        if offset > total // 2:  # read from the far end: OFFSET steps through every row it skips
            rows = list(self._ordered(key, not descending).offset(total - offset - limit).limit(limit).dicts())
            rows.reverse()
            return rows
        return list(self._ordered(key, descending).offset(offset).limit(limit).dicts())

    def position(self, record_id: int, key: str | None = None, descending: bool = False) -> int | None:
        """The record's row number in that order, or None if the list does not hold it."""
        if self.words:
            return self._snapshot(key, descending)[1].get(record_id)
        terms = self._terms(key)
        values = self._query().select(*terms).where(self._id == record_id).tuples().first()
        if values is None:
            return None
        sort_tuple, record_tuple = Tuple(*terms), Tuple(*values)
        before = sort_tuple > record_tuple if descending else sort_tuple < record_tuple
        return self._query().select(fn.COUNT(self._id)).where(before).scalar()

    def _terms(self, key: str | None) -> list[peewee.Node]:
        field = self._fields.get(key or self.default_key) or self._fields[self.default_key]
        if not field.may_be_empty:
            return [field.expression, self._id]
        value = fn.COALESCE(field.expression, "")
        return [value == "", value, self._id]  # empty values last, as in memory

    def _ordered(self, key: str | None, descending: bool) -> peewee.Select:
        terms = self._terms(key)
        return self._query().order_by(*(term.desc() if descending else term for term in terms))
