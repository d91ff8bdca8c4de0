"""A quick run of each benchmark of issue 7 on the plain demo (scale 1): they run and report every figure.

Only that they work: the figures at scale 1 mean nothing, and targets are judged by the full runs
(`python3 tasks.py bench`), never by timed tests.
"""

from __future__ import annotations

import json

import pytest

from benchmarks import bench_demo, bench_search, bench_startup, bench_ui
from benchmarks.data import DATA_DIR_VARIABLE
from benchmarks.report import RESULTS_DIR_VARIABLE


@pytest.fixture(scope="module")
def shared_data(tmp_path_factory):
    return tmp_path_factory.mktemp("bench-data")


@pytest.fixture
def results(monkeypatch, tmp_path, shared_data):
    monkeypatch.setenv(RESULTS_DIR_VARIABLE, str(tmp_path))
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(shared_data))
    return tmp_path


def figures(folder, name: str) -> list[dict]:
    return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))


def test_demo_and_search_benchmarks_report_their_figures(results, capsys):
    assert bench_demo.main(scale=2) in (0, 1)
    assert [row["name"] for row in figures(results, "demo")] == ["demo --scale 2 (whole command)"]

    assert bench_search.main(scale=1) in (0, 1)

    rows = figures(results, "search")
    assert len(rows) == 2 and all(row["value"] > 0 and row["baseline"] > 0 for row in rows)
    assert "'北京'" in capsys.readouterr().out


def test_startup_benchmark_times_the_app_and_the_bare_window(results):
    assert bench_startup.main(runs=1, scale=1, count=False) in (0, 1)  # counting under valgrind takes a minute

    rows = {row["name"]: row for row in figures(results, "startup")}
    assert set(rows) == {"start-up to window shown, demo database (CPU)", "start-up to window shown, demo x1 (CPU)",
                         "peak memory, demo x1", "peak memory, demo database",
                         "bare window after the app's data layer and Qt namespace (CPU)"}
    assert all(row["value"] > 0 and row["baseline"] > 0 for row in rows.values())
    targets = {name for name, row in rows.items() if row["is_target"]}
    assert targets == {"start-up to window shown, demo database (CPU)", "start-up to window shown, demo x1 (CPU)",
                       "peak memory, demo x1"}


def test_a_start_counted_in_instructions_ends_at_its_marker():
    """benchmarks.until_shown ends the process as the window reports itself shown, before any later work."""
    import os
    import subprocess
    import sys

    from benchmarks import MARKER

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "benchmarks.until_shown", "benchmarks.bare_window"],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0 and done.stdout.startswith(MARKER) and done.stdout.endswith("\n")
    assert "RuntimeWarning" not in done.stderr  # the module ran once, as the program
    unknown = subprocess.run([sys.executable, "-m", "benchmarks.until_shown", "json.tool", "--help"],
                             capture_output=True, text=True, env=env, timeout=120, check=False)
    assert unknown.returncode == 0 and "usage" in unknown.stdout  # ended by itself: no marker, no cut


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")  # the offscreen platform's noise
def test_ui_benchmark_opens_the_people_list_and_probes_during_exports(results, qapp):
    assert bench_ui.main(scale=1) in (0, 1)

    names = [row["name"] for row in figures(results, "ui")]
    assert names == ["people list x1: open and scroll to the end", "people list x1: a filter typed, slowest of 11",
                     "projects list x1: slowest of 11 filters typed and 14 sorts",
                     "UI thread's longest stall during both exports"]
