"""Shared fixtures: a real database for every test, an SQLite file in tmp_path or a PostgreSQL database.

The service, exchange and data-safety tests run twice, on SQLite and on a
real PostgreSQL server that this file starts on loopback for the session
(`tests/postgres_server.py`); the other tests run on SQLite only. Where the
server cannot be started, those PostgreSQL runs are skipped, except under
CI (CI=true), where they fail: CI always tests both.
"""

from __future__ import annotations

import os
from pathlib import Path

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
