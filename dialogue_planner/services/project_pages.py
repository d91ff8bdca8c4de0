"""The joint-project portfolio a page at a time (30,010 projects at demo x100: reading them whole took 0.6 s).

`project_pages` gives the rows of `project_portfolio` as a `PagedList`: counted
at once, sorted in SQL by every column the projects view shows (on SQLite each
through an index holding that column's whole order, migration 0010, so that a
page or a selected project's place is read without sorting every project), each
page given its topics and latest result in Python. A filter finds in SQL exactly the
projects whose shown text holds every word: titles through the search index,
and the columns the view words itself (a country, a status's label, an amount
with its currency, a period, the latest result) by asking the view, through a
`ListWording`, how it words each of the few distinct values stored, then
selecting the projects holding the values whose wording holds the word. Reading
and wording every project (2.3 s at demo x100 for a date, "2021") is not needed.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import peewee
from peewee import SQL, Case, fn

from dialogue_planner.services.list_order import SortField, id_list
from dialogue_planner.services.paged_lists import PagedList
from dialogue_planner.services.project_portfolio import attach_links, portfolio_query
from dialogue_planner.services.search import ascii_lowered_holds, folded_contains, index_finds, indexed_ids_sql
from dialogue_planner.storage import models as m
from dialogue_planner.storage import vocabulary as vocab
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.search_index import FOLD_FUNCTION, fold

Row = dict[str, Any]
VALUES_AT_ONCE = 5000  # values per IN list (SQLite takes at most 32,766 parameters in a statement)
# The stored values an amount and a period are worded from (a currency without an amount shows nothing).
_AMOUNT = (m.JointProject.budget, fn.COALESCE(m.JointProject.currency, ""))
_PERIOD = (m.JointProject.start_date, m.JointProject.end_date)


@dataclass(frozen=True)
class ListWording:
    """How a list shows a project's columns, as its filter compares them.

    `text(key, row)` is the text of the column `key` for a row that holds at least what that column is
    worded from: "country", "status", "budget" (with "currency"), "start_date" (with "end_date"),
    "latest_result" (a result's dict, as `project_portfolio` gives it, or None). The title and the
    topics (names joined by ", ") are shown as stored. The filter folds the words and the texts as
    search does (`search_index.fold`), the lists too.
    """

    text: Callable[[str, Row], str]


def project_pages(store: Store, country_id: int | None = None, *, wording: ListWording) -> PagedList:
    """The rows of `project_portfolio` (in the country if given) a page at a time, in its order
    (country, title) or by any column the projects view shows; a filter keeps exactly the projects
    whose columns, worded by `wording`, hold every (folded) word."""
    project = m.JointProject
    # On SQLite an index holds each column's order (migration 0010), with the country's name stored.
    indexed = store.is_sqlite
    country_name = _stored("country_name") if indexed else m.Country.name
    own_order = (country_name, project.title)  # equal values stay in the list's own order, as in memory
    sort_fields = [
        SortField("portfolio", m.Country.name, may_be_empty=False, then=(project.title,)),
        SortField("title", fn.LOWER(project.title), then=own_order, indexed=indexed),
        SortField("country", fn.LOWER(country_name), may_be_empty=False, then=own_order, indexed=indexed),
        SortField("status", _status_place(store), may_be_empty=False, then=own_order, indexed=indexed),
        SortField("topics", _topics_text(store), then=own_order, indexed=indexed),
        SortField("budget", project.budget, empty_is_null=True, then=own_order, indexed=indexed),
        SortField("start_date", project.start_date, empty_is_null=True, then=own_order, indexed=indexed),
        # By the indicator its text starts with: the text itself ("…: 0 → 2,000 of 2,000") is worded by the view.
        SortField("latest_result", _latest_indicator(store), then=own_order, indexed=indexed),
    ]

    def count() -> int:
        counted = project.select(fn.COUNT(project.id))
        return (counted if country_id is None else counted.where(project.country == country_id)).scalar()

    def complete(rows: list[dict]) -> None:
        attach_links(rows, id_list(store, [row["id"] for row in rows]))

    worded = _WordedOnce(store, wording)
    return PagedList(store, functools.partial(portfolio_query, country_id), project.id, sort_fields, "portfolio",
                     lambda word: _conditions(store, worded(), [word])[0], count=count,
                     complete_rows=complete,
                     holds_each=lambda words: _conditions(store, worded(), words),
                     counted=functools.partial(_projects, country_id))


def _projects(country_id: int | None) -> peewee.Select:
    """The projects of the list (in the country if given), without the columns joined to them."""
    project = m.JointProject
    return project.select(project.id) if country_id is None else project.select(project.id).where(
        project.country == country_id)


def _stored(column: str) -> peewee.Node:
    """A column of the project that migration 0010 keeps on SQLite for sorting (no model names it)."""
    return peewee.Column(m.JointProject, column)


def _status_place(store: Store) -> peewee.Node:
    """SQL of the status's place in the vocabulary (an unknown one last); on SQLite written out as
    migration 0010 indexed it, so that the index serves it."""
    status = m.JointProject.status
    if not store.is_sqlite:
        places = [(value, place) for place, value in enumerate(vocab.PROJECT_STATUSES)]
        return Case(status, places, len(vocab.PROJECT_STATUSES))
    whens = " ".join(f"WHEN '{value}' THEN {place}" for place, value in enumerate(vocab.PROJECT_STATUSES))
    return peewee.NodeList((SQL("CASE"), status, SQL(f"{whens} ELSE {len(vocab.PROJECT_STATUSES)} END")))


def _topics_text(store: Store) -> peewee.Node:
    """SQL of the project's topic names as the list shows them (by name, joined by ', '), lower-cased; on
    SQLite the value stored with the project (migration 0010 keeps it, NULL without topics)."""
    if store.is_sqlite:
        return _stored("topics_key")
    head = ("(SELECT lower(string_agg(t.name, ', ' ORDER BY t.name)) FROM project_topic pt "
            "JOIN topic t ON t.id = pt.topic_id WHERE pt.project_id = ")
    return peewee.NodeList((SQL(head), m.JointProject.id, SQL(")")))


def _latest_indicator(store: Store) -> peewee.Node:
    """SQL of the indicator of the project's latest result (latest as-of date, undated before dated), lower-cased;
    on SQLite the value stored with the project (migration 0010 keeps it, NULL without results)."""
    if store.is_sqlite:
        return _stored("latest_key")
    result = m.ProjectResult.alias("latest")
    return (
        result.select(fn.LOWER(result.indicator))
        .where(result.project == m.JointProject.id)
        .order_by(result.as_of.is_null(), result.as_of.desc(), result.id.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class _Worded:
    """The few distinct values of the worded columns, each with its shown text folded (see `_worded`)."""

    countries: list[tuple[int, str]]  # (country id, text)
    statuses: list[tuple[str, str]]
    amounts: list[tuple[tuple, str]]  # ((budget, currency) as stored, text)
    periods: list[tuple[tuple, str]]  # ((start, end) as stored, text)
    results: list[tuple[tuple, str]]  # (a latest result's values as stored, text)
    latest: dict[int, tuple]  # project id -> its latest result's values as stored
    topics: list[tuple[int, str]]  # (topic id, name)


def _worded(store: Store, wording: ListWording) -> _Worded:
    """Read the distinct values of the columns the list words itself and word them, once for a filter."""
    project = m.JointProject
    budget, currency, start, end = _AMOUNT + _PERIOD
    stored = store.db.execute(project.select(budget, currency, start, end).distinct()).fetchall()  # not converted

    def worded(key: str, values: Iterable[tuple[Any, Row]]) -> list[tuple[Any, str]]:
        return [(value, fold(wording.text(key, row))) for value, row in values]

    latest = _latest_results(store)
    return _Worded(
        countries=worded("country", ((key, {"country": name})
                                     for key, name in _rows(store, m.Country.select(m.Country.id, m.Country.name)))),
        statuses=worded("status", ((status, {"status": status}) for status in vocab.PROJECT_STATUSES)),
        amounts=worded("budget", (((raw_budget, raw_currency),
                                   {"budget": budget.python_value(raw_budget), "currency": raw_currency})
                                  for raw_budget, raw_currency in {row[:2] for row in stored}
                                  if raw_budget is not None)),
        periods=worded("start_date", (((raw_start, raw_end), {"start_date": start.python_value(raw_start),
                                                              "end_date": end.python_value(raw_end)})
                                      for raw_start, raw_end in {row[2:] for row in stored})),
        results=worded("latest_result", ((values, {"latest_result": _result_row(values)})
                                         for values in set(latest.values()))),
        latest=latest,
        topics=_rows(store, m.Topic.select(m.Topic.id, m.Topic.name)),
    )


class _WordedOnce:
    """`_worded` of one list, read and worded again only once the database has changed: every filter
    typed read the projects' distinct amounts and periods and worded them (25-30 ms at demo x100).
    The wording is taken to stay the same while the list lives (the app keeps its locale as it runs)."""

    def __init__(self, store: Store, wording: ListWording) -> None:
        self._store, self._wording = store, wording
        self._version: tuple[int, int] | None = None
        self._worded: _Worded | None = None

    def __call__(self) -> _Worded:
        version = _data_version(self._store)
        if self._worded is None or version is None or version != self._version:
            self._worded, self._version = _worded(self._store, self._wording), version
        return self._worded


def _data_version(store: Store) -> tuple[int, int] | None:
    """What changes whenever the database's records may have (SQLite: the data version, which another
    connection's commit changes, and the rows this connection changed); None where nothing tells."""
    if not store.is_sqlite:
        return None
    (version,) = store.db.execute_sql("PRAGMA data_version").fetchone()
    return version, store.db.connection().total_changes


def _conditions(store: Store, worded: _Worded, words: Sequence[str]) -> list[peewee.Expression]:
    """For each folded word, SQL that the project shows it in one of its columns, as the list words them
    (`worded`: the distinct stored values, worded and folded). A word never holds whitespace, so it lies
    within one column's text: each column is asked apart, the worded ones by the texts of their values.
    """
    project = m.JointProject

    def shows(word: str) -> peewee.Expression:
        def holding(texts: list[tuple[Any, str]]) -> list:
            return [value for value, text in texts if word in text]

        shown_results = set(holding(worded.results))
        latest_shown = [key for key, values in worded.latest.items() if values in shown_results]
        return functools.reduce(operator.or_, [
            _title_holds(store, word),
            _among(store, project.country, holding(worded.countries)),
            project.status.in_(holding(worded.statuses)),
            _topics_show(worded.topics, word),
            _values_in(store, _AMOUNT, holding(worded.amounts)),
            _values_in(store, _PERIOD, holding(worded.periods)),
            _among(store, project.id, latest_shown),
        ])

    return [shows(word) for word in words]


def _among(store: Store, column: peewee.Node, ids: list[int]) -> peewee.Expression:
    """The column holds one of the ids: on SQLite through one JSON array (peewee handles every parameter,
    a few ms for the 300 countries and 900 projects with a result that one letter lists at demo x100, each
    time the filter's SQL is made), elsewhere in lists of VALUES_AT_ONCE."""
    if store.is_sqlite:
        return column.in_(id_list(store, ids))
    return _values_in(store, (column,), [(key,) for key in ids])


def _title_holds(store: Store, word: str) -> peewee.Expression:
    """The project's title holds the folded word, folded as the search index folds it."""
    title = m.JointProject.title
    if not store.is_sqlite:
        return folded_contains(title, word)
    if index_finds(word):
        sql, params = indexed_ids_sql("joint_project", word, leading_fields=1)
        return m.JointProject.id.in_(SQL(f"({sql})", params))
    # One or two letters, which no trigram finds: scanning the index's text of every project (title and
    # description) cost 0.1 s at demo x100.
    return ascii_lowered_holds(title, word, fn.INSTR(getattr(fn, FOLD_FUNCTION)(title), word) > 0)


def _topics_show(topics: list[tuple[int, str]], word: str) -> peewee.Expression:
    """The project's topics, as the list joins them (by name, with ', '), hold the folded word: a topic's
    name holds it, or the word ends at the comma after a name (not the last) that ends with the rest of it."""
    link, topic, after = m.ProjectTopic, m.Topic, m.Topic.alias("later")
    holding = [key for key, name in topics if word in fold(name)]
    condition = m.JointProject.id.in_(link.select(link.project).where(link.topic.in_(holding)))
    if word.endswith(","):
        ending = [key for key, name in topics if fold(name).endswith(word[:-1])]
        later = link.alias("later_link")
        followed = (link.select(link.project)
                    .join(topic, on=(topic.id == link.topic))
                    .join(later, on=(later.project == link.project))
                    .join(after, on=(after.id == later.topic))
                    .where(link.topic.in_(ending) & (after.name > topic.name)))
        condition |= m.JointProject.id.in_(followed)
    return condition


def _rows(store: Store, query: peewee.Select) -> list[tuple]:
    """The query's rows through the cursor (peewee's rows cost microseconds each; these are plain text)."""
    return store.db.execute(query).fetchall()


RESULT_FIELDS = ("indicator", "baseline", "target", "actual", "as_of")


def _latest_results(store: Store) -> dict[int, tuple]:
    """Each project's latest result (as `attach_links` chooses it) as its stored values, by project id."""
    result = m.ProjectResult
    query = (result.select(result.project, *(getattr(result, name) for name in RESULT_FIELDS))
             .order_by(result.project, result.as_of.asc(nulls="FIRST"), result.id))
    # A later row replaces an earlier one. Read unconverted: the few distinct results are converted once.
    return {row[0]: tuple(row[1:]) for row in store.db.execute(query).fetchall()}


def _result_row(stored: tuple) -> Row:
    """A result's stored values as `project_portfolio` gives the result."""
    return {name: getattr(m.ProjectResult, name).python_value(value)
            for name, value in zip(RESULT_FIELDS, stored, strict=True)}


def _values_in(store: Store, columns: Sequence[peewee.Node], values: Sequence[tuple]) -> peewee.Expression:
    """The columns together hold one of the tuples of stored values (None: NULL), in lists of VALUES_AT_ONCE."""
    by_nulls: dict[tuple[bool, ...], list[tuple]] = {}
    for row in values:
        by_nulls.setdefault(tuple(value is None for value in row), []).append(row)
    conditions: list[peewee.Expression] = []
    for nulls, rows in by_nulls.items():
        null_columns = [column.is_null() for column, null in zip(columns, nulls, strict=True) if null]
        valued = [column for column, null in zip(columns, nulls, strict=True) if not null]
        if not valued:
            conditions.append(functools.reduce(operator.and_, null_columns))
            continue
        placeholder = "(" + ", ".join([store.db.param] * len(valued)) + ")"
        for start in range(0, len(rows), VALUES_AT_ONCE):
            chunk = [[value for value in row if value is not None] for row in rows[start:start + VALUES_AT_ONCE]]
            if len(valued) == 1:
                listed = SQL("(" + ", ".join([store.db.param] * len(chunk)) + ")", [row[0] for row in chunk])
                condition = valued[0].in_(listed)
            else:
                listed = SQL("(VALUES " + ", ".join([placeholder] * len(chunk)) + ")",
                             [value for row in chunk for value in row])
                condition = peewee.EnclosedNodeList(valued).in_(listed)
            conditions.append(functools.reduce(operator.and_, null_columns, condition))
    return functools.reduce(operator.or_, conditions, SQL("1 = 0"))
