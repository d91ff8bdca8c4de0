"""The tabs of the Review view: the topic x round grid, topics per round (chart and table), continuity,
coverage, follow-ups and cases. Clicks are reported as signals; the view lists the records behind them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.review.model import Review
from dialogue_planner.ui.review_grid_model import CellKeyRole, CellReader, GroupStartRole, TopicRoundGridModel
from dialogue_planner.ui.review_panels import bold_label
from dialogue_planner.ui.review_rows import ReviewTables
from dialogue_planner.ui.review_table_model import DrillRole, FigureTableModel, SortRole

GROUP_RULE = QColor("#1f3a5f")


class GroupRuleDelegate(QStyledItemDelegate):
    """Draws a rule before the first round of each dialogue in the grid."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        if index.column() > 0 and index.data(GroupStartRole):
            painter.save()
            painter.setPen(QPen(GROUP_RULE, 2))
            painter.drawLine(option.rect.topLeft(), option.rect.bottomLeft())
            painter.restore()


def figure_table(headers: list[str], stretch: int, name: str, owner: QWidget) -> tuple[QTableView, FigureTableModel]:
    """A sortable, read-only table over a FigureTableModel owned by `owner`; column `stretch` takes spare width."""
    model = FigureTableModel(headers, owner)
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the order the review gives until a header is clicked
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view, model


