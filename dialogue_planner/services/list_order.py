"""How a paged list sorts in SQL: the columns it sorts by, their sort terms, and the SQL helpers for them.

Every order is total: the column's value, then further terms for equal values,
then the record's id. Empty values sort after all others, as the lists sort
them in memory (and first when the order is reversed).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import peewee
from peewee import SQL, Tuple, fn

from dialogue_planner.storage.database import Store


@dataclass(frozen=True)
class SortField:
    """A row key the list can be sorted by, the SQL that sorts it, and whether it can be empty.

    `indexed`: an index gives the rows in this order (then by id), so a walk in it can stop early.
    `then`: further expressions that order rows of equal value, before the id. `empty_is_null`: only
    NULL is empty (a number or a date, which cannot be compared with '' on every database).
    """

    key: str
    expression: peewee.Node
    may_be_empty: bool = True
    indexed: bool = False
    then: tuple[peewee.Node, ...] = ()
    empty_is_null: bool = False


def sort_terms(sort_field: SortField, record_id: peewee.Field, *, sqlite: bool) -> list[peewee.Node]:
    """The SQL terms that order rows by the sort field (ascending), ending with the record's id."""
    if not sort_field.may_be_empty:
        return [sort_field.expression, *sort_field.then, record_id]
    if sqlite:
        # Empty values last, as in memory: SQLite sorts a BLOB after every number and text. One term, so
        # that an expensive value is worked out once per row, not twice, and an index on the same expression
        # gives the order and seeks a value (the projects' sort indexes, migration 0010); written out, not a
        # parameter, so that the index's expression matches.
        empty = sort_field.expression if sort_field.empty_is_null else fn.NULLIF(sort_field.expression, SQL("''"))
        return [fn.COALESCE(empty, SQL("x''")), *sort_field.then, record_id]
    if sort_field.empty_is_null:
        return [sort_field.expression.is_null(), sort_field.expression, *sort_field.then, record_id]
    value = fn.COALESCE(sort_field.expression, "")
    return [value == "", value, *sort_field.then, record_id]  # empty values last, as in memory


def id_list(store: Store, ids: Sequence[int]) -> peewee.Node:
    """SQL of a parenthesised list of ids, for IN (peewee makes a node of every value of a Python list,
    which cost 0.6 s for the 30,000 ids of a filter over every project). On SQLite one parameter, a JSON
    array: peewee still handles every parameter (10 ms for 4,000), and a list of thousands of them
    led SQLite's planner to look each one up in every country's projects (0.27 s for 3,870 projects)."""
    if not ids:
        return SQL("(NULL)")
    if store.is_sqlite:
        return SQL("(SELECT value FROM json_each(?))", [json.dumps([int(record_id) for record_id in ids])])
    return SQL("(" + ", ".join([store.db.param] * len(ids)) + ")", list(ids))


def beyond(terms: Sequence[peewee.Node], values: tuple, descending: bool) -> peewee.Expression:
    """The row sorts after the one with these sort terms, in that direction."""
    return Tuple(*terms) < Tuple(*values) if descending else Tuple(*terms) > Tuple(*values)
