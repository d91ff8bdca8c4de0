"""Work-arounds for defects of the PySide6 release in use, each with the test that detects it.

PySide6 6.12.0: `SignalInstance.emit()` returns `True` without taking a reference to it,
so every emit from Python lowers `True`'s reference count by one. After some thousands of
emits Python 3.11 deallocates `True` and aborts ("bool_dealloc: deallocating True or
False"), typically at interpreter exit. `emit()` below gives the reference back, only on
a release where the probe shows the leak, so it stays correct once PySide is fixed.
"""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal, SignalInstance


def _give_back_true() -> None:
    import ctypes  # only on a leaking release: ctypes costs some 3 ms of every start-up

    ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


class _Probe(QObject):
    ping = Signal()


def _emit_leaks_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()
    leaked = sys.getrefcount(True) < before
    if leaked:
        _give_back_true()
    return leaked


_lock = threading.Lock()
_leaks: bool | None = None  # decided once per process, on first use


def emit_leaks_true() -> bool:
    """True when this PySide's emit() drops a reference to True (decided by a probe, once)."""
    global _leaks
    with _lock:
        if _leaks is None:
            _leaks = _emit_leaks_true()
        return _leaks


def emit(signal: SignalInstance, *arguments: object) -> None:
    """`signal.emit(*arguments)`, giving back the reference to True that a leaking PySide takes."""
    leaks = emit_leaks_true()
    signal.emit(*arguments)
    if leaks:
        _give_back_true()
