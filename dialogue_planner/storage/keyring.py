"""The keyring of an encrypted database: a passphrase people remember, a recovery key kept on paper.

An encrypted database made by `create_keyring` is encrypted (SQLCipher) with
a random *recovery key*, shown once for safekeeping. Beside it,
`<database>.keyring` is a tiny SQLCipher file encrypted with the user's
passphrase that holds the recovery key. Opening with the passphrase unlocks the
keyring, then the database; opening with the recovery key works without the
keyring. Changing the passphrase rewrites only the keyring, so every backup
(encrypted with the same recovery key) still opens with the new passphrase.
A database encrypted directly with a passphrase (no keyring) keeps working.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from dialogue_planner.errors import StorageError
from dialogue_planner.storage.backups import SQLITE_HEADER, connect, database_errors, list_backups

KEYRING_SUFFIX = ".keyring"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: it is copied by hand
_SMALLEST_PAGE = 512  # SQLCipher's pages, like SQLite's, are 512 to 65,536 bytes


def keyring_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + KEYRING_SUFFIX)


def new_recovery_key() -> str:
    """Eight groups of five characters (200 bits), easy to copy onto paper: 'K7Q2M-...'."""
    import secrets  # here, not at the top: it loads OpenSSL (through hmac), which opening a plain file never needs

    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(8))


def write_keyring(database_path: Path, passphrase: str, recovery_key: str) -> Path:
    """(Re)write the keyring: `recovery_key` encrypted with `passphrase`, replacing any keyring in one rename."""
    import secrets  # see new_recovery_key

    target = keyring_path(database_path)
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        connection = connect(str(partial), passphrase=passphrase)
        try:
            connection.execute("CREATE TABLE database_key (recovery_key TEXT NOT NULL)")
            connection.execute("INSERT INTO database_key VALUES (?)", (recovery_key,))
            connection.commit()
        finally:
            connection.close()
        os.replace(partial, target)
    except (*database_errors(), OSError) as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"{target}: cannot write the keyring ({error})") from None
    return target


def create_keyring(database_path: Path, passphrase: str) -> str:
    """A new recovery key for a database not created yet, locked in a keyring by `passphrase`; returns the key."""
    if database_path.exists() and database_path.stat().st_size:
        raise StorageError(f"{database_path}: already exists; a new encrypted database needs a new file")
    recovery_key = new_recovery_key()
    write_keyring(database_path, passphrase, recovery_key)
    return recovery_key


def unlock(database_path: Path, passphrase: str) -> str:
    """The key that opens the database: from the keyring when `passphrase` opens it, else `passphrase` itself.

    So the user's passphrase, the recovery key, and the passphrase of a database
    without a keyring all work; a wrong one fails later, when the database is read.
    """
    keyring = keyring_path(database_path)
    if not keyring.is_file():
        return passphrase
    try:
        connection = connect(str(keyring), passphrase=passphrase)
        try:
            (recovery_key,) = connection.execute("SELECT recovery_key FROM database_key").fetchone()
        finally:
            connection.close()
    except (*database_errors(), TypeError, ValueError):
        return passphrase  # not the keyring's passphrase: perhaps the recovery key itself
    return recovery_key


def looks_encrypted(database_path: Path) -> bool:
    """Whether a file without SQLite's header is an encrypted database, not a damaged or foreign file.

    A keyring beside it says so. Otherwise an SQLCipher file is whole pages of
    what looks like noise from its first byte: a length that is a multiple of 512
    and a first page that does not compress at all; text, a PDF or a header
    zeroed by damage do. Noise where a plain database's newest backup lies
    beside it is a plain database damaged (an encrypted one's backups are
    encrypted too), so that its backup is offered. Reads; never writes.
    """
    if keyring_path(database_path).is_file():
        return True
    try:
        size = database_path.stat().st_size
        with database_path.open("rb") as handle:
            first_page = handle.read(4096)
        newest_backup_header = b""
        for newest in list_backups(database_path)[:1]:
            with newest.path.open("rb") as handle:
                newest_backup_header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    if size < _SMALLEST_PAGE or size % _SMALLEST_PAGE or newest_backup_header == SQLITE_HEADER:
        return False
    # Ciphertext (salt, encrypted page, IV and MAC) has no pattern to compress; any file format does.
    return len(zlib.compress(first_page, 9)) >= len(first_page)
