"""Encrypted databases (SQLCipher): nothing readable on disk, a wrong passphrase changes nothing, damage is caught."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dialogue_planner.errors import DamagedDatabaseError, StorageError, ValidationError
from dialogue_planner.services.backups import back_up, restore_database, restore_file
from dialogue_planner.services.cases import open_case
from dialogue_planner.services.dialogues import add_country
from dialogue_planner.services.encryption import change_passphrase, create_encrypted_database, reset_passphrase
from dialogue_planner.services.maintenance import check_database
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.backups import list_backups
from dialogue_planner.storage.database import open_database

pytestmark = pytest.mark.sqlite_only
PASSPHRASE = "correct horse battery staple"
SECRETS = ("Trịnh Mật Danh", "Held incommunicado since May")


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def encrypted(tmp_path) -> Path:
    """An encrypted database holding a confidential case, opened twice (so a daily backup exists), closed."""
    path = tmp_path / "planner.sqlite"
    store = open_database(str(path), user="tester", passphrase=PASSPHRASE)
    open_case(store, SECRETS[0], add_country(store, "Vietnam", "VN"), summary=SECRETS[1])
    store.close()
    open_database(str(path), user="tester", passphrase=PASSPHRASE).close()
    return path


def test_planted_text_appears_nowhere_on_disk_while_open_and_after(encrypted, tmp_path):
    store = open_database(str(encrypted), user="tester", passphrase=PASSPHRASE)
    try:
        add_topic(store, SECRETS[0] + " (topic)")
        assert store.encrypted and "correct horse" not in repr(store)
        on_disk_while_open = files_under(tmp_path)
        assert f"{encrypted.name}-wal" in on_disk_while_open
        assert [case.person_name for case in m.IndividualCase.select()] == [SECRETS[0]]
    finally:
        store.close()

    assert any(name.startswith("backups/") for name in files_under(tmp_path))
    for files in (on_disk_while_open, files_under(tmp_path)):
        for name, content in files.items():
            assert not content.startswith(b"SQLite format 3"), name
            for secret in SECRETS:
                assert secret.encode("utf-8") not in content, f"{secret!r} readable in {name}"


def test_a_wrong_or_missing_passphrase_is_refused_clearly_and_changes_nothing(encrypted, tmp_path):
    before = files_under(tmp_path)

    with pytest.raises(StorageError) as wrong:
        open_database(str(encrypted), user="tester", passphrase="not the passphrase")
    with pytest.raises(StorageError) as missing:
        open_database(str(encrypted), user="tester")

    assert str(wrong.value) == (
        f"{encrypted}: cannot be read with this passphrase (or is not a Dialogue Planner database); "
        "nothing was changed"
    )
    assert str(missing.value) == f"{encrypted}: is encrypted and opens only with its passphrase"
    assert files_under(tmp_path) == before


def test_changing_the_passphrase_locks_out_the_old_one(encrypted):
    store = open_database(str(encrypted), user="tester", passphrase=PASSPHRASE)
    try:
        with pytest.raises(ValidationError):
            change_passphrase(store, "short")
        change_passphrase(store, "a new and longer passphrase")
        add_topic(store, "Death penalty")
    finally:
        store.close()

    with pytest.raises(StorageError, match="cannot be read with this passphrase"):
        open_database(str(encrypted), user="tester", passphrase=PASSPHRASE)
    reopened = open_database(str(encrypted), user="tester", passphrase="a new and longer passphrase")
    try:
        assert check_database(reopened).ok
        assert [topic.name for topic in m.Topic.select()] == ["Death penalty"]
        assert m.IndividualCase.select().count() == 1
    finally:
        reopened.close()


def test_a_single_changed_byte_is_detected_in_an_encrypted_file(tmp_path):
    path = tmp_path / "planner.sqlite"
    store = open_database(str(path), user="tester", passphrase=PASSPHRASE)
    for number in range(60):
        add_topic(store, f"Topic {number}", "A description long enough to fill pages. " * 20)
    store.close()
    content = bytearray(path.read_bytes())
    content[5 * 4096 + 700] ^= 0x01  # one bit, inside the data of a page
    path.write_bytes(bytes(content))

    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(str(path), user="tester", passphrase=PASSPHRASE)

    assert str(caught.value).startswith(f"{path}: the database file is damaged: cannot be read")
    assert path.read_bytes() == bytes(content)


def test_an_encrypted_database_is_backed_up_and_restored_with_its_passphrase(encrypted):
    store = open_database(str(encrypted), user="tester", passphrase=PASSPHRASE)
    try:
        saved = back_up(encrypted, passphrase=PASSPHRASE)
        add_topic(store, "Labour rights")

        restore_database(store, saved)

        assert [topic.name for topic in m.Topic.select()] == []
        assert m.IndividualCase.select().count() == 1
    finally:
        store.close()
    assert all(not info.path.read_bytes().startswith(b"SQLite format 3") for info in list_backups(encrypted))


def test_a_server_database_takes_no_passphrase():
    with pytest.raises(StorageError, match="a passphrase encrypts an SQLite file"):
        open_database("postgresql://planner@127.0.0.1:1/planner", passphrase=PASSPHRASE)


def test_the_command_line_takes_the_passphrase_from_the_environment(encrypted, tmp_path):
    command = [str(Path(sys.executable).with_name("dialogue-planner")), "check", "--db", str(encrypted)]
    without = {key: value for key, value in os.environ.items() if key != "DIALOGUE_PLANNER_PASSPHRASE"}

    opened = subprocess.run(command, capture_output=True, text=True, timeout=120,
                            env={**without, "DIALOGUE_PLANNER_PASSPHRASE": PASSPHRASE})
    refused = subprocess.run(command, capture_output=True, text=True, timeout=120, env=without)

    assert opened.returncode == 0 and opened.stdout.startswith(f"ok: {encrypted}: schema version"), opened.stderr
    assert refused.returncode == 1
    assert refused.stderr == (f"dialogue-planner: error: {encrypted}: is encrypted and opens only with its "
                              "passphrase; give it in DIALOGUE_PLANNER_PASSPHRASE\n")
    assert PASSPHRASE not in opened.stdout + opened.stderr


def test_the_command_line_creates_a_new_file_encrypted_with_the_passphrase_only_if_long_enough(tmp_path):
    from dialogue_planner.cli import main

    new = tmp_path / "new.sqlite"
    too_short = tmp_path / "short.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DIALOGUE_PLANNER_PASSPHRASE", PASSPHRASE)
        assert main(["demo", "--db", str(new)]) == 0
        patch.setenv("DIALOGUE_PLANNER_PASSPHRASE", "secret")
        assert main(["demo", "--db", str(too_short)]) == 1

    assert not new.read_bytes().startswith(b"SQLite format 3")
    open_database(str(new), passphrase=PASSPHRASE).close()
    assert not too_short.exists()  # refused before anything was written


# --- the recovery key --------------------------------------------------------------------------


@pytest.fixture
def with_keyring(tmp_path) -> tuple[Path, str]:
    """A new encrypted database holding a confidential case, made with a recovery key; closed."""
    path = tmp_path / "planner.sqlite"
    store, recovery_key = create_encrypted_database(path, PASSPHRASE, user="tester")
    try:
        open_case(store, SECRETS[0], add_country(store, "Vietnam", "VN"), summary=SECRETS[1])
    finally:
        store.close()
    return path, recovery_key


def test_a_new_encrypted_database_opens_with_its_passphrase_or_its_recovery_key(with_keyring, tmp_path):
    path, recovery_key = with_keyring
    assert re.fullmatch(r"([A-Z2-9]{5}-){7}[A-Z2-9]{5}", recovery_key)

    for key in (PASSPHRASE, recovery_key):
        store = open_database(str(path), user="tester", passphrase=key)
        try:
            assert [case.person_name for case in m.IndividualCase.select()] == [SECRETS[0]]
        finally:
            store.close()
    with pytest.raises(StorageError, match="cannot be read with this passphrase"):
        open_database(str(path), user="tester", passphrase="not the passphrase")

    for name, content in files_under(tmp_path).items():  # the database, its keyring, the day's backup
        for text in (*SECRETS, recovery_key, PASSPHRASE):
            assert text.encode("utf-8") not in content, f"{text!r} readable in {name}"


def test_a_forgotten_passphrase_is_reset_with_the_recovery_key(with_keyring):
    path, recovery_key = with_keyring

    with pytest.raises(StorageError, match="cannot be read with this passphrase"):
        reset_passphrase(path, "WRONG-RECOVERY-KEY", "a brand new passphrase")
    reset_passphrase(path, recovery_key, "a brand new passphrase")

    with pytest.raises(StorageError, match="cannot be read with this passphrase"):
        open_database(str(path), user="tester", passphrase=PASSPHRASE)
    store = open_database(str(path), user="tester", passphrase="a brand new passphrase")
    try:
        assert m.IndividualCase.select().count() == 1
    finally:
        store.close()


def test_after_a_passphrase_change_older_backups_still_restore(with_keyring):
    path, _ = with_keyring
    old_backup = back_up(path, passphrase=PASSPHRASE)
    store = open_database(str(path), user="tester", passphrase=PASSPHRASE)
    try:
        change_passphrase(store, "another good passphrase")
        add_topic(store, "Labour rights")
    finally:
        store.close()

    result, report = restore_file(path, old_backup, passphrase="another good passphrase")

    assert report.ok and result.restored_from == old_backup
    store = open_database(str(path), user="tester", passphrase="another good passphrase")
    try:
        assert [topic.name for topic in m.Topic.select()] == []
        assert m.IndividualCase.select().count() == 1
    finally:
        store.close()
