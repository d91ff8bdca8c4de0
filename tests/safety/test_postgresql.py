"""Shared mode on PostgreSQL: the same data as SQLite, the database user in the history, read-only roles."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dialogue_planner.errors import ReadOnlyError, ValidationError
from dialogue_planner.exchange.json_exchange import export_data
from dialogue_planner.services import demo, records
from dialogue_planner.services.dialogues import add_country, start_dialogue
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store, open_database
from tests.postgres_server import READER

TODAY = datetime.date(2026, 11, 22)
SECRET = "Lê Thị Bí Mật"
MOMENTS = ("created_at", "updated_at", "changed_at")


def without_moments(data: dict[str, Any]) -> dict[str, Any]:
    """The export with the moments each write was made left out (they differ between two builds)."""
    return {
        table: [{name: value for name, value in row.items() if name not in MOMENTS} for row in rows]
        for table, rows in data["tables"].items()
    }


def test_the_demo_built_on_postgresql_exports_exactly_as_on_sqlite(postgres_server, tmp_path, demo_templates):
    on_sqlite = demo_templates.open_copy(TODAY, tmp_path)  # the demo built on SQLite, once per session
    try:
        expected = without_moments(export_data(on_sqlite))
    finally:
        on_sqlite.close()
    on_postgresql = open_database(postgres_server.url(postgres_server.empty_database()), user="tester")
    try:
        summary = demo.build_demo(on_postgresql, today=TODAY)
        exported = export_data(on_postgresql)
    finally:
        on_postgresql.close()

    assert summary.rounds == 33 and summary.agenda_items == 142
    assert without_moments(exported) == expected


def test_without_a_given_user_the_history_records_the_database_user(postgres_server):
    store = open_database(postgres_server.url(postgres_server.empty_database()))
    try:
        topic = add_topic(store, "Death penalty")
        assert store.user == "planner"
        assert topic.changed_by == "planner"
        assert [entry["changed_by"] for entry in records.history(store, m.Topic, topic.id)] == ["planner"]
    finally:
        store.close()


def test_a_uniqueness_clash_at_write_time_is_a_validation_error_quoting_nothing(store: Store, monkeypatch):
    """Two editors saving the same name at once: the second write hits the database's own rule."""
    add_country(store, SECRET, "VN")
    monkeypatch.setattr(records, "check_record", lambda *arguments: None)  # as if checked before the first save

    with pytest.raises(ValidationError) as caught:
        add_country(store, SECRET, "CN")

    assert caught.value.errors == {
        "record": "clashes with a record someone saved at the same moment (a name or number must be unique); "
        "reload and try again"
    }
    assert SECRET not in str(caught.value) and caught.value.__cause__ is None
    assert [country.iso_code for country in m.Country.select()] == ["VN"]


@pytest.fixture
def reader_store(store: Store, postgres_server):
    """The same PostgreSQL database opened by a role that may only read it (after `store` wrote a topic)."""
    add_topic(store, "Death penalty")
    name = store.location.rsplit("/", 1)[1]
    reader = open_database(postgres_server.url(name, user=READER))
    yield reader
    reader.close()
    store.db.bind(m.ALL_MODELS)


@pytest.mark.postgresql_only
def test_a_read_only_role_opens_everything_and_changes_nothing(reader_store: Store):
    assert reader_store.read_only
    assert [topic.name for topic in m.Topic.select()] == ["Death penalty"]
    topic_id = m.Topic.get().id

    with pytest.raises(ReadOnlyError) as caught:
        add_topic(reader_store, "Labour rights")
    with pytest.raises(ReadOnlyError):
        records.update(reader_store, m.Topic, topic_id, {"name": "Abolition"})
    with pytest.raises(ReadOnlyError):
        records.delete(reader_store, m.Topic, topic_id)

    assert str(caught.value).endswith("is open read-only; nothing can be changed")
    assert [(topic.name, topic.version) for topic in m.Topic.select()] == [("Death penalty", 1)]
    assert m.ChangeRecord.select().count() == 1


@pytest.mark.postgresql_only
def test_the_command_line_works_on_a_shared_database(store: Store, tmp_path):
    china = add_country(store, "China", "CN")
    plan_round(store, start_dialogue(store, china, "Norway–China human rights dialogue"), number=24, city="北京")
    command = Path(sys.executable).with_name("dialogue-planner")

    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(command), *arguments, "--db", store.location], capture_output=True, text=True,
                              timeout=120)

    check = run("check")
    rounds = run("rounds")
    export = run("export-json", "-o", str(tmp_path / "shared.json"))
    backup = run("backup")

    assert check.returncode == 0 and check.stdout.startswith(f"ok: {store.location}: schema version")
    assert rounds.returncode == 0 and "北京" in rounds.stdout
    assert export.returncode == 0 and (tmp_path / "shared.json").exists()
    assert backup.returncode == 1
    assert backup.stderr == (
        "dialogue-planner: error: backups and restore work on SQLite files; back up a server database with pg_dump\n"
    )
