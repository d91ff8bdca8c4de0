"""JSON export and import from the app: off the UI thread, with progress, cancellable, nothing half done."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox, QWidget

from dialogue_planner.services.demo import build_demo
from dialogue_planner.ui.exchange_actions import ExchangeActions


@pytest.fixture
def actions(qtbot, store):
    parent = QWidget()
    qtbot.addWidget(parent)
    pool = QThreadPool()
    yield ExchangeActions(parent, store, pool)
    pool.waitForDone()


def test_an_export_runs_on_a_pool_thread_and_reports_the_file(qtbot, store, planner, actions, tmp_path):
    target = tmp_path / "all.json"

    task = actions.export_to(target)
    with qtbot.waitSignal(task.signals.finished, timeout=20000) as finished:
        pass

    assert finished.args == [str(target)]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [row["city"] for row in data["tables"]["round"]][:3] == ["北京", "Oslo", "北京"]


def test_a_cancelled_export_writes_nothing(qtbot, store, planner, actions, tmp_path):
    target = tmp_path / "cancelled.json"
    target.write_text("the earlier export", encoding="utf-8")

    task = actions.export_to(target)
    task.cancel()
    outcome = []
    task.signals.cancelled.connect(lambda: outcome.append("cancelled"))
    task.signals.finished.connect(lambda _path: outcome.append("finished"))
    qtbot.waitUntil(lambda: bool(outcome), timeout=20000)

    # Either the cancel came in time or the export had already finished: never a half-written file.
    text = target.read_text(encoding="utf-8")
    assert text == "the earlier export" if outcome == ["cancelled"] else json.loads(text)["format"]
    assert list(tmp_path.glob(".cancelled.json.*")) == []


def test_an_import_fills_a_new_database_in_its_own_process(qtbot, store, actions, tmp_path):
    build_demo(store)
    source, target = tmp_path / "demo.json", tmp_path / "imported.sqlite"
    task = actions.export_to(source)
    with qtbot.waitSignal(task.signals.finished, timeout=20000):
        pass

    with qtbot.waitSignal(actions.databaseCreated, timeout=60000) as created:
        actions.import_into(source, target)

    assert created.args == [str(target)]
    assert target.stat().st_size > 0


def test_a_refused_import_leaves_no_database_and_says_why(qtbot, actions, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: said.append(text))
    source, target = tmp_path / "broken.json", tmp_path / "never.sqlite"
    source.write_text('{"format": "dialogue-planner-exchange", "version": 99}', encoding="utf-8")

    process = actions.import_into(source, target)
    with qtbot.waitSignal(process.finished, timeout=60000):
        pass

    assert not target.exists()
    assert said and said[0].startswith("Nothing was imported:") and "version" in said[0]
