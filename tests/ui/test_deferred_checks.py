"""The app opens its database with a light check and runs the full one beside the window, as a user meets it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from dialogue_planner.app import DesktopSession
from dialogue_planner.storage import models as m
from dialogue_planner.storage.backups import list_backups, take_backup
from dialogue_planner.storage.database import open_database
from tests.damaged_files import database_of_many_pages, overwrite_last_pages


@pytest.fixture
def database(tmp_path) -> Path:
    """A closed database of a few dozen pages: the last ones hold topic rows, far from the schema."""
    return database_of_many_pages(tmp_path / "planner.sqlite")


@pytest.fixture
def session_on(qtbot, tmp_path):
    sessions: list[DesktopSession] = []

    def session_on(path: Path) -> DesktopSession:
        store = open_database(str(path), user="tester", defer_checks=True)
        session = DesktopSession(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        sessions.append(session)
        session.window.show()
        qtbot.waitExposed(session.window)
        return session

    yield session_on
    for session in sessions:
        session.window.close()
        session.close()


def test_a_sound_database_opens_first_and_is_checked_and_backed_up_beside_the_window(qtbot, database, session_on):
    session = session_on(database)
    assert session.store.checks_pending and list_backups(database) == []  # nothing slow before the window

    with qtbot.waitSignal(session.checks.passed, timeout=10_000) as passed:
        session.start_checks()

    assert passed.args == [[]]
    assert not session.store.checks_pending
    assert [(info.reason, info.taken_at.date()) for info in list_backups(database)] == [
        ("daily", datetime.date.today())
    ]
    assert session.window.location_warning.isHidden()


def test_damage_found_after_opening_is_reported_and_the_newest_good_backup_restored(
    qtbot, database, session_on, monkeypatch
):
    good = take_backup(database, "daily")
    overwrite_last_pages(database)
    asked: list[str] = []

    def answer_yes(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    session = session_on(database)
    damaged_window = session.window

    session.start_checks()
    qtbot.waitUntil(lambda: session.window is not damaged_window, timeout=10_000)

    assert len(asked) == 1
    assert str(database) in asked[0] and "is damaged" in asked[0] and "left exactly as it is" in asked[0]
    assert m.Topic.select().count() == 120  # the backup's records, in a window opened afresh on them
    assert session.store.path == database
    assert any(info.reason == "before-restore" for info in list_backups(database))  # the damaged file kept
    assert Path(good).exists()


def test_damage_the_user_leaves_for_now_stays_in_the_warning_strip(qtbot, database, session_on, monkeypatch):
    take_backup(database, "daily")
    overwrite_last_pages(database)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No)
    session = session_on(database)

    with qtbot.waitSignal(session.checks.damaged, timeout=10_000):
        session.start_checks()

    warning = session.window.location_warning
    assert warning.isVisible()
    assert warning.text().startswith(f"{database}: the database file is damaged: ")
    assert "newest good backup" in warning.text()
