"""Python's cyclic garbage collector paused while long work (a PDF, an export) runs on pool threads.

A full collection walks every object while holding the GIL, and it runs in whichever thread happens
to allocate: mostly the pool thread laying out hundreds of pages, which then keeps the UI thread
from running any Python (a model's data(), a slot) until it is done. At the demo x100 a review
export and a brief export together froze the window for up to a second at a time
(benchmarks/bench_ui.py). So the collector is paused from the UI thread when a job starts and
resumed from the UI thread when the last job ends: no collection runs on a pool thread at all, so
no Qt wrapper is ever destroyed there either. Reference counting frees nearly everything meanwhile;
only cycles wait for the end of the job.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import SignalInstance

_paused_jobs = 0
_disabled_here = False


def pause_collection() -> None:
    """Pause automatic collection until as many `resume_collection()` calls (UI thread only)."""
    global _paused_jobs, _disabled_here
    if _paused_jobs == 0 and gc.isenabled():
        gc.disable()
        _disabled_here = True
    _paused_jobs += 1


def resume_collection() -> None:
    """End one pause; the last one switches collection back on (if it was on before)."""
    global _paused_jobs, _disabled_here
    _paused_jobs = max(0, _paused_jobs - 1)
    if _paused_jobs == 0 and _disabled_here:
        _disabled_here = False
        gc.enable()


def pause_until(*ends: SignalInstance) -> None:
    """Pause collection now and resume it once, at the first of `ends` (signals emitted to the UI thread)."""
    pause_collection()
    resumed = False

    def resume(*_arguments: object) -> None:
        nonlocal resumed
        if not resumed:
            resumed = True
            resume_collection()
            for end in ends:  # signals that outlive the job (a view's) must not gather old slots
                end.disconnect(resume)

    for end in ends:
        end.connect(resume)
