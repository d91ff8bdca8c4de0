"""Opening an encrypted database in the app: the passphrase dialog, as a user meets it at start-up and from the menu."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QMessageBox

from dialogue_planner import app
from dialogue_planner.app import DesktopSession, run_gui
from dialogue_planner.cli import PASSPHRASE_VARIABLE
from dialogue_planner.errors import PassphraseError
from dialogue_planner.services.dialogues import add_country, start_dialogue
from dialogue_planner.services.encryption import create_encrypted_database
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic, list_topics
from dialogue_planner.storage.backups import take_backup
from dialogue_planner.storage.database import open_database
from dialogue_planner.ui.brief_export import export_brief
from dialogue_planner.ui.passphrase_dialog import PassphraseDialog
from tests.damaged_files import PAGE, database_of_many_pages

pytestmark = pytest.mark.sqlite_only
# Distinctive, so that a search of every place it must not reach finds nothing else.
PASSPHRASE = "Quokka-Zebra-Passphrase-4417"
WRONG = "Wombat-Wrong-Passphrase-0932"


@pytest.fixture(autouse=True)
def no_passphrase_in_environment(monkeypatch):
    monkeypatch.delenv(PASSPHRASE_VARIABLE, raising=False)


@pytest.fixture
def encrypted(tmp_path) -> tuple[Path, str]:
    """An encrypted database (with a recovery key) holding one dialogue with a round; closed. (path, recovery key)."""
    path = tmp_path / "secret-planner.sqlite"
    store, recovery_key = create_encrypted_database(path, PASSPHRASE, user="tester")
    try:
        dialogue = start_dialogue(store, add_country(store, "China", "CN"), "Norway–China human rights dialogue")
        plan_round(store, dialogue, city="北京", status="in_preparation")
        add_topic(store, "Death penalty")
    finally:
        store.close()
    return path, recovery_key


@pytest.fixture
def user(monkeypatch, qtbot):
    """PassphraseDialog.exec replaced by a user: `user.answers` are typed in turn, each followed by OK.

    An answer is a passphrase, None for Cancel, or a callable that does something else with the dialog.
    `user.seen` records each dialog as it appeared and every problem it said.
    """

    class User:
        answers: list = []
        seen: list[dict] = []

    def exec_(dialog: PassphraseDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        seen = {"title": dialog.windowTitle(), "heading": dialog.heading.text(), "folder": dialog.folder.text(),
                "echo": dialog.passphrase_edit.echoMode(), "recovery": dialog.recovery_button.isVisibleTo(dialog),
                "problems": [dialog.problem.text()] if not dialog.problem.isHidden() else []}
        User.seen.append(seen)
        for answer in User.answers:
            if answer is None:
                qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                                 Qt.MouseButton.LeftButton)
                break
            if callable(answer):
                answer(dialog)
            else:
                qtbot.keyClicks(dialog.passphrase_edit, answer)
                qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
            if dialog.result() == QDialog.DialogCode.Accepted:
                break
            seen["problems"].append(dialog.problem.text())
        return dialog.result()

    monkeypatch.setattr(PassphraseDialog, "exec", exec_)
    return User


@pytest.fixture
def started(monkeypatch):
    """Runs the app's start-up to its first paint; `started.window` is the window it showed, `reports` its errors."""

    class Started:
        window = None
        opened: tuple[bool, list[str]] | None = None  # encrypted?, the topics it holds
        seen: dict[str, str] = {}  # what the window showed: its title, its status bar
        reports: list[str] = []

    built = app.build_main_window

    def build(store, settings=None):
        Started.opened = (store.encrypted, [topic["name"] for topic in list_topics(store)])
        Started.window = built(store, settings=settings)
        return Started.window

    def event_loop(*_args) -> int:
        # The window is up; the user closes it at once. (A real event loop would end with quit(),
        # which leaves every later event loop of the test run returning at once.)
        window = Started.window
        Started.seen = {"title": window.windowTitle(), "status bar": window.statusBar().currentMessage()}
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(app, "build_main_window", build)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *rest: Started.reports.append(text))
    return Started


def start(location: Path) -> int:
    """The app started on `location`, as `dialogue-planner gui --db LOCATION` does, until its window is up."""
    return run_gui(str(location), exit_when_shown=True)  # (no paint comes, so nothing waits for one)


