"""The parts around the Review view's figures: the scope chooser, the headline figures, the records panel."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from PySide6.QtCore import QDate, QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.review.scope import RecordRef
from dialogue_planner.ui.review_table_model import DrillRequest, RecordListModel, RecordRole

IdRole = Qt.ItemDataRole.UserRole
# A QDateEdit at this date shows "open": the period has no bound on that side.
OPEN_DATE = QDate(1900, 1, 1)


def bold_label(text: str = "", scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class OpenDateEdit(QWidget):
    """A date that may be left open: a QDateEdit showing 'open' at its minimum, and a button to open it again."""

    dateChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(OPEN_DATE)
        self.edit.setSpecialValueText(self.tr("open"))
        self.edit.setDate(OPEN_DATE)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(self.tr("Leave the period open on this side"))
        self.clear_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._on_date_changed)
        self.clear_button.clicked.connect(self.clear)

    def day(self) -> datetime.date | None:
        """The chosen day, or None when open."""
        date = self.edit.date()
        return None if date == OPEN_DATE else datetime.date(date.year(), date.month(), date.day())

    def set_day(self, day: datetime.date | None) -> None:
        self.edit.setDate(OPEN_DATE if day is None else QDate(day.year, day.month, day.day))

    def clear(self) -> None:
        self.edit.setDate(OPEN_DATE)

    def _on_date_changed(self, _date: QDate) -> None:
        self.clear_button.setEnabled(self.day() is not None)
        self.dateChanged.emit()


class ScopePanel(QWidget):
    """Which dialogues (a checkable list) and which period (from/to, either open); `scopeChanged` on any change."""

    scopeChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogue_model = QStandardItemModel(self)
        self.dialogue_list = QListView()
        self.dialogue_list.setObjectName("reviewDialogues")
        self.dialogue_list.setModel(self.dialogue_model)
        self.dialogue_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dialogue_list.setMaximumHeight(140)
        self.from_edit = OpenDateEdit()
        self.to_edit = OpenDateEdit()
        self.today_label = QLabel()
        self.today_label.setWordWrap(True)
        self.today_label.setStyleSheet("color: palette(placeholder-text);")
        period = QFormLayout()
        period.setContentsMargins(0, 0, 0, 0)
        period.addRow(self.tr("From"), self.from_edit)
        period.addRow(self.tr("To"), self.to_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bold_label(self.tr("Dialogues")))
        layout.addWidget(self.dialogue_list)
        layout.addSpacing(6)
        layout.addWidget(bold_label(self.tr("Period (round start dates)")))
        layout.addLayout(period)
        layout.addWidget(self.today_label)
        self.dialogue_model.itemChanged.connect(self._on_item_changed)
        self.from_edit.dateChanged.connect(self.scopeChanged)
        self.to_edit.dateChanged.connect(self.scopeChanged)

    def set_dialogues(self, dialogues: Iterable[tuple[int, str]], checked: set[int] | None = None) -> None:
        """Offer these (id, name) dialogues, ticking `checked` (None: all)."""
        with QSignalBlocker(self.dialogue_model):
            self.dialogue_model.clear()
            for dialogue_id, name in dialogues:
                item = QStandardItem(name)
                item.setData(dialogue_id, IdRole)
                item.setCheckable(True)
                ticked = checked is None or dialogue_id in checked
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                self.dialogue_model.appendRow(item)
        self.dialogue_list.reset()

    def checked_dialogues(self) -> tuple[int, ...] | None:
        """The ticked dialogue ids; None when every dialogue is ticked (the review then covers all, new ones too)."""
        items = [self.dialogue_model.item(row) for row in range(self.dialogue_model.rowCount())]
        ticked = tuple(item.data(IdRole) for item in items if item.checkState() == Qt.CheckState.Checked)
        return None if len(ticked) == len(items) else ticked

    def _on_item_changed(self, _item: QStandardItem) -> None:
        self.scopeChanged.emit()


class FigureCard(QPushButton):
    """A headline figure: a big value over a caption; clicking lists the records behind it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlat(True)
        self.value_label = bold_label("–", 1.6)
        self.caption_label = QLabel(caption)
        self.caption_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setStyleSheet("color: palette(placeholder-text);")
        self.detail_label.setWordWrap(True)
        for label in (self.value_label, self.caption_label, self.detail_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.detail_label)
        self.setMinimumHeight(84)
        self.drill: DrillRequest | None = None

    def show_figure(self, value: str, detail: str, drill: DrillRequest | None, *, warning: bool = False) -> None:
        self.value_label.setText(value)
        self.value_label.setStyleSheet("color: #b0471c;" if warning else "color: #1f3a5f;")
        self.detail_label.setText(detail)
        self.drill = drill
        self.setEnabled(drill is not None)
        self.setToolTip(self.tr("Click to list the records behind this figure") if drill else "")


class RecordsPanel(QFrame):
    """The records behind the figure last clicked; activating one (double-click, Enter) or Open emits
    `recordActivated(table, id)`."""

    recordActivated = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = bold_label(self.tr("Records behind a figure"))
        self.title_label.setWordWrap(True)
        self.hint_label = QLabel(self.tr("Click a number, a bar or a grid cell to list the records it counts."))
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: palette(placeholder-text);")
        self.model = RecordListModel(self)
        self.list_view = QListView()
        self.list_view.setObjectName("reviewRecords")
        self.list_view.setModel(self.model)
        self.list_view.setWordWrap(True)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.open_button = QPushButton(self.tr("Open record"))
        self.open_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self.list_view.activated.connect(self._open)
        self.open_button.clicked.connect(self._open_current)
        self.list_view.selectionModel().currentChanged.connect(self._on_current_changed)

    def show_records(self, title: str, records: list[RecordRef]) -> None:
        self.title_label.setText(self.tr("{title} ({count})").format(title=title, count=len(records)))
        self.hint_label.setText(
            self.tr("Double-click a record to open it.") if records else self.tr("No records: the figure counted none.")
        )
        self.model.set_records(records)
        self.open_button.setEnabled(False)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.open_button.setEnabled(current.isValid())

    def _open_current(self) -> None:
        self._open(self.list_view.currentIndex())

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            table, record_id = index.data(RecordRole)
            self.recordActivated.emit(table, record_id)
