"""The project selected in the Projects list when a filter leaves it out: kept in the form with what was typed
and not saved, a note saying why it is not selected, selected again when a filter shows it; saving works
meanwhile; choosing another project, or deleting it, lets it go."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from dialogue_planner.services import records
from dialogue_planner.services.dialogues import add_country
from dialogue_planner.services.projects import add_project
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.views.projects_view import ProjectsView
from tests.ui.keyboard import type_text
from tests.ui.view_keeper import keep

NOTE = ("“Legal aid” does not match the filter: it stays here until you choose another project; clear the filter "
        "to see it in the list again.")


@pytest.fixture
def projects(store) -> dict[str, int]:
    vietnam = add_country(store, "Vietnam", "VN")
    china = add_country(store, "China", "CN")
    return {title: add_project(store, title, country).id
            for title, country in (("Legal aid", vietnam), ("Water rights", vietnam), ("Courts", china))}


@pytest.fixture
def edits(store):
    stack = QUndoStack()
    yield RecordEdits(store, stack)
    stack.clear()


@pytest.fixture
def view(qtbot, edits, projects):
    projects_view = keep(ProjectsView(edits.store, edits))
    qtbot.addWidget(projects_view)
    projects_view.resize(1200, 700)
    projects_view.show()
    projects_view.show_all_countries()
    return projects_view


def type_filter(view, text: str) -> None:
    view.panel.filter_edit.clear()
    type_text(view.panel.filter_edit, text)  # a short list: filtered at every key


def test_a_project_the_filter_hides_stays_in_the_form_with_the_unsaved_edit_and_is_selected_again(view, projects):
    panel, form = view.panel, view.form
    legal_aid = projects["Legal aid"]
    assert view.show_record("joint_project", legal_aid)
    type_text(form.editors["currency"].widget, "EUR")  # typed, not saved

    type_filter(view, "water")

    assert [view.model.index(row, 0).data() for row in range(view.model.rowCount())] == ["Water rights"]
    assert panel.current_id() is None  # nothing selected in the list...
    assert form.record_id == legal_aid  # ...the form keeps the project, and what was typed
    assert form.changes() == {"currency": "EUR"}
    assert view.hidden_note.isVisible()
    assert view.hidden_note.text() == NOTE
    assert view.topics.isEnabled()

    panel.filter_edit.clear()  # the whole list again: selected again, the edit kept
    assert panel.current_id() == legal_aid
    assert form.changes() == {"currency": "EUR"}
    assert view.hidden_note.isHidden()

    assert form.save()
    assert records.get(view.store, "joint_project", legal_aid).currency == "EUR"


def test_a_project_hidden_by_the_filter_can_be_saved_and_a_later_filter_that_shows_it_selects_it(qtbot, view,
                                                                                                   projects):
    panel, form = view.panel, view.form
    legal_aid = projects["Legal aid"]
    assert view.show_record("joint_project", legal_aid)
    type_filter(view, "courts")
    type_text(form.editors["currency"].widget, "USD")

    assert form.save()  # the list is read again: the project still hidden, still in the form
    qtbot.waitUntil(lambda: not panel._reload_timer.isActive())
    assert records.get(view.store, "joint_project", legal_aid).currency == "USD"
    assert (panel.current_id(), form.record_id) == (None, legal_aid)
    assert form.changes() == {}
    assert view.hidden_note.isVisible()

    type_filter(view, "legal")
    assert panel.current_id() == legal_aid
    assert view.hidden_note.isHidden()


def test_choosing_another_project_lets_the_hidden_one_go(view, projects):
    panel, form = view.panel, view.form
    assert view.show_record("joint_project", projects["Legal aid"])
    type_filter(view, "water")

    panel.table_view.setCurrentIndex(view.model.index(0, 0))

    assert (panel.current_id(), form.record_id) == (projects["Water rights"], projects["Water rights"])
    assert view.hidden_note.isHidden()
    panel.filter_edit.clear()
    assert panel.current_id() == projects["Water rights"]


def test_a_hidden_project_deleted_meanwhile_leaves_an_empty_form(qtbot, view, edits, projects):
    panel, form = view.panel, view.form
    assert view.show_record("joint_project", projects["Legal aid"])
    type_filter(view, "water")

    edits.delete("joint_project", projects["Legal aid"])
    qtbot.waitUntil(lambda: not panel._reload_timer.isActive())

    assert (panel.current_id(), panel.hidden_id, form.record_id) == (None, None, None)
    assert view.hidden_note.isHidden()
    assert not view.topics.isEnabled()


def test_a_filter_with_nothing_selected_says_nothing_to_the_form(qtbot, view):
    with qtbot.assertNotEmitted(view.panel.selectionCleared), qtbot.assertNotEmitted(view.panel.recordHidden):
        type_filter(view, "co")
    assert view.model.rowCount() == 1
