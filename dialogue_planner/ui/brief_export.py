"""Export a round's delegation brief from the app: in a child process, with progress, then a preview.

One entry point for the main window's "Export brief..." action:

    export = export_brief(parent, store, round_id, shareable=False)

asks for the file (QFileDialog; a test passes `path=` instead), writes the brief with
`dialogue-planner brief` in a child process (ui/child_process.py) while a cancellable
QProgressDialog shows progress, then opens a `BriefPreviewDialog` (QtPdf's QPdfView) with
Print and "Open in system viewer". It returns the `BriefExport` that owns the signals, or None
when the user chose no file. The window stops a running export when it closes
(`ChildCommand.stop`).

Why a child process: reportlab's layout is pure Python; on a thread of the app it held the GIL
against the UI thread (benchmarks/bench_ui.py). The child opens the database by itself and only reads.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QSize, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.briefs.names import STEPS, suggested_file_name
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.child_process import ChildCommand
from dialogue_planner.ui.pyside_fixes import emit

LAST_FOLDER_KEY = "briefs/last_folder"


def brief_command(round_id: int, path: Path, *, shareable: bool, marking: str | None) -> list[str]:
    """The command line (after the program) that writes the brief as the app asks for it."""
    arguments = ["brief", str(round_id), "-o", str(path), "--progress-lines"]
    if shareable:
        arguments.append("--shareable")
    if marking is not None:
        arguments += ["--marking", marking]
    return arguments


class BriefExportSignals(QObject):
    """What the export reports: progress, then exactly one of finished, failed or cancelled."""

    progress = Signal(int, int, str)  # done, total, what is happening
    finished = Signal(str, int)  # the file written, its page count
    failed = Signal(str)  # a one-line reason, fit to show
    cancelled = Signal()


class BriefExport(QObject):
    """One export in progress: owns the signals, the child process and the progress dialog."""

    previewOpened = Signal(object)  # the BriefPreviewDialog, once shown

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__(parent)
        self.path = path
        self.signals = BriefExportSignals(self)
        self.child: ChildCommand | None = None
        self.preview: BriefPreviewDialog | None = None
        self.failure_box: QMessageBox | None = None
        self.progress_dialog = QProgressDialog(self.tr("Preparing the brief..."), self.tr("Cancel"), 0, STEPS, parent)
        self.progress_dialog.setWindowTitle(self.tr("Export brief"))
        self.progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress_dialog.setMinimumDuration(400)  # quick exports finish without a flash of dialog
        self.progress_dialog.setAutoClose(False)
        self.progress_dialog.setAutoReset(False)
        self.progress_dialog.canceled.connect(self.cancel)
        self.signals.progress.connect(self._show_progress)
        self.signals.finished.connect(self._open_preview)
        self.signals.failed.connect(self._show_failure)
        self.signals.cancelled.connect(self.progress_dialog.close)

    def run(self, child: ChildCommand) -> None:
        """Start `child` and report its progress and outcome through `signals`."""
        self.child = child
        child.progress.connect(self.signals.progress)
        child.succeeded.connect(self._on_succeeded)
        child.failed.connect(self.signals.failed)
        child.cancelled.connect(self.signals.cancelled)
        child.start()

    def cancel(self) -> None:
        """Stop the export; it reports `cancelled` and the file stays as it was."""
        if self.child is not None:
            self.child.cancel()

    def _on_succeeded(self, results: dict) -> None:
        emit(self.signals.finished, str(self.path), int(results.get("pages", 0)))

    def _show_progress(self, done: int, total: int, what: str) -> None:
        self.progress_dialog.setMaximum(total)
        self.progress_dialog.setValue(done)
        self.progress_dialog.setLabelText(what)

    def _open_preview(self, path: str, pages: int) -> None:
        self.progress_dialog.close()
        self.preview = BriefPreviewDialog(Path(path), self.parent())
        # The export keeps the preview (and the preview the PDF in memory) until it is closed.
        self.preview.finished.connect(self.preview.document.close)
        self.preview.show()
        emit(self.previewOpened, self.preview)

    def _show_failure(self, reason: str) -> None:
        self.progress_dialog.close()
        self.failure_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export brief"),
                                       self.tr("The brief was not written: %1").replace("%1", reason),
                                       QMessageBox.StandardButton.Ok, self.parent())
        self.failure_box.open()


def export_brief(
    parent: QWidget | None,
    store: Store,
    round_id: int,
    shareable: bool = False,
    *,
    path: Path | None = None,
    marking: str | None = None,
) -> BriefExport | None:
    """Ask where to save the round's brief (unless `path` is given), then write it in a child process.

    Returns the running export, or None when the user closed the file dialog.
    """
    if path is None:
        path = _ask_for_path(parent, suggested_file_name(store, round_id, shareable=shareable))
        if path is None:
            return None
    export = BriefExport(parent, path)
    command = brief_command(round_id, path, shareable=shareable, marking=marking)
    export.run(ChildCommand(command, store, export, output=path))
    return export


def _ask_for_path(parent: QWidget | None, file_name: str) -> Path | None:
    settings = QSettings()
    folder = settings.value(LAST_FOLDER_KEY) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _ = QFileDialog.getSaveFileName(parent, parent.tr("Export brief") if parent else "Export brief",
                                            str(Path(folder) / file_name), "PDF (*.pdf)")
    if not chosen:
        return None
    path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
    settings.setValue(LAST_FOLDER_KEY, str(path.parent))
    return path


class BriefPreviewDialog(QDialog):
    """The written brief, shown with QtPdf, with Print and Open in the system viewer."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("Brief preview: %1").replace("%1", path.name))
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.summary = QLabel(self.tr("%1 pages · %2").replace("%1", str(self.document.pageCount()))
                              .replace("%2", str(path)), self)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton(self.tr("Print..."), self)
        self.open_button = QPushButton(self.tr("Open in system viewer"), self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.open_button.clicked.connect(self.open_in_system_viewer)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(760, 900)

    def print_with_dialog(self) -> None:
        """Let the user choose a printer and pages, then print."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.path.stem)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Render the chosen pages (all when none are chosen) onto `printer`; returns how many were printed."""
        count = self.document.pageCount()
        first = max(printer.fromPage(), 1) if printer.fromPage() else 1
        last = min(printer.toPage(), count) if printer.toPage() else count
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            for index in range(first - 1, last):
                if index > first - 1:
                    printer.newPage()
                target = painter.viewport()
                page = self.document.pagePointSize(index)
                scale = min(target.width() / page.width(), target.height() / page.height())
                size = QSize(int(page.width() * scale), int(page.height() * scale))
                painter.drawImage(target.topLeft(), self.document.render(index, size))
        finally:
            painter.end()
        return last - first + 1

    def open_in_system_viewer(self) -> bool:
        """Hand the file to the desktop's PDF viewer; False if there is none."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
