"""Encrypted databases (SQLCipher): create one with a recovery key, change or reset its passphrase.

`create_encrypted_database` encrypts a new database with a random recovery key,
returned once for the user to keep safe, and locks that key in a keyring with
the passphrase (storage.keyring). `open_database(path, passphrase=...)` then
opens it with the passphrase or with the recovery key. Every page is encrypted
and authenticated, so a changed byte is detected, and backups are encrypted too.
"""

from __future__ import annotations

from pathlib import Path

import peewee

from dialogue_planner.errors import StorageError, ValidationError
from dialogue_planner.storage.backups import database_errors, take_backup
from dialogue_planner.storage.database import Store, open_database
from dialogue_planner.storage.keyring import create_keyring, keyring_path, write_keyring

MINIMUM_PASSPHRASE_LENGTH = 8


def check_passphrase(passphrase: str) -> None:
    """ValidationError unless the passphrase is long enough to be worth having."""
    if not isinstance(passphrase, str) or len(passphrase.strip()) < MINIMUM_PASSPHRASE_LENGTH:
        raise ValidationError({"passphrase": f"must have at least {MINIMUM_PASSPHRASE_LENGTH} characters"},
                              record="database")


def create_encrypted_database(location: str | Path, passphrase: str, *, user: str | None = None) -> tuple[Store, str]:
    """A new, empty, encrypted database and its recovery key (show it once; it is stored nowhere readable)."""
    check_passphrase(passphrase)
    path = Path(location).expanduser()
    if not path.parent.is_dir():
        raise StorageError(f"{path}: folder {path.parent} does not exist")
    recovery_key = create_keyring(path, passphrase)
    try:
        store = open_database(str(path), user=user, passphrase=passphrase)
    except BaseException:
        keyring_path(path).unlink(missing_ok=True)
        raise
    return store, recovery_key


def change_passphrase(store: Store, new_passphrase: str) -> None:
    """Lock the open database with `new_passphrase` from now on.

    With a keyring only the keyring is rewritten: the database and every backup
    keep their recovery key, so old backups open with the new passphrase. A
    database encrypted directly with its passphrase is re-encrypted, then backed
    up; its older backups keep the old passphrase.
    """
    if not store.encrypted:
        raise StorageError(f"{store.location} is not encrypted; create an encrypted database and import into it")
    if store.read_only:
        raise StorageError(f"{store.location} is open read-only; its passphrase cannot be changed")
    check_passphrase(new_passphrase)
    if store.path is not None and keyring_path(store.path).is_file():
        write_keyring(store.path, new_passphrase, store.passphrase)
        return
    try:
        store.db.rekey(new_passphrase)
    except (peewee.DatabaseError, *database_errors()) as error:
        raise StorageError(f"{store.location}: the passphrase was not changed ({error})") from None
    store.passphrase = new_passphrase
    if store.path is not None:
        store.backups.append(take_backup(store.path, "daily", passphrase=new_passphrase))


def reset_passphrase(location: str | Path, recovery_key: str, new_passphrase: str) -> None:
    """A forgotten passphrase replaced, proving the right to it with the recovery key."""
    check_passphrase(new_passphrase)
    path = Path(location).expanduser()
    if not keyring_path(path).is_file():
        raise StorageError(f"{path}: has no keyring, so no recovery key; it opens with its passphrase only")
    open_database(str(path), create=False, passphrase=recovery_key).close()  # refuses a wrong recovery key
    write_keyring(path, new_passphrase, recovery_key)
