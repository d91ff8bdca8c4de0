"""Shared fixtures: a real database for every test, an SQLite file in tmp_path or a PostgreSQL database.

The service, exchange and data-safety tests run twice, on SQLite and on a
real PostgreSQL server that this file starts on loopback for the session
(`tests/postgres_server.py`); the other tests run on SQLite only. Where the
server cannot be started, those PostgreSQL runs are skipped, except under
CI (CI=true), where they fail: CI always tests both.
"""

from __future__ import annotations

import datetime
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Qt must never reach for a real display or the user's own settings and data.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dialogue_planner.storage.database import Store, open_database  # noqa: E402

TESTS = Path(__file__).resolve().parent
# Test folders whose `store` runs on both backends.
BOTH_BACKENDS = ("services", "exchange", "safety", "review")
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "sqlite_only: the test is about SQLite files; no PostgreSQL run")
    config.addinivalue_line("markers", "postgresql_only: the test is about PostgreSQL (roles, sessions)")


def pytest_generate_tests(metafunc) -> None:
    """Run each `store` test of the BOTH_BACKENDS folders on SQLite and on PostgreSQL."""
    if "backend" not in metafunc.fixturenames:
        return
    folder = Path(metafunc.definition.fspath).resolve().relative_to(TESTS).parts[0]
    if metafunc.definition.get_closest_marker("postgresql_only") is not None:
        backends = BACKENDS[1:]
    elif folder in BOTH_BACKENDS and metafunc.definition.get_closest_marker("sqlite_only") is None:
        backends = BACKENDS
    else:
        return  # the `backend` fixture says sqlite; the test keeps its plain name
    metafunc.parametrize("backend", backends, scope="function")


@pytest.fixture
def backend() -> str:
    """The database a `store` test runs on where it is not run on both (see pytest_generate_tests)."""
    return "sqlite"


@pytest.fixture(scope="session")
def postgres_server():
    """The session's PostgreSQL server (started on first use, stopped at the end)."""
    from tests.postgres_server import PostgresServer, PostgresUnavailable

    try:
        server = PostgresServer().start()
    except PostgresUnavailable as error:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI must test PostgreSQL: {error}", pytrace=False)
        pytest.skip(str(error))
    yield server
    server.stop()


@pytest.fixture
def store(request, tmp_path, backend) -> Store:
    """An empty, migrated database with 'tester' as the changing user: a file in tmp_path, or a PostgreSQL database."""
    if backend == "sqlite":
        opened = open_database(str(tmp_path / "planner.sqlite"), user="tester")
        yield opened
        opened.close()
        return
    server = request.getfixturevalue("postgres_server")
    opened = open_database(server.url(server.empty_database()), user="tester")
    yield opened
    opened.close()


@dataclass(frozen=True)
class DemoTemplate:
    """The demo built once: its SQLite file (nothing beside it) and the summary build_demo returned."""

    path: Path
    summary: Any  # dialogue_planner.services.demo.DemoSummary


class DemoTemplates:
    """The demo database built through the services once per session and `today`, for tests to copy.

    Building the demo takes about 2 s; copying its file takes milliseconds.
    """

    def __init__(self, tmp_path_factory) -> None:
        self._tmp_path_factory = tmp_path_factory
        self._built: dict[datetime.date, DemoTemplate] = {}

    def get(self, today: datetime.date) -> DemoTemplate:
        """The template dated `today`, built on first use exactly as a test built it: open_database + build_demo."""
        if today not in self._built:
            from dialogue_planner.services.demo import build_demo

            path = self._tmp_path_factory.mktemp(f"demo-{today.isoformat()}") / "planner.sqlite"
            built = open_database(str(path), user="tester")
            try:
                summary = build_demo(built, today=today)
                # Every page into the file itself, so that copying the file alone copies the whole database.
                busy, _, _ = built.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                assert busy == 0, "the demo template's write-ahead log could not be checkpointed"
            finally:
                built.close()
            side_files = [side for side in (Path(f"{path}-wal"), Path(f"{path}-journal"))
                          if side.exists() and side.stat().st_size > 0]
            assert not side_files, f"the demo template left changes beside its file: {side_files}"
            self._built[today] = DemoTemplate(path, summary)
        return self._built[today]

    def open_copy(self, today: datetime.date, folder: Path) -> Store:
        """A copy of the template dated `today` as folder/demo.sqlite, opened as the `store` fixture opens its file.

        The caller closes it.
        """
        target = folder / "demo.sqlite"
        shutil.copyfile(self.get(today).path, target)
        return open_database(str(target), user="tester")


@pytest.fixture(scope="session")
def demo_templates(tmp_path_factory) -> DemoTemplates:
    """The session's demo templates, one per `today` (see demo_copy)."""
    return DemoTemplates(tmp_path_factory)


@pytest.fixture
def demo_copy(request, tmp_path, backend, demo_templates):
    """A function `demo_copy(today=None)` that gives the test a database holding the demo dated `today`.

    On SQLite: its own copy of the session's template (tmp_path/demo.sqlite), opened as the `store`
    fixture opens its file and closed after the test. On PostgreSQL: the demo built in the test's
    `store`, as before. A test about build_demo itself still calls it.
    """
    opened: list[Store] = []

    def open_copy(today: datetime.date | None = None) -> Store:
        today = today or datetime.date.today()
        if backend != "sqlite":
            from dialogue_planner.services.demo import build_demo

            server_store = request.getfixturevalue("store")
            build_demo(server_store, today=today)
            return server_store
        copy = demo_templates.open_copy(today, tmp_path)
        opened.append(copy)
        return copy

    yield open_copy
    for copy in opened:
        copy.close()