class ReviewTabs(QTabWidget):
    """Every table and chart of one review; `show_review` fills them.

    `drillRequested(DrillRequest)` when a drillable number is clicked, `gridCellClicked(topic_id, round_id)`
    for a grid cell that holds something, `roundBarClicked(round_id)` for a bar of the chart.
    """

    drillRequested = Signal(object)
    gridCellClicked = Signal(int, int)
    roundBarClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = None  # built on first showing of its tab, so QtCharts loads only then
        self._review: Review | None = None
        self._iso: dict[int, str] = {}
        self.grid_model = TopicRoundGridModel(self)
        self.grid_view = QTableView()
        self.grid_view.setObjectName("reviewGrid")
        self.grid_view.setModel(self.grid_model)
        self.grid_view.setItemDelegate(GroupRuleDelegate(self.grid_view))
        self.grid_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid_view.setShowGrid(True)
        self.grid_view.setGridStyle(Qt.PenStyle.SolidLine)
        self.grid_view.horizontalHeader().setDefaultSectionSize(44)
        self.grid_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.grid_view.verticalHeader().setDefaultSectionSize(self.grid_view.fontMetrics().height() + 8)
        self.grid_empty = QLabel(self.tr("No agenda items or priority topics in the chosen dialogues and period."))
        self.grid_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid_stack = QStackedWidget()
        self.grid_stack.addWidget(self.grid_view)
        self.grid_stack.addWidget(self.grid_empty)
        grid_page = QWidget()
        grid_layout = QVBoxLayout(grid_page)
        legend = QLabel(
            self.tr(
                "Minutes per topic and round; darker = more minutes. ★ and bold: a priority topic "
                "(bold cell: a priority of that round). ○: a priority topic left off the agenda."
            )
        )
        legend.setWordWrap(True)
        legend.setStyleSheet("color: palette(placeholder-text);")
        grid_layout.addWidget(legend)
        grid_layout.addWidget(self.grid_stack, 1)

        self.rounds_table, self.rounds_model = figure_table(
            [
                self.tr("Dialogue"),
                self.tr("Round"),
                self.tr("Date"),
                self.tr("Status"),
                self.tr("Topics"),
                self.tr("Target"),
                self.tr("Priority topics"),
                self.tr("Minutes"),
                self.tr("On priorities"),
            ],
            3,
            "reviewRounds",
            self,
        )
        self.chart_holder = QVBoxLayout()
        rounds_page = QWidget()
        rounds_layout = QVBoxLayout(rounds_page)
        rounds_layout.addLayout(self.chart_holder, 3)
        rounds_layout.addWidget(self.rounds_table, 2)

        self.continuity_table, self.continuity_model = figure_table(
            [
                self.tr("Dialogue"),
                self.tr("Priority topic"),
                self.tr("Rounds on agenda"),
                self.tr("Rounds"),
                self.tr("Longest run"),
                self.tr("Rounds of the longest run"),
                self.tr("Current run"),
            ],
            5,
            "reviewContinuity",
            self,
        )
        self.coverage_table, self.coverage_model = figure_table(
            [self.tr("Dialogue"), self.tr("Priority topic"), self.tr("Priority since"), self.tr("Active projects"), ""],
            1,
            "reviewCoverage",
            self,
        )
        self.off_priority_table, self.off_priority_model = figure_table(
            [self.tr("Country"), self.tr("Active project on no priority topic")], 1, "reviewOffPriority", self
        )
        coverage_page = QWidget()
        coverage_layout = QVBoxLayout(coverage_page)
        self.coverage_caption = bold_label()
        coverage_layout.addWidget(self.coverage_caption)
        coverage_layout.addWidget(self.coverage_table, 3)
        coverage_layout.addWidget(bold_label(self.tr("Active joint projects on no priority topic in force")))
        coverage_layout.addWidget(self.off_priority_table, 2)
        self.follow_up_table, self.follow_up_model = figure_table(
            [
                self.tr("Dialogue"),
                self.tr("Done"),
                self.tr("Open"),
                self.tr("Dropped"),
                self.tr("Overdue"),
                self.tr("Share done"),
            ],
            0,
            "reviewFollowUps",
            self,
        )
        self.case_table, self.case_model = figure_table(
            [
                self.tr("Case"),
                self.tr("Country"),
                self.tr("Category"),
                self.tr("Situation"),
                self.tr("Raised"),
                self.tr("Answered"),
                self.tr("No answer"),
                self.tr("Planned"),
                self.tr("Latest response"),
            ],
            8,
            "reviewCases",
            self,
        )

        self.setDocumentMode(True)
        self.addTab(grid_page, self.tr("Topic × round grid"))
        self.addTab(rounds_page, self.tr("Topics per round"))
        self.addTab(self.continuity_table, self.tr("Continuity"))
        self.addTab(coverage_page, self.tr("Coverage"))
        self.addTab(self.follow_up_table, self.tr("Follow-ups"))
        self.addTab(self.case_table, self.tr("Cases"))
        self.rounds_tab_index = 1
        self.tables = (
            self.rounds_table,
            self.continuity_table,
            self.coverage_table,
            self.off_priority_table,
            self.follow_up_table,
            self.case_table,
        )
        for table in self.tables:
            table.clicked.connect(self._on_table_clicked)
            table.activated.connect(self._on_table_clicked)
        self.grid_view.clicked.connect(self._on_grid_clicked)
        self.grid_view.activated.connect(self._on_grid_clicked)
        self.currentChanged.connect(self._on_tab_changed)

    def show_review(self, tables: ReviewTables, iso_by_dialogue: dict[int, str], read_cells: CellReader) -> None:
        """Fill every tab from rows laid out beforehand (review_rows.review_tables), so this only hands them over;
        the grid reads its cells through `read_cells` as its columns are shown."""
        review = tables.review
        self._review, self._iso = review, dict(iso_by_dialogue)
        self.grid_model.set_grid(review.grid, self._iso, read_cells, tables.first_cells)
        self.grid_stack.setCurrentIndex(0 if review.grid.topics else 1)
        self.rounds_model.set_rows(tables.rounds)
        self.continuity_model.set_rows(tables.continuity)
        self.coverage_model.set_rows(tables.coverage)
        self.off_priority_model.set_rows(tables.off_priority)
        self.follow_up_model.set_rows(tables.follow_ups)
        self.case_model.set_rows(tables.cases)
        self.coverage_caption.setText(
            self.tr("Priority topics in force on {day} and the active joint projects behind them").format(
                day=review.scope.reference_date.isoformat()
            )
        )
        if self.chart is not None:
            self.chart.show_review(review, self._iso)

    def ensure_chart(self):
        """The chart of topics per round, built (and QtCharts imported) on first use."""
        if self.chart is None:
            from dialogue_planner.ui.review_chart import TopicsPerRoundChart

            self.chart = TopicsPerRoundChart()
            self.chart.roundClicked.connect(self.roundBarClicked)
            self.chart_holder.addWidget(self.chart)
            if self._review is not None:
                self.chart.show_review(self._review, self._iso)
        return self.chart

    def _on_tab_changed(self, index: int) -> None:
        if index == self.rounds_tab_index:
            self.ensure_chart()

    def _on_table_clicked(self, index: QModelIndex) -> None:
        request = index.data(DrillRole)
        if request is not None:
            self.drillRequested.emit(request)

    def _on_grid_clicked(self, index: QModelIndex) -> None:
        if self.grid_model.cell_at(index) is not None:
            topic_id, round_id = index.data(CellKeyRole)
            self.gridCellClicked.emit(topic_id, round_id)
