"""Damaged files: reported clearly (which file, what is wrong), never written to, the newest good backup offered."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from dialogue_planner.errors import DamagedDatabaseError, StorageError
from dialogue_planner.services.backups import back_up, restore_file
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage.backups import check_sqlite_file, list_backups, take_backup
from dialogue_planner.storage.database import complete_deferred_checks, open_database
from tests.damaged_files import PAGE, database_of_many_pages, overwrite_last_pages

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def healthy(tmp_path) -> Path:
    """A closed database of a few dozen pages (many topics with long descriptions)."""
    return database_of_many_pages(tmp_path / "planner.sqlite")


def folder_state(folder: Path) -> dict[str, bytes]:
    return {child.name: child.read_bytes() for child in sorted(folder.iterdir()) if child.is_file()}


def assert_refused_untouched(path: Path) -> DamagedDatabaseError:
    before = folder_state(path.parent)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(str(path), user="tester")
    assert folder_state(path.parent) == before  # not written, not repaired, no -wal or -shm made
    error = caught.value
    assert str(error).startswith(f"{path}: ")
    assert error.path == path
    assert error.problems
    return error


def test_a_truncated_file_is_reported_and_left_as_it_was(healthy):
    healthy.write_bytes(healthy.read_bytes()[: 12 * PAGE])

    error = assert_refused_untouched(healthy)

    assert "the database file is damaged:" in str(error)
    assert str(error).endswith("it was left unchanged")
    assert error.newest_backup is None


def test_a_file_with_overwritten_pages_is_reported_and_the_newest_good_backup_offered(healthy):
    good = take_backup(healthy, "daily")
    content = bytearray(healthy.read_bytes())
    noise = random.Random(6)
    for page in (3, 7, 11):
        content[page * PAGE : (page + 1) * PAGE] = bytes(noise.randrange(256) for _ in range(PAGE))
    healthy.write_bytes(bytes(content))

    error = assert_refused_untouched(healthy)

    assert "the database file is damaged:" in str(error)
    assert error.newest_backup == good
    assert str(error).endswith(f"it was left unchanged (newest good backup: {good})")


def test_a_damaged_backup_is_not_offered(healthy):
    older = take_backup(healthy, "daily")
    newer = back_up(healthy)
    newer.write_bytes(newer.read_bytes()[: 5 * PAGE])  # the newest backup is itself damaged
    healthy.write_bytes(healthy.read_bytes()[: 10 * PAGE])

    error = assert_refused_untouched(healthy)

    assert error.newest_backup == older


def test_a_file_that_is_not_sqlite_is_reported_and_left_as_it_was(tmp_path):
    path = tmp_path / "planner.sqlite"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)

    error = assert_refused_untouched(path)

    assert str(error) == f"{path}: not an SQLite database"
    assert error.problems == ["is not an SQLite database"]


def test_the_offered_backup_restores_a_working_database(healthy):
    good = take_backup(healthy, "daily")
    healthy.write_bytes(healthy.read_bytes()[: 12 * PAGE])
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(str(healthy), user="tester")
    assert caught.value.newest_backup == good

    result, report = restore_file(healthy, caught.value.newest_backup)

    assert report.ok
    assert check_sqlite_file(result.safety_copy) != []  # the damaged file is kept aside, as it was
    assert result.safety_copy.stat().st_size == 12 * PAGE
    store = open_database(str(healthy), user="tester")
    try:
        assert store.db.execute_sql("SELECT COUNT(*) FROM topic").fetchone()[0] == 120
    finally:
        store.close()


def test_a_healthy_file_passes_the_quick_and_the_full_check(healthy):
    assert check_sqlite_file(healthy) == []
    assert check_sqlite_file(healthy, full=True) == []


def test_the_damage_error_is_a_storage_error_for_callers_that_only_know_those(tmp_path):
    path = tmp_path / "planner.sqlite"
    path.write_bytes(b"not a database at all, but long enough to have a header" * 4)
    with pytest.raises(StorageError):
        open_database(str(path), user="tester")


def test_a_deferred_open_finds_damage_inside_the_tables_only_in_the_full_check_later(healthy):
    good = take_backup(healthy, "daily")
    damaged = overwrite_last_pages(healthy)
    assert check_sqlite_file(healthy, light=True) == []

    store = open_database(str(healthy), user="tester", defer_checks=True)
    try:
        assert store.checks_pending
        with pytest.raises(DamagedDatabaseError) as caught:
            complete_deferred_checks(store)
        assert store.checks_pending  # still owed: nothing was vouched for
    finally:
        store.close()

    assert str(caught.value).startswith(f"{healthy}: the database file is damaged: ")
    assert caught.value.newest_backup == good
    assert healthy.read_bytes() == damaged  # the check only read the file
    assert [info.path for info in list_backups(healthy)] == [good]  # no backup of the damaged file


def test_a_deferred_open_still_refuses_a_truncated_file_at_once(healthy):
    healthy.write_bytes(healthy.read_bytes()[: 12 * PAGE])
    before = folder_state(healthy.parent)

    with pytest.raises(DamagedDatabaseError, match="the database file is damaged"):
        open_database(str(healthy), user="tester", defer_checks=True)

    assert folder_state(healthy.parent) == before


def test_a_deferred_open_takes_todays_backup_after_the_full_check_while_the_store_is_in_use(healthy):
    store = open_database(str(healthy), user="tester", defer_checks=True)
    try:
        assert store.checks_pending and store.backups == [] and list_backups(healthy) == []
        add_topic(store, "Labour rights")
        outcome: list[object] = []
        checker = threading.Thread(target=lambda: outcome.append(complete_deferred_checks(store)))
        checker.start()
        checker.join()

        assert outcome == [[]]
        assert not store.checks_pending
        backups = list_backups(healthy)
        assert [info.reason for info in backups] == ["daily"] and store.backups == [backups[0].path]
        assert complete_deferred_checks(store) == []  # nothing owed any more
        assert len(list_backups(healthy)) == 1
    finally:
        store.close()


def test_an_ordinary_open_owes_nothing(healthy):
    store = open_database(str(healthy), user="tester")
    try:
        assert not store.checks_pending
        assert [info.reason for info in list_backups(healthy)] == ["daily"]
        assert complete_deferred_checks(store) == []
        assert len(list_backups(healthy)) == 1
    finally:
        store.close()


def test_the_light_check_sees_a_file_cut_short_after_its_schema(healthy):
    healthy.write_bytes(healthy.read_bytes()[: -2 * PAGE])

    # Whether the schema's last pages were among those cut decides which of the two is seen first.
    assert check_sqlite_file(healthy, light=True) in (
        ["is shorter than its header says (truncated)"], ["cannot be read (database disk image is malformed)"]
    )
