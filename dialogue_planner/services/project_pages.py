"""The joint-project portfolio a page at a time (30,010 projects at demo x100: reading them whole took 0.6 s).

`project_pages` gives the rows of `project_portfolio` as a `PagedList`: counted
at once, sorted in SQL by every column the projects view shows, each page given
its topics and latest result in Python. A filter narrows the list in SQL to the
projects that may show every word (title and topics through the search index;
countries, currencies, result indicators and statuses by their few distinct
values), and the view keeps those whose shown text holds them: amounts, periods
and results are worded by the view in the user's locale, which SQL cannot do.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Sequence

import peewee
from peewee import SQL, Case, fn

from dialogue_planner.services.paged_lists import PagedList, SortField, id_list
from dialogue_planner.services.project_portfolio import attach_links, portfolio_query
from dialogue_planner.services.search import folded_contains, indexed_ids_sql
from dialogue_planner.storage import models as m
from dialogue_planner.storage import vocabulary as vocab
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.search_index import fold

# What the view says of a folded word: the statuses whose label holds it; the part of the word that
# stored text must hold for a project to show it elsewhere (the word without what the view's own
# wording of amounts, periods, results and lists may put around stored text), or None if that wording
# may hold the whole word (then every project may show it); and whether a stored text, shown as it
# is (a country's or a topic's name), shows the word.
ShownWording = Callable[[str], tuple[Sequence[str], str | None, Callable[[str], bool]]]


def project_pages(store: Store, country_id: int | None = None, *,
                  shown_wording: ShownWording = lambda _word: ((), None, lambda _text: False)) -> PagedList:
    """The rows of `project_portfolio` (in the country if given) a page at a time, in its order
    (country, title) or by any column the projects view shows; filters find every project that may
    show the words (see `shown_wording`), to be checked against the shown text by the caller."""
    project = m.JointProject
    own_order = (m.Country.name, project.title)  # equal values stay in the list's own order, as in memory
    status_place = Case(project.status, [(status, place) for place, status in enumerate(vocab.PROJECT_STATUSES)],
                        len(vocab.PROJECT_STATUSES))
    sort_fields = [
        SortField("portfolio", m.Country.name, may_be_empty=False, then=(project.title,)),
        SortField("title", fn.LOWER(project.title), then=own_order),
        SortField("country", fn.LOWER(m.Country.name), may_be_empty=False, then=own_order),
        SortField("status", status_place, may_be_empty=False, then=own_order),
        SortField("topics", _topics_text(store), then=own_order),
        SortField("budget", project.budget, empty_is_null=True, then=own_order),
        SortField("start_date", project.start_date, empty_is_null=True, then=own_order),
        # By the indicator its text starts with: the text itself ("…: 0 → 2,000 of 2,000") is worded by the view.
        SortField("latest_result", _latest_indicator(), then=own_order),
    ]

    def count() -> int:
        counted = project.select(fn.COUNT(project.id))
        return (counted if country_id is None else counted.where(project.country == country_id)).scalar()

    def complete(rows: list[dict]) -> None:
        attach_links(rows, id_list(store, [row["id"] for row in rows]))

    return PagedList(store, functools.partial(portfolio_query, country_id), project.id, sort_fields, "portfolio",
                     functools.partial(_may_show, store, shown_wording), count=count, complete_rows=complete,
                     holds_may_overshoot=True, surely_holds=functools.partial(_surely_shows, shown_wording))


def _topics_text(store: Store) -> peewee.Node:
    """SQL of the project's topic names as the list shows them (by name, joined by ', '), lower-cased."""
    if store.is_sqlite:
        head = ("(SELECT lower(group_concat(name, ', ')) FROM (SELECT t.name AS name FROM project_topic pt "
                "JOIN topic t ON t.id = pt.topic_id WHERE pt.project_id = ")
        return peewee.NodeList((SQL(head), m.JointProject.id, SQL(" ORDER BY t.name))")))
    head = ("(SELECT lower(string_agg(t.name, ', ' ORDER BY t.name)) FROM project_topic pt "
            "JOIN topic t ON t.id = pt.topic_id WHERE pt.project_id = ")
    return peewee.NodeList((SQL(head), m.JointProject.id, SQL(")")))


def _latest_indicator() -> peewee.Node:
    """SQL of the indicator of the project's latest result (latest as-of date, undated before dated), lower-cased."""
    result = m.ProjectResult.alias("latest")
    return (
        result.select(fn.LOWER(result.indicator))
        .where(result.project == m.JointProject.id)
        .order_by(result.as_of.is_null(), result.as_of.desc(), result.id.desc())
        .limit(1)
    )


def _may_show(store: Store, shown_wording: ShownWording, word: str) -> peewee.Expression:
    """The project may show the folded word: its status's label, or its title, country, topics, currency
    or a result's indicator holds the word's stored part (folded again here: what the view's folding
    finds, this finds too); every project may if the view's own wording may hold the whole word."""
    project = m.JointProject
    statuses, stored_part, _shows = shown_wording(word)
    if not stored_part:
        return SQL("1 = 1")  # an amount, a date or a result's figures may hold it: every project may show it
    folded = fold(stored_part)
    if store.is_sqlite:
        sql, params = indexed_ids_sql("joint_project", folded, leading_fields=1)
        conditions = [project.id.in_(SQL(f"({sql})", params))]
    else:
        conditions = [folded_contains(project.title, folded)]
    conditions.append(project.country.in_(_holding(m.Country.id, m.Country.name, folded)))
    topics = _holding(m.Topic.id, m.Topic.name, folded)
    if topics:
        conditions.append(project.id.in_(m.ProjectTopic.select(m.ProjectTopic.project)
                                         .where(m.ProjectTopic.topic.in_(topics))))
    currencies = _holding(project.currency, project.currency, folded, distinct=True)
    if currencies:
        conditions.append(project.currency.in_(currencies))
    indicators = _holding(m.ProjectResult.indicator, m.ProjectResult.indicator, folded, distinct=True)
    if indicators:
        conditions.append(project.id.in_(m.ProjectResult.select(m.ProjectResult.project)
                                         .where(m.ProjectResult.indicator.in_(indicators))))
    if statuses:
        conditions.append(project.status.in_(list(statuses)))
    return functools.reduce(operator.or_, conditions)


def _surely_shows(shown_wording: ShownWording, word: str) -> peewee.Expression:
    """The project surely shows the folded word, as the view folds: in its status's label, its country's
    name, a topic's name or (with an amount) its currency, each shown as it is stored."""
    project = m.JointProject
    statuses, _stored_part, shows = shown_wording(word)
    countries = [key for key, name in m.Country.select(m.Country.id, m.Country.name).tuples() if shows(name)]
    topics = [key for key, name in m.Topic.select(m.Topic.id, m.Topic.name).tuples() if shows(name)]
    currencies = [value for (value,) in project.select(project.currency).distinct().tuples() if value and shows(value)]
    condition = project.status.in_(list(statuses)) | project.country.in_(countries)
    if topics:
        condition |= project.id.in_(m.ProjectTopic.select(m.ProjectTopic.project)
                                    .where(m.ProjectTopic.topic.in_(topics)))
    if currencies:
        condition |= project.budget.is_null(False) & project.currency.in_(currencies)
    return condition


def _holding(key: peewee.Field, text: peewee.Field, folded: str, *, distinct: bool = False) -> list:
    """The keys of the (few) values of `text` whose folded form holds the folded word, folded here."""
    query = key.model.select(key, text)
    if distinct:
        query = query.distinct()
    return [value for value, shown in query.tuples() if shown and folded in fold(shown)]
