"""A list of checkable entries (a project's topics, its partner institutions), edited as a set of ids."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QVBoxLayout, QWidget

from dialogue_planner.ui.form_fields import signals_blocked

IdRole = Qt.ItemDataRole.UserRole


class CheckList(QWidget):
    """Every choice of `options()` with a check box; `checkedChanged(list[int])` after the user ticks one."""

    checkedChanged = Signal(list)

    def __init__(self, options: Callable[[], Iterable[tuple[int, str]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._options = options
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)
        self.model.itemChanged.connect(self._on_item_changed)

    def set_checked(self, ids: Iterable[int]) -> None:
        """Read the choices again and tick exactly `ids`."""
        wanted = set(ids)
        # The ticked ones first, so a record's choices show without scrolling; the order stays put
        # while the user ticks, so an entry never jumps away from the pointer.
        choices = sorted(self._options(), key=lambda choice: choice[0] not in wanted)
        with signals_blocked(self.model):
            self.model.clear()
            for choice_id, text in choices:
                item = QStandardItem(text)
                item.setData(choice_id, IdRole)
                item.setToolTip(text)
                item.setCheckable(True)
                item.setCheckState(Qt.CheckState.Checked if choice_id in wanted else Qt.CheckState.Unchecked)
                self.model.appendRow(item)
        self.view.reset()

    def checked(self) -> list[int]:
        """The ids ticked now, in ascending order."""
        return sorted(
            self.model.item(row).data(IdRole)
            for row in range(self.model.rowCount())
            if self.model.item(row).checkState() == Qt.CheckState.Checked
        )

    def _on_item_changed(self, _item: QStandardItem) -> None:
        self.checkedChanged.emit(self.checked())
