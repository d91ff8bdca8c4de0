"""The Review view: is each dialogue focused, continuous and followed up? (DESIGN.md, "The topic focus review")

Choose dialogues and a period on the left; headline figures across the top;
the topic x round grid, the chart of topics per round, and the tables for
continuity, coverage, follow-ups and cases in tabs; the records behind any
figure, bar or grid cell clicked on the right. Opening one of those records
emits `recordActivated(table, id)` for the main window to show it.
The figures are computed off the UI thread (ui/review_computation.py): meanwhile the view
says so and greys the figures it shows; `computed` is emitted once the newest are in place.
"Export PDF…" writes the same review as a PDF in a child process (ui/review_export.py).
"""

from __future__ import annotations

import dataclasses
import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import ValidationError
from dialogue_planner.review import ReviewScope, compute_review, grid_cells
from dialogue_planner.review import drilldown as drill
from dialogue_planner.review.model import Review
from dialogue_planner.services.dialogues import list_dialogues
from dialogue_planner.storage.database import Store
from dialogue_planner.ui import review_rows as rows
from dialogue_planner.ui.child_process import ChildCommand
from dialogue_planner.ui.review_computation import ReviewComputation
from dialogue_planner.ui.review_export import ExportSignals, review_command
from dialogue_planner.ui.review_grid_model import CELL_BLOCK
from dialogue_planner.ui.review_panels import FigureCard, RecordsPanel, ScopePanel, bold_label
from dialogue_planner.ui.review_table_model import DrillRequest
from dialogue_planner.ui.review_tabs import ReviewTabs


def prepare_review(store: Store, scope: ReviewScope, iso: dict[int, str]) -> rows.ReviewTables:
    """The review of `scope` with its figures laid out as the view's rows, and the grid's cells of its first
    columns: the work done off the UI thread (the grid model reads the other cells as they are shown)."""
    review = compute_review(store, scope)
    first = grid_cells(store, scope, [round_.round_id for round_ in review.rounds[:CELL_BLOCK]])
    return dataclasses.replace(rows.review_tables(store, review, iso), first_cells=first)


NAMED_DIALOGUES = 4  # the heading names this many of the chosen dialogues and counts the others


