"""Opening a database: an SQLite file (the default) or a shared PostgreSQL by URL.

`open_database` checks an SQLite file without writing to it, backs it up
(first open of the day, before a migration), binds the models, applies
pending migrations and returns a `Store` that the services take as their
first argument.
"""

from __future__ import annotations

import contextlib
import datetime
import getpass
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

from dialogue_planner.errors import DamagedDatabaseError, PassphraseError, ReadOnlyError, StorageError
from dialogue_planner.storage.backups import (
    NOT_SQLITE,
    WRONG_PASSPHRASE,
    backup_taken_on,
    check_sqlite_file,
    connect,
    newest_good_backup,
    operational_errors,
    read_only_uri,
    take_backup,
)
from dialogue_planner.storage.keyring import looks_encrypted, unlock
from dialogue_planner.storage.locations import location_warning
from dialogue_planner.storage.models import ALL_MODELS, RECORD_MODELS
from dialogue_planner.storage.search_index import register_functions

# Peewee logs every query with its parameters at DEBUG: those carry case names and confidential notes,
# so they never reach a log, whatever level the program or a test sets for logging as a whole.
logging.getLogger("peewee").setLevel(logging.INFO)

APPLICATION_NAME = "dialogue-planner"
DATABASE_FILE_NAME = "dialogue-planner.sqlite"
MIGRATIONS_DIRECTORY = Path(__file__).with_name("migrations")
MIGRATION_TABLE = "schema_migration"
BUSY_TIMEOUT_MS = 15_000


def _migration_number(name: str) -> int:
    return int(name.split("_", 1)[0])


LATEST_SCHEMA_VERSION = max(
    _migration_number(path.stem) for path in MIGRATIONS_DIRECTORY.glob("[0-9]*.py")
)
# Columns no model names, kept by triggers for what SQL alone reads (SQLite only): the projects list's sort keys
# (migration 0010).
DERIVED_COLUMNS = {("joint_project", column) for column in ("country_name", "topics_key", "latest_key")}


@dataclass
class Store:
    """An open database and the person whose changes it records.

    `read_only` is True when the database could only be opened for reading (a
    read-only file or folder, `read_only=True` asked for, or a PostgreSQL role
    without write rights): `atomic()`, and so every service that writes, then
    raises ReadOnlyError and nothing is changed.
    """

    db: peewee.Database
    location: str
    user: str
    schema_version: int
    backups: list[Path] = field(default_factory=list)
    read_only: bool = False
    file: Path | None = None
    # An encrypted SQLite file's passphrase: backups and restores need it too. Never shown.
    passphrase: str | None = field(default=None, repr=False)
    # Things the user should be told on opening (a backup that failed, a risky location).
    warnings: list[str] = field(default_factory=list)
    # Opened with `defer_checks`: the full check of the file and today's backup are still owed
    # (complete_deferred_checks).
    checks_pending: bool = False

    @property
    def is_sqlite(self) -> bool:
        return isinstance(self.db, peewee.SqliteDatabase)

    @property
    def encrypted(self) -> bool:
        """An SQLite file encrypted with SQLCipher (opened with a passphrase)."""
        return self.passphrase is not None

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        if self.file is not None:
            return self.file
        return Path(self.db.database) if self.is_sqlite else None

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Any]:
        """A transaction (or savepoint when nested) for writing: everything in it commits together or not at all.

        Raises ReadOnlyError at once on a read-only store. A write the storage
        refuses (a full disk, a file made read-only, a lost server) is rolled back
        and raised as StorageError saying so; broken uniqueness or reference rules
        stay IntegrityError, for the services to explain.
        """
        if self.read_only:
            raise ReadOnlyError(f"{_display(self.location)} is open read-only; nothing can be changed")
        try:
            with self.db.atomic() as transaction:
                yield transaction
        except (peewee.OperationalError, peewee.InternalError, peewee.InterfaceError) as error:
            raise StorageError(
                f"{_display(self.location)}: could not save, nothing was changed ({_first_cause(error)})"
            ) from None

    def backup(self, reason: str) -> Path | None:
        """A backup of an SQLite database into its backups folder (None for a server database or read-only)."""
        if not self.is_sqlite or self.read_only or self.path is None:
            return None
        return take_backup(self.path, reason, passphrase=self.passphrase)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


