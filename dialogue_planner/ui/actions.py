"""Menu and toolbar actions, made the way that keeps start-up light."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def make_action(
    parent: QObject,
    text: str,
    *,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    slot: Callable[..., object] | None = None,
    name: str = "",
) -> QAction:
    """An action with its text, and a shortcut, slot and object name where given.

    It is made from its parent alone and given its text after: for `QAction(text, parent)`
    PySide6 weighs the `QAction(icon, text, parent)` form too, which sets up Qt's icon type with
    its enums (some 11 M instructions, 3 ms, of every start-up) though no action has an icon.
    """
    action = QAction(parent)
    action.setText(text)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if slot is not None:
        action.triggered.connect(slot)
    if name:
        action.setObjectName(name)
    return action
