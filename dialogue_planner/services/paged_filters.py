"""How a paged list reads a filter: at once and counted when it matches few rows, else in order as far as asked.

A filter is read at once (its ids once per order) and counted if it matches
few rows (a word with at most COUNTED_MATCHES matches, read without order and
no further) or if an index says a word has at most SET_MATCHES (read as one
set, the other words tested on it). A filter that matches many ("a", "ng",
"ministry" at demo x100: reading and counting 200,000 matching ids cost
0.3-2 s) is not counted: its rows are read in order as far as they are asked
for (`rows_known` / `read_to`), each tested as it is read; in an order no index
serves, its ids are read whole once.

`FilterReading` holds this part of `paged_lists.PagedList`, which gives it the
list's queries, sort terms, snapshots and the state named in `PagedList.__init__`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import peewee

from dialogue_planner.services.list_order import SortField, beyond

Row = dict[str, Any]

COUNTED_MATCHES = 1000  # a filter matching more rows than this is read in order as the list scrolls
FIRST_READ = 100  # rows of such a filter read in order at first: a screenful or two
# A filter with a word of at most this many matches (by `matches_at_most`) is read at once (and
# counted): that word's matches as one set, the other words tested on them.
SET_MATCHES = 20_000
Order = tuple[str | None, bool]
WHOLE, FEW, MANY = "whole", "few", "many"  # how a filter is read: see PagedList._filter_mode


@dataclass
class Walk:
    """A filter's matching ids in one order, read from the start as far as asked."""

    ids: list[int] = field(default_factory=list)
    places: dict[int, int] = field(default_factory=dict)
    last: tuple | None = None  # the sort terms of the last row read
    done: bool = False


class FilterReading:
    """How `PagedList` reads a filter (see the module's docstring); the list's own state is its."""

    words: tuple[str, ...]
    store: Any
    default_key: str
    _id: peewee.Field
    _fields: dict[str, SortField]
    _snapshots: dict
    _walks: dict[Order, Walk]
    _mode: str | None
    _candidates: list[int] | None
    _set_word: str | None
    _matching_ids: Any
    _holds_here: Any
    _matches_at_most: Any

    def rows_known(self, key: str | None = None, descending: bool = False) -> tuple[int, bool]:
        """How many rows the list gives without reading further in that order, and whether that is all.

        Counted at once (complete) unless the list is a filter matching many rows: then the rows
        read so far in that order (at first FIRST_READ of them); there are more than COUNTED_MATCHES.
        """
        if not self.words or self._filter_mode() != MANY:
            return self.count(), True
        order = self._order(key, descending)
        if order not in self._snapshots and not self._walk(order).ids:
            self._read(order, FIRST_READ)
        if order in self._snapshots:
            return len(self._snapshots[order][0]), True
        walk = self._walk(order)
        return len(walk.ids), walk.done

    def read_to(self, count: int, key: str | None = None, descending: bool = False) -> tuple[int, bool]:
        """Read the filter's rows in that order until `count` are known (-1: all); then `rows_known`."""
        if self.words and self._filter_mode() == MANY:
            order = self._order(key, descending)
            known = len(self._walk(order).ids)
            if order not in self._snapshots and (count < 0 or known < count):
                self._read(order, -1 if count < 0 else count - known)
        return self.rows_known(key, descending)

    # How a filter is read

    def _filter_mode(self) -> str:
        """WHOLE (its ids read at once), FEW (read at once: few candidates, or a set word) or MANY; found once.

        One word's matches are read without order and at most COUNTED_MATCHES + 1 of them, longest word
        first (the likeliest to be rare; a rare one or two letters cost a scan of the search index); if
        every word has more, but an index says that one has at most SET_MATCHES, its matches are read
        as one set and the other words tested on them, all at once; else (several words) the list's
        rows holding them all are, tested row by row.
        """
        if self._mode is not None:
            return self._mode
        self._mode = MANY
        if not self.words or self._matching_ids is None or self._holds_here is None:
            self._mode = WHOLE
            return self._mode
        limit = COUNTED_MATCHES + 1
        words = sorted(self.words, key=len, reverse=True)
        for word in words:
            found = self._first_matches(word, limit)
            if len(found) < limit:
                self._mode, self._candidates = FEW, [record_id for (record_id,) in found]
                return self._mode
        bounds = [(bound, word) for word in words if (bound := self._matches_at_most(word)) is not None]
        if bounds and min(bounds)[0] <= SET_MATCHES:  # its matches, and the other words tested on them
            self._mode, self._set_word, self._candidates = FEW, min(bounds)[1], None
            return self._mode
        if len(words) == 1:
            return self._mode  # its matches are the list's rows: more than COUNTED_MATCHES
        found = list(self._query_here().select(self._id).limit(limit).tuples())
        if len(found) < limit:
            self._mode, self._candidates = FEW, [record_id for (record_id,) in found]
        return self._mode

    def _first_matches(self, word: str, limit: int) -> list[tuple[int]]:
        """At most `limit` ids of records holding the word, in no order."""
        sql, params = self._matching_ids(word)
        return self.store.db.execute_sql(f"SELECT DISTINCT * FROM ({sql}) LIMIT ?", (*params, limit)).fetchall()

    def _sort_field(self, key: str | None) -> SortField:
        """The sort field of that key (None, or one the list cannot sort by: the list's own order)."""
        return self._fields.get(key or self.default_key) or self._fields[self.default_key]

    def _walk(self, order: Order) -> Walk:
        return self._walks.setdefault(order, Walk())

    def _read(self, order: Order, wanted: int, *, up_to: tuple | None = None) -> None:
        """Read `wanted` more of a MANY filter's ids in that order (-1: all; `up_to`: as far as the row
        with those sort terms): walked through an index where one serves the order, else read whole once."""
        if not self._sort_field(order[0]).indexed:
            self._snapshot(*order)
            return
        walk = self._walk(order)
        if walk.done:
            return
        key, descending = order
        terms = self._terms(key)
        query = self._query_here().select(*terms)
        if walk.last is not None:
            query = query.where(beyond(terms, walk.last, descending))
        if up_to is not None:
            query = query.where(~beyond(terms, up_to, descending))
        query = query.order_by(*(term.desc() if descending else term for term in terms))
        if wanted >= 0:
            query = query.limit(wanted)
        rows = list(query.tuples())
        for values in rows:
            walk.places[values[-1]] = len(walk.ids)
            walk.ids.append(values[-1])
        if rows:
            walk.last = rows[-1]
        walk.done = up_to is None and (wanted < 0 or len(rows) < wanted)

    def _ids_in(self, key: str | None, descending: bool) -> tuple[list[int], dict[int, int]]:
        """The filter's ids read so far in that order, and their places."""
        order = self._order(key, descending)
        if self._filter_mode() == MANY and order not in self._snapshots:
            self.rows_known(*order)
            if order not in self._snapshots:
                walk = self._walk(order)
                return walk.ids, walk.places
        return self._snapshot(*order)