# Said by the rollback after SQLite already rolled back by itself (a full disk, for one): not the cause.
_ROLLBACK_ECHOES = ("no transaction is active", "no such savepoint")


def _first_cause(error: BaseException) -> str:
    """Why a write failed: the first error in the chain, not the failed rollback that followed it."""
    chain = []
    current: BaseException | None = error
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__context__
    for candidate in reversed(chain):
        if isinstance(candidate, StorageError):
            return str(candidate).rsplit(" (", 1)[-1].rstrip(")")
        text = " ".join(str(candidate).split())
        if isinstance(candidate, (peewee.DatabaseError, sqlite3.Error)) and text and not any(
            echo in text for echo in _ROLLBACK_ECHOES
        ):
            return text
    return " ".join(str(error).split()) or type(error).__name__


def default_data_folder() -> Path:
    """The user's data folder, where Qt's QStandardPaths.AppDataLocation points."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APPLICATION_NAME


def default_database_location() -> str:
    """`$DIALOGUE_PLANNER_DB` if set, else the SQLite file in the user's data folder."""
    return os.environ.get("DIALOGUE_PLANNER_DB") or str(default_data_folder() / DATABASE_FILE_NAME)


def is_url(location: str) -> bool:
    return "://" in location


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _sqlite_database(path: Path, *, read_only: bool = False, passphrase: str | None = None) -> peewee.SqliteDatabase:
    if read_only:
        # mode=ro: SQLite itself refuses every write, and opening changes nothing (no WAL switch, no -shm
        # where the folder is read-only); query_only makes a stray write fail with a clear error early.
        target = _read_only_uri(path, passphrase)
        options: dict[str, Any] = {
            "uri": True,
            "pragmas": [("busy_timeout", BUSY_TIMEOUT_MS), ("foreign_keys", 1), ("query_only", 1)],
        }
    else:
        # The busy timeout must be in force before WAL is switched on, or a second
        # process opening the file at the same moment fails at once with "locked":
        # it is the first pragma, and sqlite3.connect(timeout=...) sets it even before.
        target = str(path)
        options = {
            "pragmas": [
                ("busy_timeout", BUSY_TIMEOUT_MS),
                ("journal_mode", "wal"),
                ("foreign_keys", 1),
                ("synchronous", "full"),
                # Deleted text is overwritten with zeros instead of lingering in free pages.
                ("secure_delete", 1),
                # 16 MB of pages (SQLite's default is 2 MB): a Projects filter reads every project (7 MB at
                # demo x100), and with the default each filter read them all from the file again (a filter
                # cost 40% more in SQL). Pages are held only once read.
                ("cache_size", -16384),
            ],
            # Writers take the lock at BEGIN: a read-then-write transaction under
            # contention then waits instead of failing with "database is locked".
            "lock_type": "IMMEDIATE",
        }
    if passphrase is None:
        return peewee.SqliteDatabase(target, timeout=BUSY_TIMEOUT_MS / 1000, **options)
    from playhouse.sqlcipher_ext import SqlCipherDatabase  # only for encrypted files

    # The key must come before any other statement: SqlCipherDatabase sends it first, then the pragmas.
    options["pragmas"] = [("cipher_log_level", "NONE"), *options["pragmas"]]
    return SqlCipherDatabase(target, passphrase=passphrase, timeout=BUSY_TIMEOUT_MS / 1000, **options)


def _read_only_uri(path: Path, passphrase: str | None) -> str:
    """mode=ro, or immutable where even that cannot open (a WAL file in a folder where no -shm can be made)."""
    probe = connect(read_only_uri(path), uri=True, passphrase=passphrase)
    try:
        probe.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return read_only_uri(path)
    except operational_errors():
        return read_only_uri(path, immutable=True)
    finally:
        probe.close()


