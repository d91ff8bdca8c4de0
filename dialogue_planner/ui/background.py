"""Long work off the UI thread: a plain function run on a pool thread, with a cancellable progress dialog.

    task = run_in_background(parent, "Export to JSON", work, pool)

`work(progress, cancel)` is plain Python: it calls `progress(done, total, text)`
and stops with `errors.Cancelled` when `cancel` (a threading.Event) is set. The
caller owns the signals object (a QRunnable's own signals can die with it on the
pool thread) and the pool, and waits for the pool on quit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from dialogue_planner.errors import Cancelled, PlannerError
from dialogue_planner.ui.collection_pause import pause_until
from dialogue_planner.ui.pyside_fixes import emit

Work = Callable[[Callable[[int, int, str], None], threading.Event], Any]


class TaskSignals(QObject):
    """What a task reports: progress, then exactly one of finished, failed or cancelled."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # what the work returned
    failed = Signal(str)  # a one-line reason fit to show
    cancelled = Signal()


class _TaskRunnable(QRunnable):
    def __init__(self, work: Work, signals: TaskSignals, cancel: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._signals, self._cancel = work, signals, cancel

    def run(self) -> None:
        try:
            result = self._work(self._progress, self._cancel)
        except Cancelled:
            emit(self._signals.cancelled)
        except PlannerError as error:
            emit(self._signals.failed, str(error))
        except Exception as error:  # noqa: BLE001 - a pool thread must report, not die silently
            emit(self._signals.failed, f"the work stopped on an unexpected error ({type(error).__name__})")
        else:
            emit(self._signals.finished, result)

    def _progress(self, done: int, total: int, text: str) -> None:
        emit(self._signals.progress, done, total, text)


class BackgroundTask(QObject):
    """One running task: its signals, its cancel event and the progress dialog the user can cancel."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.signals = TaskSignals(self)
        self.cancel_event = threading.Event()
        self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # quick work finishes without a flash of dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.signals.progress.connect(self._show_progress)
        for done in (self.signals.finished, self.signals.failed, self.signals.cancelled):
            done.connect(self.dialog.close)

    def cancel(self) -> None:
        """Ask the work to stop; it reports `cancelled` and leaves everything as it was."""
        self.cancel_event.set()

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if text:
            self.dialog.setLabelText(text)


def run_in_background(parent: QWidget | None, title: str, work: Work, pool: QThreadPool) -> BackgroundTask:
    """Start `work` on `pool`; connect to the returned task's signals to hear how it ends."""
    task = BackgroundTask(parent, title)
    pause_until(task.signals.finished, task.signals.failed, task.signals.cancelled)  # ui/collection_pause.py
    pool.start(_TaskRunnable(work, task.signals, task.cancel_event))
    return task
