"""Opening a database: an SQLite file (the default) or a shared PostgreSQL by URL.

`open_database` binds the models, applies pending migrations (after an
automatic backup of an SQLite file) and returns a `Store` that the services
take as their first argument.
"""

from __future__ import annotations

import datetime
import getpass
import os
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

import peewee
from playhouse.db_url import connect as connect_url
from playhouse.migrations import Runner
from playhouse.schema_diff import diff_models

from dialogue_planner.errors import StorageError
from dialogue_planner.storage.models import ALL_MODELS, RECORD_MODELS

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


@dataclass
class Store:
    """An open database and the person whose changes it records."""

    db: peewee.Database
    location: str
    user: str
    schema_version: int
    backups: list[Path] = field(default_factory=list)

    @property
    def is_sqlite(self) -> bool:
        return isinstance(self.db, peewee.SqliteDatabase)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return Path(self.db.database) if self.is_sqlite else None

    def atomic(self):
        """A transaction (or savepoint when nested): everything in it commits together."""
        return self.db.atomic()

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()


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


def _sqlite_database(path: Path) -> peewee.SqliteDatabase:
    # The busy timeout must be in force before WAL is switched on, or a second
    # process opening the file at the same moment fails at once with "locked".
    return peewee.SqliteDatabase(
        str(path),
        timeout=BUSY_TIMEOUT_MS / 1000,
        pragmas=[
            ("busy_timeout", BUSY_TIMEOUT_MS),
            ("journal_mode", "wal"),
            ("foreign_keys", 1),
            ("synchronous", "full"),
        ],
        # Writers take the lock at BEGIN: a read-then-write transaction under
        # contention then waits instead of failing with "database is locked".
        lock_type="IMMEDIATE",
    )


def _connect(location: str) -> peewee.Database:
    if is_url(location):
        if location.startswith("sqlite:///"):
            return _sqlite_database(Path(location[len("sqlite:///") :]))
        try:
            return connect_url(location)
        except (RuntimeError, ValueError, ImportError) as error:
            raise StorageError(f"cannot use database URL ({error})") from error
    return _sqlite_database(Path(location))


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
    runner = Runner(db, str(MIGRATIONS_DIRECTORY), table_name=MIGRATION_TABLE)
    applied = runner.applied()
    return max((_migration_number(name) for name in applied), default=0)


def schema_differences(db: peewee.Database) -> list[str]:
    """How the tables in `db` differ from the models: empty when they match."""
    diff = diff_models(db, list(ALL_MODELS))
    problems = [f"missing table {model._meta.table_name}" for model in diff.create_tables]
    problems += [f"missing column {f.model._meta.table_name}.{f.column_name}" for f in diff.add_columns]
    problems += [f"unexpected column {table}.{column}" for table, column in diff.drop_columns]
    problems += [index.display("missing") for index in diff.add_indexes]
    return problems


def backup_sqlite(source: Path, target: Path) -> Path:
    """Copy a live SQLite database with the online backup API (consistent even while in use)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_MS / 1000) as origin:
        destination = sqlite3.connect(str(partial))
        try:
            origin.backup(destination)
        finally:
            destination.close()
    os.replace(partial, target)
    return target


def backups_folder(database_path: Path) -> Path:
    return database_path.parent / "backups"


def _backup_before_migration(path: Path, version: int) -> Path:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_folder(path) / f"{path.stem}-schema{version}-before-migration-{stamp}.sqlite"
    return backup_sqlite(path, target)


def _check_sqlite_file(path: Path) -> None:
    """Refuse early, and without writing, a file that is not an SQLite database."""
    if not path.exists():
        if not path.parent.exists():
            raise StorageError(f"{path}: folder {path.parent} does not exist")
        return
    if path.is_dir():
        raise StorageError(f"{path}: is a folder, not a database file")
    with path.open("rb") as handle:
        header = handle.read(16)
    if header and header != b"SQLite format 3\x00":
        raise StorageError(f"{path}: not an SQLite database")


def open_database(location: str | None = None, *, user: str | None = None, create: bool = True) -> Store:
    """Open (creating if allowed) and migrate the database at `location`, a path or a URL."""
    location = location or default_database_location()
    if not is_url(location):
        path = Path(location).expanduser()
        if not create and not path.exists():
            raise StorageError(f"{path}: no such database file")
        _check_sqlite_file(path)
        location = str(path)
    db = _connect(location)
    try:
        db.connect()
        db.bind(ALL_MODELS)
        version, backups = _migrate(db, location)
    except StorageError:
        db.close()
        raise
    except peewee.DatabaseError as error:
        db.close()
        raise StorageError(f"{_display(location)}: {error}") from error
    except peewee.ImproperlyConfigured as error:
        raise StorageError(f"{_display(location)}: the database driver is not installed ({error})") from error
    return Store(db=db, location=location, user=user or default_user(), schema_version=version, backups=backups)


def _migrate(db: peewee.Database, location: str) -> tuple[int, list[Path]]:
    runner = Runner(db, str(MIGRATIONS_DIRECTORY), table_name=MIGRATION_TABLE)
    version = schema_version(db)
    if version > LATEST_SCHEMA_VERSION:
        raise StorageError(
            f"{_display(location)}: schema version {version} was written by a newer "
            f"Dialogue Planner (this one knows up to {LATEST_SCHEMA_VERSION})"
        )
    backups: list[Path] = []
    if version == LATEST_SCHEMA_VERSION:
        return version, backups
    has_tables = bool(db.get_tables())
    if has_tables and version == 0:
        raise StorageError(f"{_display(location)}: holds tables but no Dialogue Planner schema version")
    if version > 0 and isinstance(db, peewee.SqliteDatabase):
        backups.append(_backup_before_migration(Path(db.database), version))
    runner.up()
    return schema_version(db), backups


def record_count(store: Store) -> int:
    """How many records (not counting the change history) the database holds."""
    return sum(model.select().count() for model in RECORD_MODELS)
