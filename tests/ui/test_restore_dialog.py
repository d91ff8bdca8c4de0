"""The restore dialog, the damaged-database offer and the read-only notice, driven like a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from dialogue_planner.errors import DamagedDatabaseError
from dialogue_planner.services.backups import back_up
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.backups import list_backups, take_backup
from dialogue_planner.storage.database import open_database
from dialogue_planner.ui.notices import ReadOnlyNotice
from dialogue_planner.ui.restore_dialog import RestoreDialog, offer_newest_backup


class Answers:
    """Stands in for the message boxes: records what was asked and told, answers as set."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []
        self.told: list[str] = []

    def ask(self, parent, title, text) -> bool:
        self.asked.append(text)
        return self.answer

    def tell(self, parent, title, text) -> None:
        self.told.append(text)


@pytest.mark.parametrize("answer", [True, False])
def test_restoring_asks_naming_the_file_then_swaps_it(qtbot, store, answer):
    add_topic(store, "Death penalty")
    saved = back_up(store.path)
    add_topic(store, "Labour rights")
    answers = Answers(answer)
    dialog = RestoreDialog(store, ask=answers.ask, tell=answers.tell)
    qtbot.addWidget(dialog)
    assert dialog.backups.count() == 1
    assert dialog.backups.item(0).data(Qt.ItemDataRole.UserRole) == str(saved)

    restored: list[str] = []
    dialog.databaseRestored.connect(restored.append)

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert len(answers.asked) == 1 and str(store.path) in answers.asked[0]
    assert dialog.backups.item(0).text() in answers.asked[0]
    names = [topic.name for topic in m.Topic.select().order_by(m.Topic.id)]
    if answer:
        assert restored == [str(saved)]
        assert names == ["Death penalty"]
    else:
        assert restored == []
        assert names == ["Death penalty", "Labour rights"]
    assert answers.told == []


def test_a_damaged_database_is_offered_its_newest_good_backup(qtbot, tmp_path):
    path = tmp_path / "planner.sqlite"
    store = open_database(str(path), user="tester")
    add_topic(store, "Death penalty")
    store.close()
    good = take_backup(path, "daily")
    path.write_bytes(path.read_bytes()[:4096] + b"\x00" * 4096)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(str(path), user="tester")
    answers = Answers(True)

    assert offer_newest_backup(caught.value, ask=answers.ask, tell=answers.tell)

    assert str(path) in answers.asked[0] and "left exactly as it is" in answers.asked[0]
    assert any(info.reason == "before-restore" for info in list_backups(path))
    reopened = open_database(str(path), user="tester")
    try:
        assert [topic.name for topic in m.Topic.select()] == ["Death penalty"]
    finally:
        reopened.close()
    assert Path(good).exists()


def test_without_a_good_backup_the_damage_is_only_reported(tmp_path):
    path = tmp_path / "planner.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(str(path), user="tester")
    answers = Answers(True)

    assert not offer_newest_backup(caught.value, ask=answers.ask, tell=answers.tell)

    assert answers.asked == []
    assert answers.told[0].startswith(f"{path}: the database file is damaged")


def test_the_read_only_notice_shows_only_for_a_read_only_store(qtbot, store, tmp_path):
    writable = ReadOnlyNotice(store)
    qtbot.addWidget(writable)
    store.close()
    read_only = open_database(str(store.path), user="tester", read_only=True)
    try:
        notice = ReadOnlyNotice(read_only)
        qtbot.addWidget(notice)
        assert not writable.isVisibleTo(None) and writable.isHidden()
        assert not notice.isHidden()
        assert notice.text().startswith("Read-only:")
    finally:
        read_only.close()
