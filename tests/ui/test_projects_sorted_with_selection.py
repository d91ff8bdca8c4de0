"""The Projects list sorted by a header click with a project selected: every column in both orders shows
exactly the order the list's sort expressions gave before the sort keys were stored and indexed
(migration 0010), with ties in the list's own order (country name, title, id), and the project stays
selected on the row where it stands."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack

from dialogue_planner.services.dialogues import add_country
from dialogue_planner.services.projects import add_project, record_result
from dialogue_planner.services.topics import add_topic
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.views.projects_view import ProjectsView
from tests.ui.keyboard import type_text
from tests.ui.view_keeper import keep

STATUS = ("CASE p.status WHEN 'proposed' THEN 0 WHEN 'active' THEN 1 WHEN 'paused' THEN 2 WHEN 'completed' THEN 3 "
          "WHEN 'cancelled' THEN 4 ELSE 5 END")
TOPICS = ("(SELECT lower(group_concat(name, ', ')) FROM (SELECT t.name AS name FROM project_topic pt "
          "JOIN topic t ON t.id = pt.topic_id WHERE pt.project_id = p.id ORDER BY t.name))")
LATEST = ("(SELECT LOWER(r.indicator) FROM project_result r WHERE r.project_id = p.id "
          "ORDER BY r.as_of IS NULL, r.as_of DESC, r.id DESC LIMIT 1)")
# The sort terms of each column as the list used them before (then country name, title and id).
BEFORE = [
    ["COALESCE(NULLIF(lower(p.title), ''), x'')"], ["lower(c.name)"], [STATUS],
    [f"COALESCE(NULLIF({TOPICS}, ''), x'')"], ["p.budget IS NULL", "p.budget"],
    ["p.start_date IS NULL", "p.start_date"], [f"COALESCE(NULLIF({LATEST}, ''), x'')"],
]


@pytest.fixture
def portfolio(store) -> list[int]:
    """Projects with equal titles in several countries, titles and country names differing only in case,
    no topics, amounts and dates or none, dated and undated results, and every status."""
    countries = [add_country(store, name, code) for name, code in (("Vietnam", "VN"), ("China", "CN"),
                                                                      ("chad", "TD"), ("Đài Loan", "TW"))]
    topics = [add_topic(store, name) for name in ("Water", "death penalty", "Legal aid", "Zeta")]
    statuses = ("proposed", "active", "paused", "completed", "cancelled")
    ids = []
    for number in range(23):
        title = ("Legal aid", "legal aid", "Courts", "Pháp luật", "Water rights", "courts")[number % 6]
        project = add_project(
            store, title, countries[number % 4], topics=topics[number % 5:][:number % 3],
            status=statuses[number % 5], budget=str(1000 * (number % 4)) if number % 3 else None,
            currency="NOK", start_date=datetime.date(2020, 1 + number % 3, 1) if number % 4 else None,
        )
        ids.append(project.id)
        if number % 3 == 1:
            record_result(store, project, ("Lawyers trained", "prosecutors trained")[number % 2], actual=number,
                          as_of=datetime.date(2021, 1, 1))
            record_result(store, project, "Courts visited", actual=1,
                          as_of=datetime.date(2022, 1, 1) if number % 4 else None)
    return ids


@pytest.fixture
def view(qtbot, store, portfolio):
    stack = QUndoStack()
    projects = keep(ProjectsView(store, RecordEdits(store, stack)))
    qtbot.addWidget(projects)
    projects.resize(1200, 600)
    projects.show()
    projects.show_all_countries()
    yield projects
    stack.clear()


def order_before(store, column: int, descending: bool) -> list[int]:
    """The projects' ids in the order the list's sort expressions gave before migration 0010."""
    terms = [*BEFORE[column], "c.name", "p.title", "p.id"]
    order = ", ".join(f"{term} DESC" if descending else term for term in terms)
    query = f"SELECT p.id FROM joint_project p JOIN country c ON c.id = p.country_id ORDER BY {order}"
    return [record_id for (record_id,) in store.db.execute_sql(query).fetchall()]


def click_header(qtbot, view, column: int) -> None:
    header = view.panel.table_view.horizontalHeader()
    position = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(position, header.height() // 2))


@pytest.mark.parametrize("chosen", [0, 9, 22])
def test_every_header_click_sorts_as_before_and_keeps_the_selection(qtbot, store, portfolio, view, chosen):
    panel, model = view.panel, view.model
    selected = portfolio[chosen]
    assert panel.select_record(selected)
    header = panel.table_view.horizontalHeader()
    for column in range(model.columnCount()):
        for _click in range(2):  # one order, then the other
            click_header(qtbot, view, column)
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            assert header.sortIndicatorSection() == column
            shown = [model.record_id(row) for row in range(model.rowCount())]
            assert shown == order_before(store, column, descending), (column, descending)
            assert panel.current_id() == selected
            assert panel.table_view.currentIndex().row() == shown.index(selected)
            assert view.form.record_id == selected


def test_a_filtered_list_sorts_as_before_and_keeps_the_selection(qtbot, store, portfolio, view):
    panel, model = view.panel, view.model
    type_text(panel.filter_edit, "legal")
    qtbot.waitUntil(lambda: 0 < model.rowCount() < len(portfolio))  # applied once the typing pauses
    matching = {model.record_id(row) for row in range(model.rowCount())}
    selected = portfolio[13]  # "legal aid" in China
    assert len(matching) == 12 and selected in matching  # eight titles, four more with the topic Legal aid
    assert panel.select_record(selected)
    header = panel.table_view.horizontalHeader()
    for column in range(model.columnCount()):
        for _click in range(2):
            click_header(qtbot, view, column)
            descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            shown = [model.record_id(row) for row in range(model.rowCount())]
            assert shown == [record_id for record_id in order_before(store, column, descending)
                             if record_id in matching], (column, descending)
            assert panel.current_id() == selected
