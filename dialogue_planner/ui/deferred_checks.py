"""The checks an opened database still owes, run on a thread of their own once its window is up.

The app opens its database with `open_database(defer_checks=True)`: only a light
check before the window (header, schema, length), so that it opens as fast with
decades of records as with a few. `DeferredChecks` then runs
`storage.database.complete_deferred_checks` (the quick check of every page, then
today's backup) beside the window and reports the outcome as signals, delivered on
the UI thread. SQLite does that work with the GIL released, so the window stays
responsive while it runs.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from dialogue_planner.errors import DamagedDatabaseError, PlannerError
from dialogue_planner.storage.database import Store, complete_deferred_checks
from dialogue_planner.ui.pyside_fixes import emit


class DeferredChecks(QObject):
    """One store's owed checks: `start()` once, then exactly one of damaged or passed, then finished."""

    damaged = Signal(object)  # the DamagedDatabaseError, naming the file and its newest good backup
    passed = Signal(list)  # what the user should still be told (today's backup could not be taken), maybe nothing
    finished = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._thread: threading.Thread | None = None

    @property
    def pending(self) -> bool:
        return self.store.checks_pending

    def start(self) -> None:
        """Run the checks on their own thread (nothing happens for a store that owes none)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="deferred-database-checks", daemon=True)
            self._thread.start()

    def wait(self) -> None:
        """Block until the checks are done (a backup is never left half-written at quit)."""
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        try:
            warnings = complete_deferred_checks(self.store)
        except DamagedDatabaseError as error:
            emit(self.damaged, error)
        except PlannerError as error:  # the check itself could not run (the file went away, a full disk)
            emit(self.passed, [f"the database could not be checked: {error}"])
        except Exception as error:  # noqa: BLE001 - a thread must report, not die silently
            emit(self.passed, [f"the database could not be checked ({type(error).__name__})"])
        else:
            emit(self.passed, warnings)
        emit(self.finished)
