"""Exporting a brief from the app: the job off the UI thread, progress, cancel, failure, preview, print."""

from __future__ import annotations

import sys
import threading

import pypdf
import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from dialogue_planner.services.demo import build_demo
from dialogue_planner.services.rounds import list_rounds
from dialogue_planner.ui import brief_export
from dialogue_planner.ui.brief_export import BriefPreviewDialog, export_brief, run_brief_export
from dialogue_planner.ui.pyside_fixes import emit
from tests.briefs.conftest import DEMO_TODAY


@pytest.fixture
def china_round(store) -> int:
    build_demo(store, today=DEMO_TODAY)
    return next(row["id"] for row in list_rounds(store) if row["country"] == "China" and row["number"] == 15)


@pytest.fixture
def pool():
    """A private pool; the test fails if a job is still running when it ends."""
    jobs = QThreadPool()
    yield jobs
    assert jobs.waitForDone(30_000), "an export job was still running"


def test_job_runs_on_another_thread_with_its_own_connection(store, china_round, tmp_path):
    seen: list[tuple[int, int, str]] = []
    outcome: dict[str, object] = {}

    def job() -> None:
        outcome["pages"] = run_brief_export(store, china_round, tmp_path / "brief.pdf", shareable=False,
                                            progress=lambda *report: seen.append(report), cancel=threading.Event())
        outcome["closed"] = store.db.is_closed()  # the pool thread's connection is closed again

    worker = threading.Thread(target=job)
    worker.start()
    worker.join(60)
    assert outcome["pages"] == len(pypdf.PdfReader(tmp_path / "brief.pdf").pages)
    assert outcome["closed"] is True
    assert seen[0] == (0, 100, "Reading the round") and seen[-1] == (100, 100, "Done")
    assert not store.db.is_closed()  # the UI thread's connection was never touched


def test_export_shows_progress_then_the_preview(qtbot, store, china_round, tmp_path, pool):
    target = tmp_path / "China-round-15-brief.pdf"
    export = export_brief(None, store, china_round, path=target, pool=pool)
    progress: list[int] = []
    export.signals.progress.connect(lambda done, total, what: progress.append(done))
    with qtbot.waitSignal(export.previewOpened, timeout=60_000) as opened:
        pass
    preview = opened.args[0]
    qtbot.addWidget(preview)
    assert isinstance(preview, BriefPreviewDialog)
    assert preview.document.pageCount() == len(pypdf.PdfReader(target).pages)
    assert preview.summary.text() == f"{preview.document.pageCount()} pages · {target}"
    assert progress and progress[-1] == 100
    assert not export.progress_dialog.isVisible()
    qtbot.waitUntil(lambda: preview.view.isVisible())
    preview.grab().save(str(tmp_path / "preview.png"))


def test_cancel_stops_the_job_and_writes_nothing(qtbot, store, china_round, tmp_path, pool):
    target = tmp_path / "brief.pdf"
    export = export_brief(None, store, china_round, path=target, pool=pool)
    export.progress_dialog.show()
    cancel_button = export.progress_dialog.findChild(QPushButton)
    with qtbot.waitSignal(export.signals.cancelled, timeout=60_000):
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)  # the user presses Cancel
    assert export.cancel_event.is_set()
    assert not target.exists() and list(tmp_path.glob("*.part")) == []
    assert export.preview is None


def test_unknown_round_reports_one_line_and_writes_nothing(qtbot, store, china_round, tmp_path, pool):
    export = export_brief(None, store, 99999, path=tmp_path / "brief.pdf", pool=pool)
    with qtbot.waitSignal(export.signals.failed, timeout=60_000) as failed:
        pass
    assert failed.args == ["no round with id 99999"]
    qtbot.addWidget(export.failure_box)
    qtbot.waitUntil(export.failure_box.isVisible)
    assert export.failure_box.text() == "The brief was not written: no round with id 99999"
    assert not (tmp_path / "brief.pdf").exists()


def test_the_file_dialog_suggests_a_name_from_dialogue_and_round(qtbot, store, china_round, tmp_path, monkeypatch):
    asked: list[str] = []

    def fake_dialog(parent, caption, proposed, filter_text):
        asked.append(proposed)
        return "", ""  # the user closes the dialog

    monkeypatch.setattr(brief_export.QFileDialog, "getSaveFileName", fake_dialog)
    assert export_brief(None, store, china_round, shareable=True) is None
    assert asked[0].endswith("China-round-15-shareable-brief.pdf")


def test_preview_prints_every_page_and_opens_the_system_viewer(qtbot, store, china_round, tmp_path, monkeypatch):
    target = tmp_path / "brief.pdf"
    pages = run_brief_export(store, china_round, target, shareable=True, progress=lambda *report: None,
                             cancel=threading.Event())
    preview = BriefPreviewDialog(target)
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == pages
    assert len(pypdf.PdfReader(tmp_path / "printed.pdf").pages) == pages

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    qtbot.mouseClick(preview.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(target)]


def test_emit_gives_back_the_reference_a_leaking_pyside_takes(qtbot):
    signals = brief_export.BriefExportSignals()
    emit(signals.progress, 1, 100, "step")  # the first call probes this PySide
    before = sys.getrefcount(True)
    for _ in range(5000):
        emit(signals.progress, 1, 100, "step")
    # 5000 leaked references would show as -5000; a few references held elsewhere may come and go
    assert abs(sys.getrefcount(True) - before) < 10
