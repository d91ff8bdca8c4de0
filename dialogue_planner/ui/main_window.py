"""The main window: dialogues on the left, the chosen dialogue's rounds on the right."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QDir, QLocale, QModelIndex, QSettings, QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.storage.database import Store
from dialogue_planner.ui.dialogue_list_model import DialogueListModel, TitleRole
from dialogue_planner.ui.round_table_model import RoundColumn, RoundTableModel, SortRole

GEOMETRY_KEY = "mainWindow/geometry"
SPLITTER_KEY = "mainWindow/splitter"


def location_for_title(store: Store) -> str:
    """The database file's name, or its URL without the password."""
    if store.path is not None:
        return store.path.name
    return QUrl(store.location).toDisplayString(QUrl.UrlFormattingOption.RemovePassword)


def location_for_status(store: Store) -> str:
    """The database file's full path, or its URL without the password."""
    if store.path is not None:
        return QDir.toNativeSeparators(str(store.path))
    return location_for_title(store)


def _heading(text: str = "") -> QLabel:
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

        self.heading = _heading()
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
        self.table.resizeColumnsToContents()
        for column in RoundColumn:
            if column != RoundColumn.CITY:
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


class MainWindow(QMainWindow):
    """Wires the dialogue list to the rounds panel; keeps its layout in `settings` if given."""

    dialogueSelected = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None, *, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("Dialogue Planner — {location}").format(location=location_for_title(store)))

        self.dialogue_model = DialogueListModel(store, self)
        self.dialogue_list = QListView()
        self.dialogue_list.setObjectName("dialogueList")
        self.dialogue_list.setModel(self.dialogue_model)
        self.dialogue_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.dialogue_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dialogue_list.setUniformItemSizes(True)
        self.dialogue_list.setSpacing(2)
        dialogues_side = QWidget()
        dialogues_layout = QVBoxLayout(dialogues_side)
        dialogues_layout.addWidget(_heading(self.tr("Dialogues")))
        dialogues_layout.addWidget(self.dialogue_list, 1)

        self.rounds_panel = RoundsPanel(store)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(dialogues_side)
        self.splitter.addWidget(self.rounds_panel)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 940])
        self.setCentralWidget(self.splitter)

        self.rounds_shown_label = QLabel()
        self.location_label = QLabel(location_for_status(store))
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location_label.setToolTip(self.tr("The database this window shows"))
        for label in (self.rounds_shown_label, self.location_label):
            label.setContentsMargins(6, 0, 6, 0)  # line up with the panels' margins above
        self.statusBar().addWidget(self.rounds_shown_label, 1)
        self.statusBar().addPermanentWidget(self.location_label)
        self._build_menus()

        self.dialogue_list.selectionModel().currentRowChanged.connect(self._on_current_dialogue_changed)
        self.dialogueSelected.connect(self._show_dialogue)
        self.rounds_panel.shownRoundsChanged.connect(self._show_round_count)

        available = self.screen().availableGeometry()
        self.resize(min(1200, available.width() * 9 // 10), min(760, available.height() * 9 // 10))
        if settings is not None:
            self.restore_layout(settings)
        self._select_dialogue(None)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About Dialogue Planner"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def reload(self) -> None:
        """Read dialogues and rounds again, keeping the chosen dialogue if it still exists."""
        current = self.dialogue_list.currentIndex().data(Qt.ItemDataRole.UserRole)
        self.dialogue_model.reload()
        self._select_dialogue(current)

    def _select_dialogue(self, dialogue_id: int | None) -> None:
        """Choose the dialogue in the list (the first one if it is not listed): its rounds follow."""
        if self.dialogue_model.rowCount() == 0:
            self.rounds_panel.show_no_dialogues()
            return
        row = self.dialogue_model.row_of(dialogue_id) if dialogue_id is not None else None
        self.dialogue_list.setCurrentIndex(self.dialogue_model.index(row or 0))

    def _on_current_dialogue_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        dialogue_id = self.dialogue_model.dialogue_id(current.row()) if current.isValid() else None
        if dialogue_id is not None:
            self.dialogueSelected.emit(dialogue_id)

    def _show_dialogue(self, dialogue_id: int) -> None:
        row = self.dialogue_model.row_of(dialogue_id)
        title = self.dialogue_model.index(row).data(TitleRole) if row is not None else ""
        self.rounds_panel.show_dialogue(dialogue_id, title)

    def _show_round_count(self, shown: int, total: int) -> None:
        # Worded without plurals: they would need a translation file even in English.
        shown_text, total_text = QLocale().toString(shown), QLocale().toString(total)
        if shown == total:
            text = self.tr("Rounds shown: {shown}").format(shown=shown_text)
        else:
            text = self.tr("Rounds shown: {shown} of {total}").format(shown=shown_text, total=total_text)
        self.rounds_shown_label.setText(text)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Dialogue Planner"),
            self.tr(
                "<p><b>Dialogue Planner</b> {version}</p><p>Plans the rounds of bilateral human rights "
                "dialogues: focused topics, joint projects, delegations, cases and follow-ups.</p>"
            ).format(version=QApplication.applicationVersion()),
        )

    def restore_layout(self, settings: QSettings) -> None:
        """Window geometry and splitter position as the user left them, if saved."""
        for key, restore in ((GEOMETRY_KEY, self.restoreGeometry), (SPLITTER_KEY, self.splitter.restoreState)):
            saved = settings.value(key)
            if isinstance(saved, (QByteArray, bytes)):
                restore(saved)

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._settings is not None:
            self.save_layout(self._settings)
        super().closeEvent(event)
