"""The child process behind the app's exports and imports: what it is given, and that it ends with its window."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from dialogue_planner.cli import PASSPHRASE_VARIABLE
from dialogue_planner.ui.child_process import ChildCommand


def test_secrets_go_through_the_environment_never_the_command_line(store, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_VARIABLE, "a stale one from the shell")
    encrypted = dataclasses.replace(store, passphrase="correct horse")
    child = ChildCommand(["rounds"], encrypted)
    assert child.process.arguments() == ["-m", "dialogue_planner.cli", "rounds", "--db", store.location]
    assert child.process.processEnvironment().value(PASSPHRASE_VARIABLE) == "correct horse"

    server = dataclasses.replace(store, location="postgresql://planner:s%40cret@dbhost:5433/planner", passphrase=None)
    child = ChildCommand(["rounds"], server)
    assert child.process.arguments()[-1] == "postgresql://planner@dbhost:5433/planner"
    assert child.process.processEnvironment().value("PGPASSWORD") == "s@cret"
    assert not child.process.processEnvironment().contains(PASSPHRASE_VARIABLE)


def test_closing_the_window_stops_its_child(qtbot, store, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    target = tmp_path / "review.pdf"
    child = ChildCommand(["review", "-o", str(target), "--progress-lines"], store, window, output=target)
    with qtbot.waitSignal(child.cancelled, timeout=20_000):
        child.start()
        window.close()  # stops the child before the window's close goes on
    assert not child.is_running()
    assert not target.exists() and list(tmp_path.glob(".review.pdf.*")) == []
