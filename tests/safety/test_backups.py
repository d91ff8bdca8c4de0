"""Backups: taken on the first open of the day and before an import, rotated, listed, restored with history."""

from __future__ import annotations

import datetime
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dialogue_planner.errors import StorageError
from dialogue_planner.exchange.json_exchange import export_json, import_json
from dialogue_planner.services import records
from dialogue_planner.services.backups import (
    available_backups,
    back_up,
    describe_backup,
    restore_database,
    restore_file,
)
from dialogue_planner.services.maintenance import check_database
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.backups import list_backups, take_backup
from dialogue_planner.storage.database import open_database

pytestmark = pytest.mark.sqlite_only
COMMAND = Path(sys.executable).with_name("dialogue-planner")


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(COMMAND), *arguments], capture_output=True, text=True, timeout=120)


def topic_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM topic ORDER BY id")]
    connection.close()
    return names


def history_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT changed_by, table_name, record_id, action FROM change_record ORDER BY id")
        result = rows.fetchall()
    connection.close()
    return result


@pytest.fixture
def database(tmp_path) -> Path:
    """A database with one topic renamed once (so its history has two entries), closed."""
    path = tmp_path / "planner.sqlite"
    store = open_database(str(path), user="ola")
    topic = add_topic(store, "Death penalty")
    records.update(store, m.Topic, topic.id, {"name": "Abolition of the death penalty"})
    store.close()
    return path


def test_the_first_open_of_a_day_takes_one_daily_backup(database):
    open_database(str(database), user="kari").close()
    open_database(str(database), user="kari").close()

    (daily,) = available_backups(database)
    assert daily.reason == "daily"
    assert daily.taken_at.date() == datetime.date.today()
    assert topic_names(daily.path) == ["Abolition of the death penalty"]
    assert describe_backup(daily) == f"{daily.taken_at:%Y-%m-%d %H:%M}, daily"


def test_an_import_is_preceded_by_a_backup(database, tmp_path):
    source = open_database(str(database), user="kari")
    export_json(source, tmp_path / "export.json")
    source.close()
    target = open_database(str(tmp_path / "new.sqlite"), user="kari")
    try:
        import_json(target, tmp_path / "export.json")
    finally:
        target.close()

    (before_import,) = list_backups(tmp_path / "new.sqlite")
    assert before_import.reason == "before-import"
    assert topic_names(before_import.path) == []  # the state before the import: empty
    assert topic_names(tmp_path / "new.sqlite") == ["Abolition of the death penalty"]


def test_rotation_keeps_the_last_seven_days_and_four_weeks_and_what_was_made_by_hand(database):
    start = datetime.datetime(2026, 9, 1, 9, 0)
    for day in range(60):  # two backups a day for sixty days
        for hour in (9, 17):
            take_backup(database, "daily", now=start + datetime.timedelta(days=day, hours=hour - 9))
    manual = back_up(database)

    kept = list_backups(database)
    automatic = [info for info in kept if info.reason == "daily"]
    days = sorted({info.taken_at.date() for info in automatic}, reverse=True)
    last_day = datetime.date(2026, 10, 30)
    assert days[:7] == [last_day - datetime.timedelta(days=n) for n in range(7)]
    assert len([info for info in automatic if info.taken_at.date() in days[:7]]) == 14
    older = [info for info in automatic if info.taken_at.date() not in days[:7]]
    assert len(older) == 4
    assert len({info.taken_at.isocalendar()[:2] for info in older}) == 4
    assert all(info.taken_at.hour == 17 for info in older)  # the newest of its week
    assert manual in [info.path for info in kept]
    assert [info.taken_at for info in kept] == sorted((info.taken_at for info in kept), reverse=True)


def test_backup_and_restore_on_the_command_line_bring_back_the_records_and_their_history(database, tmp_path):
    saved = tmp_path / "saved.sqlite"
    result = run("backup", "--db", str(database), "-o", str(saved))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"backed up {database} to {saved}\n"
    history_at_backup = history_rows(database)
    store = open_database(str(database), user="kari")
    add_topic(store, "Labour rights")
    store.close()

    result = run("restore", "--db", str(database), str(saved))

    assert result.returncode == 0, result.stderr
    (safety,) = [info for info in list_backups(database) if info.reason == "before-restore"]
    assert result.stdout.splitlines()[0] == (
        f"restored {database} from {saved}; the replaced database is kept as {safety.path}"
    )
    assert result.stdout.splitlines()[1].startswith(f"ok: {database}: schema version")
    assert topic_names(database) == ["Abolition of the death penalty"]
    assert history_rows(database) == history_at_backup
    assert topic_names(safety.path) == ["Abolition of the death penalty", "Labour rights"]
    reopened = open_database(str(database), user="kari")
    try:
        assert check_database(reopened).ok
        assert [entry["action"] for entry in records.history(reopened, m.Topic, 1)] == ["create", "update"]
    finally:
        reopened.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(database, tmp_path):
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(database.read_bytes()[:4096] + b"\xff" * 8192)
    before = database.read_bytes()

    result = run("restore", "--db", str(database), str(damaged))

    assert result.returncode == 1
    assert result.stderr.startswith(f"dialogue-planner: error: {damaged}: not restored, the backup ")
    assert result.stderr.rstrip().endswith("nothing was changed")
    assert database.read_bytes() == before
    assert list_backups(database) == []


def test_restoring_from_the_app_keeps_the_store_usable(database, tmp_path):
    store = open_database(str(database), user="kari")
    try:
        saved = back_up(store.location)
        add_topic(store, "Labour rights")

        result = restore_database(store, saved)

        assert result.restored_from == saved
        assert [topic.name for topic in m.Topic.select()] == ["Abolition of the death penalty"]
        assert add_topic(store, "Rights of the child").id == 2
        assert check_database(store).ok
    finally:
        store.close()


def test_restore_is_refused_while_another_program_has_the_database_open(database, tmp_path):
    saved = back_up(database, tmp_path / "saved.sqlite")
    other = open_database(str(database), user="kari")  # another program, still running
    try:
        add_topic(other, "Labour rights")
        with pytest.raises(StorageError, match="is in use by another program"):
            restore_file(database, saved)
        assert [topic.name for topic in m.Topic.select()][-1] == "Labour rights"
    finally:
        other.close()


def test_a_server_database_has_no_file_backups():
    with pytest.raises(StorageError, match="back up a server database with pg_dump"):
        back_up("postgresql://planner@127.0.0.1:5432/planner")


def test_listing_backups_of_a_database_without_any_is_empty(tmp_path):
    assert available_backups(tmp_path / "nothing.sqlite") == []
