"""The garbage collector pauses while pool jobs run and comes back when the last one ends."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, Signal

from dialogue_planner.ui.collection_pause import pause_collection, pause_until, resume_collection


class JobSignals(QObject):
    finished = Signal(str)
    failed = Signal(str)


def test_collection_resumes_when_the_last_of_two_jobs_ends(qapp):
    first, second = JobSignals(), JobSignals()

    pause_until(first.finished, first.failed)
    pause_until(second.finished, second.failed)
    assert not gc.isenabled()

    first.failed.emit("disk full")
    first.finished.emit("late, ignored")  # one job resumes once, whichever signal comes
    assert not gc.isenabled()

    second.finished.emit("brief.pdf")
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off(qapp):
    gc.disable()
    try:
        pause_collection()
        resume_collection()
        assert not gc.isenabled()
    finally:
        gc.enable()