def test_start_up_asks_for_the_passphrase_and_opens_the_encrypted_database(qapp, encrypted, user, started):
    path, _ = encrypted
    user.answers = [PASSPHRASE]

    assert start(path) == 0

    assert user.seen == [{"title": "Encrypted database", "heading": "<b>secret-planner.sqlite</b> is encrypted.",
                          "folder": f"In {path.parent}", "echo": QLineEdit.EchoMode.Password, "recovery": True,
                          "problems": []}]
    assert started.opened == (True, ["Death penalty"]) and started.reports == []


def test_a_wrong_passphrase_is_said_in_the_dialog_and_the_right_one_then_opens(qapp, encrypted, user, started):
    path, _ = encrypted
    user.answers = [WRONG, "", PASSPHRASE]

    assert start(path) == 0

    assert user.seen[0]["problems"] == [
        "This passphrase does not open the database (passphrases are case-sensitive). Try again.",
        "Type the passphrase of this database.",
    ]
    assert len(user.seen) == 1 and started.opened == (True, ["Death penalty"])


def test_cancel_at_start_up_ends_with_the_usual_report(qapp, encrypted, user, started):
    path, _ = encrypted
    user.answers = [None]

    assert start(path) == 1

    assert started.window is None
    assert started.reports == [f"{path}: is encrypted and was not opened: no passphrase was given"]


def test_the_passphrase_from_the_environment_opens_it_without_asking(qapp, encrypted, user, started, monkeypatch):
    path, _ = encrypted
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)

    assert start(path) == 0

    assert user.seen == [] and started.opened == (True, ["Death penalty"])


def test_a_new_database_is_created_encrypted_with_the_passphrase_from_the_environment(qapp, tmp_path, user, started,
                                                                                      monkeypatch):
    """As `dialogue-planner demo --db NEW` creates one: a file made with the passphrase set is never plain."""
    path = tmp_path / "new-planner.sqlite"
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)

    assert start(path) == 0

    assert user.seen == [] and started.opened == (True, [])
    assert not path.read_bytes().startswith(b"SQLite format 3\x00")
    with pytest.raises(PassphraseError):
        open_database(str(path))
    open_database(str(path), passphrase=PASSPHRASE).close()


def test_a_passphrase_too_short_to_create_a_database_with_is_said_and_nothing_is_made(qapp, tmp_path, user,
                                                                                        started, monkeypatch):
    path = tmp_path / "new-planner.sqlite"
    monkeypatch.setenv(PASSPHRASE_VARIABLE, "secret")

    assert start(path) == 1

    assert started.window is None and user.seen == []
    assert started.reports == ["database: passphrase: must have at least 8 characters"]
    assert not path.exists()


def test_a_plain_database_opens_plain_with_a_passphrase_in_the_environment(qapp, tmp_path, user, started,
                                                                           monkeypatch):
    path = tmp_path / "plain-planner.sqlite"
    open_database(str(path)).close()
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)

    assert start(path) == 0

    assert user.seen == [] and started.opened == (False, [])
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_wrong_passphrase_in_the_environment_is_said_and_asked_for(qapp, encrypted, user, started, monkeypatch):
    path, _ = encrypted
    monkeypatch.setenv(PASSPHRASE_VARIABLE, WRONG)
    user.answers = [PASSPHRASE]

    assert start(path) == 0

    assert user.seen[0]["problems"] == ["The passphrase in DIALOGUE_PLANNER_PASSPHRASE does not open this database."]
    assert started.opened == (True, ["Death penalty"])


def test_a_screenshot_asks_nobody_and_reports_in_one_line(qapp, encrypted, user, tmp_path, capsys):
    path, _ = encrypted

    assert run_gui(str(path), screenshot=str(tmp_path / "shot.png")) == 1

    assert user.seen == []
    assert capsys.readouterr().err == (
        f"dialogue-planner: {path}: is encrypted and opens only with its passphrase\n")