class ReviewView(QWidget):
    """The topic focus review over the store's dialogues; `today` (default: the real today) decides overdue."""

    recordActivated = Signal(str, int)  # table name, id of a record the user opened from a figure's list
    computed = Signal()  # the review of the scope chosen last is on screen
    computeFailed = Signal(str)  # the review of the scope chosen last could not be computed: a one-line reason

    def __init__(self, store: Store, parent: QWidget | None = None, *, today: datetime.date | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._today = today
        self.review: Review | None = None
        self._iso: dict[int, str] = {}
        self._export: ChildCommand | None = None
        self._failed = False  # the newest request failed: the figures shown are not of the chosen scope
        self.computation = ReviewComputation(store, self)
        self.export_signals = ExportSignals(self)
        self._recompute_timer = QTimer(self, singleShot=True, interval=120)
        self._build()
        self._connect()
        # Computed when first shown (and again each time), not when the window is built.

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        self.scope_panel = ScopePanel()
        self.export_button = QPushButton(self.tr("Export PDF…"))
        self.export_button.setObjectName("exportReview")
        self.cancel_button = QPushButton(self.tr("Cancel export"))
        self.cancel_button.hide()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(8)
        self.progress_bar.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("reviewStatus")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(9, 9, 6, 9)
        side_layout.addWidget(self.scope_panel)
        side_layout.addStretch(1)
        side_layout.addWidget(self.export_button)
        side_layout.addWidget(self.progress_bar)
        side_layout.addWidget(self.cancel_button)
        side_layout.addWidget(self.status_label)

        self.cards = [
            FigureCard(caption)
            for caption in (
                self.tr("rounds over the focus target"),
                self.tr("topics per round on average"),
                self.tr("of minutes on priority topics"),
                self.tr("priorities without a project"),
                self.tr("projects on no priority"),
                self.tr("of follow-ups done"),
                self.tr("follow-ups overdue"),
                self.tr("times cases were raised"),
            )
        ]
        cards = QGridLayout()
        cards.setSpacing(6)
        for number, card in enumerate(self.cards):
            cards.addWidget(card, number // 4, number % 4)

        self.tabs = ReviewTabs()

        self.heading = bold_label(self.tr("Topic focus review"), 1.25)
        self.scope_label = QLabel()
        self.scope_label.setStyleSheet("color: palette(placeholder-text);")
        # Its text never sets the window's width (300 country names were 22,000 px wide at demo x100).
        self.scope_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.computing_label = QLabel(self.tr("Computing the review…"))
        self.computing_label.setObjectName("reviewComputing")
        self.computing_label.hide()
        # Greyed (and not clickable) while newer figures are computed: they may not match the scope any more.
        self.results = QWidget()
        results_layout = QVBoxLayout(self.results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addLayout(cards)
        results_layout.addWidget(self.tabs, 1)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(6, 9, 6, 9)
        title_row = QHBoxLayout()
        title_row.addWidget(self.heading)
        title_row.addWidget(self.scope_label, 1, Qt.AlignmentFlag.AlignBottom)
        title_row.addWidget(self.computing_label, 0, Qt.AlignmentFlag.AlignBottom)
        centre_layout.addLayout(title_row)
        centre_layout.addWidget(self.results, 1)

        self.records_panel = RecordsPanel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(side)
        splitter.addWidget(centre)
        splitter.addWidget(self.records_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 800, 250])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.scope_panel.scopeChanged.connect(self._recompute_timer.start)
        self._recompute_timer.timeout.connect(self.recompute)
        self.computation.computed.connect(self._on_computed)
        self.computation.failed.connect(self._on_compute_failed)
        for card in self.cards:
            card.clicked.connect(self._on_card_clicked)
        self.tabs.drillRequested.connect(self.show_records)
        self.tabs.gridCellClicked.connect(self._on_grid_clicked)
        self.tabs.roundBarClicked.connect(self._on_round_bar_clicked)
        self.records_panel.recordActivated.connect(self.recordActivated)
        self.export_button.clicked.connect(self._choose_export_file)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.export_signals.progress.connect(self._on_export_progress)
        self.export_signals.finished.connect(self._on_export_finished)
        self.export_signals.failed.connect(self._on_export_failed)
        self.export_signals.cancelled.connect(self._on_export_cancelled)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # ------------------------------------------------------------------ computing

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Each time the view comes into sight, read the records again: they may have changed elsewhere."""
        super().showEvent(event)
        if not event.spontaneous():
            self.reload()

    def reload(self) -> None:
        """Read the dialogues again (keeping the choice) and recompute the review."""
        previous = self.scope_panel.checked_dialogues()
        dialogues = list_dialogues(self.store)
        self._iso = {row["id"]: row["iso_code"] for row in dialogues}
        keep = None if previous is None else set(previous)
        self.scope_panel.set_dialogues(((row["id"], row["country"]) for row in dialogues), keep)
        self.recompute()

    def current_scope(self) -> ReviewScope:
        """The scope chosen in the panel (ValidationError when the period ends before it starts)."""
        return ReviewScope(
            self.scope_panel.checked_dialogues(),
            self.scope_panel.from_edit.day(),
            self.scope_panel.to_edit.day(),
            self._today or datetime.date.today(),
        )

    def recompute(self) -> None:
        """Start computing the review for the chosen scope; it replaces what is shown when `computed` is emitted.

        A newer request supersedes this one; a period that ends before it starts drops any
        request still running and keeps the figures shown.
        """
        self._recompute_timer.stop()
        try:
            scope = self.current_scope()
        except ValidationError as error:
            self.computation.supersede()
            self._update_state()
            self.status_label.setText(self.tr("Period: {reason}").format(reason=error.errors.get("period", error)))
            return
        self.status_label.clear()
        self.computation.request(partial(prepare_review, self.store, scope, dict(self._iso)))
        self._update_state()

    @property
    def computing(self) -> bool:
        """True while the review of the scope chosen last is being computed."""
        return self.computation.busy

    def _on_computed(self, _number: int, tables: rows.ReviewTables) -> None:
        self.review = tables.review
        self._failed = False
        self._show(tables)
        self._update_state()
        self.computed.emit()

    def _on_compute_failed(self, _number: int, reason: str) -> None:
        self._failed = True
        self._update_state()
        self.status_label.setText(self.tr("The review could not be computed: {reason}").format(reason=reason))
        self.computeFailed.emit(reason)

    def _update_state(self) -> None:
        """Say whether figures are being computed; grey them and hold the export until they match the scope."""
        computing = self.computing
        self.computing_label.setVisible(computing)
        current = not computing and not self._failed
        self.results.setEnabled(current)
        self.export_button.setEnabled(current and self.review is not None and self._export is None)

    def _show(self, tables: rows.ReviewTables) -> None:
        review = tables.review
        for card, headline in zip(self.cards, tables.headlines, strict=True):
            card.show_figure(headline.value, headline.detail, headline.drill, warning=headline.warning)
        self.tabs.show_review(tables, self._iso, partial(grid_cells, self.store, review.scope))
        if len(review.dialogues) > NAMED_DIALOGUES:
            dialogues = self.tr("{named} and {more} more").format(
                named=", ".join(d.country for d in review.dialogues[:NAMED_DIALOGUES]),
                more=len(review.dialogues) - NAMED_DIALOGUES,
            )
        elif review.dialogues:
            dialogues = ", ".join(d.country for d in review.dialogues)
        elif self.scope_panel.dialogue_model.rowCount():
            dialogues = self.tr("no dialogue chosen")
        else:
            dialogues = self.tr("no dialogues recorded yet")
        self.scope_label.setText(
            self.tr("{dialogues} · {rounds} rounds").format(dialogues=dialogues, rounds=len(review.rounds))
        )
        self.scope_panel.today_label.setText(
            self.tr("Overdue means open and due before {day}.").format(day=review.scope.today.isoformat())
        )

    # ------------------------------------------------------------------ drilling down

    def show_records(self, request: DrillRequest) -> None:
        """List the records behind a figure in the side panel."""
        self.records_panel.show_records(request.title, request.fetch())

    def _on_card_clicked(self) -> None:
        card = self.sender()
        if isinstance(card, FigureCard) and card.drill is not None:
            self.show_records(card.drill)

    def _on_grid_clicked(self, topic_id: int, round_id: int) -> None:
        if self.review is None:
            return
        topic = next(t.name for t in self.review.grid.topics if t.topic_id == topic_id)
        round_ = next(r for r in self.review.rounds if r.round_id == round_id)
        title = self.tr("{topic} at {country} {number}").format(
            topic=topic, country=round_.country, number=round_.number
        )
        self.records_panel.show_records(
            title, drill.grid_cell_records(self.store, self.review.scope, topic_id, round_id)
        )

    def _on_round_bar_clicked(self, round_id: int) -> None:
        if self.review is None:
            return
        round_ = next(r for r in self.review.rounds if r.round_id == round_id)
        title = self.tr("Agenda of {country} {number}").format(country=round_.country, number=round_.number)
        self.records_panel.show_records(title, drill.agenda_items_of_round(self.store, self.review.scope, round_id))

    # ------------------------------------------------------------------ export

    def _choose_export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the review as PDF"), "topic-focus-review.pdf", self.tr("PDF files (*.pdf)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the review shown to `path` in a child process; progress and result show below the button."""
        if self.review is None or self._export is not None or self.computing or self._failed:
            return
        self._export = ChildCommand(review_command(self.review.scope, path), self.store, self, output=path)
        self._export.progress.connect(self._forward_progress)
        self._export.succeeded.connect(self._forward_success)
        self._export.failed.connect(self.export_signals.failed)
        self._export.cancelled.connect(self.export_signals.cancelled)
        self.export_button.setEnabled(False)
        self.cancel_button.show()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.status_label.setText(self.tr("Writing {file}…").format(file=path.name))
        self._export.start()

    def cancel_export(self) -> None:
        if self._export is not None:
            self._export.cancel()

    def shutdown(self) -> None:
        """Stop a running export and computation and wait until they have ended: call before the store closes."""
        self.computation.stop()
        if self._export is not None:
            self._export.stop()

    def _forward_progress(self, done: int, total: int, _text: str) -> None:
        self.export_signals.progress.emit(done, total)

    def _forward_success(self, results: dict) -> None:
        self.export_signals.finished.emit(str(self._export.output), int(results.get("pages", 0)))

    def _export_done(self, message: str) -> None:
        if self._export is not None:
            self._export.deleteLater()
        self._export = None
        self._update_state()
        self.cancel_button.hide()
        self.progress_bar.hide()
        self.status_label.setText(message)

    def _on_export_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)

    def _on_export_finished(self, path: str, pages: int) -> None:
        self._export_done(self.tr("Written: {file} ({pages} pages)").format(file=Path(path).name, pages=pages))

    def _on_export_failed(self, reason: str) -> None:
        self._export_done(self.tr("Not written: {reason}").format(reason=reason))

    def _on_export_cancelled(self) -> None:
        self._export_done(self.tr("Export cancelled; nothing was written."))
