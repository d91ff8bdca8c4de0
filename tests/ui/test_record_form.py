"""The generic record form: shows a record, saves through RecordEdits, errors at their fields, undo shows."""

from __future__ import annotations

import datetime
import decimal

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QUndoStack

from dialogue_planner.services import records
from dialogue_planner.services.dialogues import add_country
from dialogue_planner.services.projects import add_project
from dialogue_planner.storage import vocabulary
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldKind, FieldSpec, parse_number
from dialogue_planner.ui.record_form import RecordForm
from tests.ui.keyboard import type_text


@pytest.fixture
def edits(qapp, store):
    stack = QUndoStack()
    editor = RecordEdits(store, stack)
    yield editor
    stack.clear()


@pytest.fixture
def project(store):
    add_country(store, "Norway", "NO", is_home=True)
    vietnam = add_country(store, "Vietnam", "VN")
    add_country(store, "China", "CN")
    return add_project(
        store,
        "Pháp luật và tư pháp",
        vietnam,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2022, 12, 31),
        budget="1500000.00",
        currency="NOK",
        status="active",
    )


def country_options(store):
    def options():
        return [(row.id, row.name) for row in records.record_type("country").select().order_by("name")]

    return options


@pytest.fixture
def form(qtbot, edits, store, project):
    fields = [
        FieldSpec("title", "Title"),
        FieldSpec("country", "Country", FieldKind.REFERENCE, options=country_options(store)),
        FieldSpec("status", "Status", FieldKind.CHOICE, choices=vocabulary.PROJECT_STATUSES),
        FieldSpec("start_date", "Start", FieldKind.DATE, optional=True),
        FieldSpec("end_date", "End", FieldKind.DATE, optional=True),
        FieldSpec("budget", "Budget", FieldKind.DECIMAL, optional=True),
        FieldSpec("currency", "Currency"),
        FieldSpec("description", "Description", FieldKind.TEXT),
    ]
    widget = RecordForm(edits, "joint_project", fields)
    qtbot.addWidget(widget)
    widget.show()
    widget.load(project.id)
    return widget


def test_the_form_is_disabled_without_a_record_and_shows_the_stored_values(qtbot, edits, form, project):
    assert form.isEnabled()
    assert form.editors["title"].widget.text() == "Pháp luật và tư pháp"
    assert form.editors["country"].widget.currentText() == "Vietnam"
    assert form.editors["status"].widget.currentText() == "Active"
    assert form.editors["start_date"].widget.date_edit.date() == QDate(2020, 1, 1)
    assert form.editors["budget"].widget.text() == "1,500,000.00"
    assert not form.save_button.isEnabled()

    form.load(None)
    assert not form.isEnabled()
    assert form.editors["title"].widget.text() == ""


def test_an_edit_typed_and_saved_with_ctrl_s_is_stored_and_undo_shows_the_old_value(qtbot, edits, store, form, project):
    title = form.editors["title"].widget
    title.setFocus()
    title.selectAll()
    type_text(title, "Hỗ trợ pháp lý 法律援助")
    assert form.save_button.isEnabled()

    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert records.get(store, "joint_project", project.id).title == "Hỗ trợ pháp lý 法律援助"
    assert edits.undo_stack.count() == 1
    with qtbot.waitSignal(edits.recordChanged):
        edits.undo_stack.undo()
    assert records.get(store, "joint_project", project.id).title == "Pháp luật và tư pháp"
    assert title.text() == "Pháp luật và tư pháp"


def test_an_end_before_the_start_is_shown_under_the_end_date_and_cleared_by_editing_it(qtbot, store, form, project):
    end = form.editors["end_date"].widget
    end.date_edit.setDate(QDate(2019, 6, 30))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.error_text("end_date") == "End is before the start date."
    assert form.error_labels["end_date"].isVisible()
    assert form.error_text("start_date") == ""
    assert records.get(store, "joint_project", project.id).end_date == datetime.date(2022, 12, 31)

    end.date_edit.setDate(QDate(2023, 1, 31))
    assert form.error_text("end_date") == ""
    assert not form.error_labels["end_date"].isVisible()


def test_an_empty_title_and_a_negative_budget_are_each_shown_at_their_field(qtbot, store, form):
    title = form.editors["title"].widget
    title.setFocus()
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    budget = form.editors["budget"].widget
    budget.selectAll()
    qtbot.keyClicks(budget, "-5")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    assert form.error_text("title") == "Title must not be empty."
    assert form.error_text("budget") == "Budget must not be negative."
    assert form.focusWidget() is title  # the first field in error, to correct it at once


def test_a_record_changed_by_someone_else_is_refused_and_reload_shows_their_change(qtbot, store, form, project):
    records.update(store, "joint_project", project.id, {"status": "paused"})  # someone else, after we loaded
    form.editors["currency"].widget.setText("USD")
    form.editors["currency"].edited.emit()

    assert form.save() is False
    assert form.banner.isVisible()
    assert "after you opened it" in form.banner.label.text()
    assert records.get(store, "joint_project", project.id).currency == "NOK"

    qtbot.mouseClick(form.banner.button, Qt.MouseButton.LeftButton)
    assert form.editors["status"].widget.currentText() == "Paused"
    assert form.editors["currency"].widget.text() == "NOK"
    assert not form.banner.isVisible()


def test_clearing_an_optional_date_and_a_budget_stores_none(qtbot, store, form, project):
    qtbot.mouseClick(form.editors["start_date"].widget.clear_button, Qt.MouseButton.LeftButton)
    form.editors["end_date"].widget.clear()
    form.editors["budget"].widget.clear()
    form.editors["budget"].edited.emit()
    form.editors["currency"].widget.clear()
    form.editors["currency"].edited.emit()

    assert form.save() is True
    stored = records.get(store, "joint_project", project.id)
    assert (stored.start_date, stored.end_date, stored.budget, stored.currency) == (None, None, None, "")


def test_numbers_are_read_in_the_users_locale():
    norwegian = QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)
    assert parse_number("1\u00a0234,50", norwegian) == decimal.Decimal("1234.50")
    assert parse_number("1,234.5", QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == decimal.Decimal(
        "1234.5"
    )
    assert parse_number("  ", norwegian) is None
    assert parse_number("a lot", norwegian) == "a lot"
