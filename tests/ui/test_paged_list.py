"""A list read a page at a time (the People list): counted at once, sorted in SQL, filtered, found by id."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack

from dialogue_planner.services import paged_filters
from dialogue_planner.services.dialogues import add_country
from dialogue_planner.services.network import add_institution, add_person
from dialogue_planner.services.network_directory import people_pages
from dialogue_planner.ui import paged_table_model
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.paged_table_model import PagedRecordTableModel
from dialogue_planner.ui.record_list_panel import RecordListPanel
from dialogue_planner.ui.record_table_model import Column, RecordIdRole
from dialogue_planner.ui.views.network_view import NetworkView
from tests.ui.keyboard import type_text
from tests.ui.view_keeper import keep

COLUMNS = [Column("name", "Name"), Column("title", "Title"), Column("institution", "Institution"),
           Column("country", "Country")]
TITLES = ("Adviser", "Counsellor", "Director", "")
PAGE = 50
STAFF = 240  # "Person 000" .. "Person 239", and two more


@pytest.fixture
def edits(qapp, store):
    stack = QUndoStack()
    editor = RecordEdits(store, stack)
    yield editor
    stack.clear()


@pytest.fixture
def people(store) -> dict[str, int]:
    norway = add_country(store, "Norway", "NO", is_home=True)
    vietnam = add_country(store, "Vietnam", "VN")
    ministry = add_institution(store, "Ministry of Foreign Affairs", norway, "ministry")
    hanoi = add_institution(store, "Bộ Ngoại giao", vietnam, "ministry")
    ids = {f"Person {number:03}": add_person(store, f"Person {number:03}", title=TITLES[number % 4],
                                             institution=ministry.id).id
           for number in range(STAFF)}
    ids["Nguyễn Thị Hồng"] = add_person(store, "Nguyễn Thị Hồng", title="Director", institution=hanoi.id).id
    ids["Bùi Thanh Hà"] = add_person(store, "Bùi Thanh Hà", title="Interpreter", institution=hanoi.id).id
    return ids


@pytest.fixture
def panel(qtbot, edits, store, people):
    model = PagedRecordTableModel(COLUMNS, people_pages(store), page_size=PAGE)
    widget = RecordListPanel(edits, "person", model, name_of=lambda row: row.get("name", ""), empty_text="No people",
                             new_text="New person", filter_placeholder="Filter people…")
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    return widget


def shown_names(panel) -> list[str]:
    return [panel.model.index(row, 0).data() for row in range(panel.model.rowCount())]


def test_every_row_is_counted_at_once_and_read_a_page_at_a_time(qtmodeltester, store, people):
    model = PagedRecordTableModel(COLUMNS, people_pages(store), page_size=PAGE)

    assert (model.rowCount(), model.total_count, model.canFetchMore()) == (STAFF + 2, STAFF + 2, False)
    assert model.index(STAFF + 1, 0).data() == "Person 239"  # the last page, read from the end
    assert [model.index(row, 0).data() for row in (0, 1, 2)] == ["Bùi Thanh Hà", "Nguyễn Thị Hồng", "Person 000"]
    assert model.index(2, 3).data() == "Norway"
    assert model.row_of(people["Person 123"]) == 125
    assert model.index(125, 0).data(RecordIdRole) == people["Person 123"]
    qtmodeltester.check(model)


def test_a_header_click_sorts_in_sql_and_keeps_the_selection(qtbot, panel, people):
    assert panel.select_record(people["Person 201"])
    assert panel.table_view.currentIndex().row() == 203

    header = panel.table_view.horizontalHeader()
    title_header = QPoint(header.sectionViewportPosition(1) + 5, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title_header)
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:  # the first click's order is the style's
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title_header)

    # Descending by title, then id: 60 empty titles first, 1 Interpreter, 61 Directors, then the
    # Counsellors (Person 237, 233, ... 201 % 4 == 1) from row 122.
    assert [panel.model.index(row, 1).data() for row in (0, 59, 60, 61, 62, 122)] == [
        "", "", "Interpreter", "Director", "Director", "Counsellor"]
    assert panel.current_id() == people["Person 201"]
    row = panel.table_view.currentIndex().row()
    assert panel.model.index(row, 0).data() == "Person 201"
    assert row == 122 + (237 - 201) // 4
    panel.model.sort(-1)
    assert panel.table_view.currentIndex().row() == 203


def test_the_filter_reads_only_the_matching_rows_and_a_hidden_record_clears_it(qtbot, qtmodeltester, panel, people):
    type_text(panel.filter_edit, "hồng")
    assert shown_names(panel) == ["Nguyễn Thị Hồng"]

    panel.filter_edit.clear()
    type_text(panel.filter_edit, "ngoai giao")  # the institution, typed without accents
    assert shown_names(panel) == ["Bùi Thanh Hà", "Nguyễn Thị Hồng"]
    assert panel.model.total_count == STAFF + 2
    qtmodeltester.check(panel.model)

    assert panel.select_record(people["Person 007"])
    assert panel.filter_edit.text() == ""
    assert panel.model.rowCount() == STAFF + 2
    assert panel.current_row()["name"] == "Person 007"


def test_delete_asks_then_undo_brings_the_person_back(qtbot, panel, edits, people, monkeypatch):
    monkeypatch.setattr(panel, "confirm_delete", lambda name: name == "Person 100")
    panel.select_record(people["Person 100"])

    panel.delete_current()

    assert panel.model.rowCount() == STAFF + 1
    assert "Person 100" not in shown_names(panel)
    edits.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.model.rowCount() == STAFF + 2)
    assert panel.model.index(102, 0).data() == "Person 100"


def test_the_network_view_reads_the_list_of_a_hidden_tab_only_when_it_is_shown(qtbot, store, edits, people):
    view = keep(NetworkView(store, edits))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.tabs.currentIndex() == 0 and view.institutions_panel.model.total_count == 2
    ministry = view.institutions_panel.model.record_id(1)

    view.all_countries_box.setChecked(True)
    assert view.people_panel.model.total_count == 0  # on the hidden tab: not read yet

    view.tabs.setCurrentIndex(1)
    assert view.people_panel.model.total_count == STAFF + 2
    view.all_countries_box.setChecked(False)
    assert view.show_record("institution", ministry)  # read again (stale) when asked for a record
    assert (view.tabs.currentIndex(), view.institutions_panel.current_id()) == (0, ministry)


@pytest.mark.parametrize("word", ["e", "person"], ids=["one letter", "a word"])
def test_a_filter_matching_many_shows_a_screenful_says_so_and_reads_on_as_the_view_scrolls(
        qtbot, qtmodeltester, panel, people, monkeypatch, word):
    monkeypatch.setattr(paged_filters, "COUNTED_MATCHES", 100)
    monkeypatch.setattr(paged_filters, "FIRST_READ", 60)
    monkeypatch.setattr(paged_filters, "SET_MATCHES", 0)  # no word read as a set: every row tested as read
    monkeypatch.setattr(paged_table_model, "FETCHED_ROWS", 70)

    with qtbot.waitSignal(panel.model.modelReset):
        type_text(panel.filter_edit, word)

    # "e": every person ("Person", "Norway", "Nguyễn", "Bùi Thanh Hà" at "Bộ Ngoại giao" in "Vietnam");
    # "person": the 240 staff.
    first = 2 if word == "e" else 0  # Bùi Thanh Hà and Nguyễn Thị Hồng sort first
    assert panel.count_note.isVisible()
    assert panel.count_note.text() == f"More than 100 match “{word}”: more are shown as you scroll down."
    assert panel.model.rowCount() == 60 and panel.model.canFetchMore()
    assert shown_names(panel)[first:first + 3] == ["Person 000", "Person 001", "Person 002"]
    panel.model.fetchMore()
    assert panel.model.rowCount() == 130 and panel.count_note.isVisible()
    with qtbot.waitSignal(panel.model.rowsInserted):
        panel.table_view.scrollToBottom()  # the view asks for more at the bottom
    assert panel.model.rowCount() > 130

    panel.filter_edit.clear()
    with qtbot.waitSignal(panel.model.modelReset):
        type_text(panel.filter_edit, word)
    assert panel.model.rowCount() == 60
    assert panel.select_record(people["Person 201"])  # read as far as the record
    assert panel.table_view.currentIndex().row() == first + 201
    assert panel.current_row()["name"] == "Person 201"
    panel.model.fetch_all()
    assert panel.model.rowCount() == first + STAFF and not panel.model.canFetchMore()
    assert shown_names(panel)[first:] == [f"Person {number:03}" for number in range(STAFF)]
    assert panel.count_note.isHidden()  # all read and counted: nothing more to say
    assert panel.current_id() == people["Person 201"]
    panel.filter_edit.clear()
    with qtbot.waitSignal(panel.model.modelReset):
        type_text(panel.filter_edit, word)
    qtmodeltester.check(panel.model)  # it fetches more itself


def test_a_word_with_a_bounded_set_of_matches_is_read_and_counted_at_once(qtbot, panel, people, monkeypatch):
    monkeypatch.setattr(paged_filters, "COUNTED_MATCHES", 100)
    monkeypatch.setattr(paged_filters, "SET_MATCHES", 300)  # "person": 240 people by the search index
    with qtbot.waitSignal(panel.model.modelReset):
        type_text(panel.filter_edit, "person")

    assert (panel.model.rowCount(), panel.model.canFetchMore(), panel.model.matches_at_least) == (STAFF, False, None)
    assert panel.count_note.isHidden()
    assert shown_names(panel)[-1] == "Person 239"


def test_sorting_a_filter_matching_many_keeps_the_selected_row_far_down(qtbot, panel, people, monkeypatch):
    monkeypatch.setattr(paged_filters, "COUNTED_MATCHES", 100)
    monkeypatch.setattr(paged_filters, "FIRST_READ", 60)
    monkeypatch.setattr(paged_filters, "SET_MATCHES", 0)
    with qtbot.waitSignal(panel.model.modelReset):
        type_text(panel.filter_edit, "person")
    assert panel.select_record(people["Person 003"])

    panel.table_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # by name, read from the end

    row = panel.table_view.currentIndex().row()
    assert (row, panel.current_id()) == (STAFF - 1 - 3, people["Person 003"])
    assert panel.model.index(0, 0).data() == "Person 239"
    assert panel.model.rowCount() >= STAFF - 3  # read as far as the selected record, in the new order
    panel.table_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by title: no index, every match read
    assert panel.current_id() == people["Person 003"]
    assert panel.model.rowCount() == STAFF and panel.model.matches_at_least is None
    assert [panel.model.index(row, 1).data() for row in (0, 59, 60, 179, 180)] == [
        "Adviser", "Adviser", "Counsellor", "Director", ""]
