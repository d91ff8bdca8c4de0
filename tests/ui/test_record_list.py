"""The generic record table model and list panel: batches, raw sort values, filter-as-you-type, delete."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack

from dialogue_planner.services import records
from dialogue_planner.services.dialogues import add_country
from dialogue_planner.services.network import add_institution
from dialogue_planner.services.network_directory import list_institutions
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldSpec
from dialogue_planner.ui.record_list_panel import RecordListPanel
from dialogue_planner.ui.record_table_model import (
    RIGHT,
    Column,
    RecordIdRole,
    RecordTableModel,
    SortRole,
    fold_for_search,
)
from dialogue_planner.ui.sub_table import EditableRecordModel
from tests.ui.keyboard import type_text

ROWS = [
    {"id": 1, "name": "Bộ Tư pháp", "opened": datetime.date(2002, 5, 1), "staff": 120},
    {"id": 2, "name": "最高人民检察院", "opened": None, "staff": 9},
    {"id": 3, "name": "Ministry of Justice", "opened": datetime.date(1990, 1, 1), "staff": 1000},
]
COLUMNS = [
    Column("name", "Name"),
    Column("opened", "Opened"),
    Column("staff", "Staff", formatter=lambda value, _row: f"{value:,}", alignment=RIGHT),
]


@pytest.fixture
def edits(qapp, store):
    stack = QUndoStack()
    editor = RecordEdits(store, stack)
    yield editor
    stack.clear()


def test_the_table_model_passes_qt_model_tests_and_gives_raw_sort_values(qtmodeltester):
    model = RecordTableModel(COLUMNS, lambda: [dict(row) for row in ROWS])

    qtmodeltester.check(model)

    assert [model.index(row, 0).data() for row in range(3)] == ["Bộ Tư pháp", "最高人民检察院", "Ministry of Justice"]
    assert model.index(0, 1).data() == "01/05/2002"
    assert model.index(2, 2).data() == "1,000"
    assert model.index(2, 2).data(SortRole) == 1000
    assert model.index(1, 0).data(RecordIdRole) == 2
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT


def test_the_editable_model_passes_qt_model_tests_and_offers_only_its_edit_columns(qtmodeltester, edits):
    model = EditableRecordModel(
        edits, "institution", COLUMNS, {"name": FieldSpec("name", "Name")}, lambda: [dict(row) for row in ROWS]
    )

    qtmodeltester.check(model)

    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable


def test_thousands_of_rows_arrive_in_batches(qtmodeltester):
    rows = [{"id": number, "name": f"Institution {number}", "opened": None, "staff": number} for number in range(5000)]
    model = RecordTableModel(COLUMNS, lambda: rows, batch_size=200)

    assert (model.rowCount(), model.total_count, model.canFetchMore()) == (200, 5000, True)
    model.fetchMore()
    assert model.rowCount() == 400
    assert model.row_of(4321) == 4321 and model.rowCount() == 4322
    model.fetch_all()
    assert (model.rowCount(), model.canFetchMore()) == (5000, False)
    qtmodeltester.check(model)


def test_sorting_orders_every_row_fetched_or_not_and_keeps_the_selection(qtbot, edits):
    rows = [{"id": number, "name": f"Institution {number:04}", "opened": None, "staff": number % 7}
            for number in range(1000)]
    model = RecordTableModel(COLUMNS, lambda: [dict(row) for row in rows], batch_size=100)
    panel = RecordListPanel(edits, "institution", model, name_of=lambda row: row["name"], empty_text="None yet",
                            new_text="New", filter_placeholder="Filter…")
    qtbot.addWidget(panel)
    panel.select_record(995)  # fetches up to row 995, which sorting then moves to row 4

    header = panel.table_view.horizontalHeader()
    name_header = QPoint(header.sectionViewportPosition(0) + 5, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_header)
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:  # the first click's order is the style's
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_header)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.DescendingOrder)

    assert panel.model.index(0, 0).data() == "Institution 0999"
    assert panel.current_id() == 995
    assert panel.table_view.currentIndex().row() == 4
    panel.reload()
    assert model.rowCount() == 100  # read again: the first batch, in the chosen order
    assert [panel.model.index(row, 0).data() for row in (0, 4)] == ["Institution 0999", "Institution 0995"]
    assert panel.current_id() == 995

    panel.model.sort(-1)  # the indicator cleared: the service's order again, selection kept
    assert panel.model.index(0, 0).data() == "Institution 0000"
    assert panel.current_id() == 995

    panel.select_record(50)
    panel.model.sort(0, Qt.SortOrder.DescendingOrder)  # row 949 now: fetched with those before it
    assert (panel.current_id(), panel.table_view.currentIndex().row()) == (50, 949)


def test_search_folds_case_and_vietnamese_accents():
    assert fold_for_search("Bộ Tư Pháp Hà Nội Đà Nẵng") == "bo tu phap ha noi da nang"
    assert fold_for_search("最高人民检察院") == "最高人民检察院"
    # As global search and the paged lists fold it: 'tromso' finds 'Tromsø' in every list.
    assert fold_for_search("Tromsø, Łódź, Ærø") == "tromso, lodz, aero"


@pytest.fixture
def institutions(store):
    vietnam = add_country(store, "Vietnam", "VN")
    china = add_country(store, "China", "CN")
    return {
        "ministry": add_institution(store, "Bộ Tư pháp", vietnam, "ministry"),
        "procuratorate": add_institution(store, "最高人民检察院", china, "prosecution"),
        "university": add_institution(store, "Đại học Luật Hà Nội", vietnam, "academia"),
    }


@pytest.fixture
def panel(qtbot, edits, store, institutions):
    model = RecordTableModel(
        [Column("name", "Name"), Column("country", "Country")], lambda: list_institutions(store)
    )
    widget = RecordListPanel(
        edits, "institution", model, name_of=lambda row: row.get("name", ""),
        empty_text="No institutions yet — add one with New institution", new_text="New institution",
        filter_placeholder="Filter institutions…",
    )
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    return widget


def shown_names(panel) -> list[str]:
    return [panel.model.index(row, 0).data() for row in range(panel.model.rowCount())]


def test_filter_as_you_type_finds_a_record_by_a_vietnamese_and_by_a_chinese_name(qtbot, panel):
    panel.filter_edit.setFocus()
    type_text(panel.filter_edit, "Tư pháp")
    assert shown_names(panel) == ["Bộ Tư pháp"]

    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "ha noi")  # typed without the accents
    assert shown_names(panel) == ["Đại học Luật Hà Nội"]

    panel.filter_edit.clear()
    type_text(panel.filter_edit, "检察")
    assert shown_names(panel) == ["最高人民检察院"]

    panel.filter_edit.clear()
    type_text(panel.filter_edit, "nowhere")
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == "Nothing matches “nowhere”."


def test_selecting_a_row_tells_which_record_and_reload_keeps_it_selected(qtbot, panel, institutions, store):
    target = institutions["university"].id
    def is_target(table: str, record_id: int) -> bool:
        return (table, record_id) == ("institution", target)

    with qtbot.waitSignal(panel.recordSelected, check_params_cb=is_target):
        assert panel.select_record(target)

    records.update(store, "institution", institutions["ministry"].id, {"name": "Bộ Ngoại giao"})
    panel.reload()
    assert panel.current_id() == target
    assert shown_names(panel) == ["Bộ Ngoại giao", "Đại học Luật Hà Nội", "最高人民检察院"]


def test_delete_key_asks_naming_the_record_and_undo_brings_it_back(qtbot, panel, edits, institutions, monkeypatch):
    asked = []
    monkeypatch.setattr(panel, "confirm_delete", lambda name: asked.append(name) or True)
    panel.select_record(institutions["procuratorate"].id)
    panel.table_view.setFocus()

    qtbot.keyClick(panel.table_view, Qt.Key.Key_Delete)

    assert asked == ["最高人民检察院"]
    assert shown_names(panel) == ["Bộ Tư pháp", "Đại học Luật Hà Nội"]
    edits.undo_stack.undo()
    qtbot.waitUntil(lambda: shown_names(panel) == ["Bộ Tư pháp", "Đại học Luật Hà Nội", "最高人民检察院"])


def test_an_empty_list_says_how_to_add_the_first_record(qtbot, edits, store):
    model = RecordTableModel([Column("name", "Name")], lambda: list_institutions(store))
    widget = RecordListPanel(
        edits, "institution", model, name_of=lambda row: row["name"],
        empty_text="No institutions yet — add one with New institution", new_text="New institution",
        filter_placeholder="Filter institutions…",
    )
    qtbot.addWidget(widget)

    assert widget.stack.currentWidget() is widget.empty_label
    assert widget.empty_label.text() == "No institutions yet — add one with New institution"
    assert not widget.filter_edit.isEnabled()
    assert not widget.delete_button.isEnabled()


def test_the_empty_state_quotes_the_filter_as_plain_text(qtbot, panel):
    panel.filter_edit.setText("<b>nowhere</b>")

    assert panel.empty_label.text() == "Nothing matches “<b>nowhere</b>”."
    assert panel.empty_label.textFormat() == Qt.TextFormat.PlainText


def test_a_long_cell_text_is_also_its_tooltip():
    long_name = "Ministry of Foreign Affairs of the Socialist Republic of Viet Nam (Bộ Ngoại giao)"
    model = RecordTableModel(COLUMNS, lambda: [{**ROWS[0], "name": long_name}, ROWS[2]])

    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == long_name
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) is None


def test_a_hidden_list_is_read_again_when_shown_not_on_every_edit(qtbot, panel, store, edits, institutions):
    panel.hide()
    edits.update("institution", institutions["ministry"].id, {"name": "Bộ Ngoại giao"})
    assert not panel._reload_timer.isActive()
    assert shown_names(panel)[0] == "Bộ Tư pháp"

    panel.show()
    assert shown_names(panel)[0] == "Bộ Ngoại giao"


def test_a_long_list_is_filtered_when_the_typing_pauses(qtbot, edits):
    rows = [{"id": number, "name": f"Người {number}", "opened": None, "staff": 0} for number in range(3000)]
    rows.append({"id": 3000, "name": "最高人民法院", "opened": None, "staff": 0})
    model = RecordTableModel(COLUMNS, lambda: rows)
    panel = RecordListPanel(edits, "institution", model, name_of=lambda row: row["name"], empty_text="None yet",
                            new_text="New", filter_placeholder="Filter…")
    qtbot.addWidget(panel)
    panel.show()

    before = panel.model.rowCount()
    type_text(panel.filter_edit, "法院")
    assert panel.model.rowCount() == before  # not yet: the keys are not kept waiting

    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.index(0, 0).data() == "最高人民法院"
    assert panel.select_record(5) and panel.filter_edit.text() == ""  # asked for a record the filter hid
