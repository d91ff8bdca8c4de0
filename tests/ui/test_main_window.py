"""The main window as a desk officer uses it: pick a dialogue, read and filter its rounds."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from dialogue_planner.services.dialogues import add_country, start_dialogue
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.ui.main_window import MainWindow
from dialogue_planner.ui.round_table_model import RoundColumn, RoundIdRole


@pytest.fixture
def open_window(qtbot):
    def open_window(store, **options) -> MainWindow:
        window = MainWindow(store, **options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_window


def shown_texts(window: MainWindow, column: int) -> list[str]:
    proxy = window.rounds_panel.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def commit_from_input_method(widget, text: str) -> None:
    """Chinese is typed through an input method, which commits whole words (QTest's key clicks are ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click_dialogue(qtbot, window: MainWindow, row: int) -> None:
    view = window.dialogue_list
    with qtbot.waitSignal(window.dialogueSelected, timeout=2000) as selected:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(row, 0)).center()
        )
    assert selected.args == [view.model().dialogue_id(row)]


def test_an_empty_database_says_how_to_get_demo_data(store, open_window):
    window = open_window(store)
    panel = window.rounds_panel

    assert window.windowTitle() == "Dialogue Planner — planner.sqlite"
    assert window.dialogue_model.rowCount() == 0
    assert panel.empty_label.isVisible()
    assert not panel.table.isVisible()
    assert panel.empty_label.text() == "No dialogues yet. Create the demo data with: dialogue-planner demo"
    assert not panel.filter_edit.isEnabled()
    assert window.rounds_shown_label.text() == "Rounds shown: 0"
    assert window.location_label.text() == str(store.path)


def test_the_first_dialogue_is_chosen_at_start_with_its_newest_round_first(store, planner, open_window):
    window = open_window(store)

    assert [window.dialogue_model.index(row).data() for row in range(2)] == ["China — active", "Vietnam — active"]
    assert window.dialogue_list.currentIndex().row() == 0
    assert window.rounds_panel.heading.text() == "Norway–China human rights dialogue"
    assert window.rounds_panel.table.isVisible()
    assert shown_texts(window, RoundColumn.NUMBER) == ["4", "3", "2", "1"]
    assert shown_texts(window, RoundColumn.CITY) == ["Oslo", "北京", "Oslo", "北京"]
    assert window.rounds_shown_label.text() == "Rounds shown: 4"


def test_the_round_planner_is_built_when_first_shown_with_the_round_chosen_meanwhile(
    qtbot, store, planner, open_window
):
    window = open_window(store)
    newest, oldest = planner.china_rounds[-1], planner.china_rounds[0]

    assert list(window.views) == ["overview"]  # start-up builds only what is on screen
    assert window.current_round_id() == newest.id
    window.navigation.select_round(oldest.id)
    assert "round" not in window.views and window.current_round_id() == oldest.id

    window.show_view("round")

    assert window.round_planner.isVisible()
    assert window.round_planner.round_id == oldest.id
    assert window.round_planner.heading.text() == "China — round 1"
    assert window.history_view.model.rowCount() > 0  # the round's history, as the planner reports it
    window.navigation.select_round(newest.id)
    assert window.round_planner.round_id == newest.id


def test_clicking_a_dialogue_shows_its_rounds_only(qtbot, store, planner, open_window):
    window = open_window(store)

    click_dialogue(qtbot, window, 1)

    proxy = window.rounds_panel.proxy
    assert window.rounds_panel.heading.text() == "Norway–Vietnam human rights dialogue"
    assert shown_texts(window, RoundColumn.CITY) == ["Oslo", "Hà Nội"]
    assert {proxy.index(row, 0).data(RoundIdRole) for row in range(proxy.rowCount())} == {
        r.id for r in planner.vietnam_rounds
    }
    assert window.rounds_shown_label.text() == "Rounds shown: 2"


