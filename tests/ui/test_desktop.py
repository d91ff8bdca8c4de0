"""The whole desktop app: every view on empty and demo data, search, engagement, settings, screenshots."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QWidget

from dialogue_planner.app import build_main_window, run_gui
from dialogue_planner.cli import SCREENSHOT_VIEW_NAMES
from dialogue_planner.services import records
from dialogue_planner.services.dialogues import engagement_history
from dialogue_planner.services.network import add_person
from dialogue_planner.ui.search_dialog import SearchDialog
from dialogue_planner.ui.settings_dialog import SettingsDialog
from dialogue_planner.ui.user_settings import classification_marking, recent_databases, user_name
from dialogue_planner.ui.view_registry import VIEW_NAMES


@pytest.fixture
def open_window(qtbot):
    def open_window(store):
        window = build_main_window(store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_window


def visit_every_view(window) -> list[str]:
    visited = []
    for name in VIEW_NAMES:
        window.show_view(name)
        assert window.current_view() == name and window.views[name].isVisible()
        visited.append(name)
    return visited


def test_every_view_opens_on_an_empty_database(store, open_window):
    window = open_window(store)

    assert visit_every_view(window) == list(VIEW_NAMES)
    assert window.overview_view.title_label.text() == "No dialogue chosen"
    assert window.round_planner.heading.text() == "No round chosen"
    assert not window.new_round_button.isEnabled()


def test_every_view_opens_on_the_demo_database_with_its_records(demo_copy, open_window):
    store = demo_copy(datetime.date(2026, 11, 23))
    window = open_window(store)

    visit_every_view(window)
    assert window.overview_view.title_label.text() == "Norway–China human rights dialogue"
    assert window.round_planner.agenda_editor.model.rowCount() > 0
    assert window.history_view.model.rowCount() > 0


def test_search_finds_a_person_by_vietnamese_name_and_opens_the_record(qtbot, store, planner, open_window):
    person = add_person(store, "Nguyễn Thị Hương", title="Deputy Director")
    window = open_window(store)
    dialog = SearchDialog(store, window)
    qtbot.addWidget(dialog)

    dialog.query_edit.setText("Nguyễn Thị")  # what the input method commits
    dialog.run_search()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0).data().startswith("Person: Nguyễn Thị Hương")
    with qtbot.waitSignal(dialog.recordActivated) as opened:
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)

    assert opened.args == ["person", person.id]


def test_a_round_found_by_its_chinese_city_opens_in_the_planner(qtbot, store, planner, open_window):
    window = open_window(store)
    beijing = planner.china_rounds[2]

    window.open_record("round", beijing.id)

    assert window.current_view() == "round"
    assert window.round_planner.round_id == beijing.id
    assert "北京" in window.round_planner.subheading.text()
    assert window.history_view.model.record == ("round", beijing.id)


def test_the_engagement_level_changes_with_a_reason_and_the_change_can_be_undone(store, planner, open_window):
    window = open_window(store)
    overview = window.overview_view
    assert overview.overview.dialogue_id == planner.china.id

    overview.apply_engagement_level("scaled_down", datetime.date.today(), "Political climate")

    assert records.get(store, "dialogue", planner.china.id).engagement_level == "scaled_down"
    assert "Scaled down" in overview.level_label.text()
    assert overview.history_list.item(0).text().endswith("Scaled down: Political climate")
    assert window.dialogue_list.currentIndex().data() == "China — scaled down"
    window.undo_stack.undo()
    assert records.get(store, "dialogue", planner.china.id).engagement_level == "active"
    assert [row["level"] for row in engagement_history(store, planner.china.id)] == ["active"]
    window.undo_stack.redo()
    assert records.get(store, "dialogue", planner.china.id).engagement_level == "scaled_down"


def test_settings_keep_the_users_name_marking_and_recent_databases(qtbot, tmp_path, store):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(settings, store.location)
    qtbot.addWidget(dialog)

    dialog.user_edit.setText("Desk officer Hà")
    dialog.classification_edit.setText("CONFIDENTIAL")
    dialog.database_combo.setEditText("postgresql://planner@dbhost/planner")
    dialog.accept()

    assert (user_name(settings), classification_marking(settings)) == ("Desk officer Hà", "CONFIDENTIAL")
    assert dialog.chosen_database() == "postgresql://planner@dbhost/planner"
    assert recent_databases(settings) == []


@pytest.mark.parametrize("view", SCREENSHOT_VIEW_NAMES)
def test_the_screenshot_command_renders_each_view_to_a_png(qapp, store, planner, tmp_path, view):
    shot = tmp_path / f"{view}.png"

    assert run_gui(store.location, screenshot=str(shot), view=view) == 0

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)


def test_the_history_names_who_changed_what_with_references_and_labels_in_words(qtbot, store, planner, open_window):
    window = open_window(store)
    round_id = planner.china_rounds[3].id
    window.edits.update("round", round_id, {"city": "Bergen", "level": "political"})

    window.open_record("round", round_id)
    history = window.history_view
    assert history.model.rowCount() == 2
    assert [history.model.index(row, 2).data() for row in range(2)] == ["Changed", "Created"]
    assert history.model.index(0, 1).data() == "tester"
    assert history.details.toPlainText() == "city: Oslo → Bergen\nlevel: Senior officials → Political"
    history.table.selectRow(1)
    assert "dialogue: Norway–China human rights dialogue" in history.details.toPlainText()
    assert history.heading.text() == "<b>China, round 4 (Bergen)</b>"


def test_a_new_dialogue_is_started_from_the_file_menu_and_can_be_undone(qtbot, store, planner, open_window):
    from dialogue_planner.storage import models as m
    from dialogue_planner.ui.new_dialogue_dialog import NewDialogueDialog

    window = open_window(store)
    dialog = NewDialogueDialog(store, window.edits, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.country_edit, "Laos")
    qtbot.keyClicks(dialog.iso_edit, "la")
    dialog.accept()
    assert dialog.errors["title"].isVisible() and "title" not in dialog.errors["name"].text()
    assert m.Country.get_or_none(m.Country.iso_code == "LA") is None

    dialog.title_edit.setText("Norway–Laos human rights dialogue")  # QTest types Latin-1 only
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert m.Dialogue.get_by_id(dialog.dialogue_id).title == "Norway–Laos human rights dialogue"
    assert window.dialogue_model.rowCount() == 3

    window.undo_stack.undo()
    assert m.Dialogue.get_or_none(m.Dialogue.id == dialog.dialogue_id) is None
    assert m.Country.get_or_none(m.Country.iso_code == "LA") is None
    assert window.dialogue_model.rowCount() == 2
    window.undo_stack.redo()
    assert m.Dialogue.get_by_id(dialog.dialogue_id).country.iso_code == "LA"


def test_the_focus_target_is_edited_in_the_overview_and_the_planner_follows(qtbot, store, planner, open_window):
    window = open_window(store)
    form = window.overview_view.details_form
    form.editors["focus_target"].set_value(1)
    form.editors["focus_target"].edited.emit()

    assert form.save()

    assert records.get(store, "dialogue", planner.china.id).focus_target == 1
    assert "Focus target: 1 topics per round" in window.overview_view.facts_label.text()
    window.open_round(planner.china_rounds[0].id)
    assert window.round_planner.agenda_editor.focus_indicator.text().startswith("⚠")


def test_the_dialogue_details_below_the_fold_are_built_after_the_first_paint_for_the_chosen_dialogue(
    store, planner, open_window
):
    window = open_window(store)
    overview = window.overview_view
    assert overview.findChild(QWidget, "dialogueDetailsForm") is None  # not part of the first paint

    window.finish_start_up()  # what the app does once the window has painted

    form = overview.findChild(QWidget, "dialogueDetailsForm")
    assert form is overview.details_form
    assert form.record_id == overview.overview.dialogue_id
    assert form.editors["title"].value() == overview.overview.title
    window.navigation.select_dialogue(planner.vietnam.id)
    assert form.record_id == planner.vietnam.id
    window.finish_start_up()  # again: the same form
    assert overview.findChildren(QWidget, "dialogueDetailsForm") == [form]


def test_a_read_only_database_says_so_and_offers_no_edits(qtbot, tmp_path, store, planner):
    from dialogue_planner.storage.database import open_database

    location = store.location
    store.close()
    reader = open_database(location, read_only=True)
    try:
        window = build_main_window(reader)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)

        assert window.read_only_notice.isVisible() and "Read-only" in window.read_only_notice.text()
        assert not window.new_round_action.isEnabled() and not window.new_round_button.isEnabled()
        assert not window.round_planner.details_form.isEnabled()
        assert window.rounds_panel.model.rowCount() == 4  # everything can still be read
    finally:
        reader.close()


def test_restore_from_the_menu_reopens_the_window_on_the_restored_file(qtbot, store, planner, open_window, monkeypatch):
    from dialogue_planner.ui import restore_dialog

    window = open_window(store)
    store.backup("before-test")
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda parent, title, text, *rest, **options: asked.append(text) or QMessageBox.Yes
    )

    def choose_newest_and_restore(dialog):
        # What the user does in the dialog: the newest backup, Restore..., Yes.
        dialog.backups.setCurrentRow(0)
        dialog.restore_chosen()
        return 1

    monkeypatch.setattr(restore_dialog.RestoreDialog, "exec", choose_newest_and_restore)
    with qtbot.waitSignal(window.databaseChosen) as chosen:
        window.restore_action.trigger()

    assert chosen.args == [store.location]
    assert asked and str(store.path) in asked[0]  # the confirmation named the file to be replaced


def test_back_up_now_puts_a_copy_in_the_backups_folder_and_says_where(store, planner, open_window):
    window = open_window(store)

    window.backup_action.trigger()

    message = window.statusBar().currentMessage()
    assert message.startswith("Backed up to ")
    copy = message.removeprefix("Backed up to ")
    assert copy.startswith(str(store.path.parent)) and Path(copy).stat().st_size > 0
