"""Encrypted databases (SQLCipher): changing the passphrase of an open one.

A database is created encrypted, or opened, by giving `open_database` a
passphrase; every page is then encrypted and authenticated, so a changed
byte is detected, and its backups are encrypted with the same passphrase.
"""

from __future__ import annotations

import peewee

from dialogue_planner.errors import StorageError, ValidationError
from dialogue_planner.storage.backups import database_errors, take_backup
from dialogue_planner.storage.database import Store

MINIMUM_PASSPHRASE_LENGTH = 8


def check_passphrase(passphrase: str) -> None:
    """ValidationError unless the passphrase is long enough to be worth having."""
    if not isinstance(passphrase, str) or len(passphrase.strip()) < MINIMUM_PASSPHRASE_LENGTH:
        raise ValidationError({"passphrase": f"must have at least {MINIMUM_PASSPHRASE_LENGTH} characters"},
                              record="database")


def change_passphrase(store: Store, new_passphrase: str) -> None:
    """Re-encrypt the open database with `new_passphrase`, then take a backup encrypted with it.

    Backups taken before the change stay encrypted with the old passphrase.
    """
    if not store.encrypted:
        raise StorageError(f"{store.location} is not encrypted; create an encrypted database and import into it")
    if store.read_only:
        raise StorageError(f"{store.location} is open read-only; its passphrase cannot be changed")
    check_passphrase(new_passphrase)
    try:
        store.db.rekey(new_passphrase)
    except (peewee.DatabaseError, *database_errors()) as error:
        raise StorageError(f"{store.location}: the passphrase was not changed ({error})") from None
    store.passphrase = new_passphrase
    if store.path is not None:
        store.backups.append(take_backup(store.path, "daily", passphrase=new_passphrase))