def _display(location: str) -> str:
    """A location fit for a message: a URL loses its password."""
    if is_url(location) and "@" in location:
        scheme, rest = location.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return location


def schema_version(db: peewee.Database) -> int:
    """The number of the newest migration applied to `db` (0 for an empty database)."""
    # Read straight from the runner's table: playhouse.migrations is only loaded when one must run.
    if not db.table_exists(MIGRATION_TABLE):
        return 0
    applied = db.execute_sql(f"SELECT name FROM {MIGRATION_TABLE}").fetchall()
    return max((_migration_number(row[0]) for row in applied), default=0)


def schema_differences(db: peewee.Database) -> list[str]:
    """How the tables in `db` differ from the models: empty when they match."""
    from playhouse.schema_diff import diff_models  # only the maintenance check compares

    diff = diff_models(db, list(ALL_MODELS))
    problems = [f"missing table {model._meta.table_name}" for model in diff.create_tables]
    problems += [f"missing column {f.model._meta.table_name}.{f.column_name}" for f in diff.add_columns]
    problems += [f"unexpected column {table}.{column}" for table, column in diff.drop_columns
                 if (table, column) not in DERIVED_COLUMNS]
    problems += [index.display("missing") for index in diff.add_indexes]
    return problems


def _refuse_version(location: str, version: int, has_tables: bool, read_only: bool) -> None:
    """Refuse a schema this program cannot (or, read-only, may not) bring up to date."""
    if version > LATEST_SCHEMA_VERSION:
        raise StorageError(
            f"{_display(location)}: schema version {version} was written by a newer "
            f"Dialogue Planner (this one knows up to {LATEST_SCHEMA_VERSION})"
        )
    if has_tables and version == 0:
        raise StorageError(f"{_display(location)}: holds tables but no Dialogue Planner schema version")
    if read_only and version < LATEST_SCHEMA_VERSION:
        raise StorageError(
            f"{_display(location)}: is read-only and has schema version {version}; it needs updating to "
            f"version {LATEST_SCHEMA_VERSION}, which only someone who may write to it can do"
        )


def _damaged(path: Path, problems: list[str], passphrase: str | None) -> DamagedDatabaseError:
    newest = newest_good_backup(path, passphrase=passphrase)
    if problems == [NOT_SQLITE]:
        message = f"{path}: not an SQLite database"
    else:
        message = f"{path}: the database file is damaged: {problems[0]}; it was left unchanged"
    if newest is not None:
        message += f" (newest good backup: {newest})"
    return DamagedDatabaseError(message, path=path, problems=problems, newest_backup=newest, passphrase=passphrase)


@dataclass(frozen=True)
class _Prepared:
    read_only: bool
    backups: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checks_pending: bool = False


