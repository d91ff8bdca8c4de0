"""The Review view: models checked by qtmodeltester, clicks list exactly the records behind a figure.

The view computes the review on a thread of its own: every test waits for `computed` before it looks.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
import threading
from functools import partial

import pypdf
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from dialogue_planner.errors import PlannerError
from dialogue_planner.review import ReviewScope, compute_review, grid_cells
from dialogue_planner.review.pdf import write_review_pdf
from dialogue_planner.ui import review_grid_model
from dialogue_planner.ui.review_grid_model import TopicRoundGridModel
from dialogue_planner.ui.review_table_model import DrillRole
from dialogue_planner.ui.review_view import ReviewView
from tests.review.data_set import TODAY, build_review_data


@pytest.fixture
def data(store):
    return build_review_data(store)


@pytest.fixture
def view(qtbot, store, data):
    widget = ReviewView(store, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    with qtbot.waitSignal(widget.computed):
        widget.show()
    yield widget
    widget.shutdown()


def listed(view) -> list[tuple[str, int]]:
    return [(ref.table, ref.id) for ref in view.records_panel.model.records]


def grid_index(view, topic_id: int, round_id: int) -> QModelIndex:
    grid = view.tabs.grid_model.grid
    row = [t.topic_id for t in grid.topics].index(topic_id)
    column = [r.round_id for r in grid.rounds].index(round_id)
    return view.tabs.grid_model.index(row, column)


def test_grid_model_passes_the_model_tester(qtmodeltester, store, data):
    model = TopicRoundGridModel()
    scope = ReviewScope(today=TODAY)
    iso = {data.china.id: "CN", data.vietnam.id: "VN"}
    model.set_grid(compute_review(store, scope).grid, iso, partial(grid_cells, store, scope))
    qtmodeltester.check(model, force_py=True)
    assert (model.rowCount(), model.columnCount()) == (5, 7)


def test_the_grid_reads_the_cells_of_the_columns_shown_a_block_at_a_time(store, data, monkeypatch):
    monkeypatch.setattr(review_grid_model, "CELL_BLOCK", 3)
    scope = ReviewScope(today=TODAY)
    review = compute_review(store, scope)
    reads: list[list[int]] = []

    def read(round_ids):
        reads.append(list(round_ids))
        return grid_cells(store, scope, round_ids)

    model = TopicRoundGridModel()
    model.set_grid(review.grid, {}, read)
    assert reads == [] and model.blocks_read == frozenset()
    rounds = [r.round_id for r in review.grid.rounds]
    model.index(0, 4).data()  # a cell of the second block: its three rounds are read, no other
    assert reads == [rounds[3:6]] and model.blocks_read == {1}
    everything = grid_cells(store, scope)
    shown = {(topic.topic_id, round_id): model.cell_at(model.index(row, column))
             for row, topic in enumerate(review.grid.topics) for column, round_id in enumerate(rounds)}
    assert shown == {key: everything.cell(*key) for key in shown}
    assert reads == [rounds[3:6], rounds[0:3], rounds[6:7]]  # each block once


def test_the_view_hands_the_grid_its_first_block_of_cells_read_with_the_review(view):
    model = view.tabs.grid_model
    assert model.blocks_read == {0}
    assert model.cell_at(model.index(0, 0)) is not None or model.rowCount() == 0


def test_figure_and_record_models_pass_the_model_tester(qtmodeltester, view):
    tabs = view.tabs
    for model in (tabs.rounds_model, tabs.continuity_model, tabs.coverage_model, tabs.follow_up_model, tabs.case_model):
        qtmodeltester.check(model, force_py=True)
    view.cards[0].click()
    qtmodeltester.check(view.records_panel.model, force_py=True)


def test_the_grid_shows_minutes_priorities_and_gaps(view, data):
    death_c4 = grid_index(view, data.death.id, data.c4.id)
    assert death_c4.data() == "60"
    assert death_c4.data(Qt.ItemDataRole.FontRole).bold()
    assert grid_index(view, data.legal.id, data.c2.id).data() == "○"  # a priority left off the agenda
    assert grid_index(view, data.expression.id, data.c1.id).data() == "20"
    assert not grid_index(view, data.expression.id, data.c1.id).data(Qt.ItemDataRole.FontRole)
    # The most minutes (C2's 90 on the death penalty) get the deepest shade.
    deepest = grid_index(view, data.death.id, data.c2.id).data(Qt.ItemDataRole.BackgroundRole).color()
    lighter = grid_index(view, data.expression.id, data.c1.id).data(Qt.ItemDataRole.BackgroundRole).color()
    assert deepest == QColor("#6f93c4") and lighter.lightness() > deepest.lightness()
    model = view.tabs.grid_model
    headers = [model.headerData(row, Qt.Orientation.Vertical) for row in range(model.rowCount())]
    assert headers == ["★ Death penalty", "★ Human rights defenders", "★ Labour rights",
                       "★ Legal aid and pre-trial detention", "Freedom of expression"]
    assert view.tabs.grid_model.headerData(0, Qt.Orientation.Horizontal) == "CN\n1"
    assert view.tabs.grid_model.headerData(1, Qt.Orientation.Horizontal) == "\n2"
    assert view.tabs.grid_model.headerData(5, Qt.Orientation.Horizontal) == "VN\n1"


def test_clicking_a_grid_cell_lists_exactly_its_records(qtbot, view, data):
    index = grid_index(view, data.death.id, data.c4.id)
    view.tabs.grid_view.scrollTo(index)
    qtbot.mouseClick(view.tabs.grid_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.tabs.grid_view.visualRect(index).center())
    assert listed(view) == [("agenda_item", data.c4_items[data.death.name].id), ("priority_topic", data.p_death.id)]
    assert view.records_panel.title_label.text() == "Death penalty at China 4 (2)"
    gap = grid_index(view, data.legal.id, data.c2.id)
    qtbot.mouseClick(view.tabs.grid_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.tabs.grid_view.visualRect(gap).center())
    assert listed(view) == [("priority_topic", data.p_legal.id)]


def test_opening_a_listed_record_emits_record_activated(qtbot, view, data):
    view.tabs.grid_view.clicked.emit(grid_index(view, data.death.id, data.c4.id))
    records = view.records_panel.list_view
    records.setCurrentIndex(records.model().index(1, 0))
    with qtbot.waitSignal(view.recordActivated) as signal:
        qtbot.keyClick(records, Qt.Key.Key_Return)
    assert signal.args == ["priority_topic", data.p_death.id]
    with qtbot.waitSignal(view.recordActivated) as signal:
        qtbot.mouseClick(view.records_panel.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["priority_topic", data.p_death.id]


def test_headline_figures_list_their_records(qtbot, view, store, data):
    captions = [card.value_label.text() for card in view.cards]
    # over target, average topics, minutes share, uncovered, off priority, done share, overdue, raised
    assert captions == ["2", "2.5", "55 %", "2", "1", "29 %", "2", "4"]
    qtbot.mouseClick(view.cards[0], Qt.MouseButton.LeftButton)
    assert listed(view) == [("round", data.c1.id), ("round", data.c3.id)]
    qtbot.mouseClick(view.cards[3], Qt.MouseButton.LeftButton)
    assert listed(view) == [("priority_topic", data.p_hrd.id), ("priority_topic", data.pv_legal.id)]
    qtbot.mouseClick(view.cards[6], Qt.MouseButton.LeftButton)
    assert sorted(listed(view)) == sorted([("follow_up", data.f3.id), ("follow_up", data.f8.id)])


def test_clicking_a_number_in_a_table_lists_its_records(qtbot, view, store, data):
    view.tabs.setCurrentIndex(3)  # coverage
    table = view.tabs.coverage_table
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "Death penalty")
    index = model.index(row, 3)
    assert index.data() == "2"
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert sorted(listed(view)) == [("joint_project", data.j1.id), ("joint_project", data.j6.id)]
    view.tabs.setCurrentIndex(4)  # follow-ups
    follow_ups = view.tabs.follow_up_table.model()
    china_open = follow_ups.index(0, 2)
    assert (follow_ups.index(0, 0).data(), china_open.data()) == ("China", "3")
    view.tabs.follow_up_table.clicked.emit(china_open)
    assert sorted(listed(view)) == sorted(("follow_up", f.id) for f in (data.f3, data.f4, data.f5))
    assert follow_ups.index(0, 5).data(DrillRole).title == "China: follow-ups done"


def test_the_chart_is_built_when_its_tab_is_shown_and_a_bar_lists_the_agenda(qtbot, view, store, data):
    assert view.tabs.chart is None
    view.tabs.setCurrentIndex(view.tabs.rounds_tab_index)
    chart = view.tabs.chart
    assert chart is not None
    bar_sets = chart.bar_sets
    assert [s.label() for s in bar_sets] == ["China", "Vietnam"]
    assert [bar_sets[0].at(i) for i in range(7)] == [4, 2, 3, 2, 0, 0, 0]
    assert sorted(bar_sets[0].selectedBars()) == [0, 2]  # China 1 and 3 over the target, drawn in orange
    chart.roundClicked.emit(data.c3.id)
    assert sorted(listed(view)) == sorted(("agenda_item", item.id) for item in data.c3_items.values())


def test_changing_the_scope_recomputes(qtbot, view, data):
    vietnam_item = view.scope_panel.dialogue_model.item(1)
    assert vietnam_item.text() == "Vietnam"
    with qtbot.waitSignal(view.computed):
        vietnam_item.setCheckState(Qt.CheckState.Unchecked)
    assert view.review.scope.dialogue_ids == (data.china.id,)
    assert view.tabs.grid_model.columnCount() == 5
    with qtbot.waitSignal(view.computed):
        view.scope_panel.from_edit.set_day(datetime.date(2021, 7, 1))
    assert view.review.scope.start == datetime.date(2021, 7, 1)
    assert [r.number for r in view.review.rounds] == [4, 5]
    view.scope_panel.to_edit.set_day(TODAY.replace(year=2020))
    qtbot.waitUntil(lambda: view.status_label.text() == "Period: it ends before it starts")


def test_an_empty_database(qtbot, store):
    view = ReviewView(store, today=TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.computed):
        view.show()
    assert view.tabs.grid_stack.currentWidget() is view.tabs.grid_empty
    assert [card.value_label.text() for card in view.cards] == ["0", "–", "–", "0", "0", "–", "0", "0"]
    assert view.cards[2].detail_label.text() == "no agenda minutes recorded"
    assert view.cards[5].detail_label.text() == "no follow-ups recorded"
    view.tabs.setCurrentIndex(view.tabs.rounds_tab_index)
    assert view.tabs.chart.chart().title() == "No rounds in the chosen dialogues and period"
    view.cards[0].click()
    assert listed(view) == []
    view.shutdown()


def test_export_writes_the_pdf_the_view_shows_in_a_child_process(qtbot, view, store, data, tmp_path):
    view.scope_panel.dialogue_model.item(0).setCheckState(Qt.CheckState.Unchecked)
    view.scope_panel.to_edit.set_day(datetime.date(2026, 12, 31))
    with qtbot.waitSignal(view.computed):
        view.recompute()
    assert view.review.scope.dialogue_ids and view.review.scope.today == TODAY
    target, in_process = tmp_path / "review.pdf", tmp_path / "in-process.pdf"
    progress: list[tuple[int, int]] = []
    view.export_signals.progress.connect(lambda *step: progress.append(step))
    with qtbot.waitSignal(view.export_signals.finished, timeout=60_000) as signal:
        view.export_to(target)
    expected = write_review_pdf(
        compute_review(store, view.review.scope), grid_cells(store, view.review.scope), in_process
    )
    assert signal.args == [str(target), expected.page_count]
    assert progress and progress[-1][0] == progress[-1][1]
    written, made_here = pypdf.PdfReader(target), pypdf.PdfReader(in_process)
    assert [page.extract_text() for page in written.pages] == [page.extract_text() for page in made_here.pages]
    assert view.status_label.text() == f"Written: review.pdf ({expected.page_count} pages)"
    assert view.export_button.isEnabled()


def test_a_cancelled_export_leaves_the_file_as_it_was(qtbot, view, tmp_path):
    target = tmp_path / "review.pdf"
    target.write_bytes(b"the earlier review")
    with qtbot.waitSignal(view.export_signals.cancelled, timeout=60_000):
        view.export_to(target)
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == b"the earlier review"
    assert list(tmp_path.glob(".review.pdf.*")) == []
    assert view.status_label.text() == "Export cancelled; nothing was written."


def test_a_failed_export_shows_the_childs_reason(qtbot, view, tmp_path):
    target = tmp_path / "no such folder" / "review.pdf"
    with qtbot.waitSignal(view.export_signals.failed, timeout=60_000) as failed:
        view.export_to(target)
    assert failed.args == [f"{target}: folder {target.parent} does not exist"]
    assert view.status_label.text() == f"Not written: {failed.args[0]}"
    assert view.export_button.isEnabled()


def test_the_view_does_not_load_qtcharts_until_the_chart_is_shown():
    code = ("import sys; import dialogue_planner.ui.review_view; "
            "sys.exit('PySide6.QtCharts' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_the_review_is_computed_when_shown_and_again_after_changes(qtbot, store, data):
    from dialogue_planner.services.rounds import plan_round

    view = ReviewView(store, today=TODAY)
    qtbot.addWidget(view)
    assert view.review is None  # building the window computes nothing
    with qtbot.waitSignal(view.computed):
        view.show()
    assert view.review.focus_total.rounds == 7
    view.hide()
    plan_round(store, data.vietnam, 3, start_date=datetime.date(2023, 1, 1))
    with qtbot.waitSignal(view.computed):
        view.show()
    assert view.review.focus_total.rounds == 8
    view.shutdown()


def held_while(condition, release: threading.Event, threads: list[threading.Thread]):
    """compute_review that waits for `release` first whenever `condition(scope)` holds; records its threads."""

    def compute(store, scope):
        threads.append(threading.current_thread())
        if condition(scope):
            assert release.wait(timeout=60), "the test never released the computation"
        return compute_review(store, scope)

    return compute


def test_the_view_says_it_is_computing_and_greys_the_figures_meanwhile(qtbot, store, data):
    view = ReviewView(store, today=TODAY)
    qtbot.addWidget(view)
    view.show()  # the request starts; its result cannot arrive before the event loop runs
    assert view.computing
    assert view.computing_label.isVisibleTo(view) and view.computing_label.text() == "Computing the review…"
    assert not view.results.isEnabled() and not view.export_button.isEnabled()
    assert view.scope_panel.isEnabled()
    with qtbot.waitSignal(view.computed):
        pass
    assert not view.computing and not view.computing_label.isVisibleTo(view)
    assert view.results.isEnabled() and view.export_button.isEnabled()
    assert view.review.focus_total.rounds == 7
    view.shutdown()


def test_a_newer_scope_supersedes_a_computation_still_running(qtbot, store, data, monkeypatch):
    release, threads = threading.Event(), []
    # The first request (both dialogues) is held until the newer one (China only) is on screen.
    monkeypatch.setattr("dialogue_planner.ui.review_view.compute_review",
                        held_while(lambda scope: scope.dialogue_ids != (data.china.id,), release, threads))
    view = ReviewView(store, today=TODAY)
    qtbot.addWidget(view)
    shown: list[tuple[int, ...]] = []
    view.computed.connect(lambda: shown.append(view.review.scope.dialogue_ids))
    try:
        view.show()
        qtbot.waitUntil(lambda: len(threads) == 1)  # the first request is computing (held) now
        view.scope_panel.dialogue_model.item(1).setCheckState(Qt.CheckState.Unchecked)  # Vietnam
        with qtbot.waitSignal(view.computed):
            view.recompute()
        assert shown == [(data.china.id,)]
        # The older request ends after the newer one: its result is dropped, not shown over it.
        with qtbot.waitSignal(view.computation.ended, check_params_cb=lambda number: number == 1):
            release.set()
    finally:
        release.set()
        view.shutdown()
    assert len(threads) == 2
    assert shown == [(data.china.id,)]
    assert view.review.scope.dialogue_ids == (data.china.id,) and view.tabs.grid_model.columnCount() == 5
    assert not view.computing and view.results.isEnabled()


def test_a_failed_computation_is_one_line_in_the_view(qtbot, store, data, monkeypatch):
    def fails(store, scope):
        raise PlannerError("the database server went away\nwhile reading the review")

    monkeypatch.setattr("dialogue_planner.ui.review_view.compute_review", fails)
    view = ReviewView(store, today=TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.computeFailed) as failed:
        view.show()
    assert failed.args == ["the database server went away"]
    assert view.status_label.text() == "The review could not be computed: the database server went away"
    assert not view.computing and not view.computing_label.isVisibleTo(view)
    assert not view.results.isEnabled() and not view.export_button.isEnabled()
    view.shutdown()


def test_a_bug_is_reported_by_its_type_only(qtbot, store, data, monkeypatch):
    def buggy(store, scope):
        raise KeyError("Ms Li Wenjing, detained in 2019")  # a message that quotes a case must not be shown

    monkeypatch.setattr("dialogue_planner.ui.review_view.compute_review", buggy)
    view = ReviewView(store, today=TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.computeFailed) as failed:
        view.show()
    assert failed.args == ["unexpected KeyError"]
    assert view.status_label.text() == "The review could not be computed: unexpected KeyError"
    view.shutdown()


def test_a_view_deleted_while_it_computes_is_left_alone_by_the_result(qtbot, store, data, monkeypatch):
    release, threads = threading.Event(), []
    monkeypatch.setattr("dialogue_planner.ui.review_view.compute_review",
                        held_while(lambda scope: True, release, threads))
    relays_before = len(QCoreApplication.instance().findChildren(QObject))
    view = ReviewView(store, today=TODAY)
    view.show()
    try:
        qtbot.waitUntil(lambda: len(threads) == 1)  # computing (held) now
        with qtbot.waitSignal(view.destroyed):
            view.close()
            view.deleteLater()
    finally:
        release.set()
    threads[0].join(timeout=60)
    assert not threads[0].is_alive()
    # What the thread sent is delivered now: to no view, and its relay deletes itself.
    QCoreApplication.sendPostedEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(QCoreApplication.instance().findChildren(QObject)) == relays_before
