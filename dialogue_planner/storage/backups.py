"""Backups of an SQLite database: taken with the online backup API, checked, rotated, listed and restored.

Automatic backups go into `backups/` beside the database, named
`<stem>-<reason>-<YYYYmmdd-HHMMSS>.sqlite`: one on the first open of each day,
one before every migration and one before every import. Rotation keeps every
backup of the 7 most recent days that have any, and the newest of each of the
4 ISO weeks before those. Nothing here opens a file for writing except the
new copy it makes, so a damaged database is never touched.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from dialogue_planner.errors import StorageError


def _sqlcipher():
    """The SQLCipher driver, loaded only for an encrypted database: a plain one never brings in a second SQLite."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover - a dependency; without it only plain files can be opened
        raise StorageError("encrypted databases need the sqlcipher3 package, which is not installed") from None
    return dbapi2


def database_errors() -> tuple[type[Exception], ...]:
    """What either driver raises (sqlcipher3's errors are its own classes, once it is loaded)."""
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error,) if loaded is None else (sqlite3.Error, loaded.Error)


def operational_errors() -> tuple[type[Exception], ...]:
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.OperationalError,) if loaded is None else (sqlite3.OperationalError, loaded.OperationalError)


WRONG_PASSPHRASE = "cannot be read with this passphrase (or is not a Dialogue Planner database)"
_SQLITE_NOTADB = 26
NOT_SQLITE = "is not an SQLite database"  # no SQLite header: a foreign file, or an encrypted one opened without key

BACKUP_FOLDER_NAME = "backups"
SQLITE_HEADER = b"SQLite format 3\x00"
KEEP_DAYS = 7
KEEP_WEEKS = 4
AUTOMATIC_REASONS = ("daily", "before-migration", "before-import", "before-restore")
BUSY_TIMEOUT_S = 15.0
_STAMP_FORMAT = "%Y%m%d-%H%M%S"
# What follows "<stem>-" in a backup's name.
_NAME = re.compile(r"^(?P<reason>[a-z0-9-]+?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite$")


class BackupInfo(NamedTuple):
    """One backup file: where it is, when it was taken (local time) and why ('daily', 'before-import', ...)."""

    path: Path
    taken_at: datetime.datetime
    reason: str

    @property
    def automatic(self) -> bool:
        return self.reason in AUTOMATIC_REASONS or self.reason.endswith("before-migration")


def backups_folder(database_path: Path) -> Path:
    return database_path.parent / BACKUP_FOLDER_NAME


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """An SQLite URI that opens `path` without ever writing to it."""
    return f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")


def connect(target: str, *, uri: bool = False, timeout: float = BUSY_TIMEOUT_S, passphrase: str | None = None):
    """A DB-API connection: sqlite3 for a plain file, sqlcipher3 keyed with `passphrase` for an encrypted one."""
    if passphrase is None:
        return sqlite3.connect(target, uri=uri, timeout=timeout)
    connection = _sqlcipher().connect(target, uri=uri, timeout=timeout)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not a log line
        connection.execute("PRAGMA key = '{}'".format(passphrase.replace("'", "''")))
    except database_errors():
        connection.close()
        raise
    return connection


def connect_read_only(path: Path, *, passphrase: str | None = None):
    """A connection that cannot write to `path` and leaves no -wal or -shm file behind where there was none.

    Without a -wal file beside it the whole database is in the file itself, so
    it is read as immutable (no locks, no side files). With one, another program
    may be using it, so it is read with locks (falling back to immutable where
    the folder is read-only and no -shm can be made).
    """
    if not Path(f"{path}-wal").exists():
        return connect(read_only_uri(path, immutable=True), uri=True, passphrase=passphrase)
    try:
        connection = connect(read_only_uri(path), uri=True, passphrase=passphrase)
        connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return connection
    except operational_errors() as error:
        if "unable to open" not in str(error):
            raise
    return connect(read_only_uri(path, immutable=True), uri=True, passphrase=passphrase)


