"""Real processes on one database: killed mid-edit (SIGKILL), and several editors at once.

The helper processes run tests/safety/editor_process.py through the services.
No test sleeps: each waits on the lines the processes print.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dialogue_planner.services import records
from dialogue_planner.services.dialogues import add_country
from dialogue_planner.services.maintenance import check_database
from dialogue_planner.services.projects import add_project, record_result
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store, open_database

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20
EDITORS = {"sqlite": 4, "postgresql": 2}
INCREMENTS = 40


def start_editor(location: str, *arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.safety.editor_process", location, *arguments],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def read_line(process: subprocess.Popen[str]) -> str:
    line = process.stdout.readline()
    assert line, f"the editor process ended early: {process.stderr.read()}"
    return line.rstrip("\n")


@pytest.mark.sqlite_only
def test_killing_an_editor_at_random_moments_loses_no_committed_edit(tmp_path):
    path = tmp_path / "planner.sqlite"
    open_database(str(path), user="tester").close()
    chance = random.Random(20261123)
    committed: dict[int, int] = {}  # topic id -> the version the editor reported as committed

    for _ in range(KILLS):
        editor = start_editor(str(path), "edit-forever")
        for _ in range(chance.randint(1, 25)):
            topic_id, version = map(int, read_line(editor).split())
            committed[topic_id] = version
        editor.send_signal(signal.SIGKILL)
        editor.wait()
        editor.stdout.close()
        editor.stderr.close()
        assert editor.returncode == -signal.SIGKILL

        store = open_database(str(path), user="tester", create=False)  # the quick check runs on open
        try:
            report = check_database(store)  # the full integrity check
            assert report.ok, report.problems
            stored = dict(m.Topic.select(m.Topic.id, m.Topic.version).tuples())
        finally:
            store.close()
        assert {topic_id: stored.get(topic_id) for topic_id in committed} == committed

    assert len(committed) >= KILLS


@pytest.fixture
def counter(store: Store) -> m.ProjectResult:
    """A project result whose `actual` the editors count up from 0."""
    china = add_country(store, "China", "CN")
    project = add_project(store, "Legal aid pilot", china)
    return record_result(store, project, "Lawyers trained", baseline=0, target=1000, actual=0)


def test_concurrent_read_then_write_editors_lose_no_increment_and_see_no_error(store, counter, backend):
    count = EDITORS[backend]
    editors = [start_editor(store.location, "increment", str(counter.id), str(INCREMENTS)) for _ in range(count)]
    outcomes = []
    for editor in editors:
        outcomes += [read_line(editor) for _ in range(INCREMENTS)]
        editor.wait()
        editor.stdout.close()
        editor.stderr.close()

    assert outcomes == ["ok"] * (count * INCREMENTS)
    stored = records.get(store, m.ProjectResult, counter.id)
    assert stored.actual == count * INCREMENTS
    assert stored.version == 1 + count * INCREMENTS
    assert m.ChangeRecord.select().where(
        (m.ChangeRecord.table_name == "project_result") & (m.ChangeRecord.action == "update")
    ).count() == count * INCREMENTS


def test_a_stale_save_in_another_process_is_refused_naming_who_changed_it_and_when(store, counter):
    editor = start_editor(store.location, "stale", str(counter.id))
    assert read_line(editor) == "1"  # the other editor has the record open at version 1

    changed = records.update(store, m.ProjectResult, counter.id, {"actual": 5}, expected_version=1)
    editor.stdin.write("go\n")
    editor.stdin.flush()
    outcome = read_line(editor)
    editor.wait()
    for stream in (editor.stdin, editor.stdout, editor.stderr):
        stream.close()

    when = changed.updated_at.strftime("%Y-%m-%d %H:%M")
    assert outcome == (
        f"refused this project result was changed by tester at {when} UTC after you opened it; "
        "reload it to see their change"
    )
    stored = records.get(store, m.ProjectResult, counter.id)
    assert (stored.actual, stored.target, stored.version) == (5, 1000, 2)
