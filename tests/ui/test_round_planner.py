"""Planning a round in the app, as a desk officer does it: keyboard and mouse, and the database follows."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from dialogue_planner.services import records
from dialogue_planner.services.agenda import agenda_of
from dialogue_planner.services.cases import open_case
from dialogue_planner.services.network import add_institution, add_person
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.ui.main_window import MainWindow
from dialogue_planner.ui.round.agenda_model import AGENDA_MIME_TYPE, AgendaColumn


@pytest.fixture
def window(qtbot, store, planner):
    shown = MainWindow(store)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def warnings(monkeypatch):
    """Message boxes that would block the test: what they said is kept instead."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: said.append(text))
    return said


def type_through_input_method(widget, text: str) -> None:
    """Chinese arrives through an input method, which commits whole words."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def agenda_topics(store, round_id: int) -> list[str]:
    return [row["topic_name"] for row in agenda_of(store, round_id)]


def add_topic_through_ui(qtbot, window: MainWindow, topic_name: str) -> None:
    editor = window.round_planner.agenda_editor
    combo = editor.topic_combo
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemText(i).endswith(topic_name)))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)


def test_a_new_round_is_created_with_the_mouse_and_filled_in_with_the_keyboard(qtbot, store, planner, window):
    before = m.Round.select().where(m.Round.dialogue == planner.china.id).count()

    qtbot.mouseClick(window.new_round_button, Qt.MouseButton.LeftButton)

    new_round = m.Round.select().where(m.Round.dialogue == planner.china.id).order_by(m.Round.number.desc()).first()
    assert m.Round.select().where(m.Round.dialogue == planner.china.id).count() == before + 1
    assert (new_round.number, new_round.status) == (5, "planned")
    assert window.round_planner.round_id == new_round.id
    city = window.round_planner.details_form.editors["city"].widget
    assert city.hasFocus()
    qtbot.keyClicks(city, "Bergen")
    qtbot.keyClick(city, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert records.get(store, "round", new_round.id).city == "Bergen"
    assert "Bergen" in window.round_planner.subheading.text()

    window.undo_stack.undo()  # the city
    assert records.get(store, "round", new_round.id).city == ""
    window.undo_stack.undo()  # the round itself
    assert m.Round.get_or_none(m.Round.id == new_round.id) is None
    window.undo_stack.redo()
    assert records.get(store, "round", new_round.id).number == 5


def test_agenda_items_are_added_reordered_by_keyboard_and_drag_and_undone(qtbot, store, planner, window):
    round_id = planner.china_rounds[3].id
    window.open_round(round_id)
    window.round_planner.show_tab("agenda")
    add_topic(store, "Freedom of expression")
    window.round_planner.agenda_editor.set_round(round_id)

    add_topic_through_ui(qtbot, window, "Death penalty")
    add_topic_through_ui(qtbot, window, "Legal aid and pre-trial detention")
    add_topic_through_ui(qtbot, window, "Freedom of expression")
    assert agenda_topics(store, round_id) == [
        "Death penalty", "Legal aid and pre-trial detention", "Freedom of expression",
    ]

    table = window.round_planner.agenda_editor.table
    table.setFocus()
    assert window.round_planner.agenda_editor.current_item_id() == agenda_of(store, round_id)[2]["id"]
    qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert agenda_topics(store, round_id)[1] == "Freedom of expression"

    # A drop as the view delivers it: the dragged item's data, dropped above the first row.
    model = window.round_planner.agenda_editor.model
    dragged = model.mimeData([model.index(2, AgendaColumn.TOPIC)])
    assert isinstance(dragged, QMimeData) and dragged.hasFormat(AGENDA_MIME_TYPE)
    assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False
    assert agenda_topics(store, round_id) == [
        "Legal aid and pre-trial detention", "Death penalty", "Freedom of expression",
    ]

    window.undo_stack.undo()
    assert agenda_topics(store, round_id) == [
        "Death penalty", "Freedom of expression", "Legal aid and pre-trial detention",
    ]
    window.undo_stack.undo()
    assert agenda_topics(store, round_id) == [
        "Death penalty", "Legal aid and pre-trial detention", "Freedom of expression",
    ]
    assert [model.index(row, AgendaColumn.TOPIC).data() for row in range(model.rowCount())] == [
        "Death penalty", "Legal aid and pre-trial detention", "Freedom of expression",
    ]


def test_minutes_and_briefing_notes_are_stored_undone_and_redone(qtbot, store, planner, window):
    round_id = planner.china_rounds[0].id
    window.open_round(round_id)
    item_id = agenda_of(store, round_id)[0]["id"]
    planner_view = window.round_planner
    planner_view.show_tab("agenda")
    planner_view.agenda_editor.select_item(item_id)

    points = planner_view.item_form.editors["talking_points"].widget
    qtbot.mouseClick(points.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(points, "Ask about ")
    type_through_input_method(points, "死刑")  # QTest's key clicks are Latin-1 only
    qtbot.keyClicks(points, " statistics")
    qtbot.keyClick(points, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert records.get(store, "agenda_item", item_id).talking_points == "Ask about 死刑 statistics"

    model = planner_view.agenda_editor.model
    assert model.setData(model.index(0, AgendaColumn.MINUTES), 75)
    assert records.get(store, "agenda_item", item_id).minutes == 75
    assert model.index(1, AgendaColumn.STARTS).data() == "+1:15"
    assert "1:15 h in all" in planner_view.agenda_editor.focus_indicator.text()

    window.undo_stack.undo()
    window.undo_stack.undo()
    assert records.get(store, "agenda_item", item_id).talking_points == ""
    assert planner_view.item_form.editors["talking_points"].widget.toPlainText() == ""
    window.undo_stack.redo()
    assert points.toPlainText() == "Ask about 死刑 statistics"


def test_an_end_date_before_the_start_is_shown_at_the_end_date_field(qtbot, store, planner, window):
    round_id = planner.china_rounds[0].id
    window.open_round(round_id)
    form = window.round_planner.details_form

    form.editors["end_date"].set_value(datetime.date(2008, 5, 1))
    form.editors["end_date"].edited.emit()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.error_labels["end_date"].isVisible()
    assert "start" in form.error_text("end_date")
    assert not form.error_labels["city"].isVisible()
    assert records.get(store, "round", round_id).end_date == datetime.date(2008, 5, 14)


def test_exceeding_the_focus_target_is_a_warning_not_a_refusal(qtbot, store, planner, window, warnings):
    round_id = planner.china_rounds[3].id
    records.update(store, "dialogue", planner.china.id, {"focus_target": 1})
    window.open_round(round_id)
    window.round_planner.agenda_editor.set_round(round_id)

    add_topic_through_ui(qtbot, window, "Death penalty")
    assert warnings == []
    add_topic_through_ui(qtbot, window, "Legal aid and pre-trial detention")

    assert len(agenda_topics(store, round_id)) == 2
    assert warnings and "focus target is 1" in warnings[0]
    indicator = window.round_planner.agenda_editor.focus_indicator
    assert indicator.property("overTarget") is True and indicator.text().startswith("⚠")


def test_delegations_cases_and_follow_ups_are_planned_in_their_tabs(qtbot, store, planner, window):
    norway = m.Country.get(m.Country.iso_code == "NO")
    china = m.Country.get(m.Country.iso_code == "CN")
    ministry = add_institution(store, "Ministry of Foreign Affairs", norway, "ministry")
    court = add_institution(store, "最高人民法院", china, "judiciary")
    kari = add_person(store, "Kari Nordmann", institution=ministry)
    wang = add_person(store, "王芳", institution=court)
    case = open_case(store, "Wang Quanzhang", china)
    round_id = planner.china_rounds[3].id
    window.open_round(round_id)
    tabs = window.round_planner

    tabs.show_tab("delegations")
    home = tabs.delegations.home
    home.role_combo.setCurrentIndex(home.role_combo.findData("head"))
    qtbot.mouseClick(home.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tabs.delegations.partner.add_button, Qt.MouseButton.LeftButton)
    members = {(row.person_id, row.side, row.role) for row in m.DelegationMember.select()}
    assert members == {(kari.id, "home", "head"), (wang.id, "partner", "member")}
    partner = tabs.delegations.partner
    partner.table.selectRow(0)
    partner.role_combo.setCurrentIndex(partner.role_combo.findData("interpreter"))
    qtbot.mouseClick(partner.role_button, Qt.MouseButton.LeftButton)
    assert m.DelegationMember.get(m.DelegationMember.person == wang.id).role == "interpreter"
    assert partner.model.item(0, 3).text() == "Interpreter"

    tabs.show_tab("cases")
    qtbot.mouseClick(tabs.cases.add_button, Qt.MouseButton.LeftButton)
    assert tabs.cases.model.item(0, 0).text() == "🔒 Wang Quanzhang"
    tabs.cases.response_edit.setPlainText("Said to be in good health")
    qtbot.mouseClick(tabs.cases.save_response_button, Qt.MouseButton.LeftButton)
    raising = m.CaseRaising.get(m.CaseRaising.case == case.id)
    assert (raising.round_id, raising.response) == (round_id, "Said to be in good health")

    tabs.show_tab("follow-ups")
    qtbot.keyClicks(tabs.follow_ups.description_edit, "Send the list of detained lawyers")
    qtbot.keyClick(tabs.follow_ups.description_edit, Qt.Key.Key_Return)
    follow_up = m.FollowUp.get(m.FollowUp.round == round_id)
    assert (follow_up.description, follow_up.status) == ("Send the list of detained lawyers", "open")
    tabs.follow_ups.agreed_table.selectRow(0)
    qtbot.mouseClick(tabs.follow_ups.done_button, Qt.MouseButton.LeftButton)
    assert records.get(store, "follow_up", follow_up.id).status == "done"


def test_deleting_a_round_asks_first_names_it_and_can_be_undone(qtbot, store, planner, window, monkeypatch):
    asked = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *rest: asked.append(text) or answer[0])
    first = planner.china_rounds[0]
    window.open_round(first.id)
    items = [row["id"] for row in agenda_of(store, first.id)]

    window.delete_round_action.trigger()
    assert "China, round 1 (北京)" in asked[0] and records.get(store, "round", first.id)

    answer[0] = QMessageBox.StandardButton.Yes
    window.delete_round_action.trigger()
    assert m.Round.get_or_none(m.Round.id == first.id) is None
    assert window.round_planner.round_id != first.id

    window.undo_stack.undo()
    assert [row["id"] for row in agenda_of(store, first.id)] == items
