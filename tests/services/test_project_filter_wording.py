"""A Projects filter words the distinct stored amounts, periods and results once for the list, and again
once the records changed: through the services, or through another connection's commit."""

from __future__ import annotations

import datetime
import sqlite3

import pytest

from dialogue_planner.services import records
from dialogue_planner.services.project_pages import ListWording, project_pages
from dialogue_planner.services.projects import add_project, record_result
from dialogue_planner.storage.search_index import FOLD_FUNCTION, INDEX_BODY_FUNCTION, fold, index_body


def _text(key: str, row: dict) -> str:
    """Amounts, periods and results as plain text; the other columns as stored."""
    if key == "budget":
        return f"{row['budget']} {row['currency']}" if row["budget"] is not None else ""
    if key == "start_date":
        return f"{row['start_date'] or ''} to {row['end_date'] or ''}"
    if key == "latest_result":
        return f"{row['latest_result']['indicator']}" if row["latest_result"] else ""
    return row[key]


class Counting:
    """A wording that counts the texts it is asked for."""

    def __init__(self) -> None:
        self.asked = 0

    def text(self, key: str, row: dict) -> str:
        self.asked += 1
        return _text(key, row)


def found(pages, word: str) -> list[str]:
    return [row["title"] for row in pages.fresh().filtered([word]).page(0, 10)]


@pytest.fixture
def courts(store, china_country):
    project = add_project(store, "Courts", china_country, budget="900", currency="NOK",
                          start_date=datetime.date(2021, 1, 1))
    add_project(store, "Prisons", china_country, budget="50", currency="USD")
    return project


def test_each_filter_words_the_values_again_only_after_a_change(store, courts):
    wording = Counting()
    pages = project_pages(store, wording=ListWording(text=wording.text))

    assert found(pages, "900") == ["Courts"]
    worded = wording.asked
    assert found(pages, "usd") == ["Prisons"]
    assert found(pages, "2021") == ["Courts"]
    if store.is_sqlite:
        assert wording.asked == worded  # nothing changed: the values as worded for the first filter
    records.update(store, "joint_project", courts.id, {"budget": "777"})
    assert found(pages, "777") == ["Courts"]
    assert found(pages, "900") == []
    record_result(store, courts, "Judges trained", actual=4)
    assert found(pages, "judges") == ["Courts"]


@pytest.mark.sqlite_only
def test_a_change_committed_by_another_connection_is_worded_too(store, courts, tmp_path):
    pages = project_pages(store, wording=ListWording(text=_text))
    assert found(pages, "900") == ["Courts"]

    # A connection of its own (opening a Store would bind the models to it).
    other = sqlite3.connect(tmp_path / "planner.sqlite")
    try:
        for name, function in ((FOLD_FUNCTION, fold), (INDEX_BODY_FUNCTION, index_body)):
            other.create_function(name, 1, function)  # the search index's triggers call them
        with other:
            other.execute("UPDATE joint_project SET budget = 333 WHERE id = ?", (courts.id,))
    finally:
        other.close()

    assert found(pages, "333") == ["Courts"]
    assert found(pages, "900") == []
