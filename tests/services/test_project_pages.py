"""The project portfolio a page at a time, on SQLite and PostgreSQL: the whole list's rows in its order,
sorted by every column the projects view shows, found by id, filtered to exactly the projects whose
columns, as a list words them, hold every word."""

from __future__ import annotations

import datetime
import decimal

import pytest

from dialogue_planner.services.project_pages import ListWording, project_pages
from dialogue_planner.services.project_portfolio import project_portfolio
from dialogue_planner.services.projects import add_project, record_result
from dialogue_planner.services.topics import add_topic


def _text(key: str, row: dict) -> str:
    """A plain wording: '900.00 NOK', '2021-01-01 to 2023-12-31', 'Prosecutors trained: 5 (2023-01-01)'."""
    if key == "budget":
        return f"{row['budget']} {row['currency']}".strip() if row["budget"] is not None else ""
    if key == "start_date":
        return f"{row['start_date'] or ''} to {row['end_date'] or ''}" if row["start_date"] or row["end_date"] else ""
    if key == "latest_result":
        result = row["latest_result"]
        return f"{result['indicator']}: {result['actual']} ({result['as_of'] or 'undated'})" if result else ""
    if key == "status":
        return row["status"].upper()
    return row[key]


PLAIN = ListWording(text=_text)


@pytest.fixture
def projects(store, norway, china_country, vietnam_country):
    water, death = add_topic(store, "Water"), add_topic(store, "Death penalty")
    legal = add_project(store, "Legal aid", vietnam_country, topics=[water, death], budget="900", currency="NOK",
                        start_date=datetime.date(2021, 1, 1), status="active")
    prison = add_project(store, "prison reform", china_country, budget="50", currency="USD", status="paused",
                         end_date=datetime.date(2024, 6, 30))
    courts = add_project(store, "Courts", china_country, topics=[death], currency="EUR")
    record_result(store, prison, "Prosecutors trained", actual=5, as_of=datetime.date(2023, 1, 1))
    record_result(store, prison, "Lawyers trained", actual=1, as_of=datetime.date(2020, 1, 1))
    record_result(store, legal, "Lawyers trained", actual=7)
    return legal, prison, courts


def test_pages_sorts_and_positions_of_the_portfolio(store, projects):
    legal, prison, courts = projects
    pages = project_pages(store, wording=PLAIN)

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
    assert ids("topics", descending=True) == [prison.id, legal.id, courts.id]  # no topics first, as in memory
    assert ids("budget") == [prison.id, legal.id, courts.id]  # by amount, none last
    assert ids("budget", descending=True) == [courts.id, legal.id, prison.id]
    assert ids("start_date") == [legal.id, courts.id, prison.id]
    assert ids("latest_result") == [legal.id, prison.id, courts.id]  # by indicator: lawyers, prosecutors, none
    assert [pages.position(project_id, "status") for project_id in (courts.id, legal.id, prison.id)] == [0, 1, 2]
    assert [pages.position(project_id, "title", True) for project_id in (courts.id, legal.id, prison.id)] == [2, 1, 0]


@pytest.mark.parametrize(("words", "expected"), [
    (["water"], ["legal"]),  # a topic
    (["penalty,"], ["legal"]),  # a topic's name and the comma after it: not for the last one (Courts)
    ([","], ["legal"]),
    (["trained:"], ["prison", "legal"]),  # the latest result: an indicator and its wording
    (["prosecutors"], ["prison"]),  # prison's latest result; its older one is Lawyers trained
    (["undated)"], ["legal"]),
    (["usd"], ["prison"]),  # a currency, shown with an amount
    (["eur"], []),  # Courts has a currency but no amount: its budget shows nothing
    (["900"], ["legal"]),
    (["to"], ["prison", "legal"]),  # a period's wording
    (["2021"], ["legal"]),  # a date
    (["2024-06-30"], ["prison"]),
    (["china"], ["courts", "prison"]),
    (["paus"], ["prison"]),  # a status as worded ("PAUSED"), folded
    (["a"], ["courts", "prison", "legal"]),  # one letter: no trigram serves it
    (["ri"], ["prison"]),  # two letters in a title ("prison reform"): not in "Courts" nor "Legal aid"
    (["legal", "nok"], ["legal"]),
    (["china", "2024"], ["prison"]),
    (["zz"], []),
])
def test_a_filter_finds_exactly_the_projects_whose_columns_hold_every_word(store, projects, words, expected):
    by_title = {"legal": projects[0].id, "prison": projects[1].id, "courts": projects[2].id}
    narrowed = project_pages(store, wording=PLAIN).filtered(words)

    assert [row["id"] for row in narrowed.page(0, 10)] == [by_title[name] for name in expected]
    assert narrowed.count() == len(expected)
