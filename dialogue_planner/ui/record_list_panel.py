"""A list of records with filter-as-you-type, an empty state that says what to do, New and Delete.

`RecordListPanel` shows a `RecordTableModel` (or a `PagedRecordTableModel` for
a list too long to read whole), which sorts and filters its rows itself; it
keeps the chosen record selected across reloads and filtering (by id), and
reloads itself when RecordEdits reports a change to a table it shows. With
`keep_hidden`, a record the filter hides is held for the form beside the list
(`recordHidden`) and selected again when a filter shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import PlannerError, ValidationError
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.lifetime import torn_down
from dialogue_planner.ui.record_form import sentence
from dialogue_planner.ui.record_table_model import RecordIdRole, RecordTableModel, Row

MAX_COLUMN_WIDTH = 240
# Rows the header measures for a column's width (Qt's default, 1,000, asks every cell of the first
# batch for its text through Python on each reload: a tenth of a second for a long list).
MEASURED_ROWS = 50
MAX_MAIN_COLUMN_WIDTH = 340  # the column that names the record
MIN_MAIN_COLUMN_WIDTH = 240
FILTER_AT_ONCE_LIMIT = 2000  # rows; a longer list is filtered when the typing pauses
FILTER_PAUSE_MS = 150


class RecordListPanel(QWidget):
    """The records of `table` in `model`, filterable, with New (`newRequested`) and Delete (asks first).

    `name_of(row)` names a record in the delete question; `empty_text` says what to do when there
    are none yet. `watch` lists further tables whose changes alter what the list shows;
    `can_delete(row)` may keep Delete disabled for a record (a topic still in use).

    `keep_hidden`: when a filter (or a reload) no longer shows the selected record, the panel says
    `recordHidden(id)` instead of `selectionCleared` and holds it (`hidden_id`), so that the form beside
    the list may keep it with what was typed and not saved; the first filter or reload that shows it
    selects it again and says `recordSelected` (the same id: the form keeps the edit). The view calls
    `release_hidden()` if it does not keep the record after all.
    """

    recordSelected = Signal(str, int)  # table name, id
    selectionCleared = Signal()
    recordHidden = Signal(int)  # id of the selected record the filter no longer shows (with keep_hidden)
    newRequested = Signal()
    reloaded = Signal()  # the rows were read again (the selected record's figures may have changed)

    def __init__(
        self,
        edits: RecordEdits,
        table: str,
        model: RecordTableModel,
        *,
        name_of: Callable[[Row], str],
        empty_text: str,
        new_text: str,
        filter_placeholder: str,
        main_column: int = 0,
        watch: Iterable[str] = (),
        can_delete: Callable[[Row], bool] | None = None,
        keep_hidden: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # First: show and hide events may arrive while the panel is being built, and they use these.
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_PAUSE_MS)
        self._filter_timer.timeout.connect(self.apply_filter)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self._stale = False  # changed while hidden: read again when shown
        self.edits = edits
        self.table = table
        self.model = model
        self.name_of = name_of
        self.can_delete = can_delete
        self.empty_text = empty_text
        self.watched_tables = {table, *watch}
        self._reloading = False
        self._filtering = False
        self._wanted_widths: list[int] = []
        self.keep_hidden = keep_hidden
        self.hidden_id: int | None = None  # the record held for the form while the list does not show it

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("recordFilter")
        self.filter_edit.setPlaceholderText(filter_placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.table_view = self._make_table(main_column)
        # Said when a filter matches too many rows to count at once (a long list read a page at a time).
        self.count_note = QLabel()
        self.count_note.setObjectName("countNote")
        self.count_note.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the filter text as typed
        self.count_note.setWordWrap(True)
        self.count_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.count_note.hide()
        self.empty_label = QLabel()
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the filter text as typed
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table_view)
        self.stack.addWidget(self.empty_label)

        self.new_button = QPushButton(new_text)
        self.new_button.setObjectName("newButton")
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setToolTip(self.tr("Delete the selected record (Del); Undo brings it back"))
        # Views may add buttons of their own (Mark done) before the stretch.
        self.buttons_layout = QHBoxLayout()
        self.buttons_layout.addWidget(self.new_button)
        self.buttons_layout.addWidget(self.delete_button)
        self.buttons_layout.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.count_note)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.buttons_layout)

        self.delete_action = QAction(self.tr("Delete"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table_view.addAction(self.delete_action)

        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.new_button.clicked.connect(self.newRequested)
        self.delete_button.clicked.connect(self.delete_current)
        self.delete_action.triggered.connect(self.delete_current)
        self.table_view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self._update_state)
        model.modelReset.connect(self._fit_columns)
        edits.recordChanged.connect(self._on_record_edited)
        edits.recordRemoved.connect(self._on_record_edited)
        self._fit_columns()
        self._update_state()

    def _make_table(self, main_column: int) -> QTableView:
        table = QTableView()
        table.setObjectName("recordTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Columns as wide as their contents (within reason), the last one taking what is left; a list
        # wider than its pane scrolls rather than squeezing every column to "…".
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(MEASURED_ROWS)
        header.setSortIndicatorClearable(True)
        table.setSortingEnabled(True)
        # The service's own order (by name, by due date...) until the user clicks a header.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._main_column = main_column
        return table

    # Reading and selecting

    def reload(self) -> None:
        """Read the rows again, keeping the selected record selected if it is still listed.

        Selecting the same record again is not news: no signal, so a form beside the list keeps
        what the user typed and has not saved yet.
        """
        if torn_down(self, "filter_edit"):
            return
        self._reload_timer.stop()
        self._stale = False
        self._keeping_selection(self.model.reload)
        self.reloaded.emit()

    def reload_when_shown(self) -> None:
        """Read the rows now if the list is on screen, else when it is shown (or asked for a record):
        a list on a hidden tab (200,000 people at demo x100) is not read for nothing."""
        if self.isVisible():
            self.reload()
        else:
            self._reload_timer.stop()
            self._stale = True

    def read_if_stale(self) -> None:
        """Read the rows now if they were left to be read when the list is shown."""
        if self._stale:
            self.reload()

    def _keeping_selection(self, change: Callable[[], None]) -> None:
        """Reset the model by `change()`, then select the record selected (or held) before if it is shown.

        Nothing is said when nothing was selected before: a form beside an unselected list is empty
        already (emptying it again cost its choice lists at every filter)."""
        current = self.current_id()
        held = current is None and self.hidden_id is not None
        if held:
            current = self.hidden_id
        self._reloading = True
        try:
            change()
            kept = current is not None and self._select_shown(current)
        finally:
            self._reloading = False
        if kept and held:
            self.hidden_id = None
            self.recordSelected.emit(self.table, current)  # shown again: the form holds it already
        elif not kept and current is not None:
            if self.keep_hidden:
                self.hidden_id = current
                self.recordHidden.emit(current)
            else:
                self.selectionCleared.emit()
        self._update_delete_button()

    def release_hidden(self) -> None:
        """Hold no record for the form any longer (the view has let it go)."""
        self.hidden_id = None

    def current_id(self) -> int | None:
        """The id of the selected record, or None."""
        index = self.table_view.currentIndex()
        return index.data(RecordIdRole) if index.isValid() else None

    def select_record(self, record_id: int) -> bool:
        """Select and show the record's row; False if it is not listed (or filtered out even after clearing)."""
        self.read_if_stale()
        if self._select_shown(record_id):
            return True
        if self.model.filtered:  # perhaps only hidden by the filter
            self.filter_edit.clear()
            self.apply_filter()  # now, even for a long list
            return self._select_shown(record_id)
        return False

    def _select_shown(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table_view.selectionModel().setCurrentIndex(index, flags)
        self.table_view.scrollTo(index)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reloading:
            return
        self.hidden_id = None  # another record chosen, or none: the one held is let go
        if current.isValid():
            self.recordSelected.emit(self.table, current.data(RecordIdRole))
        else:
            self.selectionCleared.emit()
        self._update_delete_button()

    # Filter, sort, empty state

    def _on_filter_changed(self, _text: str) -> None:
        # A long list is filtered once the typing pauses, so keys never wait for the filter;
        # a short one at every key.
        if self.model.total_count > FILTER_AT_ONCE_LIMIT:
            self._filter_timer.start()
        else:
            self.apply_filter()

    def apply_filter(self) -> None:
        """Filter the rows by what the filter field says now."""
        if torn_down(self, "filter_edit"):
            return
        self._filter_timer.stop()
        text = self.filter_edit.text()
        self._filtering = True  # the columns keep the widths measured when the rows were read
        try:
            self._keeping_selection(lambda: self.model.set_filter_text(text))
        finally:
            self._filtering = False
        if self.current_id() is None:
            self.table_view.scrollToTop()  # the first matches, not wherever the whole list was scrolled to
        self._update_state()

    def _update_state(self) -> None:
        shown = self.model.rowCount()
        if self.model.total_count == 0:
            self.empty_label.setText(self.empty_text)
        elif shown == 0:
            self.empty_label.setText(self.tr("Nothing matches “{text}”.").format(text=self.filter_edit.text()))
        self.stack.setCurrentWidget(self.table_view if shown else self.empty_label)
        at_least = self.model.matches_at_least
        if at_least is not None:
            self.count_note.setText(self.tr("More than {count} match “{text}”: more are shown as you scroll down.")
                                    .format(count=QLocale().toString(at_least - 1), text=self.filter_edit.text()))
        self.count_note.setVisible(at_least is not None)
        self.filter_edit.setEnabled(self.model.total_count > 0 or bool(self.filter_edit.text()))
        self._update_delete_button()

    def _update_delete_button(self) -> None:
        row = self.current_row()
        allowed = row is not None and (self.can_delete is None or self.can_delete(row))
        self.delete_button.setEnabled(allowed)
        self.delete_action.setEnabled(allowed)

    def current_row(self) -> Row | None:
        """The selected record's row as the service listed it."""
        index = self.table_view.currentIndex()
        return self.model.row_values(index.row()) if index.isValid() else None

    def _fit_columns(self) -> None:
        if self._filtering:
            return
        # Contents plus breathing room: a label that touches the grid line reads as clipped. Measured
        # from the size hints once per reload; a resize only shares out the width again.
        header = self.table_view.horizontalHeader()
        self._wanted_widths = []
        for column in range(self.model.columnCount()):
            wanted = max(self.table_view.sizeHintForColumn(column), header.sectionSizeHint(column)) + 16
            limit = MAX_MAIN_COLUMN_WIDTH if column == self._main_column else MAX_COLUMN_WIDTH
            self._wanted_widths.append(min(wanted, limit))
        self.apply_column_widths()

    def apply_column_widths(self) -> None:
        """Give every column its width; the naming column gives up room first, so that the others
        fit beside it while it keeps at least MIN_MAIN_COLUMN_WIDTH (beyond that, the list scrolls)."""
        widths = list(self._wanted_widths)
        if not widths:
            return
        shown = [column for column in range(len(widths)) if not self.table_view.isColumnHidden(column)]
        others = sum(widths[column] for column in shown if column != self._main_column)
        room = self.table_view.viewport().width() - others
        main = widths[self._main_column]
        widths[self._main_column] = max(min(main, room), min(main, MIN_MAIN_COLUMN_WIDTH))
        for column in shown:
            self.table_view.setColumnWidth(column, widths[column])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not torn_down(self, "table_view"):
            self.apply_column_widths()

    def _on_record_edited(self, table: str, _record_id: int) -> None:
        if table not in self.watched_tables:
            return
        if self.isVisible():
            # An undo of a delete restores many rows one by one: read the list once, after all of them.
            self._reload_timer.start()
        else:
            self._stale = True  # a list on a hidden tab is read when it is shown (or asked for a record)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not torn_down(self, "filter_edit") and self._stale:
            self.reload()

    def hideEvent(self, event: QHideEvent) -> None:
        # A reload still pending when the panel is hidden (its tab left, its window closing) waits
        # until it is shown again, instead of running on a window that may be on its way out.
        if torn_down(self, "_reload_timer"):
            super().hideEvent(event)
            return
        if self._reload_timer.isActive():
            self._reload_timer.stop()
            self._stale = True
        self._filter_timer.stop()
        super().hideEvent(event)

    # Deleting

    def delete_current(self) -> None:
        """Ask, naming the record, then delete it through RecordEdits (undoable); say why if refused."""
        index = self.table_view.currentIndex()
        if not index.isValid():
            return
        record_id = index.data(RecordIdRole)
        name = self.name_of(self.current_row() or {})
        if not self.confirm_delete(name):
            return
        try:
            self.edits.delete(self.table, record_id)
        except ValidationError as error:
            # "still used by 3 delegation member record(s); remove those first" says it all.
            self.show_refusal(" ".join(sentence(message) for message in error.errors.values()))
            return
        except PlannerError as error:
            self.show_refusal(sentence(str(error)))
            return
        self.reload()

    def confirm_delete(self, name: str) -> bool:
        """Ask before deleting, naming the record (Cancel is the default)."""
        box = self._message_box(
            QMessageBox.Icon.Question,
            self.tr("Delete"),
            self.tr("Delete “{name}”?\n\nUndo (Ctrl+Z) brings it back.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def show_refusal(self, text: str, title: str | None = None) -> None:
        """Say why something was not done (by default: why a record cannot be deleted)."""
        title = title if title is not None else self.tr("Cannot delete")
        self._message_box(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok).exec()

    def _message_box(
        self, icon: QMessageBox.Icon, title: str, text: str, buttons: QMessageBox.StandardButton
    ) -> QMessageBox:
        box = QMessageBox(icon, title, text, buttons, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a record's name is shown as stored, never as markup
        return box
