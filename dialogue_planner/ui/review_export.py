"""Writing the review PDF off the UI thread: a QRunnable around `review.pdf.write_review_pdf`.

The caller owns the signals object (it lives in the UI thread, so its slots run
there) and the cancel event; the job only reads the review, which is immutable
plain data, so it never touches the database from the pool thread.
"""

from __future__ import annotations

import datetime
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from dialogue_planner.briefs.document import DocumentCancelled
from dialogue_planner.errors import PlannerError
from dialogue_planner.review.model import Review
from dialogue_planner.review.pdf import write_review_pdf


class ExportSignals(QObject):
    """What an export reports: progress (done, total), then exactly one of finished, failed or cancelled."""

    progress = Signal(int, int)
    finished = Signal(str, int)  # the file written, its page count
    failed = Signal(str)  # a one-line reason
    cancelled = Signal()


class ReviewExportJob(QRunnable):
    """Render `review` and write it to `path`; reports through `signals`, stops when `cancel` is set."""

    def __init__(
        self,
        review: Review,
        path: Path,
        signals: ExportSignals,
        cancel: threading.Event,
        generated_on: datetime.date | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._review = review
        self._path = path
        self._signals = signals
        self._cancel = cancel
        self._generated_on = generated_on

    def run(self) -> None:
        try:
            rendered = write_review_pdf(
                self._review,
                self._path,
                generated_on=self._generated_on,
                on_progress=self._signals.progress.emit,
                cancel=self._cancel,
            )
        except DocumentCancelled:
            self._signals.cancelled.emit()
        except PlannerError as error:
            self._signals.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - a pool thread must report, not die silently
            self._signals.failed.emit(f"the PDF could not be made ({type(error).__name__}: {error})")
        else:
            self._signals.finished.emit(str(self._path), rendered.page_count)