def backup_sqlite(source: Path, target: Path, *, passphrase: str | None = None) -> Path:
    """Copy a live SQLite database with the online backup API (consistent even while in use); returns `target`.

    The copy appears whole or not at all: it is written beside `target` and renamed into place.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        origin = connect_read_only(source, passphrase=passphrase)
        try:
            # An encrypted database's backup is encrypted with the same passphrase.
            destination = connect(str(partial), passphrase=passphrase)
            try:
                origin.backup(destination)
            finally:
                destination.close()
        finally:
            origin.close()
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except (*database_errors(), OSError) as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"{source}: cannot back up to {target} ({error})") from error
    return target


def _new_backup_path(database_path: Path, reason: str, now: datetime.datetime) -> Path:
    folder = backups_folder(database_path)
    base = f"{database_path.stem}-{reason}-{now.strftime(_STAMP_FORMAT)}"
    candidate = folder / f"{base}.sqlite"
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = folder / f"{base}-{counter}.sqlite"
    return candidate


def take_backup(
    database_path: Path, reason: str, *, now: datetime.datetime | None = None, passphrase: str | None = None
) -> Path:
    """A new backup of `database_path` in its backups folder, then rotation; returns the backup's path."""
    now = now or datetime.datetime.now()
    target = backup_sqlite(database_path, _new_backup_path(database_path, reason, now), passphrase=passphrase)
    rotate_backups(database_path, today=now.date())
    return target


def list_backups(database_path: Path) -> list[BackupInfo]:
    """The backups of `database_path` in its backups folder, newest first."""
    folder = backups_folder(database_path)
    if not folder.is_dir():
        return []
    found = []
    prefix = f"{database_path.stem}-"
    for child in folder.iterdir():
        match = _NAME.match(child.name[len(prefix):]) if child.name.startswith(prefix) else None
        if match is None or not child.is_file():
            continue
        taken_at = datetime.datetime.strptime(match["stamp"], _STAMP_FORMAT)
        # Within one second the name's counter, then the file's own time, say which came last.
        order = (taken_at, int(match["n"] or 1), child.stat().st_mtime_ns)
        found.append((order, BackupInfo(child, taken_at, match["reason"])))
    return [info for _, info in sorted(found, key=lambda item: item[0], reverse=True)]


def backup_taken_on(database_path: Path, day: datetime.date) -> bool:
    return any(info.taken_at.date() == day for info in list_backups(database_path))