def _prepare_sqlite_file(
    path: Path, *, create: bool, read_only: bool, passphrase: str | None, defer_checks: bool = False
) -> _Prepared:
    """Check an SQLite file before anything writes to it, and back it up.

    Nothing is written before the read-only check has passed: no WAL switch, no
    migration, no backup. A damaged file raises DamagedDatabaseError naming the
    newest good backup. With `defer_checks`, a file that needs no migration gets
    only the light check (header, schema, length) and no backup yet: the caller
    owes complete_deferred_checks.
    """
    if path.is_dir():
        raise StorageError(f"{path}: is a folder, not a database file")
    if not path.exists() or path.stat().st_size == 0:
        if not path.exists() and not create:
            raise StorageError(f"{path}: no such database file")
        if not path.parent.is_dir():
            raise StorageError(f"{path}: folder {path.parent} does not exist")
        if read_only or not os.access(path.parent, os.W_OK):
            raise StorageError(f"{path}: cannot create a database in folder {path.parent} (read-only)")
        return _Prepared(read_only=False)
    names: set[str] = set()
    applied: list[tuple[str]] = []

    def read_tables_and_migrations(connection: Any) -> None:
        names.update(row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        if MIGRATION_TABLE in names:
            applied.extend(connection.execute(f"SELECT name FROM {MIGRATION_TABLE}").fetchall())

    _check(path, passphrase, light=defer_checks, then=read_tables_and_migrations)
    side_files = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    writable = all(os.access(candidate, os.W_OK) for candidate in (path, path.parent, *side_files)
                   if candidate.exists())
    read_only = read_only or not writable
    version = max((_migration_number(row[0]) for row in applied), default=0)
    _refuse_version(str(path), version, bool(names - {MIGRATION_TABLE}), read_only)
    migrating = 0 < version < LATEST_SCHEMA_VERSION and not read_only
    if defer_checks and not migrating:
        return _Prepared(read_only=read_only, checks_pending=True)
    if defer_checks:
        _check(path, passphrase, light=False)  # a migration rewrites tables: never on a file not fully checked
    if read_only:
        return _Prepared(read_only=True)
    if migrating:
        # No migration without a backup first.
        return _Prepared(False, [take_backup(path, f"schema{version}-before-migration", passphrase=passphrase)])
    backup, warnings = _daily_backup(path, passphrase)
    return _Prepared(False, [backup] if backup else [], warnings)


def _check(path: Path, passphrase: str | None, *, light: bool, then: Callable[[Any], None] | None = None) -> None:
    problems = check_sqlite_file(path, passphrase=passphrase, light=light, then=then)
    if problems == [WRONG_PASSPHRASE]:
        raise PassphraseError(f"{path}: {WRONG_PASSPHRASE}; nothing was changed", path=path, wrong=True)
    if problems == [NOT_SQLITE] and passphrase is None and looks_encrypted(path):
        raise PassphraseError(f"{path}: is encrypted and opens only with its passphrase", path=path, wrong=False)
    if problems:
        raise _damaged(path, problems, passphrase)


def _daily_backup(path: Path, passphrase: str | None) -> tuple[Path | None, list[str]]:
    """Today's backup, unless one was taken already; (the backup or None, warnings)."""
    if backup_taken_on(path, datetime.date.today()):
        return None, []
    try:
        return take_backup(path, "daily", passphrase=passphrase), []
    except StorageError as error:
        # A full disk must not lock the user out of their records: open, and say so.
        return None, [f"today's backup could not be taken: {error}"]


def complete_deferred_checks(store: Store) -> list[str]:
    """Finish what `open_database(defer_checks=True)` left for later; returns what the user should be told.

    The quick check of the whole file (a damaged file raises DamagedDatabaseError
    naming its newest good backup, and is left untouched), then today's backup if
    none was taken yet. Safe on another thread while the store is in use: it only
    reads the database, through connections of its own. Nothing to do (an empty
    list) for a store opened without deferring.
    """
    path = store.path
    if not store.checks_pending or path is None:
        return []
    _check(path, store.passphrase, light=False)
    store.checks_pending = False
    if store.read_only:
        return []
    backup, warnings = _daily_backup(path, store.passphrase)
    if backup is not None:
        store.backups.append(backup)
    store.warnings.extend(warnings)
    return warnings


def _postgres_read_only(db: peewee.Database) -> bool:
    """Whether this PostgreSQL session may not write: a read-only transaction default or no write rights."""
    if db.execute_sql("SELECT current_setting('transaction_read_only')").fetchone()[0] == "on":
        return True
    if MIGRATION_TABLE in db.get_tables():
        checks = "has_table_privilege('change_record', 'INSERT') AND has_table_privilege('round', 'UPDATE')"
    else:
        checks = "has_schema_privilege('public', 'CREATE')"
    return not db.execute_sql(f"SELECT {checks}").fetchone()[0]


def open_database(
    location: str | None = None,
    *,
    user: str | None = None,
    create: bool = True,
    read_only: bool = False,
    passphrase: str | None = None,
    defer_checks: bool = False,
) -> Store:
    """Open (creating if allowed) and migrate the database at `location`, a path or a URL.

    An SQLite file is checked first without writing to it; a damaged one raises
    DamagedDatabaseError. A database that may not be written (asked for with
    `read_only`, a read-only file or folder, a read-only PostgreSQL role) opens
    with `Store.read_only` True. `user` defaults to the login name on SQLite
    and to the database user on PostgreSQL. With `passphrase`, the SQLite file is
    encrypted with SQLCipher (created so, or opened with it; a wrong one is
    refused and nothing changes). With `defer_checks` (the app, so that it opens
    as fast with decades of records as with a few), an SQLite file that needs no
    migration gets only a light check now; `complete_deferred_checks` then owes
    the full one and today's backup, and `Store.checks_pending` says so.
    """
    location = location or default_database_location()
    prepared = _Prepared(read_only=read_only)
    path: Path | None = None
    if location.startswith("sqlite:///"):
        location = location[len("sqlite:///") :]
    if not is_url(location):
        path = Path(location).expanduser()
        if passphrase is not None:
            passphrase = unlock(path, passphrase)  # the keyring's recovery key, where the database has a keyring
        prepared = _prepare_sqlite_file(
            path, create=create, read_only=read_only, passphrase=passphrase, defer_checks=defer_checks
        )
        read_only = prepared.read_only
        risky = location_warning(path)  # shown before the first write: the UI lists Store.warnings
        if risky:
            prepared.warnings.append(risky)
        location = str(path)
        db: peewee.Database = _sqlite_database(path, read_only=read_only, passphrase=passphrase)
        register_functions(db)  # the search index's triggers fold text with it
    else:
        if passphrase is not None:
            raise StorageError("a passphrase encrypts an SQLite file; a server database is protected by the server")
        from playhouse.db_url import connect as connect_url  # loads every driver's extension: servers only

        from dialogue_planner.storage.drivers import load_postgresql_driver

        with contextlib.suppress(ImportError):  # without psycopg2, peewee says the driver is missing on connect
            load_postgresql_driver()
        try:
            db = connect_url(location)
        except (RuntimeError, ValueError, ImportError) as error:
            raise StorageError(f"cannot use database URL ({error})") from error
    try:
        db.connect()
        db.bind(ALL_MODELS, bind_refs=False, bind_backrefs=False)  # all of them: no need to follow references
        if path is None:
            read_only = read_only or _postgres_read_only(db)
            if read_only:
                db.execute_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            user = user or db.execute_sql("SELECT current_user").fetchone()[0]
        version = _migrate(db, location, read_only)
    except StorageError:
        db.close()
        raise
    except peewee.DatabaseError as error:
        db.close()
        raise StorageError(f"{_display(location)}: {error}") from error
    except peewee.ImproperlyConfigured as error:
        raise StorageError(f"{_display(location)}: the database driver is not installed ({error})") from error
    return Store(
        db=db, location=location, user=user or default_user(), schema_version=version, backups=prepared.backups,
        read_only=read_only, file=path, warnings=prepared.warnings, passphrase=passphrase,
        checks_pending=prepared.checks_pending,
    )


def _migrate(db: peewee.Database, location: str, read_only: bool) -> int:
    version = schema_version(db)
    # Only a database without a schema version can hold tables that are not ours.
    foreign_tables = version == 0 and bool(set(db.get_tables()) - {MIGRATION_TABLE})
    _refuse_version(location, version, foreign_tables, read_only)
    if version == LATEST_SCHEMA_VERSION:
        return version
    from playhouse.migrations import Runner  # start-up without a migration does without it

    Runner(db, str(MIGRATIONS_DIRECTORY), table_name=MIGRATION_TABLE).up()
    return schema_version(db)


def record_count(store: Store) -> int:
    """How many records (not counting the change history) the database holds."""
    return sum(model.select().count() for model in RECORD_MODELS)