def test_the_recovery_key_opens_it_and_sets_a_new_passphrase(qapp, qtbot, encrypted, user, started):
    path, recovery_key = encrypted

    def use_recovery_key(new: str, again: str):
        def answer(dialog: PassphraseDialog) -> None:
            if not dialog.using_recovery_key:
                qtbot.mouseClick(dialog.recovery_button, Qt.MouseButton.LeftButton)
            for field, text in ((dialog.recovery_key_edit, recovery_key), (dialog.new_passphrase_edit, new),
                                (dialog.repeated_passphrase_edit, again)):
                field.clear()
                qtbot.keyClicks(field, text)
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return answer

    user.answers = [use_recovery_key("a new passphrase", "a new passfrase"), use_recovery_key("short", "short"),
                    use_recovery_key("a new passphrase", "a new passphrase")]

    assert start(path) == 0

    assert user.seen[0]["problems"] == ["The two new passphrases differ. Type the new one again.",
                                        "The new passphrase must have at least 8 characters."]
    assert started.opened == (True, ["Death penalty"])
    open_database(str(path), user="tester", passphrase="a new passphrase").close()
    with pytest.raises(Exception, match="cannot be read with this passphrase"):
        open_database(str(path), user="tester", passphrase=PASSPHRASE)


def test_a_wrong_recovery_key_is_said_in_the_dialog(qapp, qtbot, encrypted, user, started):
    path, _ = encrypted

    def wrong_key(dialog: PassphraseDialog) -> None:
        qtbot.mouseClick(dialog.recovery_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.recovery_key_edit, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH")
        qtbot.keyClicks(dialog.new_passphrase_edit, "a new passphrase")
        qtbot.keyClicks(dialog.repeated_passphrase_edit, "a new passphrase")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    user.answers = [wrong_key, None]

    assert start(path) == 1

    assert user.seen[0]["problems"] == ["This recovery key does not open the database. Check it against the paper."]
    open_database(str(path), user="tester", passphrase=PASSPHRASE).close()  # the passphrase was left as it was


def test_a_database_without_recovery_key_offers_none(qapp, tmp_path, user, started):
    path = tmp_path / "direct.sqlite"
    open_database(str(path), user="tester", passphrase=PASSPHRASE).close()
    user.answers = [PASSPHRASE]

    assert start(path) == 0

    assert user.seen[0]["recovery"] is False and started.opened == (True, [])


def test_a_damaged_plain_file_still_offers_its_backup_not_a_passphrase_prompt(qapp, tmp_path, user, started,
                                                                              monkeypatch):
    path = database_of_many_pages(tmp_path / "planner.sqlite")
    take_backup(path, "daily")
    content = bytearray(path.read_bytes())
    content[:PAGE] = random.Random(5).randbytes(PAGE)  # the first page overwritten: noise, as ciphertext looks
    path.write_bytes(bytes(content))
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *_, **__: asked.append(text) or QMessageBox.StandardButton.No)

    assert start(path) == 1

    assert user.seen == []
    assert len(asked) == 1 and "is damaged" in asked[0] and "Restore the newest good backup" in asked[0]


@pytest.fixture
def session(qtbot, tmp_path):
    """The app's session on a plain database, its window shown."""
    plain = open_database(str(tmp_path / "plain.sqlite"), user="tester", defer_checks=True)
    session = DesktopSession(plain, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    session.window.show()
    qtbot.waitExposed(session.window)
    yield session
    session.window.close()
    session.close()


def test_cancel_when_switching_keeps_the_current_window_and_database(session, encrypted, user, monkeypatch):
    path, _ = encrypted
    window, store = session.window, session.store
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *rest: warned.append(text))
    user.answers = [WRONG, None]

    session.switch_to(str(path))

    assert (session.window, session.store) == (window, store) and window.isVisible()
    assert not store.encrypted and store.db.is_closed() is False
    assert warned == [] and len(user.seen) == 1


