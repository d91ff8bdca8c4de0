"""End-to-end tests of the installed `dialogue-planner` command, run as a separate process."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dialogue_planner.storage.database import LATEST_SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
COMMAND = Path(sys.executable).with_name("dialogue-planner")


@pytest.fixture
def run(tmp_path):
    """Run the command in tmp_path with a private data folder, returning the finished process."""
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data-home"),
        "HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.pop("DIALOGUE_PLANNER_DB", None)

    def invoke(*arguments: str, launcher: list[str] | None = None) -> subprocess.CompletedProcess[str]:
        command = launcher or [str(COMMAND)]
        return subprocess.run(
            [*command, *arguments], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )

    return invoke


def assert_failed_with_one_line(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("dialogue-planner: error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def table_rows(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


@pytest.fixture
def demo_database(run, tmp_path) -> Path:
    path = tmp_path / "demo.sqlite"
    result = run("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_command_is_installed():
    assert shutil.which(str(COMMAND)), "pip install -e . should have created the console script"


def test_demo_creates_a_database_and_rounds_lists_it(run, demo_database):
    result = run("rounds", "--db", str(demo_database))

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "country", "round"]
    countries = {line.split()[1] for line in lines[1:]}
    assert countries == {"China", "Indonesia", "Vietnam"}
    assert all(line.split()[0].isdigit() for line in lines[1:])


def test_db_option_is_accepted_before_the_command(run, demo_database):
    before = run("--db", str(demo_database), "rounds")
    after = run("rounds", "--db", str(demo_database))
    assert before.returncode == 0 and before.stdout == after.stdout


def test_demo_refuses_a_non_empty_database_without_force(run, demo_database):
    counts = table_rows(demo_database)

    refused = run("demo", "--db", str(demo_database))
    assert_failed_with_one_line(refused, "--force")
    assert table_rows(demo_database) == counts

    forced = run("demo", "--db", str(demo_database), "--force")
    assert forced.returncode == 0, forced.stderr
    assert table_rows(demo_database)["round"] == counts["round"]


def test_missing_database_is_a_one_line_failure(run, tmp_path):
    result = run("rounds", "--db", str(tmp_path / "missing.sqlite"))
    assert_failed_with_one_line(result, "missing.sqlite", "no such database file")
    assert not (tmp_path / "missing.sqlite").exists()


def test_export_import_and_export_again_is_identical(run, demo_database, tmp_path):
    first = tmp_path / "first.json"
    copy = tmp_path / "copy.sqlite"
    second = tmp_path / "second.json"

    assert run("export-json", "--db", str(demo_database), "-o", str(first)).returncode == 0
    imported = run("import-json", "--db", str(copy), str(first))
    assert imported.returncode == 0, imported.stderr
    assert run("export-json", "--db", str(copy), "-o", str(second)).returncode == 0

    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8"))["format"] == "dialogue-planner-exchange"


def test_export_into_a_missing_folder_fails_and_writes_nothing(run, demo_database, tmp_path):
    target = tmp_path / "no-such-folder" / "out.json"
    result = run("export-json", "--db", str(demo_database), "-o", str(target))
    assert_failed_with_one_line(result)
    assert not target.parent.exists()


def test_rejected_import_leaves_no_new_database(run, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "dialogue-planner-exchange", "version": 1, "tables": {', encoding="utf-8")
    target = tmp_path / "new.sqlite"

    result = run("import-json", "--db", str(target), str(broken))

    assert_failed_with_one_line(result)
    assert not target.exists()


def test_import_into_a_non_empty_database_is_refused_and_changes_nothing(run, demo_database, tmp_path):
    export = tmp_path / "export.json"
    assert run("export-json", "--db", str(demo_database), "-o", str(export)).returncode == 0
    counts = table_rows(demo_database)

    result = run("import-json", "--db", str(demo_database), str(export))

    assert_failed_with_one_line(result, "empty")
    assert table_rows(demo_database) == counts


def test_check_reports_a_healthy_database(run, demo_database):
    result = run("check", "--db", str(demo_database))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    assert f"schema version {LATEST_SCHEMA_VERSION} (latest {LATEST_SCHEMA_VERSION})" in result.stdout


def test_check_refuses_a_file_that_is_not_a_database_and_leaves_it_alone(run, tmp_path):
    impostor = tmp_path / "notes.sqlite"
    impostor.write_bytes(b"these are not the records you are looking for\n" * 50)
    before = impostor.read_bytes()

    result = run("check", "--db", str(impostor))

    assert_failed_with_one_line(result, "notes.sqlite", "not an SQLite database")
    assert impostor.read_bytes() == before


def test_unreachable_database_url_fails_without_showing_the_password(run):
    result = run("check", "--db", "postgresql://planner:s3cret@127.0.0.1:1/planner")
    assert_failed_with_one_line(result)
    assert "s3cret" not in result.stderr


def test_main_py_behaves_like_the_command(run, demo_database):
    via_main = run("rounds", "--db", str(demo_database), launcher=[sys.executable, str(ROOT / "main.py")])
    via_command = run("rounds", "--db", str(demo_database))
    assert via_main.returncode == 0
    assert via_main.stdout == via_command.stdout


def test_default_database_lives_in_the_user_data_folder(run, tmp_path):
    result = run("demo")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data-home" / "dialogue-planner" / "dialogue-planner.sqlite").exists()
