"""Damaged files: reported clearly (which file, what is wrong), never written to, the newest good backup offered."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dialogue_planner.errors import DamagedDatabaseError, StorageError
from dialogue_planner.services.backups import back_up, restore_file
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage.backups import check_sqlite_file, take_backup
from dialogue_planner.storage.database import open_database

pytestmark = pytest.mark.sqlite_only
PAGE = 4096


@pytest.fixture
def healthy(tmp_path) -> Path:
    """A closed database of a few dozen pages (many topics with long descriptions)."""
    path = tmp_path / "planner.sqlite"
    store = open_database(str(path), user="tester")
    for number in range(120):
        add_topic(store, f"Topic {number}", "A description long enough to fill pages. " * 20)
    store.close()
    assert path.stat().st_size > 30 * PAGE
    return path


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