@pytest.mark.parametrize("restore", [False, True])
def test_a_damaged_file_chosen_from_the_menu_offers_its_newest_backup(session, tmp_path, monkeypatch, restore):
    """As at start-up: the damage is named, the newest good backup offered; restored, it is the one opened."""
    path = database_of_many_pages(tmp_path / "other.sqlite")
    take_backup(path, "daily")
    content = bytearray(path.read_bytes())
    content[:PAGE] = random.Random(5).randbytes(PAGE)  # the header and schema page: found when the file opens
    path.write_bytes(bytes(content))
    window, store = session.window, session.store
    asked: list[str] = []
    warned: list[str] = []
    answer = QMessageBox.StandardButton.Yes if restore else QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text, *_, **__: asked.append(text) or answer)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *rest: warned.append(text))

    session.window.database_actions.databaseChosen.emit(str(path))  # as File > Open, a recent one or Settings do

    assert len(asked) == 1 and str(path) in asked[0] and "Restore the newest good backup" in asked[0]
    assert warned == []
    if restore:
        assert session.store.location == str(path) and session.window is not window
        assert len(list_topics(session.store)) == 120  # the backup's records
    else:
        assert (session.window, session.store) == (window, store) and window.isVisible()
        assert path.read_bytes() == bytes(content)  # left exactly as it was


def test_an_encrypted_database_opened_from_the_menu_exports_a_brief_in_a_child(qtbot, session, encrypted, user,
                                                                                tmp_path):
    path, _ = encrypted
    user.answers = [PASSPHRASE]
    session.window.database_actions.databaseChosen.emit(str(path))  # as File > Open, a recent one or Settings do

    assert session.store.encrypted and session.store.location == str(path)
    round_id = session.store.db.execute_sql("SELECT id FROM round").fetchone()[0]
    target = tmp_path / "brief.pdf"
    export = export_brief(session.window, session.store, round_id, path=target)
    ended: list[tuple] = []
    export.signals.finished.connect(lambda *args: ended.append(("finished", *args)))
    export.signals.failed.connect(lambda reason: ended.append(("failed", reason)))
    qtbot.waitUntil(lambda: bool(ended), timeout=60_000)

    assert ended[0][:2] == ("finished", str(target)) and ended[0][2] > 0
    assert target.read_bytes().startswith(b"%PDF")


def test_the_passphrase_reaches_no_title_status_bar_settings_or_log(qapp, encrypted, user, started, caplog,
                                                                   capsys, isolated_qt, monkeypatch):
    path, _ = encrypted
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv(PASSPHRASE_VARIABLE, WRONG)
    user.answers = [WRONG, PASSPHRASE]

    assert start(path) == 0

    output = capsys.readouterr()
    settings_text = "".join(file.read_text(encoding="utf-8", errors="replace")
                            for file in isolated_qt.rglob("*") if file.is_file())
    assert str(path) in settings_text  # the settings were written, with the database among the recent ones
    assert started.seen["title"] == "Dialogue Planner — secret-planner.sqlite"
    places = {**started.seen, "settings": settings_text, "log": caplog.text, "output": output.out + output.err,
              "dialog": " ".join(" ".join(seen["problems"]) for seen in user.seen)}
    for secret in (PASSPHRASE, WRONG):
        for place, text in places.items():
            assert secret not in text, f"the passphrase reached the {place}"


def test_reopening_the_same_encrypted_database_asks_nothing(qtbot, tmp_path, encrypted, user):
    path, _ = encrypted
    opened = open_database(str(path), user="tester", passphrase=PASSPHRASE, defer_checks=True)
    session = DesktopSession(opened, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    try:
        session.switch_to(str(path))  # as after a restore from a backup, which reopens the window on the file

        assert user.seen == []
        assert session.store is not opened and session.store.encrypted
    finally:
        session.window.close()
        session.close()


def test_an_encrypted_file_found_damaged_offers_its_backup_and_reopens_without_asking_again(
    qapp, encrypted, user, started, monkeypatch
):
    path, recovery_key = encrypted
    store = open_database(str(path), user="tester", passphrase=PASSPHRASE)
    for number in range(120):
        add_topic(store, f"Topic {number:03}", "A description long enough to fill pages. " * 20)
    store.close()
    take_backup(path, "daily", passphrase=recovery_key)
    path.write_bytes(path.read_bytes()[: 20 * PAGE])  # cut short, as by a full disk or a failed copy
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *_, **__: asked.append(text) or QMessageBox.StandardButton.Yes)
    user.answers = [PASSPHRASE]

    assert start(path) == 0

    assert len(user.seen) == 1  # the restored file opened with the same key, unasked
    assert len(asked) == 1 and "is damaged" in asked[0] and PASSPHRASE not in asked[0]
    assert started.opened[0] and len(started.opened[1]) == 121
