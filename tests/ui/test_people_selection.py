"""The person selected in the People list across a filter matching many: kept selected when the list can
reach them quickly, else kept in the form (with what was typed) and said to be further down; never
read as far as them at the cost of a stall."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from dialogue_planner.services import paged_filters
from dialogue_planner.services.dialogues import add_country
from dialogue_planner.services.network import add_institution, add_person
from dialogue_planner.ui import paged_table_model
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.views.network_view import NetworkView
from tests.ui.keyboard import type_text
from tests.ui.view_keeper import keep

STAFF = 240  # "Person 000" .. "Person 239", each at row number + 1 ("Bùi Thanh Hà" sorts first)


@pytest.fixture
def people(store) -> dict[str, int]:
    norway = add_country(store, "Norway", "NO", is_home=True)
    ministry = add_institution(store, "Ministry of Foreign Affairs", norway, "ministry")
    ids = {f"Person {number:03}": add_person(store, f"Person {number:03}", title="Adviser", institution=ministry.id).id
           for number in range(STAFF)}
    ids["Bùi Thanh Hà"] = add_person(store, "Bùi Thanh Hà", title="Interpreter", institution=ministry.id).id
    return ids


@pytest.fixture
def view(qtbot, store, people, monkeypatch):
    """The People tab, every country; a filter of one letter matches many: 60 rows read at first, and a
    selected person is read as far as if at most 50 more rows of the whole list stand before them."""
    monkeypatch.setattr(paged_filters, "COUNTED_MATCHES", 100)
    monkeypatch.setattr(paged_filters, "FIRST_READ", 60)
    monkeypatch.setattr(paged_filters, "SET_MATCHES", 0)
    monkeypatch.setattr(paged_table_model, "HELD_REACH", 50)
    monkeypatch.setattr(paged_table_model, "FETCHED_ROWS", 20)  # as the view scrolls
    stack = QUndoStack()
    network = keep(NetworkView(store, RecordEdits(store, stack)))
    qtbot.addWidget(network)
    network.resize(1000, 500)
    network.show()
    network.tabs.setCurrentIndex(1)
    network.show_all_countries()
    yield network
    stack.clear()


def filter_people(qtbot, view, text: str) -> None:
    panel = view.people_panel
    panel.filter_edit.clear()
    with qtbot.waitSignal(panel.model.modelReset):
        type_text(panel.filter_edit, text)


def test_a_person_within_reach_stays_selected(qtbot, view, people):
    panel = view.people_panel
    assert view.show_record("person", people["Person 090"])  # row 91: 31 rows beyond the 60 read at first

    filter_people(qtbot, view, "e")

    assert panel.model.matches_at_least is not None  # a filter matching many, read as far as needed
    assert panel.current_id() == people["Person 090"]
    assert panel.table_view.currentIndex().row() == 91
    assert view.person_form.record_id == people["Person 090"]
    assert view.person_further_down.isHidden()


def test_a_person_further_down_stays_in_the_form_with_the_unsaved_edit_and_is_selected_again(qtbot, view, people):
    panel = view.people_panel
    person = people["Person 201"]
    assert view.show_record("person", person)
    view.person_form.editors["title"].widget.setText("Counsellor")  # typed, not saved

    filter_people(qtbot, view, "e")

    assert panel.model.rowCount() < 202  # not read as far as row 202
    assert panel.current_id() is None  # nothing selected in the list...
    assert view.person_form.record_id == person  # ...the form keeps the person, and what was typed
    assert view.person_form.changes() == {"title": "Counsellor"}
    assert view.person_further_down.isVisible()
    assert view.person_further_down.text() == ("“Person 201” matches the filter further down the list: scroll "
                                               "down to select them again, or clear the filter.")
    assert panel.model.further_down(person)

    filter_people(qtbot, view, "er")  # still further down: still kept
    assert (panel.current_id(), view.person_form.record_id) == (None, person)
    assert view.person_further_down.isVisible()

    panel.filter_edit.clear()
    panel.apply_filter()  # the whole list again: selected again, the edit kept
    assert panel.current_id() == person
    assert panel.table_view.currentIndex().row() == 202
    assert view.person_form.changes() == {"title": "Counsellor"}
    assert view.person_further_down.isHidden()


def test_a_person_further_down_is_selected_again_once_scrolled_to(qtbot, view, people):
    panel = view.people_panel
    person = people["Person 201"]
    assert view.show_record("person", person)
    view.person_form.editors["title"].widget.setText("Counsellor")
    filter_people(qtbot, view, "e")

    panel.model.fetch_all()  # scrolled to the end: the row is read
    assert panel.model.row_of(person) == 202
    assert panel.select_record(person)  # picked in the list
    assert view.person_form.changes() == {"title": "Counsellor"}  # the same person: the form is not read again
    assert view.person_further_down.isHidden()


def test_a_person_the_filter_no_longer_holds_is_no_longer_selected(qtbot, view, people):
    panel = view.people_panel
    assert view.show_record("person", people["Person 201"])
    filter_people(qtbot, view, "e")
    assert view.person_further_down.isVisible()

    filter_people(qtbot, view, "person 00")  # Person 000 .. 009: not Person 201

    assert [panel.model.index(row, 0).data() for row in (0, 9)] == ["Person 000", "Person 009"]
    assert (panel.current_id(), view.person_form.record_id) == (None, None)
    assert view.person_further_down.isHidden()


def test_a_list_scrolled_to_its_end_shows_a_new_filter_from_its_first_rows_reading_no_more(qtbot, view, people):
    panel = view.people_panel
    panel.table_view.scrollToBottom()
    qtbot.waitUntil(lambda: panel.table_view.verticalScrollBar().value() > 0)

    filter_people(qtbot, view, "e")

    assert panel.model.rowCount() == 60  # the first rows read; none more for a scroll bar left at the end
    assert panel.table_view.verticalScrollBar().value() == 0
    with qtbot.waitSignal(panel.model.rowsInserted):
        panel.table_view.scrollToBottom()  # scrolled there now: more are read
    assert panel.model.rowCount() == 80
