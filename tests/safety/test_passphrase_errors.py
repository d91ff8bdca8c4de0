"""An encrypted file opened without (or with a wrong) passphrase is told apart from a damaged or foreign one."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dialogue_planner.errors import DamagedDatabaseError, PassphraseError, StorageError
from dialogue_planner.services.encryption import create_encrypted_database, reset_passphrase
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage.backups import take_backup
from dialogue_planner.storage.database import open_database
from tests.damaged_files import PAGE, database_of_many_pages

pytestmark = pytest.mark.sqlite_only
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def with_keyring(tmp_path) -> tuple[Path, str]:
    path = tmp_path / "planner.sqlite"
    store, recovery_key = create_encrypted_database(path, PASSPHRASE, user="tester")
    add_topic(store, "Death penalty")
    store.close()
    return path, recovery_key


@pytest.fixture
def without_keyring(tmp_path) -> Path:
    """Encrypted directly with its passphrase, as the command line makes one; with its daily backup."""
    path = tmp_path / "direct.sqlite"
    open_database(str(path), user="tester", passphrase=PASSPHRASE).close()
    open_database(str(path), user="tester", passphrase=PASSPHRASE).close()
    return path


@pytest.mark.parametrize("kind", ["with_keyring", "without_keyring"])
def test_an_encrypted_file_opened_without_passphrase_asks_for_one(kind, request):
    made = request.getfixturevalue(kind)
    path = made[0] if isinstance(made, tuple) else made
    before = path.read_bytes()

    with pytest.raises(PassphraseError) as missing:
        open_database(str(path), user="tester")

    assert isinstance(missing.value, StorageError) and not isinstance(missing.value, DamagedDatabaseError)
    assert (missing.value.path, missing.value.wrong) == (path, False)
    assert str(missing.value) == f"{path}: is encrypted and opens only with its passphrase"
    assert path.read_bytes() == before


def test_a_wrong_passphrase_or_recovery_key_says_so_and_never_quotes_it(with_keyring):
    path, recovery_key = with_keyring

    with pytest.raises(PassphraseError) as wrong:
        open_database(str(path), user="tester", passphrase="Wrong-Passphrase-7731")
    with pytest.raises(PassphraseError) as wrong_key:
        reset_passphrase(path, recovery_key.replace(recovery_key[0], "0", 1), "a brand new passphrase")

    for refused in (wrong.value, wrong_key.value):
        assert (refused.path, refused.wrong) == (path, True)
        assert "cannot be read with this passphrase" in str(refused)
    assert "Wrong-Passphrase-7731" not in str(wrong.value)
    assert recovery_key[5:] not in str(wrong_key.value)
    open_database(str(path), user="tester", passphrase=PASSPHRASE).close()  # nothing changed


def test_a_plain_file_given_a_passphrase_is_refused_as_a_wrong_one(store):
    store.close()
    with pytest.raises(PassphraseError) as refused:
        open_database(store.location, user="tester", passphrase=PASSPHRASE)
    assert refused.value.wrong


@pytest.mark.parametrize("content", [
    b"meeting notes, not a database\n" * 200,  # 6,000 bytes of text
    b"%PDF-1.7\n" + bytes(range(256)) * 40,  # every byte value, not whole pages
    b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"x" * 503,  # every byte value, exactly 21 pages of 512
    bytes(8192),  # zeros, as a disk gives back a lost file
])
def test_a_file_that_is_not_a_database_stays_not_a_database(tmp_path, content):
    path = tmp_path / "planner.sqlite"
    path.write_bytes(content)

    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(str(path), user="tester")

    assert str(caught.value) == f"{path}: not an SQLite database"
    assert path.read_bytes() == content


def test_a_plain_database_whose_first_page_became_noise_offers_its_backup(tmp_path):
    path = database_of_many_pages(tmp_path / "planner.sqlite")
    good = take_backup(path, "daily")
    content = bytearray(path.read_bytes())
    content[:PAGE] = random.Random(3).randbytes(PAGE)  # looks like ciphertext, but its backup is plain
    path.write_bytes(bytes(content))

    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(str(path), user="tester", defer_checks=True)

    assert caught.value.newest_backup == good
    assert path.read_bytes() == bytes(content)


def test_a_plain_database_with_its_header_wiped_is_damaged_not_encrypted(tmp_path):
    path = database_of_many_pages(tmp_path / "planner.sqlite")
    content = bytearray(path.read_bytes())
    content[:100] = bytes(100)

    path.write_bytes(bytes(content))

    with pytest.raises(DamagedDatabaseError):
        open_database(str(path), user="tester")


def test_an_encrypted_file_cut_short_is_damaged_with_the_right_passphrase_and_refuses_a_wrong_one(with_keyring):
    path, recovery_key = with_keyring
    store = open_database(str(path), user="tester", passphrase=PASSPHRASE)
    for number in range(120):
        add_topic(store, f"Topic {number}", "A description long enough to fill pages. " * 20)
    store.close()
    good = take_backup(path, "daily", passphrase=recovery_key)
    path.write_bytes(path.read_bytes()[: 20 * PAGE])

    with pytest.raises(DamagedDatabaseError) as damaged:
        open_database(str(path), user="tester", passphrase=PASSPHRASE, defer_checks=True)
    with pytest.raises(PassphraseError) as wrong:
        open_database(str(path), user="tester", passphrase="not the passphrase")

    assert damaged.value.newest_backup == good
    assert damaged.value.passphrase == recovery_key  # the key that opens that backup, for the restore
    assert PASSPHRASE not in str(damaged.value) and recovery_key not in str(damaged.value)
    assert recovery_key not in repr(damaged.value)
    assert wrong.value.wrong
