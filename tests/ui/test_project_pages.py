"""The Projects list read a page at a time shows what the whole list read at once showed: the same rows
for every filter (amounts, periods, results and statuses as the view words them included), in the
same orders, and finds a record for a search hit."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QUndoStack

from dialogue_planner.services import paged_lists, records
from dialogue_planner.services.dialogues import add_country
from dialogue_planner.services.project_pages import project_pages
from dialogue_planner.services.project_portfolio import project_portfolio
from dialogue_planner.services.projects import add_project, record_result
from dialogue_planner.services.topics import add_topic
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.paged_table_model import PagedRecordTableModel
from dialogue_planner.ui.record_table_model import RecordTableModel, SortRole
from dialogue_planner.ui.views.project_wording import list_wording
from dialogue_planner.ui.views.projects_view import ProjectsView
from tests.ui.keyboard import type_text
from tests.ui.view_keeper import keep

TITLES = ("Legal aid", "Pháp luật", "法律援助", "prison reform", "Water rights", "Đổi mới courts", "Legal aid")
STATUSES = ("proposed", "active", "paused", "completed", "cancelled")
# Words in titles, countries, topics, currencies, indicators, status labels, amounts, dates and results;
# one and two letters; words glued to an indicator ("trained:"); and words nothing shows.
FILTERS = (
    "legal", "aid", "phap", "法律", "water", "viet", "china", "norway", "death", "penalty,", "nok", "usd",
    "prosecutors", "trained:", "trained", "active", "paused", "cancel", "2,500,000.00", "2500", "2021",
    "from", "until", "of", "→", "–", "800", "a", "e", "ng", "zz", "qx", "legal 2021", "aid nok", "reform active",
    "courts", ":", "(2023", ",", "penalty", "detention,", "water,", "lawyers", "0.00", "2,500,250.00", "→ 813",
    "12-31", "(2021-01-01)", "2023-01-01)",
)
# The same in another locale's wording ("2.500.000,00 NOK", dates as 31.12.23): amounts, dates and results.
GERMAN_FILTERS = ("2.500", "500,00", "250,00", "31.12", "31.12.23", "01.01.23)", "2.000", "→", "trained:", "2021")


@pytest.fixture
def portfolio(store) -> dict[str, int]:
    """21 projects in three countries, with topics, amounts in two currencies, periods, results and every status."""
    countries = [add_country(store, name, code) for name, code in (("Vietnam", "VN"), ("China", "CN"),
                                                                      ("Norway", "NO"))]
    topics = [add_topic(store, name) for name in ("Legal aid and pre-trial detention", "Death penalty", "Water")]
    ids = {}
    for number in range(21):
        title = f"{TITLES[number % len(TITLES)]} {number // len(TITLES)}" if number % 4 else TITLES[number % 7]
        project = add_project(
            store, title, countries[number % 3], topics=topics[:number % 4], status=STATUSES[number % 5],
            budget=str(2_500_000 + number * 250) if number % 3 else None, currency=("", "NOK", "USD")[number % 3],
            start_date=datetime.date(2019 + number % 4, 1 + number % 12, 1) if number % 5 else None,
            end_date=datetime.date(2023, 12, 31) if number % 2 else None,
        )
        ids[title] = project.id
        if number % 3 == 0:
            record_result(store, project, "Prosecutors trained", baseline=0, target=2000, actual=800 + number,
                          as_of=datetime.date(2021, 1, 1))
            record_result(store, project, "Lawyers trained" if number % 2 else "Prosecutors trained",
                          actual=10 + number, as_of=datetime.date(2023, 1, 1) if number % 6 else None)
    return ids


@pytest.fixture
def columns(qapp, store):
    stack = QUndoStack()
    view = keep(ProjectsView(store, RecordEdits(store, stack)))
    yield view.model.columns
    stack.clear()


def rows_of(model) -> list[list[str]]:
    if model.canFetchMore():
        model.fetch_all()
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


@pytest.mark.parametrize("thresholds", [(paged_lists.FIRST_ROWS_APART, paged_lists.MATCHED_AT_ONCE), (2, 3)],
                         ids=["as shipped", "pages and places beyond the first rows, tested again in SQL"])
def test_every_filter_shows_the_rows_the_whole_list_showed(store, portfolio, columns, thresholds, monkeypatch):
    monkeypatch.setattr(paged_lists, "FIRST_ROWS_APART", thresholds[0])
    monkeypatch.setattr(paged_lists, "MATCHED_AT_ONCE", thresholds[1])
    whole = RecordTableModel(columns, lambda: project_portfolio(store))
    paged = PagedRecordTableModel(columns, project_pages(store, wording=list_wording(columns)), page_size=4)

    assert rows_of(paged) == rows_of(whole)
    assert len(rows_of(paged)) == 21
    for text in FILTERS:
        whole.set_filter_text(text)
        paged.set_filter_text(text)
        found = [whole.record_id(row) for row in range(whole.rowCount())]
        paged.set_filter_text("")
        paged.set_filter_text(text)  # nothing read yet: where each project stands, asked first
        assert [paged.row_of(record_id) for record_id in reversed(found)] == list(reversed(range(len(found))))
        assert rows_of(paged) == rows_of(whole), text
        assert paged.total_count == 21
    assert {len(rows_of(model)) for model in (paged, whole)} == {0}  # the last filter: "2023-01-01)" shows nowhere


def test_in_another_locale_every_filter_shows_the_rows_the_whole_list_showed(store, portfolio, columns):
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        whole = RecordTableModel(columns, lambda: project_portfolio(store))
        paged = PagedRecordTableModel(columns, project_pages(store, wording=list_wording(columns)), page_size=4)
        found = []
        for text in GERMAN_FILTERS:
            whole.set_filter_text(text)
            paged.set_filter_text(text)
            assert rows_of(paged) == rows_of(whole), text
            found.append(len(rows_of(whole)))
    finally:
        QLocale.setDefault(before)
    assert min(found[:-1]) > 0 and max(found) < 21  # each finds some projects, none every one
    assert found[-1] == 0  # "2021": dates show the year in two digits here


@pytest.mark.parametrize("first_rows_apart", [paged_lists.FIRST_ROWS_APART, 5])
@pytest.mark.parametrize("column", range(7))
def test_every_column_sorts_as_the_whole_list_sorted(store, portfolio, columns, column, first_rows_apart,
                                                      monkeypatch):
    # With 5, pages beyond the fifth row come from the ids read whole: the same order either way.
    monkeypatch.setattr(paged_lists, "FIRST_ROWS_APART", first_rows_apart)
    whole = RecordTableModel(columns, lambda: project_portfolio(store))
    paged = PagedRecordTableModel(columns, project_pages(store, wording=list_wording(columns)), page_size=4)

    def sorted_by(model) -> list:
        values = [model.index(row, column).data(SortRole) for row in range(len(rows_of(model)))]
        # The latest result: by its indicator (the text after it is worded by the view, not by SQL).
        return [value.split(":")[0] for value in values] if column == 6 else values

    whole.sort(column, Qt.SortOrder.AscendingOrder)
    paged.sort(column, Qt.SortOrder.AscendingOrder)
    assert sorted_by(paged) == sorted_by(whole)
    if column != 6:  # equal values in the list's own order, as the first sort in memory left them
        assert rows_of(paged) == rows_of(whole)
    whole.sort(column, Qt.SortOrder.DescendingOrder)
    paged.sort(column, Qt.SortOrder.DescendingOrder)
    assert sorted_by(paged) == sorted_by(whole)


def test_the_view_filters_selects_and_finds_a_search_hit(qtbot, store, portfolio):
    stack = QUndoStack()
    view = keep(ProjectsView(store, RecordEdits(store, stack)))
    qtbot.addWidget(view)
    view.show()
    view.show_all_countries()
    target = portfolio["prison reform 1"]

    assert view.show_record("joint_project", target)
    assert view.form.record_id == target
    assert view.panel.current_row()["title"] == "prison reform 1"
    type_text(view.panel.filter_edit, "nok")
    assert view.panel.current_id() == target  # its budget is in NOK: kept selected
    assert {row["currency"] for row in map(view.model.row_values, range(view.model.rowCount()))} == {"NOK"}

    type_text(view.panel.filter_edit, " zz")
    assert view.model.rowCount() == 0 and view.panel.empty_label.isVisible()
    assert view.show_record("joint_project", portfolio["Water rights 1"])  # the filter is cleared for it
    assert view.panel.filter_edit.text() == ""
    assert view.panel.current_row()["title"] == "Water rights 1"
    assert view.model.rowCount() == 21
    stack.clear()


def test_a_reload_reads_the_order_again_after_an_edit(store, portfolio, columns, monkeypatch):
    monkeypatch.setattr(paged_lists, "FIRST_ROWS_APART", 5)  # rows beyond the fifth: from the ids sorted whole
    whole = RecordTableModel(columns, lambda: project_portfolio(store))
    paged = PagedRecordTableModel(columns, project_pages(store, wording=list_wording(columns)), page_size=4)
    for model in (whole, paged):
        model.sort(0, Qt.SortOrder.AscendingOrder)
    assert rows_of(paged) == rows_of(whole)

    records.update(store, "joint_project", portfolio["Legal aid"], {"title": "Zebra crossings"})
    for model in (whole, paged):
        model.reload()

    assert rows_of(paged) == rows_of(whole)
    assert "Zebra crossings" in [row[0] for row in rows_of(paged)]
