"""JSON export and import from the app: in a child process, with progress, cancellable, nothing half done."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from dialogue_planner.services.demo import build_demo
from dialogue_planner.ui.exchange_actions import ExchangeActions


@pytest.fixture
def actions(qtbot, store):
    parent = QWidget()
    qtbot.addWidget(parent)
    exchange = ExchangeActions(parent, store)
    yield exchange
    assert not any(child is not None and child.is_running() for child in (exchange.task, exchange.process))


def test_an_export_runs_in_a_child_process_and_reports_the_file(qtbot, store, planner, actions, tmp_path):
    target = tmp_path / "all.json"

    with qtbot.waitSignal(actions.exported, timeout=20000) as finished:
        task = actions.export_to(target)
        steps = []
        task.progress.connect(lambda done, total, table: steps.append(table))

    assert finished.args == [str(target)]
    assert "round" in steps
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [row["city"] for row in data["tables"]["round"]][:3] == ["北京", "Oslo", "北京"]


def test_a_cancelled_export_writes_nothing(qtbot, store, planner, actions, tmp_path):
    target = tmp_path / "cancelled.json"
    target.write_text("the earlier export", encoding="utf-8")

    task = actions.export_to(target)
    with qtbot.waitSignal(task.cancelled, timeout=20000):
        task.cancel()

    assert target.read_text(encoding="utf-8") == "the earlier export"
    assert list(tmp_path.glob(".cancelled.json.*")) == []


def test_an_import_fills_a_new_database_in_its_own_process(qtbot, store, actions, tmp_path):
    build_demo(store)
    source, target = tmp_path / "demo.json", tmp_path / "imported.sqlite"
    with qtbot.waitSignal(actions.exported, timeout=20000):
        actions.export_to(source)

    with qtbot.waitSignal(actions.databaseCreated, timeout=60000) as created:
        actions.import_into(source, target)

    assert created.args == [str(target)]
    assert target.stat().st_size > 0


def test_a_refused_import_leaves_no_database_and_says_why(qtbot, actions, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: said.append(text))
    source, target = tmp_path / "broken.json", tmp_path / "never.sqlite"
    source.write_text('{"format": "dialogue-planner-exchange", "version": 99}', encoding="utf-8")

    child = actions.import_into(source, target)  # its outcome arrives through the event loop, below
    with qtbot.waitSignal(child.failed, timeout=60000):
        pass

    assert not target.exists()
    assert said and said[0].startswith("Nothing was imported:") and "version" in said[0]
