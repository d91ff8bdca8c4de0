"""Lists too long to read whole (200,000 people at demo x100), read a page at a time.

A `PagedList` wraps one list query (its rows as dicts, as the `list_...`
functions return them) and knows which of its row keys it can sort by in SQL.
It gives the row count, a page of rows in a chosen order (by that column,
then by id, so the order is total), and where a record stands in that order (a
count of the rows sorting before it: the list can jump to a search hit).
Empty values sort after all others, as the lists sort them in memory.

Pages near the end are read in reverse order from the end, so scrolling to
the last row costs as much as showing the first.

`filtered(words)` is the same list narrowed in SQL to the rows holding every
word, read at once and counted if it matches few rows, else in order as far as
it is asked for (`services.paged_filters`).
An unfiltered list of at most SORTED_ONCE_ROWS reads its ids once per column order.
A list read whole in an order (an unfiltered one in an order no index serves, a
filter that no cheaper way reads) reads its first FIRST_ROWS_APART rows apart,
each page by a sort that stops at its last row, and is counted apart: its ids in
that order are read (sorted whole) only for a page beyond them or for where a
record stands (a selection kept across a sort: one sort gives both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import peewee
from peewee import SQL, fn

from dialogue_planner.services.list_order import SortField, beyond, id_list, sort_terms
from dialogue_planner.services.paged_filters import FEW, MANY, WHOLE, FilterReading, Order, Row, Walk
from dialogue_planner.storage.database import Store

SORTED_ONCE_ROWS = 50_000  # an unfiltered list this long or shorter reads its ids once per column order
# Rows of a list read whole in an order that are read a page at a time, without its ids read whole first
# (30,010 projects at demo x100: sorting them all cost 70-200 ms, their first page a third of it).
FIRST_ROWS_APART = 1000
MATCHED_AT_ONCE = 5000  # a filter read whole with more matching ids than this tests its rows again in SQL


class PagedList(FilterReading):
    """Rows of `query()` (a select of dicts with an `id`) a page at a time, sorted by one of `sort_fields`.

    `record_id` is the id column of the listed records; `default_key` the sort field of the list's
    own order; `holds(word)` the SQL condition that a row's shown text holds a folded word; `count()`
    (optional) a cheaper count of the unfiltered rows. With `matching_ids(word)` (SQL and parameters
    of a query of the ids of the list's rows holding the word, duplicates allowed) and `holds_here(word)`
    (the same condition as `holds`, tested row by row without reading every match first), a filter
    matching many rows is read in order as far as needed instead of counted whole;
    `matches_at_most(word)` is a cheap upper bound of those rows (from an index), or None.
    `complete_rows(rows)` adds to a page's rows what the query does not give (in place).
    `holds_each(words)` (optional) gives `holds` of several words at once; `counted()` (optional) the
    list's rows with fewer joins, for counting a filter (`holds` must need none of the others).
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
        matching_ids: Callable[[str], tuple[str, Sequence[Any]]] | None = None,
        holds_here: Callable[[str], peewee.Expression] | None = None,
        matches_at_most: Callable[[str], int | None] = lambda _word: None,
        complete_rows: Callable[[list[Row]], None] | None = None,
        holds_each: Callable[[Sequence[str]], Sequence[peewee.Expression]] | None = None,
        counted: Callable[[], peewee.Select] | None = None,
    ) -> None:
        self.store = store
        self._base_query = query
        self._id = record_id
        self._sort_fields = list(sort_fields)
        self._fields = {sort_field.key: sort_field for sort_field in sort_fields}
        self.default_key = default_key
        self._holds = holds
        self._matching_ids = matching_ids
        self._holds_here = holds_here
        self._matches_at_most = matches_at_most
        self._complete_rows = complete_rows
        self._holds_each = holds_each
        self._counted = counted
        self._conditions: dict[str, peewee.Expression] | None = None  # each word's condition, made once
        self._count = count if not words else None
        self.words = tuple(words)
        self._snapshots: dict[Order, tuple[list[int], dict[int, int]]] = {}
        self._walks: dict[Order, Walk] = {}
        self._rows_counted: int | None = None  # the unfiltered count, once asked by `_sorted_once`
        self._matched: list[int] | None = None  # WHOLE: every matching id, in no order (see `_count_matches`)
        self._mode: str | None = None  # of a filter: WHOLE, FEW or MANY, found out when first needed
        self._candidates: list[int] | None = []  # FEW: ids among which all the filter's rows are (None: any)
        self._set_word: str | None = None  # FEW: the word whose matches are read as one set

    def filtered(self, words: Sequence[str]) -> PagedList:
        """The same list, only the rows whose shown text holds every (folded) word."""
        return PagedList(self.store, self._base_query, self._id, self._sort_fields, self.default_key, self._holds,
                         count=self._count, words=words, matching_ids=self._matching_ids,
                         holds_here=self._holds_here, matches_at_most=self._matches_at_most,
                         complete_rows=self._complete_rows, holds_each=self._holds_each, counted=self._counted)

    def fresh(self) -> PagedList:
        """The same list with nothing read yet (the records may have changed since)."""
        return self.filtered(self.words)

    def _condition(self, word: str) -> peewee.Expression:
        """`holds(word)` of one of the filter's words, made once for the filter (with `holds_each`: for all
        its words together, which may share what they read to make them)."""
        if self._conditions is None:
            made = self._holds_each(self.words) if self._holds_each else [self._holds(word) for word in self.words]
            self._conditions = dict(zip(self.words, made, strict=True))
        return self._conditions[word]

    def _query(self) -> peewee.Select:
        query = self._base_query()
        for word in self.words:
            query = query.where(self._condition(word))
        return query

    def _query_here(self) -> peewee.Select:
        """The filter's rows, each tested as it is read (only `_set_word`'s matches read whole first)."""
        query = self._base_query()
        for word in self.words:
            query = query.where(self._condition(word) if word == self._set_word else self._holds_here(word))
        return query

    def sortable(self, key: str) -> bool:
        """Whether the list can sort by this row key."""
        return key in self._fields

    # Counting

    def count(self) -> int:
        """How many rows the list has (for a filter matching many rows: all of them read, which costs)."""
        if self.words:
            if self._filter_mode() == MANY:
                return self.read_to(-1)[0]
            if self._filter_mode() == FEW or self._snapshots:
                return len(self._snapshot(*next(iter(self._snapshots), (None, False)))[0])
            if self._rows_counted is None:  # WHOLE, not read: counted without sorting its rows
                self._count_matches()
            return self._rows_counted
        if self._count is not None:
            return self._count()
        return self._query().select(fn.COUNT(self._id)).scalar()

    def _count_matches(self) -> None:
        """Count a WHOLE filter's rows by reading their ids, in no order: its pages and places then sort
        those alone, without testing every row again (a project filter's words cost 10-20 ms each time)."""
        rows = self._counted() if self._counted is not None else self._base_query()
        for word in self.words:
            rows = rows.where(self._condition(word))
        self._matched = [record_id for (record_id,) in self.store.db.execute(rows.select(self._id)).fetchall()]
        self._rows_counted = len(self._matched)

    def _matching(self) -> peewee.Select:
        """A WHOLE filter's rows: the ids `_count_matches` read, or where there are more than
        MATCHED_AT_ONCE, the filter's conditions (a list of 30,000 ids cost more than testing them)."""
        if self._matched is None:
            self._count_matches()
        if len(self._matched) > MATCHED_AT_ONCE:
            return self._query()
        return self._base_query().where(self._id.in_(id_list(self.store, self._matched)))

    def _order(self, key: str | None, descending: bool) -> Order:
        return (key if key in self._fields else None, descending)

    def _snapshot(self, key: str | None, descending: bool) -> tuple[list[int], dict[int, int]]:
        """The filtered list's ids in that order, and each id's place (read once per order)."""
        order = self._order(key, descending)
        if order not in self._snapshots:
            mode = self._filter_mode() if self.words else WHOLE
            if mode == WHOLE:
                query = self._matching() if self.words else self._query()
            elif mode == FEW and self._candidates is not None:
                query = self._query_here().where(self._id.in_(id_list(self.store, self._candidates)))
            else:
                query = self._query_here()
            query = self._ordered_query(query, *order)
            # Through the cursor: peewee's rows cost ~4 µs each (0.8 s for 200,000 ids).
            ordered = [record_id for (record_id,) in self.store.db.execute(query.select(self._id)).fetchall()]
            self._snapshots[order] = ordered, {record_id: place for place, record_id in enumerate(ordered)}
        return self._snapshots[order]

    # Pages and places

    def page(self, offset: int, limit: int, key: str | None = None, descending: bool = False, *,
             total: int | None = None) -> list[Row]:
        """Rows offset .. offset + limit - 1 in the order of `key` (None: the list's own order), then id.

        `total` is the list's count if the caller knows it (one query fewer per page). A filter
        matching many rows reads further in that order if the page lies beyond the rows read.
        """
        if self.words or self._sorted_once(key):
            if self._apart(offset + limit, key, descending):  # a sort that stops at the page's last row
                query = self._ordered(key, descending).select(self._id).offset(offset).limit(limit)
                wanted = [record_id for (record_id,) in self.store.db.execute(query).fetchall()]
            else:
                self.read_to(offset + limit, key, descending)
                wanted = self._ids_in(key, descending)[0][offset:offset + limit]
            read = self._base_query().where(self._id.in_(id_list(self.store, wanted))).dicts() if wanted else []
            rows = {row["id"]: row for row in read}
            return self._completed([rows[record_id] for record_id in wanted if record_id in rows])
        total = self.count() if total is None else total
        limit = max(0, min(limit, total - offset))
        if limit == 0:
            return []
        from_end = offset > total // 2  # read from the far end: OFFSET steps through every row it skips
        start, order = (total - offset - limit, not descending) if from_end else (offset, descending)
        if self._sort_field(key).indexed and self._counted is not None:
            # The ids from the index alone, then their rows: OFFSET over the rows with their joins cost 16 ms
            # for 12,600 projects at demo x100, over the index 1 ms.
            ids = self._ordered_query(self._whole_list(key), key, order).select(self._id).offset(start).limit(limit)
            wanted = [record_id for (record_id,) in self.store.db.execute(ids).fetchall()]
            rows = {row["id"]: row for row in self._base_query().where(self._id.in_(id_list(self.store, wanted)))
                    .dicts()}
            found = [rows[record_id] for record_id in wanted if record_id in rows]
        else:
            found = list(self._ordered(key, order).offset(start).limit(limit).dicts())
        if from_end:
            found.reverse()
        return self._completed(found)

    def _completed(self, rows: list[Row]) -> list[Row]:
        """The rows with what the list adds to them in Python (a project's topics), if anything."""
        if self._complete_rows is not None and rows:
            self._complete_rows(rows)
        return rows

    def position(self, record_id: int, key: str | None = None, descending: bool = False, *,
                 reach: int | None = None) -> int | None:
        """The record's row number in that order, or None if the list does not hold it.

        A filter matching many rows reads as far as the record in that order, if the filter holds it;
        with `reach`, only if at most that many rows of the whole list stand between the rows read and
        the record (reading as far as a record 190,000 rows down cost 1-2 s): else None, though the
        list may hold it (see `holds_record`).
        """
        if self.words and self._filter_mode() == WHOLE:
            self._matching()  # its ids read: one not among them needs no sort to say so
            if record_id not in set(self._matched):
                return None
            if self._in_own_order(key):  # counted in SQL, as its pages are read by OFFSET
                return self._counted_place(record_id, key, descending)
        if self._sorted_once(key):
            return self._snapshot(key, descending)[1].get(record_id)
        if self.words:
            place = self._ids_in(key, descending)[1].get(record_id)
            if place is not None or self.rows_known(key, descending)[1]:
                return place
            values = self._query_here().select(*self._terms(key)).where(self._id == record_id).tuples().first()
            order = self._order(key, descending)
            if values is None or (reach is not None and self._rows_between(order, tuple(values), reach) > reach):
                return None
            self._read(order, -1, up_to=tuple(values))
            return self._ids_in(key, descending)[1].get(record_id)
        return self._counted_place(record_id, key, descending)

    def _counted_place(self, record_id: int, key: str | None, descending: bool) -> int | None:
        """The record's row number in that order, the rows before it counted in SQL (None: not listed)."""
        terms = self._terms(key)
        rows = self._matching() if self.words else self._query()
        # As stored, through the cursor: peewee would convert a budget to a Decimal, which goes back to SQLite
        # as text (sorting after every number).
        values = self.store.db.execute(rows.select(*terms).where(self._id == record_id)).fetchone()
        if values is None:
            return None
        counted = (rows if self.words else self._whole_list(key)).select(fn.COUNT(self._id))
        if self.words or not self._sort_field(key).indexed or values[0] is None:
            return counted.where(beyond(terms, values, not descending)).scalar()
        # Counted in the index: the rows before the record's first term (a range of it), then those of equal
        # first term before it (SQLite compared the whole row value of every row: 19 ms for 30,010 projects).
        return (counted.where(beyond(terms[:1], values[:1], not descending)).scalar()
                + counted.where((terms[0] == values[0]) & beyond(terms[1:], values[1:], not descending)).scalar())

    def holds_record(self, record_id: int) -> bool:
        """Whether the list (as filtered) holds the record: that row alone is tested."""
        rows = self._query_here() if self.words and self._filter_mode() != WHOLE else self._query()
        return rows.select(self._id).where(self._id == record_id).exists()

    def _whole_list(self, key: str | None) -> peewee.Select:
        """The unfiltered list's rows, for counting in this order: without the joined tables (`counted`)
        where an index of the records' own table serves the order (its terms are their own)."""
        if not self._sort_field(key).indexed or self._counted is None:
            return self._base_query()
        return self._counted()

    def _rows_between(self, order: Order, values: tuple, most: int) -> int:
        """How many rows of the whole list (at most `most` + 1) stand after the filter's rows read in that
        order and before the row with these sort terms."""
        walk, terms = self._walk(order), self._terms(order[0])
        between = self._whole_list(order[0]).select(SQL("1")).where(~beyond(terms, values, order[1]))
        if walk.last is not None:
            between = between.where(beyond(terms, walk.last, order[1]))
        return len(self.store.db.execute(between.limit(most + 1)).fetchall())

    def _apart(self, end: int, key: str | None, descending: bool) -> bool:
        """Whether the rows up to `end` of a list read whole in that order are read without its ids
        (the first FIRST_ROWS_APART, until they are read whole; in a filter's own order, all of them)."""
        if self._order(key, descending) in self._snapshots:
            return False
        if self.words and self._in_own_order(key) and self._filter_mode() == WHOLE:
            return True
        if end > FIRST_ROWS_APART:
            return False
        return self._filter_mode() == WHOLE if self.words else self._sorted_once(key)

    def _in_own_order(self, key: str | None) -> bool:
        """Whether the order is the list's own, which pages by OFFSET as the unfiltered list does (the
        projects': by country through an index, each country's few projects sorted by title)."""
        return self._sort_field(key).key == self.default_key

    def _sorted_once(self, key: str | None) -> bool:
        """Whether the unfiltered list's ids are read once in this order (one no index serves, other than
        the list's own), for a list of at most SORTED_ONCE_ROWS: each page read by OFFSET would sort
        every row again (30,000 projects: 0.1-0.4 s a page)."""
        sort_field = self._sort_field(key)
        if self.words or sort_field.key == self.default_key or sort_field.indexed:
            return False
        if self._rows_counted is None:
            self._rows_counted = self.count()
        return self._rows_counted <= SORTED_ONCE_ROWS  # beyond, a page's sort of the top rows costs less

    def _terms(self, key: str | None) -> list[peewee.Node]:
        return sort_terms(self._sort_field(key), self._id, sqlite=self.store.is_sqlite)

    def _ordered(self, key: str | None, descending: bool) -> peewee.Select:
        rows = self._matching() if self.words and self._filter_mode() == WHOLE else self._query()
        return self._ordered_query(rows, key, descending)

    def _ordered_query(self, query: peewee.Select, key: str | None, descending: bool) -> peewee.Select:
        terms = self._terms(key)
        return query.order_by(*(term.desc() if descending else term for term in terms))
