"""The project portfolio a page at a time, on SQLite and PostgreSQL: the whole list's rows in its order,
sorted by every column the projects view shows, found by id, filtered to the projects that may show a word."""

from __future__ import annotations

import datetime
import decimal

from dialogue_planner.services.project_pages import project_pages
from dialogue_planner.services.project_portfolio import project_portfolio
from dialogue_planner.services.projects import add_project, record_result
from dialogue_planner.services.topics import add_topic


def test_pages_sorts_positions_and_candidates_of_the_portfolio(store, norway, china_country, vietnam_country):
    water, death = add_topic(store, "Water"), add_topic(store, "Death penalty")
    legal = add_project(store, "Legal aid", vietnam_country, topics=[water, death], budget="900", currency="NOK",
                        start_date=datetime.date(2021, 1, 1), status="active")
    prison = add_project(store, "prison reform", china_country, budget="50", currency="USD", status="paused")
    courts = add_project(store, "Courts", china_country, topics=[death])
    record_result(store, prison, "Prosecutors trained", actual=5, as_of=datetime.date(2023, 1, 1))
    record_result(store, prison, "Lawyers trained", actual=1, as_of=datetime.date(2020, 1, 1))
    pages = project_pages(store)

    assert pages.count() == 3
    assert pages.page(0, 10) == project_portfolio(store)  # China: Courts, prison reform; then Vietnam
    assert pages.page(1, 1)[0]["latest_result"]["indicator"] == "Prosecutors trained"
    assert pages.page(2, 1)[0]["topics"] == "Death penalty, Water"
    assert pages.page(2, 1)[0]["budget"] == decimal.Decimal("900.00")

    def ids(key: str, descending: bool = False) -> list[int]:
        return [row["id"] for row in pages.page(0, 10, key, descending)]

    assert ids("title") == [courts.id, legal.id, prison.id]  # case ignored
    assert ids("status") == [courts.id, legal.id, prison.id]  # the vocabulary's order: proposed, active, paused
    assert ids("topics") == [courts.id, legal.id, prison.id]  # no topics last
    assert ids("budget") == [prison.id, legal.id, courts.id]  # by amount, none last
    assert ids("budget", descending=True) == [courts.id, legal.id, prison.id]
    assert ids("start_date") == [legal.id, courts.id, prison.id]
    assert ids("latest_result") == [prison.id, courts.id, legal.id]
    assert [pages.position(project_id, "status") for project_id in (courts.id, legal.id, prison.id)] == [0, 1, 2]

    def candidates(word: str, statuses=(), stored: str | None = None) -> list[int]:
        wording = lambda _word: (statuses, stored, lambda text: word in text.lower())  # noqa: E731
        narrowed = project_pages(store, shown_wording=wording).filtered([word], check=lambda row: True)
        return [row["id"] for row in narrowed.page(0, 10)]

    assert candidates("water", stored="water") == [legal.id]  # a topic
    assert candidates("trained", stored="trained") == [prison.id]  # a result's indicator
    assert candidates("usd", stored="usd") == [prison.id]  # a currency
    assert candidates("china", stored="china") == [courts.id, prison.id]
    assert candidates("paus", statuses=["paused"], stored="paus") == [prison.id]
    assert candidates("2021") == [courts.id, prison.id, legal.id]  # the view's own wording: every project
