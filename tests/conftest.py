"""Shared fixtures: a real SQLite database file in a temporary folder for every test."""

from __future__ import annotations

import os

import pytest

# Qt must never reach for a real display or the user's own settings and data.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dialogue_planner.storage.database import Store, open_database  # noqa: E402


@pytest.fixture
def store(tmp_path) -> Store:
    """An empty, migrated database file in tmp_path, with 'tester' as the changing user."""
    opened = open_database(str(tmp_path / "planner.sqlite"), user="tester")
    yield opened
    opened.close()
