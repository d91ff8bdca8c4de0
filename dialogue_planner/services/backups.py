"""Backups and restore, for the app's menu and the command line.

SQLite databases only: a shared PostgreSQL database is backed up by its
administrator (pg_dump). Automatic backups (first open of the day, before a
migration, before an import) are taken by `storage`; these functions list
them, take one on request and put one back.
"""

from __future__ import annotations

from pathlib import Path

from dialogue_planner.errors import StorageError
from dialogue_planner.services.maintenance import CheckReport, check_database
from dialogue_planner.storage import backups as storage_backups
from dialogue_planner.storage.backups import BackupInfo, RestoreResult
from dialogue_planner.storage.database import Store, is_url, open_database, schema_version
from dialogue_planner.storage.keyring import unlock
from dialogue_planner.storage.models import ALL_MODELS

__all__ = [
    "BackupInfo", "RestoreResult", "available_backups", "back_up", "describe_backup", "restore_database",
    "restore_file",
]


def _sqlite_file(location: str | Path) -> Path:
    if isinstance(location, str) and is_url(location) and not location.startswith("sqlite:///"):
        raise StorageError("backups and restore work on SQLite files; back up a server database with pg_dump")
    text = str(location)
    return Path(text[len("sqlite:///"):] if text.startswith("sqlite:///") else text).expanduser()


def available_backups(location: str | Path) -> list[BackupInfo]:
    """The backups in the backups folder beside an SQLite database, newest first, with when and why taken."""
    return storage_backups.list_backups(_sqlite_file(location))


def back_up(location: str | Path, target: str | Path | None = None, *, passphrase: str | None = None) -> Path:
    """A consistent copy of the database, safe while it is in use; returns where it went.

    Into `target` when given (an existing file there is replaced only once the
    copy is complete), else into the backups folder as a 'manual' backup, which
    rotation never removes. A damaged database is refused, not copied.
    """
    path = _sqlite_file(location)
    if not path.is_file():
        raise StorageError(f"{path}: no such database file")
    passphrase = unlock(path, passphrase) if passphrase is not None else None
    problems = storage_backups.check_sqlite_file(path, passphrase=passphrase)
    if problems:
        raise StorageError(f"{path}: not backed up, the database {problems[0]}")
    if target is None:
        return storage_backups.take_backup(path, "manual", passphrase=passphrase)
    target = Path(target).expanduser()
    if not target.parent.is_dir():
        raise StorageError(f"{target}: folder {target.parent} does not exist")
    return storage_backups.backup_sqlite(path, target, passphrase=passphrase)


def restore_file(
    location: str | Path, backup: str | Path, *, passphrase: str | None = None
) -> tuple[RestoreResult, CheckReport]:
    """Replace a (closed) SQLite database with a backup and check the result.

    The backup is checked before anything changes; what it replaces is kept in
    the backups folder ('before-restore'); the change history is the backup's.
    For the app when the database could not be opened (DamagedDatabaseError
    carries the newest good backup), and for `dialogue-planner restore`.
    """
    path = _sqlite_file(location)
    passphrase = unlock(path, passphrase) if passphrase is not None else None
    result = storage_backups.restore_backup(path, Path(backup).expanduser(), passphrase=passphrase)
    reopened = open_database(str(result.database), create=False, passphrase=passphrase)
    try:
        report = check_database(reopened)
    finally:
        reopened.close()
    return result, report


def restore_database(store: Store, backup: str | Path) -> RestoreResult:
    """The app's "Restore from backup": put the backup in place of `store`'s file; `store` stays usable.

    The connection is closed for the swap and opened again on the restored
    file (brought up to the current schema, if the backup is older), so the
    caller keeps its Store and only reloads what it shows. On failure nothing
    was replaced, `store` is open again as before, and the error is raised.
    """
    if store.path is None:
        raise StorageError("backups and restore work on SQLite files; back up a server database with pg_dump")
    if store.read_only:
        raise StorageError(f"{store.path} is open read-only; it cannot be replaced by a backup")
    path = store.path
    store.close()
    try:
        result = storage_backups.restore_backup(path, Path(backup).expanduser(), passphrase=store.passphrase)
        # Checks the restored file and brings it up to the current schema.
        open_database(str(path), user=store.user, create=False, passphrase=store.passphrase).close()
    finally:
        store.db.connect()
        store.db.bind(ALL_MODELS)
    store.schema_version = schema_version(store.db)
    return result


def describe_backup(info: BackupInfo) -> str:
    """A line for a menu or a list: when, and why ('2026-11-23 08:15, daily')."""
    reasons = {"daily": "daily", "before-import": "before an import", "before-restore": "before a restore",
               "manual": "made by hand"}
    reason = reasons.get(info.reason, "before an update" if info.reason.endswith("before-migration") else info.reason)
    return f"{info.taken_at:%Y-%m-%d %H:%M}, {reason}"
