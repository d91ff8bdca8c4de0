"""Opening a database: pragmas, schema version, migration with backup, and files that must be refused."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import peewee
import pytest
from playhouse.migrations import Runner

from dialogue_planner.errors import StorageError
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import (
    LATEST_SCHEMA_VERSION,
    MIGRATION_TABLE,
    MIGRATIONS_DIRECTORY,
    default_database_location,
    open_database,
    schema_differences,
    schema_version,
)


def pragma(store, name: str):
    return store.db.execute_sql(f"PRAGMA {name}").fetchone()[0]


def columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]


# --- a new database ----------------------------------------------------------------------------


def test_a_new_database_uses_wal_foreign_keys_and_a_busy_timeout(store):
    assert pragma(store, "journal_mode") == "wal"
    assert pragma(store, "foreign_keys") == 1
    assert pragma(store, "busy_timeout") == 15000


def test_a_new_database_has_the_latest_schema(store):
    assert LATEST_SCHEMA_VERSION == 11
    assert store.schema_version == LATEST_SCHEMA_VERSION
    assert schema_version(store.db) == LATEST_SCHEMA_VERSION
    assert schema_differences(store.db) == []
    assert store.backups == []


def test_the_store_knows_its_file_and_user(store, tmp_path):
    assert store.is_sqlite
    assert store.path == tmp_path / "planner.sqlite"
    assert store.location == str(tmp_path / "planner.sqlite")
    assert store.user == "tester"


def test_reopening_a_current_database_keeps_its_records_and_takes_the_days_backup_once(tmp_path):
    path = tmp_path / "planner.sqlite"
    first = open_database(str(path), user="tester")
    m.Topic.create(name="Death penalty")
    first.close()
    assert first.backups == []  # a new file has nothing to back up

    again = open_database(str(path), user="tester", create=False)
    again.close()
    third = open_database(str(path), user="tester", create=False)
    try:
        assert [topic.name for topic in m.Topic.select()] == ["Death penalty"]
        (daily,) = again.backups
        assert daily.parent == tmp_path / "backups"
        assert daily.name.startswith("planner-daily-")
        assert third.backups == []
        assert [child.name for child in (tmp_path / "backups").iterdir()] == [daily.name]
    finally:
        third.close()


def test_foreign_keys_are_enforced_by_the_database(store):
    with pytest.raises(peewee.IntegrityError):
        m.AgendaItem.insert(round=999, topic=999).execute()


# --- migrating an old file ---------------------------------------------------------------------


@pytest.fixture
def version1_file(tmp_path) -> Path:
    """A schema-version-1 database, as the first release wrote it, holding one round with an agenda item."""
    path = tmp_path / "old" / "planner.sqlite"
    path.parent.mkdir()
    db = peewee.SqliteDatabase(str(path))
    db.connect()
    Runner(db, str(MIGRATIONS_DIRECTORY), table_name=MIGRATION_TABLE).up(target="0001_initial")
    def insert(table: str, **values) -> None:
        # Raw SQL: the frozen schema has no SQL defaults, so every column is given.
        values |= {"created_at": "2019-05-01 10:00:00", "updated_at": "2019-05-01 10:00:00", "changed_by": "ola",
                   "version": 1}
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        db.execute_sql(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(values.values()))

    insert("country", id=1, name="China", iso_code="CN", is_home=False)
    insert("dialogue", id=1, country_id=1, title="Norway–China human rights dialogue", counterpart_ministry="",
           focus_target=4, engagement_level="active", notes="")
    insert("topic", id=1, name="Death penalty", description="")
    insert("round", id=1, dialogue_id=1, number=18, city="北京", host_side="partner", level="expert",
           status="held", purpose="Legal reform", outcome_summary="")
    insert("agenda_item", id=1, round_id=1, topic_id=1, position=0, minutes=90, objectives="Abolition",
           talking_points="", critical_questions="", partner_priorities="", outcome_notes="")
    db.close()
    return path


def test_the_fixture_writes_a_version_1_file(version1_file):
    with sqlite3.connect(version1_file) as connection:
        assert [row[0] for row in connection.execute(f"SELECT name FROM {MIGRATION_TABLE}")] == ["0001_initial"]
        assert "confidential_notes" not in columns(connection, "round")


def test_opening_an_old_file_migrates_it_and_keeps_its_records(version1_file):
    store = open_database(str(version1_file), user="tester")
    try:
        assert store.schema_version == LATEST_SCHEMA_VERSION
        assert schema_version(store.db) == LATEST_SCHEMA_VERSION
        assert schema_differences(store.db) == []
        old_round = m.Round.get_by_id(1)
        assert (old_round.number, old_round.city, old_round.purpose, old_round.changed_by) == (
            18,
            "北京",
            "Legal reform",
            "ola",
        )
        assert old_round.dialogue.country.name == "China"
        item = m.AgendaItem.get_by_id(1)
        assert (item.topic.name, item.minutes, item.objectives) == ("Death penalty", 90, "Abolition")
        assert (old_round.confidential_notes, item.confidential_notes) == ("", "")
        assert store.db.execute_sql("SELECT confidential_notes FROM round").fetchall() == [("",)]
        assert store.db.execute_sql("SELECT confidential_notes FROM agenda_item").fetchall() == [("",)]
    finally:
        store.close()


def test_migration_first_backs_up_the_old_file_beside_it(version1_file):
    store = open_database(str(version1_file), user="tester")
    store.close()

    (backup,) = store.backups
    assert backup.parent == version1_file.parent / "backups"
    assert backup.name.startswith("planner-schema1-before-migration-")
    assert backup.suffix == ".sqlite"
    assert [path.name for path in backup.parent.iterdir()] == [backup.name]
    with sqlite3.connect(backup) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert [row[0] for row in connection.execute(f"SELECT name FROM {MIGRATION_TABLE}")] == ["0001_initial"]
        assert "confidential_notes" not in columns(connection, "round")
        assert connection.execute("SELECT number, city FROM round").fetchall() == [(18, "北京")]
    backup_db = peewee.SqliteDatabase(str(backup))
    try:
        assert schema_version(backup_db) == 1
    finally:
        backup_db.close()


def test_a_migrated_file_is_not_migrated_or_backed_up_again(version1_file):
    open_database(str(version1_file), user="tester").close()

    again = open_database(str(version1_file), user="tester")
    again.close()

    assert again.backups == []
    assert len(list((version1_file.parent / "backups").iterdir())) == 1


# --- files that must be refused ----------------------------------------------------------------


def test_a_file_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    open_database(str(path), user="tester").close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"INSERT INTO {MIGRATION_TABLE} (name, applied) VALUES ('9999_future', '2030-01-01')")
    connection.close()

    with pytest.raises(StorageError) as caught:
        open_database(str(path), user="tester")

    assert str(caught.value) == (
        f"{path}: schema version 9999 was written by a newer Dialogue Planner "
        f"(this one knows up to {LATEST_SCHEMA_VERSION})"
    )
    # The refused file is not left open (an open WAL connection keeps its -wal file beside it).
    assert sorted(child.name for child in tmp_path.iterdir()) == ["future.sqlite"]


def test_a_file_with_foreign_tables_and_no_schema_version_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.close()

    with pytest.raises(StorageError, match="holds tables but no Dialogue Planner schema version"):
        open_database(str(path), user="tester")

    with sqlite3.connect(path) as connection:
        assert [row[0] for row in connection.execute("SELECT name FROM sqlite_master")] == ["recipes"]
    connection.close()
    assert sorted(child.name for child in tmp_path.iterdir()) == ["other.sqlite"]


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite"
    content = b"hello world" * 100
    path.write_bytes(content)

    with pytest.raises(StorageError) as caught:
        open_database(str(path), user="tester")

    assert str(caught.value) == f"{path}: not an SQLite database"
    assert path.read_bytes() == content
    assert sorted(child.name for child in tmp_path.iterdir()) == ["notes.sqlite"]


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(StorageError, match="is a folder, not a database file"):
        open_database(str(tmp_path), user="tester")


def test_a_missing_folder_is_refused(tmp_path):
    path = tmp_path / "nowhere" / "planner.sqlite"

    with pytest.raises(StorageError) as caught:
        open_database(str(path), user="tester")

    assert str(caught.value) == f"{path}: folder {path.parent} does not exist"
    assert not path.parent.exists()


def test_a_missing_file_is_refused_when_creating_is_not_allowed(tmp_path):
    path = tmp_path / "planner.sqlite"

    with pytest.raises(StorageError) as caught:
        open_database(str(path), user="tester", create=False)

    assert str(caught.value) == f"{path}: no such database file"
    assert not path.exists()


# --- where the database lives ------------------------------------------------------------------


def test_the_environment_variable_chooses_the_database(monkeypatch, tmp_path):
    monkeypatch.setenv("DIALOGUE_PLANNER_DB", str(tmp_path / "team.sqlite"))

    assert default_database_location() == str(tmp_path / "team.sqlite")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG_DATA_HOME is the data folder on Linux only")
def test_the_default_database_lives_in_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DIALOGUE_PLANNER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    location = default_database_location()

    assert location == str(tmp_path / "data" / "dialogue-planner" / "dialogue-planner.sqlite")
    assert Path(location).parts[-2:] == ("dialogue-planner", "dialogue-planner.sqlite")
