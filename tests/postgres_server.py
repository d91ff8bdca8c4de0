"""A throwaway PostgreSQL server for the tests: Debian's binaries, a temporary data folder, loopback only.

`PostgresServer.start()` runs initdb and pg_ctl (as the `postgres` system user
when the tests run as root, because PostgreSQL refuses to run as root), makes
a migrated template database, and hands out fresh databases copied from it,
which is much faster than migrating each one. Most tests share one such
database, emptied between tests (`empty_database`: a millisecond, where a
new copy takes up to a second on a busy machine). Tuned for speed, not
safety: fsync is off, which is fine for a server thrown away after the run.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg2

from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import open_database

OWNER = "planner"  # owns the test databases and writes through the services
READER = "planner_reader"  # may read every table and change nothing
SUPERUSER = "postgres"
TEMPLATE = "planner_template"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries on this machine, or the server would not start."""


def find_binaries() -> Path:
    """The folder holding initdb and pg_ctl: $PG_BIN, Debian's newest /usr/lib/postgresql/*/bin, or the PATH."""
    candidates = [os.environ.get("PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2]))[::-1]
    found = shutil.which("initdb")
    candidates.append(str(Path(found).parent) if found else "")
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found; install them with `apt-get install -y postgresql`"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """One server in a temporary folder; `stop()` ends it and removes the folder."""

    def __init__(self) -> None:
        self.binaries = find_binaries()
        self.root = Path(tempfile.mkdtemp(prefix="dialogue-planner-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._counter = itertools.count(1)
        self._shared: str | None = None
        self._resetter = None
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError as error:
                raise PostgresUnavailable("running as root and there is no `postgres` system user") from error
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *command: str) -> None:
        result = subprocess.run([*self._as_user, *command], capture_output=True, text=True, cwd=self.root)
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PostgresUnavailable(f"{command[0]} failed: {result.stderr.strip()} {tail}")

    def start(self) -> PostgresServer:
        self._run(
            str(self.binaries / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
            "--encoding=UTF8", "--locale=C", "--no-sync",
        )
        options = " ".join([
            f"-p {self.port}", "-c listen_addresses=127.0.0.1", f"-c unix_socket_directories={self.root}",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=100",
        ])
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")
        with self.admin() as connection, connection.cursor() as cursor:
            cursor.execute(f"CREATE ROLE {OWNER} LOGIN CREATEDB")
            cursor.execute(f"CREATE ROLE {READER} LOGIN")
            cursor.execute(f"CREATE DATABASE {TEMPLATE} OWNER {OWNER}")
        open_database(self.url(TEMPLATE), user="template").close()
        self._grant_reading(TEMPLATE)
        return self

    def _grant_reading(self, database: str) -> None:
        connection = psycopg2.connect(self.dsn(database, OWNER))
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READER}")
        finally:
            connection.close()

    def empty_database(self) -> str:
        """The shared test database, emptied: no rows, ids counting from 1 again, schema as migrated."""
        if self._shared is None:
            self._shared = self.create_database()
            self._resetter = psycopg2.connect(self.dsn(self._shared, OWNER))
            self._resetter.autocommit = True
        statements = [f'DELETE FROM "{model._meta.table_name}"' for model in reversed(m.ALL_MODELS)]
        statements += [
            f"SELECT setval(pg_get_serial_sequence('\"{model._meta.table_name}\"', 'id'), 1, false)"
            for model in m.ALL_MODELS
        ]
        with self._resetter.cursor() as cursor:
            cursor.execute(";".join(statements))
        return self._shared

    def stop(self) -> None:
        if self._resetter is not None:
            self._resetter.close()
        try:
            self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def dsn(self, database: str, user: str = SUPERUSER) -> str:
        return f"host=127.0.0.1 port={self.port} dbname={database} user={user}"

    def url(self, database: str, user: str = OWNER) -> str:
        """The database URL the app takes (`--db`)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self):
        """A superuser connection to the maintenance database, in autocommit (CREATE DATABASE needs it)."""
        connection = psycopg2.connect(self.dsn("postgres"))
        connection.autocommit = True
        return _Closing(connection)

    def create_database(self) -> str:
        """A fresh, migrated, empty database (a copy of the template); returns its name."""
        name = f"planner_test_{next(self._counter)}"
        with self.admin() as connection, connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} OWNER {OWNER}")
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as connection, connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class _Closing:
    """A psycopg2 connection as a context manager that closes it (psycopg2's own only ends the transaction)."""

    def __init__(self, connection) -> None:
        self.connection = connection

    def __enter__(self):
        return self.connection

    def __exit__(self, *exc_info) -> None:
        self.connection.close()
