"""Keep the views a test opens alive until the end, then delete them at once.

A view sits in reference cycles (its models' formatters refer back to it), so Python's garbage
collector, not the test's end, would decide when it goes: perhaps during a later test, with
timers of the old view still firing. Holding the views and deleting them at teardown makes the
end deterministic. The fixture is autouse where it is imported, so it is set up before qtbot
and torn down after it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid


class ViewKeeper:
    def __init__(self) -> None:
        self.views: list[QWidget] = []

    def keep(self, view: QWidget) -> QWidget:
        self.views.append(view)
        return view

    def delete_all(self) -> None:
        for view in self.views:
            if isValid(view):
                view.close()
                view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.views.clear()


_current = ViewKeeper()


def keep(view: QWidget) -> QWidget:
    """Keep `view` until the running test's teardown (see `view_keeper`)."""
    return _current.keep(view)


@pytest.fixture(autouse=True)
def view_keeper(qapp):
    """Delete the views kept by `keep` after the test and after qtbot's own teardown."""
    yield _current
    _current.delete_all()
