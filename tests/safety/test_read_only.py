"""Failing storage: read-only files and folders open read-only; a refused write says why and changes nothing."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import tempfile
from pathlib import Path
from typing import Any

import peewee
import pytest

from dialogue_planner.errors import PlannerError, StorageError
from dialogue_planner.exchange.json_exchange import export_json, import_json
from dialogue_planner.services import records
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store, open_database

pytestmark = pytest.mark.sqlite_only

def attempt_as_reader(path: Path) -> dict[str, Any]:
    """Open `path` and try to write, as a user who may not write it; returns what happened.

    Root may write anywhere, so there a forked child drops to `nobody` first (it keeps
    the modules already loaded, so it needs no access to the project's files); anyone
    else is refused by the file modes alone.
    """
    def attempt() -> dict[str, Any]:
        store = open_database(str(path), user="reader")
        outcome = {"read_only": store.read_only, "topics": [t.name for t in m.Topic.select().order_by(m.Topic.id)]}
        try:
            add_topic(store, "Labour rights")
            outcome["write"] = "saved"
        except PlannerError as error:
            outcome["write"] = f"{type(error).__name__}: {error}"
        store.close()
        return outcome

    if os.geteuid() != 0:
        return attempt()
    nobody = pwd.getpwnam("nobody")
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child process
        status = 1
        try:
            os.close(reading)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            report = attempt()
            status = 0
        except BaseException as error:  # the parent shows it
            report = {"error": f"{type(error).__name__}: {error}"}
        os.write(writing, json.dumps(report).encode("utf-8"))
        os._exit(status)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        report = json.loads(pipe.read().decode("utf-8"))
    os.waitpid(child, 0)
    return report


def make_database(path: Path) -> None:
    store = open_database(str(path), user="tester")
    add_topic(store, "Death penalty")
    store.close()


@pytest.fixture
def read_only_folder():
    """A folder outside pytest's private tmp (another user must reach it), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="dialogue-planner-ro-"))
    os.chmod(folder, 0o755)
    yield folder
    os.chmod(folder, 0o755)
    shutil.rmtree(folder)


def test_a_database_in_a_read_only_folder_opens_read_only_and_refuses_every_write(read_only_folder):
    path = read_only_folder / "planner.sqlite"
    make_database(path)
    for leftover in read_only_folder.iterdir():
        if leftover != path:
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    os.chmod(path, 0o444)
    os.chmod(read_only_folder, 0o555)
    before = path.read_bytes()

    outcome = attempt_as_reader(path)

    assert outcome == {
        "read_only": True,
        "topics": ["Death penalty"],
        "write": f"ReadOnlyError: {path} is open read-only; nothing can be changed",
    }
    assert path.read_bytes() == before
    assert sorted(child.name for child in read_only_folder.iterdir()) == ["planner.sqlite"]


@pytest.fixture
def read_only_store(tmp_path) -> Store:
    path = tmp_path / "planner.sqlite"
    make_database(path)
    opened = open_database(str(path), user="tester", read_only=True)
    yield opened
    opened.close()


def test_asking_for_read_only_refuses_every_write_through_the_services(read_only_store, tmp_path):
    path = read_only_store.path
    before = path.read_bytes()
    topic = m.Topic.get()
    source = tmp_path / "export.json"
    export_json(read_only_store, source)  # reading still works

    writes = [
        lambda: add_topic(read_only_store, "Labour rights"),
        lambda: records.update(read_only_store, m.Topic, topic.id, {"name": "Abolition"}),
        lambda: records.delete(read_only_store, m.Topic, topic.id),
        lambda: import_json(read_only_store, source),
    ]
    for write in writes:
        with pytest.raises(PlannerError) as caught:
            write()
        assert str(caught.value) in (
            f"{path} is open read-only; nothing can be changed",
            "import refused: database: is not empty; import needs an empty database",
        )

    assert read_only_store.read_only
    assert [(t.name, t.version) for t in m.Topic.select()] == [("Death penalty", 1)]
    assert path.read_bytes() == before


def test_a_write_that_bypasses_the_services_is_stopped_by_sqlite_itself(read_only_store):
    with pytest.raises(peewee.OperationalError, match="readonly database|query_only"):
        m.Topic.insert(name="Labour rights").execute()
    assert m.Topic.select().count() == 1


def test_a_new_database_cannot_be_created_read_only(tmp_path):
    with pytest.raises(StorageError, match="cannot create a database in folder .* \\(read-only\\)"):
        open_database(str(tmp_path / "new.sqlite"), read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_gives_a_clear_message_and_keeps_what_was_stored(tmp_path):
    store = open_database(str(tmp_path / "planner.sqlite"), user="tester")
    try:
        add_topic(store, "Death penalty")
        pages = store.db.execute_sql("PRAGMA page_count").fetchone()[0]
        store.db.execute_sql(f"PRAGMA max_page_count = {pages}")  # the file may not grow: a full disk
        history = m.ChangeRecord.select().count()

        with pytest.raises(StorageError) as caught:
            add_topic(store, "Labour rights", "A long description of the topic. " * 600)

        assert str(caught.value) == (
            f"{store.path}: could not save, nothing was changed (database or disk is full)"
        )
        assert [topic.name for topic in m.Topic.select()] == ["Death penalty"]
        assert m.ChangeRecord.select().count() == history
        assert store.db.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        store.close()
