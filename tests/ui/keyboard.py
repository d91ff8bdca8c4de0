"""Typing any script in tests: QTest only knows ASCII keys, so other text arrives as an input method commits it."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into `widget`: ASCII as key clicks, everything else as an input method's commit (IME)."""
    for character in text:
        if character.isascii():
            QTest.keyClicks(widget, character)
        else:
            event = QInputMethodEvent()
            event.setCommitString(character)
            QApplication.sendEvent(widget, event)
