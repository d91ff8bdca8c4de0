"""Editing through the record views: stored at once, undoable, errors at their fields, marks that show."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from dialogue_planner.services import records
from dialogue_planner.services.cases import open_case, raise_case
from dialogue_planner.services.dialogues import add_country, add_priority_topic, start_dialogue
from dialogue_planner.services.followups import add_follow_up
from dialogue_planner.services.network import add_institution, add_person, add_to_delegation
from dialogue_planner.services.projects import add_project, record_result
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.record_table_model import RecordIdRole
from dialogue_planner.ui.views.cases_view import CasesView
from dialogue_planner.ui.views.followups_view import FollowUpsView
from dialogue_planner.ui.views.network_view import NetworkView
from dialogue_planner.ui.views.projects_view import ProjectsView
from dialogue_planner.ui.views.topics_view import TopicsView
from tests.ui.keyboard import type_text
from tests.ui.view_keeper import keep, view_keeper  # noqa: F401 - an autouse fixture

day = datetime.date


@pytest.fixture
def edits(qapp, store):
    stack = QUndoStack()
    editor = RecordEdits(store, stack)
    yield editor
    stack.clear()


@pytest.fixture
def world(store):
    """Vietnam and China with a round each, topics, a project with a result, a confidential case."""
    add_country(store, "Norway", "NO", is_home=True)
    vietnam = add_country(store, "Vietnam", "VN")
    china = add_country(store, "China", "CN")
    vietnam_dialogue = start_dialogue(store, vietnam, "Norway–Vietnam human rights dialogue")
    china_dialogue = start_dialogue(store, china, "Norway–China human rights dialogue")
    legal_aid = add_topic(store, "Legal aid and pre-trial detention")
    unused = add_topic(store, "Rights of the child")
    hanoi = plan_round(store, vietnam_dialogue, city="Hà Nội", start_date=day(2024, 3, 5))
    beijing = plan_round(store, china_dialogue, city="北京", start_date=day(2024, 6, 10))
    project = add_project(store, "Trợ giúp pháp lý", vietnam, start_date=day(2020, 1, 1), end_date=day(2023, 12, 31))
    result = record_result(store, project, "Lawyers trained", baseline=0, target=500, actual=120)
    secret = open_case(store, "Phạm Thị Lan Anh", vietnam, topic=legal_aid.id)
    public = open_case(store, "Lê Quang Vinh", vietnam, sensitivity="shareable")
    raise_case(store, secret, hanoi, "Sentenced according to law.")
    return SimpleNamespace(**locals())


def open_view(qtbot, view_class, store, edits, dialogue):
    view = keep(view_class(store, edits))
    qtbot.addWidget(view)
    view.resize(1280, 800)
    with qtbot.waitActive(view):  # shortcuts such as Ctrl+S reach only the active window
        view.show()
    view.set_dialogue(dialogue.id)
    return view


def retype(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)


def test_a_project_title_typed_and_saved_is_stored_and_undo_puts_it_back_in_the_form(qtbot, store, edits, world):
    view = open_view(qtbot, ProjectsView, store, edits, world.vietnam_dialogue)
    assert view.show_record("joint_project", world.project.id)
    title = view.form.editors["title"].widget

    retype(qtbot, title, "Hỗ trợ pháp lý 法律援助")
    with qtbot.waitSignal(view.form.saved):
        qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert records.get(store, "joint_project", world.project.id).title == "Hỗ trợ pháp lý 法律援助"
    qtbot.waitUntil(lambda: view.panel.current_row()["title"] == "Hỗ trợ pháp lý 法律援助")
    edits.undo_stack.undo()
    assert records.get(store, "joint_project", world.project.id).title == "Trợ giúp pháp lý"
    assert title.text() == "Trợ giúp pháp lý"


def test_a_project_ending_before_it_starts_and_an_empty_title_are_shown_at_their_fields(qtbot, store, edits, world):
    view = open_view(qtbot, ProjectsView, store, edits, world.vietnam_dialogue)
    view.show_record("joint_project", world.project.id)
    view.form.editors["end_date"].widget.date_edit.setDate(QDate(2019, 12, 31))
    qtbot.mouseClick(view.form.save_button, Qt.MouseButton.LeftButton)

    assert view.form.error_text("end_date") == "End is before the start date."
    assert view.form.error_labels["end_date"].isVisible()

    retype(qtbot, view.form.editors["title"].widget, "")
    qtbot.mouseClick(view.form.save_button, Qt.MouseButton.LeftButton)
    assert view.form.error_text("title") == "Title must not be empty."
    assert records.get(store, "joint_project", world.project.id).end_date == day(2023, 12, 31)


def test_ticking_a_project_topic_is_stored_and_undone(qtbot, store, edits, world):
    view = open_view(qtbot, ProjectsView, store, edits, world.vietnam_dialogue)
    view.show_record("joint_project", world.project.id)
    item = next(view.topics.model.item(row) for row in range(view.topics.model.rowCount())
                if view.topics.model.item(row).text() == "Legal aid and pre-trial detention")

    item.setCheckState(Qt.CheckState.Checked)

    assert [link.topic_id for link in world.project.project_topics] == [world.legal_aid.id]
    qtbot.waitUntil(lambda: view.panel.current_row()["topics"] == "Legal aid and pre-trial detention")
    edits.undo_stack.undo()
    assert list(world.project.project_topics) == []
    assert view.topics.checked() == []


def test_a_result_edited_in_its_cell_is_stored_and_a_negative_figure_refused_beside_it(qtbot, store, edits, world):
    view = open_view(qtbot, ProjectsView, store, edits, world.vietnam_dialogue)
    view.show_record("joint_project", world.project.id)
    results = view.results
    results.view.setFocus()
    results.view.setCurrentIndex(results.model.index(0, 3))  # Actual

    qtbot.keyClick(results.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "1,300")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop

    qtbot.waitUntil(lambda: results.model.index(0, 3).data() == "1,300")
    assert records.get(store, "project_result", world.result.id).actual == 1300.0

    assert results.model.setData(results.model.index(0, 1), "-5") is False
    assert results.message.text() == "Baseline must not be negative."
    assert results.message.isVisible()
    assert records.get(store, "project_result", world.result.id).baseline == 0.0


def test_confidential_cases_are_marked_by_padlock_word_tint_and_tooltip(qtbot, store, edits, world):
    view = open_view(qtbot, CasesView, store, edits, world.vietnam_dialogue)
    rows = {view.model.index(row, 0).data(): row for row in range(view.model.rowCount())}
    secret, public = rows["Phạm Thị Lan Anh"], rows["Lê Quang Vinh"]

    assert not view.model.index(secret, 0).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert view.model.index(secret, 5).data() == "Confidential"
    assert view.model.index(secret, 2).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert view.model.index(secret, 0).data(Qt.ItemDataRole.ToolTipRole) == "Confidential: never in a shareable brief"
    assert view.model.index(public, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert view.model.index(public, 5).data() == "Shareable"

    view.show_record("individual_case", world.secret.id)
    assert view.confidential_banner.isVisible()
    view.show_record("individual_case", world.public.id)
    assert not view.confidential_banner.isVisible()


def test_a_case_is_raised_at_a_round_and_its_situation_changed_from_the_keyboard(qtbot, store, edits, world):
    later = plan_round(store, world.vietnam_dialogue, start_date=day(2025, 9, 1))
    view = open_view(qtbot, CasesView, store, edits, world.vietnam_dialogue)
    view.show_record("individual_case", world.secret.id)
    assert view.round_choice.currentData() == later.id

    qtbot.mouseClick(view.raisings.add_button, Qt.MouseButton.LeftButton)
    assert [raising.round_id for raising in world.secret.raisings.order_by("id")] == [world.hanoi.id, later.id]

    situation = view.form.editors["situation"].widget
    situation.setFocus()
    qtbot.keyClick(situation, Qt.Key.Key_Down)  # detained -> sentenced
    qtbot.keyClick(situation, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert records.get(store, "individual_case", world.secret.id).situation == "sentenced"


def test_mark_done_completes_a_follow_up_today_and_overdue_ones_are_marked(qtbot, store, edits, world):
    late = add_follow_up(store, world.hanoi, "Send the legal-aid study", due_date=day(2020, 1, 1))
    coming = add_follow_up(store, world.hanoi, "Invite judges", due_date=day(2099, 1, 1))
    view = open_view(qtbot, FollowUpsView, store, edits, world.vietnam_dialogue)
    rows = {view.model.index(row, 0).data(RecordIdRole): row for row in range(view.model.rowCount())}

    assert view.model.index(rows[late.id], 2).data() == "Open — overdue"
    assert view.model.index(rows[coming.id], 2).data() == "Open"
    view.set_state("overdue")
    assert [view.model.index(row, 0).data(RecordIdRole) for row in range(view.model.rowCount())] == [late.id]

    view.panel.select_record(late.id)
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)

    stored = records.get(store, "follow_up", late.id)
    assert (stored.status, stored.completed_on) == ("done", datetime.date.today())
    assert view.model.rowCount() == 0
    edits.undo_stack.undo()
    assert records.get(store, "follow_up", late.id).status == "open"


def test_a_topic_in_use_cannot_be_deleted_and_an_unused_one_can(qtbot, store, edits, world, monkeypatch):
    view = open_view(qtbot, TopicsView, store, edits, world.vietnam_dialogue)
    monkeypatch.setattr(view.panel, "confirm_delete", lambda name: name == "Rights of the child")

    view.show_record("topic", world.legal_aid.id)
    assert not view.panel.delete_button.isEnabled()
    assert view.usage_label.text() == "cases: 1"

    view.show_record("topic", world.unused.id)
    assert view.usage_label.text() == "nothing yet: it can be deleted"
    qtbot.mouseClick(view.panel.delete_button, Qt.MouseButton.LeftButton)
    assert records.record_type("topic").get_or_none(id=world.unused.id) is None


def test_a_priority_topic_is_added_from_today_and_ended(qtbot, store, edits, world):
    view = open_view(qtbot, TopicsView, store, edits, world.vietnam_dialogue)
    view.priority_topic_combo.setCurrentIndex(view.priority_topic_combo.findText("Legal aid and pre-trial detention"))

    qtbot.mouseClick(view.priorities.add_button, Qt.MouseButton.LeftButton)
    (priority,) = world.vietnam_dialogue.priority_topics
    today = datetime.date.today()
    assert (priority.topic_id, priority.valid_from, priority.valid_to) == (world.legal_aid.id, today, None)

    view.priorities.view.setCurrentIndex(view.priorities.model.index(0, 0))
    qtbot.mouseClick(view.end_button, Qt.MouseButton.LeftButton)
    assert records.get(store, "priority_topic", priority.id).valid_to == datetime.date.today()


def test_people_are_found_by_a_vietnamese_and_a_chinese_name_as_you_type(qtbot, store, edits, world):
    court = add_institution(store, "Tòa án nhân dân tối cao", world.vietnam, "judiciary")
    procuratorate = add_institution(store, "最高人民检察院", world.china, "prosecution")
    add_person(store, "Nguyễn Thị Hồng", institution=court.id)
    add_person(store, "陈静", institution=procuratorate.id)
    add_person(store, "Kari Nordby")
    view = open_view(qtbot, NetworkView, store, edits, world.vietnam_dialogue)
    view.tabs.setCurrentIndex(1)
    view.all_countries_box.setChecked(True)
    people = view.people_panel

    type_text(people.filter_edit, "Hồng")
    assert [people.model.index(row, 0).data() for row in range(people.model.rowCount())] == ["Nguyễn Thị Hồng"]
    people.filter_edit.clear()
    type_text(people.filter_edit, "陈")
    assert [people.model.index(row, 0).data() for row in range(people.model.rowCount())] == ["陈静"]


def test_a_title_typed_but_not_saved_survives_ticking_a_topic(qtbot, store, edits, world):
    view = open_view(qtbot, ProjectsView, store, edits, world.vietnam_dialogue)
    view.show_record("joint_project", world.project.id)
    title = view.form.editors["title"].widget
    retype(qtbot, title, "Legal aid pilot")
    item = next(view.topics.model.item(row) for row in range(view.topics.model.rowCount())
                if view.topics.model.item(row).text() == "Rights of the child")

    item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: view.panel.current_row()["topics"] == "Rights of the child")

    assert title.text() == "Legal aid pilot"
    assert view.form.save_button.isEnabled()


def test_a_removed_result_comes_back_with_undo(qtbot, store, edits, world):
    view = open_view(qtbot, ProjectsView, store, edits, world.vietnam_dialogue)
    view.show_record("joint_project", world.project.id)
    view.results.view.setCurrentIndex(view.results.model.index(0, 0))

    qtbot.mouseClick(view.results.remove_button, Qt.MouseButton.LeftButton)
    assert view.results.model.rowCount() == 0
    assert view.results.empty_label.isVisible()

    edits.undo_stack.undo()
    qtbot.waitUntil(lambda: view.results.model.rowCount() == 1)
    assert view.results.model.index(0, 0).data() == "Lawyers trained"


def test_an_institutions_people_are_listed_and_a_double_click_opens_one(qtbot, store, edits, world):
    court = add_institution(store, "Tòa án nhân dân tối cao", world.vietnam, "judiciary")
    judge = add_person(store, "Nguyễn Văn An", title="Judge", institution=court.id)
    view = open_view(qtbot, NetworkView, store, edits, world.vietnam_dialogue)
    assert view.show_record("institution", court.id)
    assert view.staff.model.index(0, 0).data() == "Nguyễn Văn An"

    rect = view.staff.view.visualRect(view.staff.model.index(0, 0))
    # A real double-click is a click and then the second press: QTest's double-click is only the latter.
    qtbot.mouseClick(view.staff.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.staff.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert view.tabs.currentIndex() == 1
    assert view.people_panel.current_id() == judge.id
    assert view.person_form.editors["title"].widget.text() == "Judge"


def test_new_project_is_created_in_the_dialogues_country_ready_to_name_and_undo_removes_it(qtbot, store, edits, world):
    view = open_view(qtbot, ProjectsView, store, edits, world.china_dialogue)

    qtbot.mouseClick(view.panel.new_button, Qt.MouseButton.LeftButton)

    new_id = view.panel.current_id()
    project = records.get(store, "joint_project", new_id)
    assert (project.title, project.country_id) == ("New project", world.china.id)
    assert view.form.focusWidget() is view.form.editors["title"].widget
    assert view.form.editors["title"].widget.selectedText() == "New project"
    edits.undo_stack.undo()
    qtbot.waitUntil(lambda: view.panel.model.total_count == 0)
    assert not view.form.isEnabled()


def test_new_without_any_country_says_what_to_add_first(qtbot, store, edits, monkeypatch):
    view = keep(ProjectsView(store, edits))
    qtbot.addWidget(view)
    said = []
    monkeypatch.setattr(view.panel, "show_refusal", lambda text, title=None: said.append((title, text)))

    qtbot.mouseClick(view.panel.new_button, Qt.MouseButton.LeftButton)

    assert said == [("Cannot add", "Add a country first: a project belongs to a partner country.")]


def test_a_person_in_a_delegation_cannot_be_deleted_and_the_reason_is_given(qtbot, store, edits, world, monkeypatch):
    person = add_person(store, "Trần Văn Đức")
    add_to_delegation(store, world.hanoi, person, "partner", "head")
    view = open_view(qtbot, NetworkView, store, edits, world.vietnam_dialogue)
    view.show_record("person", person.id)
    said = []
    monkeypatch.setattr(view.people_panel, "confirm_delete", lambda name: True)
    monkeypatch.setattr(view.people_panel, "show_refusal", lambda text, title=None: said.append(text))

    qtbot.mouseClick(view.people_panel.delete_button, Qt.MouseButton.LeftButton)

    assert said == ["Still used by 1 delegation member record(s); remove those first."]
    assert records.get(store, "person", person.id).name == "Trần Văn Đức"
    assert view.delegations.model.index(0, 3).data() == "Head of delegation"


def test_more_priority_topics_in_force_than_the_focus_target_is_a_warning(qtbot, store, edits, world):
    for number in range(5):
        add_priority_topic(store, world.vietnam_dialogue, add_topic(store, f"Topic {number}"), day(2020, 1, 1))
    add_priority_topic(store, world.vietnam_dialogue, world.legal_aid, day(2010, 1, 1), day(2015, 1, 1))
    view = open_view(qtbot, TopicsView, store, edits, world.vietnam_dialogue)

    assert view.focus_label.text() == (
        "⚠ Above the focus target. In force today: 5 priority topics; the focus target is 4."
    )
    topic_0 = next(row for row in range(view.priorities.model.rowCount())
                   if view.priorities.model.index(row, 0).data() == "Topic 0")
    view.priorities.view.setCurrentIndex(view.priorities.model.index(topic_0, 0))
    qtbot.mouseClick(view.end_button, Qt.MouseButton.LeftButton)  # ends today, so still in force today
    qtbot.waitUntil(lambda: view.priorities.current_row()["valid_to"] == datetime.date.today())
    assert view.focus_label.text().startswith("⚠ Above the focus target.")

    edits.update("priority_topic", view.priorities.current_row()["id"], {"valid_to": day(2021, 1, 1)})
    qtbot.waitUntil(lambda: view.focus_label.text() == "In force today: 4 priority topics; the focus target is 4.")
