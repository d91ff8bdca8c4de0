"""The rounds of one dialogue: a heading, a filter-as-you-type field and a sortable table, or why it is empty."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.storage.database import Store
from dialogue_planner.ui.round_table_model import RoundColumn, RoundTableModel, SortRole


def heading_label(text: str = "") -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


class RoundsPanel(QWidget):
    """A dialogue's rounds: a heading, a filter-as-you-type field and a sortable table, or why it is empty."""

    shownRoundsChanged = Signal(int, int)  # rounds shown after filtering, rounds of the dialogue

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RoundTableModel(store, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setSortLocaleAware(True)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.heading = heading_label()
        self.heading.setObjectName("roundsHeading")
        self.heading.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("roundFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter rounds…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.table = self._make_table()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("roundsEmptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.stack, 1)

        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._update_state)
        self.model.modelReset.connect(self._fit_columns)
        self._no_dialogue_text = ""
        self.show_no_dialogues()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("roundTable")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The city is the one free-text column: it takes the spare width.
        header.setSectionResizeMode(RoundColumn.CITY, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        table.setSortingEnabled(True)
        table.sortByColumn(RoundColumn.NUMBER, Qt.SortOrder.DescendingOrder)
        return table

    def _fit_columns(self) -> None:
        # Contents plus breathing room: a label that touches the grid line reads as clipped.
        for column in RoundColumn:
            if column != RoundColumn.CITY and not self.table.isColumnHidden(column):
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, self.table.columnWidth(column) + 12)

    def show_dialogue(self, dialogue_id: int, title: str) -> None:
        """Show this dialogue's rounds, newest first unless the user chose another order."""
        self.heading.setText(title)
        self.model.set_dialogue(dialogue_id)

    def show_no_dialogues(self) -> None:
        """The database holds no dialogue: say how to get started."""
        self.heading.setText(self.tr("No dialogues"))
        self._no_dialogue_text = self.tr("No dialogues yet. Create the demo data with: dialogue-planner demo")
        self.model.set_dialogue(None)

    def _update_state(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if self.model.dialogue_id is None:
            self.empty_label.setText(self._no_dialogue_text)
        elif total == 0:
            self.empty_label.setText(self.tr("This dialogue has no rounds yet."))
        elif shown == 0:
            self.empty_label.setText(self.tr("No rounds match “{text}”.").format(text=self.filter_edit.text()))
        self.stack.setCurrentWidget(self.table if shown else self.empty_label)
        self.filter_edit.setEnabled(total > 0 or bool(self.filter_edit.text()))
        self.shownRoundsChanged.emit(shown, total)