def rotate_backups(database_path: Path, *, today: datetime.date | None = None) -> list[Path]:
    """Remove automatic backups beyond the last KEEP_DAYS days and KEEP_WEEKS weeks; returns what was removed.

    Backups the user made by hand (`backup` without a reason of ours) are never removed.
    """
    del today  # the policy counts days that have backups, so it needs no clock
    automatic = [info for info in list_backups(database_path) if info.automatic]
    days = sorted({info.taken_at.date() for info in automatic}, reverse=True)
    kept_days = set(days[:KEEP_DAYS])
    keep = {info.path for info in automatic if info.taken_at.date() in kept_days}
    weeks_kept: set[tuple[int, int]] = set()
    for info in automatic:  # newest first: the first seen of each older week is its newest
        if info.taken_at.date() in kept_days:
            continue
        week = info.taken_at.isocalendar()[:2]
        if week not in weeks_kept and len(weeks_kept) < KEEP_WEEKS:
            weeks_kept.add(week)
            keep.add(info.path)
    removed = [info.path for info in automatic if info.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def check_sqlite_file(
    path: Path, *, full: bool = False, passphrase: str | None = None, light: bool = False,
    then: Callable[[Any], None] | None = None,
) -> list[str]:
    """What is wrong with the SQLite file at `path` (empty list: nothing found); never writes to it.

    `quick_check` by default, the slower `integrity_check` with `full`. Plain SQLite
    pages carry no checksums, so most single-byte damage inside a page's data goes unseen.
    With `light`, only what costs the same however large the file is: the header, the
    schema readable, the length the header promises; quick_check reads every page.
    `then`, given, reads what else it needs through the same read-only connection once the
    file has passed (opening another costs reading the whole schema again); what it
    cannot read is reported as a problem.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return [f"cannot be read ({error.strerror or error})"]
    if passphrase is None and (len(header) < 100 or not header.startswith(SQLITE_HEADER)):
        return [NOT_SQLITE]
    try:
        connection = connect_read_only(path, passphrase=passphrase)
    except database_errors() as error:
        return [f"cannot be opened ({error})"]
    if passphrase is not None:
        try:
            connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except database_errors() as error:
            connection.close()
            # A key that does not decrypt the first page is SQLITE_NOTADB; the right key on a file
            # damaged further on (truncated, a changed byte) reads that page and fails later.
            if getattr(error, "sqlite_errorcode", _SQLITE_NOTADB) == _SQLITE_NOTADB:
                return [WRONG_PASSPHRASE]
            return [f"cannot be read ({error})"]
    try:
        if light:
            connection.execute("SELECT name, sql FROM sqlite_master").fetchall()
            problems = []
        else:
            rows = connection.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
            problems = [str(row[0]) for row in rows if row[0] != "ok"]
        if not problems:
            # The header says how many pages there should be; a truncated file is shorter.
            page_size, page_count = (int(connection.execute(f"PRAGMA {name}").fetchone()[0])
                                     for name in ("page_size", "page_count"))
            if path.stat().st_size < page_size * page_count and not Path(f"{path}-wal").exists():
                problems.append("is shorter than its header says (truncated)")
        if not problems and then is not None:
            then(connection)
    except database_errors() as error:
        problems = [f"cannot be read ({error})"]
    finally:
        connection.close()
    return problems[:20]


def newest_good_backup(database_path: Path, *, passphrase: str | None = None) -> Path | None:
    """The newest backup of `database_path` that passes the quick check, or None."""
    for info in list_backups(database_path):
        if not check_sqlite_file(info.path, passphrase=passphrase):
            return info.path
    return None


def _copy_files_aside(database_path: Path, target: Path) -> Path:
    """A byte-for-byte copy of the database and its WAL (for a damaged file the backup API cannot read)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(database_path, target)
    wal = Path(f"{database_path}-wal")
    if wal.exists() and wal.stat().st_size:
        shutil.copy2(wal, Path(f"{target}-wal"))
    return target


def _close_wal(database_path: Path, passphrase: str | None) -> None:
    """Fold the WAL into the file and stop using it; refused while another program has the database open."""
    connection = connect(str(database_path), timeout=0.5, passphrase=passphrase)
    try:
        connection.execute("PRAGMA journal_mode=DELETE").fetchall()
    except operational_errors() as error:
        raise StorageError(
            f"{database_path}: is in use by another program; close it there, then restore again ({error})"
        ) from error
    finally:
        connection.close()


class RestoreResult(NamedTuple):
    """What a restore did: the database it replaced and where the replaced content was kept."""

    database: Path
    restored_from: Path
    safety_copy: Path | None


def restore_backup(
    database_path: Path, backup_path: Path, *, now: datetime.datetime | None = None, passphrase: str | None = None
) -> RestoreResult:
    """Replace the database with a backup, after checking the backup and keeping a copy of what it replaces.

    The caller must have closed its own connection. The backup is checked
    fully first (a damaged backup is refused and nothing changes); the current
    file, damaged or not, is copied into the backups folder ('before-restore');
    the backup's copy then replaces the file in one rename. Its change history
    comes with it.
    """
    now = now or datetime.datetime.now()
    backup_path = Path(backup_path)
    if not backup_path.is_file():
        raise StorageError(f"{backup_path}: no such backup file")
    problems = check_sqlite_file(backup_path, full=True, passphrase=passphrase)
    if problems:
        raise StorageError(f"{backup_path}: not restored, the backup {problems[0]}; nothing was changed")
    if not database_path.parent.is_dir():
        raise StorageError(f"{database_path}: folder {database_path.parent} does not exist")
    safety: Path | None = None
    if database_path.exists():
        safety_target = _new_backup_path(database_path, "before-restore", now)
        if check_sqlite_file(database_path, passphrase=passphrase):
            safety = _copy_files_aside(database_path, safety_target)
        else:
            _close_wal(database_path, passphrase)
            safety = backup_sqlite(database_path, safety_target, passphrase=passphrase)
    partial = database_path.with_name(f".{database_path.name}.restore.partial")
    try:
        source = connect_read_only(backup_path, passphrase=passphrase)
        try:
            destination = connect(str(partial), passphrase=passphrase)
            try:
                source.backup(destination)
                destination.execute("PRAGMA journal_mode=DELETE").fetchall()
            finally:
                destination.close()
        finally:
            source.close()
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        # An old WAL left beside the new file would be replayed into it: it is in the safety copy, so it goes.
        for leftover in (Path(f"{database_path}-wal"), Path(f"{database_path}-shm")):
            leftover.unlink(missing_ok=True)
        os.replace(partial, database_path)
    except (*database_errors(), OSError) as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"{database_path}: cannot restore from {backup_path} ({error})") from error
    return RestoreResult(database=database_path, restored_from=backup_path, safety_copy=safety)
