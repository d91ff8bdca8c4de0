"""Writing the review PDF from the Review view: `dialogue-planner review` in a child process.

The child computes the review for exactly the view's scope (the dialogues ticked, by id; the
period; the view's "today", which decides what is overdue and the date on the cover) and writes
it as `review.pdf.export_review_pdf` does, so the file equals what the view shows. Its layout runs
outside the app's process: on a pool thread it held the GIL against the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from dialogue_planner.review import ReviewScope


class ExportSignals(QObject):
    """What an export reports: progress (done, total), then exactly one of finished, failed or cancelled."""

    progress = Signal(int, int)
    finished = Signal(str, int)  # the file written, its page count
    failed = Signal(str)  # a one-line reason
    cancelled = Signal()


def review_command(scope: ReviewScope, path: Path) -> list[str]:
    """The command line (after the program) that writes the review of `scope` to `path`."""
    arguments = ["review", "-o", str(path), "--today", scope.today.isoformat(), "--progress-lines"]
    if scope.dialogue_ids is not None:  # None: every dialogue, new ones too; () none ticked
        arguments.append("--dialogue-ids=" + ",".join(str(dialogue_id) for dialogue_id in scope.dialogue_ids))
    if scope.start is not None:
        arguments += ["--from", scope.start.isoformat()]
    if scope.end is not None:
        arguments += ["--to", scope.end.isoformat()]
    return arguments
