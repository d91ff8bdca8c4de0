"""Exporting a brief from the app: in a child process, progress, cancel, failure, preview, print."""

from __future__ import annotations

import sys

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from dialogue_planner.briefs.brief import write_brief
from dialogue_planner.services.rounds import list_rounds
from dialogue_planner.ui import brief_export
from dialogue_planner.ui.brief_export import BriefPreviewDialog, export_brief
from dialogue_planner.ui.pyside_fixes import emit
from tests.briefs.conftest import DEMO_TODAY


@pytest.fixture
def demo_store(demo_copy):
    """The demo dated DEMO_TODAY in the test's own SQLite file (a copy of the session's build)."""
    return demo_copy(DEMO_TODAY)


@pytest.fixture
def china_round(demo_store) -> int:
    return next(row["id"] for row in list_rounds(demo_store) if row["country"] == "China" and row["number"] == 15)


@pytest.fixture
def exports(qtbot):
    """The exports a test starts; the test fails if a child process is still running when it ends."""
    started = []
    yield started
    assert not any(export.child.is_running() for export in started), "an export's child was still running"


def test_export_shows_progress_then_the_preview(qtbot, demo_store, china_round, tmp_path, exports):
    target = tmp_path / "China-round-15-brief.pdf"
    export = export_brief(None, demo_store, china_round, path=target, marking="RESTRICTED")
    exports.append(export)
    progress: list[tuple[int, int, str]] = []
    export.signals.progress.connect(lambda *report: progress.append(report))
    with qtbot.waitSignal(export.previewOpened, timeout=60_000) as opened:
        pass
    preview = opened.args[0]
    qtbot.addWidget(preview)
    assert isinstance(preview, BriefPreviewDialog)
    pdf = pypdf.PdfReader(target)
    assert preview.document.pageCount() == len(pdf.pages)
    assert preview.summary.text() == f"{preview.document.pageCount()} pages · {target}"
    assert progress[0] == (0, 100, "Reading the round") and progress[-1] == (100, 100, "Done")
    assert "RESTRICTED" in pdf.pages[0].extract_text()  # the marking reached the child
    assert not export.progress_dialog.isVisible()
    qtbot.waitUntil(lambda: preview.view.isVisible())
    preview.grab().save(str(tmp_path / "preview.png"))


def test_the_child_writes_the_brief_the_app_wrote_in_its_own_process(qtbot, demo_store, china_round, tmp_path, exports):
    in_process, child = tmp_path / "in-process.pdf", tmp_path / "child.pdf"
    pages = write_brief(demo_store, china_round, in_process, shareable=True)
    export = export_brief(None, demo_store, china_round, shareable=True, path=child)
    exports.append(export)
    with qtbot.waitSignal(export.signals.finished, timeout=60_000) as finished:
        pass
    assert finished.args == [str(child), pages]
    expected, written = pypdf.PdfReader(in_process), pypdf.PdfReader(child)
    assert [page.extract_text() for page in written.pages] == [page.extract_text() for page in expected.pages]


def test_cancel_stops_the_child_and_leaves_the_file_as_it_was(qtbot, demo_store, china_round, tmp_path, exports):
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"the earlier brief")
    export = export_brief(None, demo_store, china_round, path=target)
    exports.append(export)
    export.progress_dialog.show()
    cancel_button = export.progress_dialog.findChild(QPushButton)
    with qtbot.waitSignal(export.signals.cancelled, timeout=60_000):
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)  # the user presses Cancel
    assert target.read_bytes() == b"the earlier brief"
    assert list(tmp_path.glob(".brief.pdf.*")) == []
    assert export.preview is None


def test_a_temporary_file_left_by_the_killed_child_is_removed(qtbot, demo_store, china_round, tmp_path, exports):
    target = tmp_path / "brief.pdf"
    export = export_brief(None, demo_store, china_round, path=target)
    exports.append(export)
    (tmp_path / ".brief.pdf.0badf00d.partial").write_bytes(b"%PDF half")  # as a child killed while writing
    with qtbot.waitSignal(export.signals.cancelled, timeout=60_000):
        export.cancel()
    assert list(tmp_path.glob(".brief.pdf.*")) == [] and not target.exists()


def test_unknown_round_reports_the_childs_one_line_reason(qtbot, demo_store, china_round, tmp_path, exports):
    export = export_brief(None, demo_store, 99999, path=tmp_path / "brief.pdf")
    exports.append(export)
    with qtbot.waitSignal(export.signals.failed, timeout=60_000) as failed:
        pass
    assert failed.args == ["no round with id 99999"]
    qtbot.addWidget(export.failure_box)
    qtbot.waitUntil(export.failure_box.isVisible)
    assert export.failure_box.text() == "The brief was not written: no round with id 99999"
    assert not (tmp_path / "brief.pdf").exists()


def test_the_file_dialog_suggests_a_name_from_dialogue_and_round(qtbot, demo_store, china_round, tmp_path, monkeypatch):
    asked: list[str] = []

    def fake_dialog(parent, caption, proposed, filter_text):
        asked.append(proposed)
        return "", ""  # the user closes the dialog

    monkeypatch.setattr(brief_export.QFileDialog, "getSaveFileName", fake_dialog)
    assert export_brief(None, demo_store, china_round, shareable=True) is None
    assert asked[0].endswith("China-round-15-shareable-brief.pdf")


def test_preview_prints_every_page_and_opens_the_system_viewer(qtbot, demo_store, china_round, tmp_path, monkeypatch):
    target = tmp_path / "brief.pdf"
    pages = write_brief(demo_store, china_round, target, shareable=True)
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