def test_typing_a_filter_narrows_the_rounds_across_columns(qtbot, store, planner, open_window):
    window = open_window(store)
    panel = window.rounds_panel

    qtbot.keyClicks(panel.filter_edit, "oSLo")
    assert shown_texts(window, RoundColumn.NUMBER) == ["4", "2"]
    assert window.rounds_shown_label.text() == "Rounds shown: 2 of 4"

    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "held")  # a status label, as shown
    assert shown_texts(window, RoundColumn.NUMBER) == ["3", "2"]

    panel.filter_edit.clear()
    commit_from_input_method(panel.filter_edit, "北京")
    assert shown_texts(window, RoundColumn.CITY) == ["北京", "北京"]

    qtbot.keyClicks(panel.filter_edit, "x")
    assert panel.empty_label.isVisible()
    assert panel.empty_label.text() == "No rounds match “北京x”."

    panel.filter_edit.clear()
    assert shown_texts(window, RoundColumn.NUMBER) == ["4", "3", "2", "1"]
    assert panel.table.isVisible()


def test_a_dialogue_without_rounds_says_so(qtbot, store, planner, open_window):
    start_dialogue(store, add_country(store, "Indonesia", "ID"), "Norway–Indonesia human rights dialogue")
    window = open_window(store)

    click_dialogue(qtbot, window, 1)  # Indonesia sorts between China and Vietnam

    panel = window.rounds_panel
    assert panel.empty_label.isVisible()
    assert panel.empty_label.text() == "This dialogue has no rounds yet."
    assert not panel.filter_edit.isEnabled()


def test_reload_keeps_the_chosen_dialogue_and_shows_new_rounds(qtbot, store, planner, open_window):
    window = open_window(store)
    click_dialogue(qtbot, window, 1)

    plan_round(store, planner.vietnam, city="Đà Nẵng", start_date=datetime.date(2026, 11, 2))
    window.reload()

    assert window.dialogue_list.currentIndex().row() == 1
    assert shown_texts(window, RoundColumn.CITY) == ["Đà Nẵng", "Oslo", "Hà Nội"]


def test_clicking_a_column_header_sorts_by_it(qtbot, store, planner, open_window):
    window = open_window(store)
    header = window.rounds_panel.table.horizontalHeader()
    dates_x = header.sectionViewportPosition(RoundColumn.DATES) + header.sectionSize(RoundColumn.DATES) // 2

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(dates_x, header.height() // 2))

    assert header.sortIndicatorSection() == RoundColumn.DATES
    assert shown_texts(window, RoundColumn.NUMBER) == ["4", "1", "2", "3"]


def test_window_layout_is_kept_between_sessions(store, planner, open_window, tmp_path):
    settings_file = str(tmp_path / "layout.ini")
    first = open_window(store, settings=QSettings(settings_file, QSettings.Format.IniFormat))
    first.resize(760, 590)  # inside the offscreen platform's 800x600 screen
    first.splitter.setSizes([200, 520])
    sizes = first.splitter.sizes()
    first.close()

    second = open_window(store, settings=QSettings(settings_file, QSettings.Format.IniFormat))

    assert (second.width(), second.height()) == (760, 590)
    assert second.splitter.sizes() == sizes


def test_quit_closes_the_window_and_about_names_the_app(store, open_window, monkeypatch):
    window = open_window(store)
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((parent, title, text)))

    window.about_action.trigger()
    assert shown and shown[0][0] is window and shown[0][1] == "About Dialogue Planner"

    assert window.quit_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    window.quit_action.trigger()
    assert not window.isVisible()


def test_closing_the_window_ends_a_review_still_computing(open_window, qtbot, store, planner, monkeypatch):
    """The review's thread reads the window's store, which is closed once the window is: it must end first."""
    import threading

    from dialogue_planner.review import compute_review
    from dialogue_planner.ui.review_computation import ReviewComputation

    started, release, threads = threading.Event(), threading.Event(), []

    def held_compute(store, scope):
        threads.append(threading.current_thread())
        started.set()
        assert release.wait(timeout=60), "nothing released the computation"
        return compute_review(store, scope)

    stop = ReviewComputation.stop

    def release_and_stop(self):  # stopping lets the held computation go on, to be dropped and joined
        release.set()
        stop(self)

    monkeypatch.setattr("dialogue_planner.ui.review_view.compute_review", held_compute)
    monkeypatch.setattr(ReviewComputation, "stop", release_and_stop)
    window = open_window(store)
    try:
        window.show_view("review")
        qtbot.waitUntil(started.is_set)

        window.close()

        assert threads and not threads[0].is_alive()
    finally:
        release.set()
