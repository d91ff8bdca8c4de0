"""Widgets that Python tears down before Qt does.

A view that is dropped while caught in a reference cycle (its models' formatters refer back to
it) is collected by Python's garbage collector, which clears the Python side of each of its
widgets first; Qt then deletes the widgets and, on the way, still sends them hide events and
lets their timers fire. Python overrides that run then find their attributes gone or their
child widgets deleted. `torn_down` tells them to do nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from shiboken6 import isValid


def torn_down(owner: QObject, attribute: str) -> bool:
    """Whether `owner` has lost `attribute` (a child it made in its constructor) or its Qt object."""
    child = owner.__dict__.get(attribute)
    return child is None or not isValid(child) or not isValid(owner)
