"""The left side of the main window: the dialogues, the chosen dialogue's rounds, and New round."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QPushButton, QVBoxLayout, QWidget

from dialogue_planner.storage.database import Store
from dialogue_planner.ui.dialogue_list_model import DialogueListModel, TitleRole
from dialogue_planner.ui.round_table_model import RoundColumn, RoundIdRole
from dialogue_planner.ui.rounds_panel import RoundsPanel, heading_label


class NavigationPane(QWidget):
    """Choosing a dialogue shows its rounds; choosing a round asks for it to be planned."""

    dialogueSelected = Signal(int)
    roundSelected = Signal(int)
    roundActivated = Signal(int)  # double click or Enter: open the round in the planner
    roundCountChanged = Signal(str)  # "Rounds shown: 3 of 15", for the status bar

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialogue_model = DialogueListModel(store, self)
        self.dialogue_list = QListView()
        self.dialogue_list.setObjectName("dialogueList")
        self.dialogue_list.setModel(self.dialogue_model)
        self.dialogue_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.dialogue_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dialogue_list.setUniformItemSizes(True)
        self.dialogue_list.setSpacing(2)
        self.dialogue_list.setMaximumHeight(self.dialogue_list.fontMetrics().height() * 9)
        self.rounds_panel = RoundsPanel(store)
        # Narrow here: number, dates and city; the overview and planner show the rest.
        for column in (RoundColumn.HOST, RoundColumn.LEVEL, RoundColumn.STATUS, RoundColumn.TOPICS):
            self.rounds_panel.table.hideColumn(column)
        self.new_round_button = QPushButton(self.tr("New round"))
        self.new_round_button.setObjectName("newRoundButton")
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Dialogues")))
        layout.addWidget(self.dialogue_list)
        layout.addWidget(self.rounds_panel, 1)
        layout.addWidget(self.new_round_button)

        self.dialogue_list.selectionModel().currentRowChanged.connect(self._on_current_dialogue_changed)
        self.rounds_panel.table.selectionModel().currentRowChanged.connect(self._on_current_round_changed)
        self.rounds_panel.table.activated.connect(self._on_round_activated)
        self.rounds_panel.shownRoundsChanged.connect(self._count_rounds)

    def current_dialogue_id(self) -> int | None:
        return self.dialogue_list.currentIndex().data(Qt.ItemDataRole.UserRole)

    def current_round_id(self) -> int | None:
        return self.rounds_panel.table.currentIndex().data(RoundIdRole)

    def select_dialogue(self, dialogue_id: int | None) -> None:
        """Choose the dialogue in the list (the first one if it is not listed): its rounds follow."""
        if self.dialogue_model.rowCount() == 0:
            self.rounds_panel.show_no_dialogues()
            self.new_round_button.setEnabled(False)
            return
        row = self.dialogue_model.row_of(dialogue_id) if dialogue_id is not None else None
        self.dialogue_list.setCurrentIndex(self.dialogue_model.index(row or 0))

    def select_round(self, round_id: int | None) -> bool:
        """Choose a round in the list (the newest when None or not listed); False if there is none."""
        proxy, table = self.rounds_panel.proxy, self.rounds_panel.table
        rows = range(proxy.rowCount())
        row = next((r for r in rows if proxy.index(r, 0).data(RoundIdRole) == round_id), 0 if rows else None)
        if row is None:
            return False
        table.selectRow(row)
        table.scrollTo(proxy.index(row, 0))
        return True

    def reload(self, keep_round: int | None = None) -> None:
        """Read dialogues and rounds again, quietly keeping the chosen dialogue and the round `keep_round`."""
        current = self.current_dialogue_id()
        self.dialogue_model.reload()
        row = self.dialogue_model.row_of(current) if current is not None else None
        if row is None:
            self.select_dialogue(None)
            return
        self.dialogue_list.blockSignals(True)
        self.dialogue_list.setCurrentIndex(self.dialogue_model.index(row))
        self.dialogue_list.blockSignals(False)
        self.rounds_panel.model.reload()
        self.select_round(keep_round)

    def _on_current_dialogue_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        dialogue_id = self.dialogue_model.dialogue_id(current.row()) if current.isValid() else None
        if dialogue_id is None:
            return
        row = self.dialogue_model.row_of(dialogue_id)
        title = self.dialogue_model.index(row).data(TitleRole) if row is not None else ""
        self.rounds_panel.show_dialogue(dialogue_id, title)
        self.new_round_button.setEnabled(True)
        self.dialogueSelected.emit(dialogue_id)

    def _on_current_round_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        round_id = current.data(RoundIdRole) if current.isValid() else None
        if round_id is not None:
            self.roundSelected.emit(round_id)

    def _on_round_activated(self, index: QModelIndex) -> None:
        round_id = index.data(RoundIdRole)
        if round_id is not None:
            self.roundActivated.emit(round_id)

    def _count_rounds(self, shown: int, total: int) -> None:
        # Worded without plurals: they would need a translation file even in English.
        shown_text, total_text = QLocale().toString(shown), QLocale().toString(total)
        if shown == total:
            text = self.tr("Rounds shown: {shown}").format(shown=shown_text)
        else:
            text = self.tr("Rounds shown: {shown} of {total}").format(shown=shown_text, total=total_text)
        self.roundCountChanged.emit(text)
