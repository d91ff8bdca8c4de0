"""The Review view's work done on a thread of its own, its result delivered to the UI thread by signal.

At demo x100 the review's SQL takes a second or two; on the UI thread that froze the
window. `ReviewComputation.request(work)` runs `work()` (plain Python that reads the
store: no Qt objects) on a new thread with its own database connection
(`connection_context`, so SQLite, SQLCipher and PostgreSQL alike) and returns the
request's number. Each request supersedes the ones before it: only the newest one's
outcome is delivered, as `computed(number, result)` or `failed(number, reason)`; an
older result that arrives later is dropped here, before it could reach the view. On
SQLite and SQLCipher the superseded statement is interrupted so that it stops using a
core; on PostgreSQL it runs to its end. SQLite runs its statements with the GIL
released, so the UI thread keeps running meanwhile.

Lifetime: a request reports through a relay object that belongs to the application,
not to the view, and the view's side is connected to it as an ordinary receiver. A view
deleted while its request runs is simply no longer connected when the outcome comes,
and the relay deletes itself on the UI thread once its thread has ended. `stop()`
interrupts and waits for every request: call it before the store closes.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from typing import Any

import peewee
from PySide6.QtCore import QCoreApplication, QObject, Signal

from dialogue_planner.errors import PlannerError
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.pyside_fixes import emit


class _Relay(QObject):
    """One request's signals, emitted from its thread; owned by the application so the view may go first."""

    computed = Signal(int, object)
    failed = Signal(int, str)
    ended = Signal(int)


class _Request:
    """A running request: its number, whether its outcome is still wanted, and the connection to interrupt."""

    def __init__(self, number: int, work: Callable[[], Any]) -> None:
        self.number = number
        self.work = work
        self.settled = threading.Event()  # its outcome is no longer wanted: delivered, or superseded
        self.thread: threading.Thread | None = None
        self._lock = threading.Lock()  # the connection is set and cleared on the request's thread
        self._connection: Any = None

    def attach(self, connection: Any) -> None:
        with self._lock:
            self._connection = connection

    def detach(self) -> None:
        with self._lock:
            self._connection = None

    def supersede(self) -> None:
        """Drop the outcome; interrupt the statement running now (sqlite3 and sqlcipher3 allow it from any thread)."""
        self.settled.set()
        with self._lock:
            interrupt = getattr(self._connection, "interrupt", None)
            if interrupt is not None:
                interrupt()


class _CollectorPause:
    """Keeps Python's cyclic garbage collector off while any request works, then freezes what they built.

    A review at demo x100 is some 700,000 Python objects. Built with the collector on, their
    growth set off full collections (seven in one review, 100-440 ms each, freeing nothing:
    the review holds no reference cycles) that hold the GIL and so stalled the UI thread as
    much as the SQL had. `gc.freeze()` then leaves everything alive now out of later
    collections; reference counting still frees a review once the view lets it go.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._working = 0
        self._was_enabled = False

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._working == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._working += 1
        try:
            yield
        finally:
            with self._lock:
                self._working -= 1
                if self._working == 0 and self._was_enabled:
                    gc.freeze()
                    gc.enable()


_collector_paused = _CollectorPause()  # one per process, as the collector is


def one_line(text: str) -> str:
    """The first line of an error's text: the view has room for one."""
    return text.strip().splitlines()[0] if text.strip() else ""


class ReviewComputation(QObject):
    """Runs the review's work off the UI thread; only the newest request's outcome is delivered."""

    computed = Signal(int, object)  # request number, what its work returned
    failed = Signal(int, str)  # request number, a one-line reason
    ended = Signal(int)  # request number: its thread is done, whether its outcome was delivered or dropped

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._latest = 0
        self._running: dict[int, _Request] = {}

    @property
    def busy(self) -> bool:
        """True while the newest request has not delivered its outcome."""
        request = self._running.get(self._latest)
        return request is not None and not request.settled.is_set()

    def request(self, work: Callable[[], Any]) -> int:
        """Run `work()` on a new thread, superseding every earlier request; returns this request's number."""
        self.supersede()
        self._latest += 1
        request = _Request(self._latest, work)
        relay = _Relay(QCoreApplication.instance())
        relay.computed.connect(self._on_computed)
        relay.failed.connect(self._on_failed)
        relay.ended.connect(self._on_ended)
        relay.ended.connect(relay.deleteLater)
        request.thread = threading.Thread(
            target=self._run, args=(request, relay), name=f"review-{request.number}", daemon=True
        )
        self._running[request.number] = request
        request.thread.start()
        return request.number

    def supersede(self) -> None:
        """Drop the outcome of every request made so far (a period that cannot be computed, a closing view)."""
        for request in self._running.values():
            request.supersede()

    def stop(self) -> None:
        """Supersede every request and wait until their threads have ended."""
        self.supersede()
        for request in list(self._running.values()):
            if request.thread is not None:
                request.thread.join()

    # ------------------------------------------------------------------ on the request's thread

    def _run(self, request: _Request, relay: _Relay) -> None:
        outcome: tuple[Any, ...] | None = None
        try:
            outcome = (relay.computed, request.number, self._work(request))
        except PlannerError as error:
            outcome = (relay.failed, request.number, one_line(str(error)))
        except peewee.PeeweeException as error:  # includes the interruption of a superseded request
            outcome = (relay.failed, request.number, f"the database could not be read ({one_line(str(error))})")
        except Exception as error:  # noqa: BLE001 - a thread must report, not die silently
            # A bug, named by its type only: its text could quote a record, confidential ones included.
            outcome = (relay.failed, request.number, f"unexpected {type(error).__name__}")
        finally:
            if outcome is not None and not request.settled.is_set():
                emit(*outcome)
            emit(relay.ended, request.number)

    def _work(self, request: _Request) -> Any:
        with _collector_paused(), self.store.db.connection_context():
            request.attach(self.store.db.connection())
            try:
                if request.settled.is_set():
                    return None
                return request.work()
            finally:
                request.detach()

    # ------------------------------------------------------------------ on the UI thread

    def _current(self, number: int) -> bool:
        request = self._running.get(number)
        return number == self._latest and request is not None and not request.settled.is_set()

    def _on_computed(self, number: int, result: object) -> None:
        if self._current(number):
            self._running[number].settled.set()  # delivered: nothing more is wanted from it
            self.computed.emit(number, result)

    def _on_failed(self, number: int, reason: str) -> None:
        if self._current(number):
            self._running[number].settled.set()
            self.failed.emit(number, reason)

    def _on_ended(self, number: int) -> None:
        self._running.pop(number, None)
        self.ended.emit(number)
