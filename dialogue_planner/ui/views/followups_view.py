"""Follow-ups across the rounds of a dialogue: open, overdue or all; mark done, edit, add.

Overdue follow-ups are marked by a warning icon and the word "overdue" in
their status, with a tooltip giving the due date; colour only adds to that.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from dialogue_planner.errors import NotFoundError, PlannerError
from dialogue_planner.services import records
from dialogue_planner.services.followup_tracking import track_follow_ups
from dialogue_planner.services.reference_lists import round_rows
from dialogue_planner.storage import vocabulary
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.choices import round_options, topic_options
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldKind, FieldSpec
from dialogue_planner.ui.labels import choice_label
from dialogue_planner.ui.record_form import RecordForm, sentence
from dialogue_planner.ui.record_list_panel import RecordListPanel
from dialogue_planner.ui.record_table_model import RIGHT, Column, RecordTableModel, Row, choice_column
from dialogue_planner.ui.views.base import RecordView, master_detail
from dialogue_planner.ui.views.formats import date_text

OVERDUE_COLOUR = QColor("#b3261e")
STATUS_COLUMN = 2


class FollowUpsView(RecordView):
    """What was agreed at the dialogue's rounds: who does it, by when, and whether it was done."""

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(store, edits, parent)
        self.setObjectName("followUpsView")
        self.all_countries_box.setText(self.tr("Show all dialogues"))
        self.all_countries_box.setToolTip(self.tr("Follow-ups of every dialogue, not only the chosen one"))
        self.today = datetime.date.today()
        self._warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

        self.state_choice = QComboBox()
        self.state_choice.setObjectName("followUpState")
        for state, text in (("open", self.tr("Open")), ("overdue", self.tr("Overdue")), ("all", self.tr("All"))):
            self.state_choice.addItem(text, state)
        state_label = QLabel(self.tr("&Show:"))
        state_label.setBuddy(self.state_choice)
        self.header_layout.insertWidget(1, state_label)
        self.header_layout.insertWidget(2, self.state_choice)
        self.header_layout.insertSpacing(3, 12)

        self.model = RecordTableModel([
            Column("round_number", self.tr("Round"), formatter=self._round_text, alignment=RIGHT),
            Column("due_date", self.tr("Due"), formatter=date_text),
            Column("status", self.tr("Status"), formatter=self._status_text,
                   sort_key=lambda row: (0 if row["overdue"] else 1) * 10
                   + vocabulary.FOLLOWUP_STATUSES.index(row["status"])),
            Column("description", self.tr("What"), formatter=lambda value, _row: " ".join((value or "").split())),
            choice_column("owner", self.tr("Who"), vocabulary.FOLLOWUP_OWNERS),
            Column("topic", self.tr("Topic")),
        ], decorate=self._decorate)
        self.panel = RecordListPanel(
            edits, "follow_up", self.model, name_of=lambda row: " ".join((row.get("description") or "").split()),
            empty_text=self.tr("No follow-ups here. Add what was agreed at a round with New follow-up."),
            new_text=self.tr("&New follow-up"), filter_placeholder=self.tr("Filter follow-ups…"), main_column=3,
            watch=("round", "topic"),
        )
        self.done_button = QPushButton(self.tr("Mark &done"))
        self.done_button.setObjectName("markDone")
        self.done_button.setToolTip(self.tr("The selected follow-up is done today"))
        self.panel.buttons_layout.insertWidget(2, self.done_button)

        self.form = RecordForm(edits, "follow_up", [
            FieldSpec("round", self.tr("Agreed at"), FieldKind.REFERENCE,
                      options=round_options(store, lambda: self.dialogue_id)),
            FieldSpec("topic", self.tr("Topic"), FieldKind.REFERENCE, options=topic_options(store), optional=True),
            FieldSpec("description", self.tr("What"), FieldKind.TEXT),
            FieldSpec("owner", self.tr("Who"), FieldKind.CHOICE, choices=vocabulary.FOLLOWUP_OWNERS),
            FieldSpec("due_date", self.tr("Due"), FieldKind.DATE, optional=True),
            FieldSpec("status", self.tr("Status"), FieldKind.CHOICE, choices=vocabulary.FOLLOWUP_STATUSES),
            FieldSpec("completed_on", self.tr("Completed on"), FieldKind.DATE, optional=True),
            FieldSpec("notes", self.tr("Notes"), FieldKind.TEXT),
        ])
        box = QGroupBox(self.tr("Follow-up"))
        QVBoxLayout(box).addWidget(self.form)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 6, 0)
        detail_layout.addWidget(box)
        detail_layout.addStretch(1)
        self.page_layout.addWidget(master_detail(self.panel, detail, (620, 480)), 1)

        self.state_choice.currentIndexChanged.connect(self.refresh)
        self.panel.recordSelected.connect(self._show_follow_up)
        self.panel.recordSelected.connect(self.recordSelected)
        self.panel.selectionCleared.connect(self._show_no_follow_up)
        self.panel.newRequested.connect(self.new_follow_up)
        self.done_button.clicked.connect(self.mark_done)
        self.set_dialogue(None)

    def title(self) -> str:
        return self.tr("Follow-ups")

    @property
    def state(self) -> str:
        return self.state_choice.currentData()

    def set_state(self, state: str) -> None:
        """Show 'open', 'overdue' or 'all' follow-ups."""
        self.state_choice.setCurrentIndex(max(self.state_choice.findData(state), 0))

    # Cells

    def _round_text(self, number: int, row: Row) -> str:
        if self.country_id is None:  # several dialogues listed: say which
            return self.tr("{country} {number}").format(country=row["country"], number=number)
        return str(number)

    def _status_text(self, value: str, row: Row) -> str:
        label = choice_label(vocabulary.FOLLOWUP_STATUSES, value)
        if row["overdue"]:
            return self.tr("{status} — overdue").format(status=label)
        if value == "done" and row["completed_on"]:
            return self.tr("{status} {date}").format(status=label, date=date_text(row["completed_on"]))
        return label

    def _decorate(self, row: Row, column: int, role: int) -> Any:
        if not row["overdue"] or column != STATUS_COLUMN:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._warning_icon
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Overdue: it was due on {date}").format(date=date_text(row["due_date"]))
        return None

    # Reading

    def refresh(self) -> None:
        self.today = datetime.date.today()  # "overdue" moves on when the app stays open past midnight
        dialogue = self.dialogue_id if self.country_id is not None else None
        state, today = self.state, self.today
        self.model.set_loader(lambda: track_follow_ups(self.store, dialogue, state, today=today), read=False)
        self.panel.reload()
        self._update_done_button()

    def _show_follow_up(self, _table: str, follow_up_id: int) -> None:
        self.form.load(follow_up_id)
        self._update_done_button()

    def _show_no_follow_up(self) -> None:
        self.form.load(None)
        self._update_done_button()

    def _update_done_button(self) -> None:
        row = self.panel.current_row()
        self.done_button.setEnabled(row is not None and row["status"] != "done")

    def show_record(self, table: str, record_id: int) -> bool:
        if table != "follow_up":
            return False
        try:
            round_id = records.get(self.store, table, record_id).round_id
            dialogue_id = records.get(self.store, "round", round_id).dialogue_id
        except NotFoundError:
            return False
        if dialogue_id != self.dialogue_id:
            self.show_all_countries()
        if self.panel.select_record(record_id):
            return True
        self.set_state("all")  # done or dropped ones are not in the open list
        return self.panel.select_record(record_id)

    # Edits

    def mark_done(self) -> None:
        """The selected follow-up is done, completed today (undoable)."""
        row = self.panel.current_row()
        if row is None:
            return
        try:
            self.edits.update("follow_up", row["id"], {"status": "done", "completed_on": self.today},
                              self.tr("Mark follow-up done"))
        except PlannerError as error:
            self.panel.show_refusal(sentence(str(error)), self.tr("Cannot mark done"))
            return
        self.panel.reload()

    def new_follow_up(self) -> None:
        """A follow-up of the dialogue's latest round, its description ready to type."""
        rounds = round_rows(self.store, dialogue_id=self.dialogue_id) if self.dialogue_id is not None else []
        if not rounds:
            reason = self.tr("Choose a dialogue with a round first: a follow-up is agreed at a round.")
            self.panel.show_refusal(reason, self.tr("Cannot add"))
            return
        try:
            follow_up = self.edits.create("follow_up", {"round": rounds[0]["id"],
                                                        "description": self.tr("New follow-up")})
        except PlannerError as error:
            self.panel.show_refusal(sentence(str(error)), self.tr("Cannot add"))
            return
        self.panel.reload()
        self.panel.select_record(follow_up.id)
        editor = self.form.editors["description"].widget
        editor.setFocus()
        editor.selectAll()
