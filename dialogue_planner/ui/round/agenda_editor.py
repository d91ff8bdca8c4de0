"""The agenda editor: topics from the catalogue, their order and minutes, and the focus indicator."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import PlannerError
from dialogue_planner.services.agenda import add_agenda_item, move_agenda_item
from dialogue_planner.services.topics import list_topics
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.round.agenda_model import MAX_MINUTES, AgendaColumn, AgendaModel, format_duration
from dialogue_planner.ui.round.widgets import fill_choices


class FocusIndicator(QLabel):
    """'4 topics of a target of 4 · 3 priority topics · 3:30 in all', with a warning when over target."""

    def show_focus(self, topic_count: int, target: int, priority_count: int, total_minutes: int) -> None:
        over = topic_count > target
        text = self.tr("{count} topics on the agenda, focus target {target} · {priority} priority · {time} h in all")
        text = text.format(
            count=topic_count, target=target, priority=priority_count, time=format_duration(total_minutes)
        )
        if over:
            text = self.tr("⚠ Over the focus target: {details}").format(details=text)
        self.setText(text)
        self.setProperty("overTarget", over)
        # Not colour alone: the sign and the words say it too.
        self.setStyleSheet(
            "QLabel { padding: 6px 8px; border-radius: 4px; %s }"
            % ("background: #fdecea; color: #8a1c12;" if over else "background: #e8f3ec; color: #1d5b33;")
        )


class AgendaEditor(QWidget):
    """Edits the agenda of one round; every change goes through `edits` and can be undone."""

    currentItemChanged = Signal(int)  # agenda item id, or 0 when none is chosen
    warningRaised = Signal(str)  # a focus warning to show the user

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._edits = edits
        self.model = AgendaModel(store, self)

        self.focus_indicator = FocusIndicator()
        self.focus_indicator.setObjectName("focusIndicator")
        self.focus_indicator.setWordWrap(True)
        self.table = self._make_table()

        self.topic_combo = QComboBox()
        self.topic_combo.setObjectName("agendaTopicChoice")
        self.topic_combo.setMinimumContentsLength(12)
        self.topic_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("agendaMinutes")
        self.minutes_spin.setRange(0, MAX_MINUTES)
        self.minutes_spin.setSingleStep(15)
        self.minutes_spin.setValue(45)
        self.minutes_spin.setSuffix(self.tr(" min"))
        self.add_button = QPushButton(self.tr("Add to agenda"))
        self.add_button.setObjectName("addAgendaItem")
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button.setToolTip(self.tr("Move the topic up (Alt+Up)"))
        self.down_button.setToolTip(self.tr("Move the topic down (Alt+Down)"))

        adding = QHBoxLayout()
        adding.addWidget(QLabel(self.tr("Topic:")))
        adding.addWidget(self.topic_combo, 1)
        adding.addWidget(self.minutes_spin)
        adding.addWidget(self.add_button)
        ordering = QHBoxLayout()
        ordering.addWidget(self.up_button)
        ordering.addWidget(self.down_button)
        ordering.addStretch(1)
        ordering.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.focus_indicator)
        layout.addLayout(adding)
        layout.addWidget(self.table, 1)
        layout.addLayout(ordering)

        self._add_shortcuts()
        self.add_button.clicked.connect(self.add_chosen_topic)
        self.up_button.clicked.connect(self.move_current_up)
        self.down_button.clicked.connect(self.move_current_down)
        self.remove_button.clicked.connect(self.remove_current)
        self.model.moveRequested.connect(self.move_item)
        self.model.minutesEdited.connect(self.set_minutes)
        self.model.modelReset.connect(self._after_reload)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        edits.recordChanged.connect(self._on_record_changed)
        edits.recordRemoved.connect(self._on_record_changed)
        self.set_round(None)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("agendaTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AgendaColumn.TOPIC, QHeaderView.ResizeMode.Stretch)
        return table

    def _add_shortcuts(self) -> None:
        for keys, slot in (
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up), self.move_current_up),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down), self.move_current_down),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_current),
        ):
            action = QAction(self.table)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)

    # Showing a round

    def set_round(self, round_id: int | None) -> None:
        self.model.set_round(round_id)
        self.setEnabled(round_id is not None)

    def _after_reload(self) -> None:
        self._fill_topic_choice()
        focus = self.model.focus()
        if focus is None:
            self.focus_indicator.setText(self.tr("Choose a round to plan its agenda."))
        else:
            self.focus_indicator.show_focus(
                focus.topic_count, focus.target, focus.priority_count, self.model.total_minutes()
            )
        has_items = self.model.rowCount() > 0
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setEnabled(has_items)

    def _fill_topic_choice(self) -> None:
        """Catalogue topics not yet on the agenda, priority topics first and starred."""
        on_agenda, priorities = self.model.topic_ids(), self.model.priority_topic_ids()
        topics = [row for row in list_topics(self._store) if row["id"] not in on_agenda]
        topics.sort(key=lambda row: (row["id"] not in priorities, row["name"].casefold()))
        choices = [
            (self.tr("★ {topic}").format(topic=row["name"]) if row["id"] in priorities else row["name"], row["id"])
            for row in topics
        ]
        offered = fill_choices(self.topic_combo, choices, self.tr("Every topic is on the agenda"))
        self.topic_combo.setEnabled(offered)
        self.add_button.setEnabled(offered and self.model.round_id is not None)

    def _on_record_changed(self, table: str, _record_id: int) -> None:
        if self.model.round_id is not None and table in ("agenda_item", "round", "priority_topic", "topic", "dialogue"):
            current = self.current_item_id()
            self.model.reload()
            self.select_item(current)

    # Selection

    def current_item_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.item_id(index.row()) if index.isValid() else None

    def select_item(self, item_id: int | None) -> None:
        row = self.model.row_of(item_id) if item_id is not None else None
        if row is None:
            row = 0 if self.model.rowCount() else None
        if row is None:
            self.currentItemChanged.emit(0)
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, AgendaColumn.TOPIC),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentItemChanged.emit(self.model.item_id(current.row()) or 0 if current.isValid() else 0)

    # Edits, each through the services and the undo stack

    def add_chosen_topic(self) -> None:
        topic_id = self.topic_combo.currentData()
        if topic_id is None or self.model.round_id is None:
            return
        topic_name = self.topic_combo.currentText().removeprefix("★ ")
        try:
            item, warnings = add_agenda_item(
                self._store, self.model.round_id, topic_id, minutes=self.minutes_spin.value()
            )
        except PlannerError as error:
            self._refuse(str(error))
            return
        self._edits.created(item, self.tr("Add {topic} to the agenda").format(topic=topic_name))
        self.select_item(item.id)
        for warning in warnings:
            self.warningRaised.emit(warning)

    def move_item(self, item_id: int, new_index: int) -> None:
        old_index = self.model.row_of(item_id)
        if old_index is None or old_index == new_index:
            return
        try:
            move_agenda_item(self._store, item_id, new_index)
        except PlannerError as error:
            self._refuse(str(error))
            return
        store = self._store
        self._edits.steps(
            redo=lambda: move_agenda_item(store, item_id, new_index),
            undo=lambda: move_agenda_item(store, item_id, old_index),
            text=self.tr("Move agenda item"),
            table="agenda_item",
            record_id=item_id,
        )
        self.select_item(item_id)

    def move_current_up(self) -> None:
        self._move_current(-1)

    def move_current_down(self) -> None:
        self._move_current(+1)

    def _move_current(self, step: int) -> None:
        item_id = self.current_item_id()
        if item_id is None:
            return
        new_index = self.model.row_of(item_id) + step
        if 0 <= new_index < self.model.rowCount():
            self.move_item(item_id, new_index)

    def set_minutes(self, item_id: int, minutes: int) -> None:
        try:
            self._edits.update("agenda_item", item_id, {"minutes": minutes}, self.tr("Change minutes"))
        except PlannerError as error:
            self._refuse(str(error))

    def remove_current(self) -> None:
        item_id = self.current_item_id()
        if item_id is None:
            return
        row = self.model.row_of(item_id)
        topic = self.model.index(row, AgendaColumn.TOPIC).data().removeprefix("★ ")
        try:
            self._edits.delete("agenda_item", item_id, self.tr("Remove {topic} from the agenda").format(topic=topic))
        except PlannerError as error:
            self._refuse(str(error))
            return
        self.select_item(self.model.item_id(min(row, self.model.rowCount() - 1)))

    def _refuse(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Agenda"), message)
