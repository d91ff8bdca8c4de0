"""Every record view opens on an empty and on the demo database, and show_record finds records."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtGui import QUndoStack

from dialogue_planner.services.dialogues import list_dialogues
from dialogue_planner.storage import models as m
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.record_table_model import RecordIdRole
from dialogue_planner.ui.views.cases_view import CasesView
from dialogue_planner.ui.views.followups_view import FollowUpsView
from dialogue_planner.ui.views.multilateral_view import MultilateralView
from dialogue_planner.ui.views.network_view import NetworkView
from dialogue_planner.ui.views.projects_view import ProjectsView
from dialogue_planner.ui.views.topics_view import TopicsView
from tests.ui.view_keeper import keep, view_keeper  # noqa: F401 - an autouse fixture

VIEWS = [TopicsView, ProjectsView, NetworkView, CasesView, MultilateralView, FollowUpsView]
TODAY = datetime.date(2025, 1, 15)


@pytest.fixture
def edits(qapp, store):
    stack = QUndoStack()
    editor = RecordEdits(store, stack)
    yield editor
    stack.clear()


@pytest.fixture
def demo_store(demo_copy):
    """The test's own copy of the demo dated TODAY (built once per session through the services)."""
    return demo_copy(TODAY)


@pytest.fixture
def demo_edits(qapp, demo_store):
    stack = QUndoStack()
    editor = RecordEdits(demo_store, stack)
    yield editor
    stack.clear()


def dialogue_id(store, country: str) -> int:
    return next(row["id"] for row in list_dialogues(store) if row["country"] == country)


def panels_of(view):
    return [getattr(view, name) for name in ("panel", "institutions_panel", "people_panel") if hasattr(view, name)]


def open_view(qtbot, view_class, store, edits):
    view = keep(view_class(store, edits))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.parametrize("view_class", VIEWS, ids=lambda view_class: view_class.__name__)
def test_every_view_opens_on_an_empty_database_and_says_how_to_start(qtbot, view_class, store, edits):
    view = open_view(qtbot, view_class, store, edits)
    view.set_dialogue(None)

    for panel in panels_of(view):
        assert panel.stack.currentWidget() is panel.empty_label
        assert panel.empty_label.text().startswith("No ")
    assert view.select_first() is False
    assert not view.form.isEnabled() if hasattr(view, "form") else True


@pytest.mark.parametrize("view_class", VIEWS, ids=lambda view_class: view_class.__name__)
def test_every_view_opens_on_the_demo_database_and_shows_each_record(qtbot, view_class, demo_store, demo_edits):
    view = open_view(qtbot, view_class, demo_store, demo_edits)
    view.set_dialogue(dialogue_id(demo_store, "Vietnam"))
    view.set_dialogue(dialogue_id(demo_store, "China"))

    for number, panel in enumerate(panels_of(view)):
        if hasattr(view, "tabs"):
            view.tabs.setCurrentIndex(number)  # a list on a hidden tab is read when it is shown
        assert panel.model.total_count > 0
        for row in range(min(panel.model.rowCount(), 5)):
            with qtbot.waitSignal(view.recordSelected):
                panel.table_view.setCurrentIndex(panel.model.index(row, 0))
    view.all_countries_box.setChecked(True)
    view.all_countries_box.setChecked(False)
    assert view.select_first() is True
    assert view.main_panel().current_id() == view.main_panel().model.index(0, 0).data(RecordIdRole)


SHOWN_RECORDS = [
    (TopicsView, m.Topic, "topic"),
    (ProjectsView, m.JointProject, "joint_project"),
    (ProjectsView, m.ProjectResult, "project_result"),
    (NetworkView, m.Institution, "institution"),
    (NetworkView, m.Person, "person"),
    (CasesView, m.IndividualCase, "individual_case"),
    (CasesView, m.CaseRaising, "case_raising"),
    (MultilateralView, m.MultilateralItem, "multilateral_item"),
    (FollowUpsView, m.FollowUp, "follow_up"),
]


@pytest.mark.parametrize(("view_class", "model", "table"), SHOWN_RECORDS, ids=[row[2] for row in SHOWN_RECORDS])
def test_show_record_selects_the_record_even_in_another_country(
    qtbot, view_class, model, table, demo_store, demo_edits
):
    view = open_view(qtbot, view_class, demo_store, demo_edits)
    view.set_dialogue(dialogue_id(demo_store, "China"))
    record = model.select().order_by(model.id.desc()).first()  # the last made: often another country's

    assert view.show_record(table, record.id) is True

    owner = {"project_result": "project_id", "case_raising": "case_id"}.get(table)
    expected = getattr(record, owner) if owner else record.id
    assert any(panel.current_id() == expected for panel in panels_of(view))
    assert view.show_record("round", 1) is False
    assert view.show_record(table, 999_999) is False
