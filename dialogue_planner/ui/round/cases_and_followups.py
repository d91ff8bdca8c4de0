"""A round's cases to raise (with the response received) and its follow-ups, new and from earlier rounds."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import PlannerError
from dialogue_planner.services.cases import cases_for_round, raise_case
from dialogue_planner.services.followups import add_follow_up, followups_agreed_at, open_followups_before
from dialogue_planner.services.round_planning import raisable_cases
from dialogue_planner.storage import vocabulary
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.labels import choice_label
from dialogue_planner.ui.round.widgets import fill_choices, make_table, read_only_row
from dialogue_planner.ui.round_table_model import format_date

IdRole = Qt.ItemDataRole.UserRole
CONFIDENTIAL_TINT = QColor("#fff4e5")


class CasesTab(QWidget):
    """Cases to raise at the round; confidential ones marked in words and colour."""

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._edits = store, edits
        self.round_id: int | None = None
        self._responses: dict[int, str] = {}
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Person"), self.tr("Category"), self.tr("Situation"), self.tr("Sensitivity")]
        )
        self.table = make_table(self.model, "roundCases")
        self.case_combo = QComboBox()
        self.case_combo.setObjectName("caseToRaise")
        self.case_combo.setMinimumContentsLength(12)
        self.case_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.add_button = QPushButton(self.tr("Raise at this round"))
        self.remove_button = QPushButton(self.tr("Remove from round"))
        self.response_edit = QPlainTextEdit()
        self.response_edit.setObjectName("caseResponse")
        self.response_edit.setPlaceholderText(self.tr("The response received when the case was raised"))
        self.save_response_button = QPushButton(self.tr("Save response"))
        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Case:")))
        picker.addWidget(self.case_combo, 1)
        picker.addWidget(self.add_button)
        response_box = QGroupBox(self.tr("Response received"))
        response_layout = QVBoxLayout(response_box)
        response_layout.addWidget(self.response_edit)
        response_layout.addWidget(self.save_response_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(response_box, 1)
        self.add_button.clicked.connect(self.add_chosen_case)
        self.remove_button.clicked.connect(self.remove_current)
        self.save_response_button.clicked.connect(self.save_response)
        self.table.selectionModel().currentRowChanged.connect(self._show_response)
        edits.recordChanged.connect(self._on_record_changed)
        edits.recordRemoved.connect(self._on_record_changed)

    def set_round(self, round_id: int | None) -> None:
        self.round_id = round_id
        self.reload()

    def reload(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self.case_combo.clear()
        self._responses.clear()
        if self.round_id is None:
            return
        for case in cases_for_round(self._store, self.round_id):
            confidential = case["sensitivity"] == "confidential"
            sensitivity = choice_label(vocabulary.SENSITIVITIES, case["sensitivity"])
            row = read_only_row(
                f"🔒 {case['person_name']}" if confidential else case["person_name"],
                choice_label(vocabulary.CASE_CATEGORIES, case["category"]),
                choice_label(vocabulary.CASE_SITUATIONS, case["situation"]),
                sensitivity,
            )
            row[0].setData(case["raising_id"], IdRole)
            if confidential:
                for item in row:
                    item.setBackground(QBrush(CONFIDENTIAL_TINT))
                    item.setToolTip(self.tr("Confidential: left out of the shareable brief"))
            self._responses[case["raising_id"]] = case["response"] or ""
            self.model.appendRow(row)
        choices = [
            (f"🔒 {case['person_name']}" if case["sensitivity"] == "confidential" else case["person_name"], case["id"])
            for case in raisable_cases(self._store, self.round_id)
        ]
        empty = self.tr("No other cases for this country: add them under Cases")
        self.add_button.setEnabled(fill_choices(self.case_combo, choices, empty))
        has_rows = self.model.rowCount() > 0
        self.remove_button.setEnabled(has_rows)
        self.response_edit.setEnabled(has_rows)
        self.save_response_button.setEnabled(has_rows)
        if has_rows:
            self.table.selectRow(0)
        else:
            self.response_edit.clear()

    def _current_raising(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.item(index.row(), 0).data(IdRole) if index.isValid() else None

    def _show_response(self) -> None:
        raising = self._current_raising()
        self.response_edit.setPlainText(self._responses.get(raising, "") if raising else "")

    def _on_record_changed(self, table: str, _record_id: int) -> None:
        if self.round_id is not None and table in ("case_raising", "individual_case"):
            self.reload()

    def add_chosen_case(self) -> None:
        case_id = self.case_combo.currentData()
        if case_id is None or self.round_id is None:
            return
        try:
            raising = raise_case(self._store, case_id, self.round_id)
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Cases"), str(error))
            return
        self._edits.created(raising, self.tr("Raise case at round"))

    def remove_current(self) -> None:
        raising = self._current_raising()
        if raising is not None:
            self._edits.delete("case_raising", raising, self.tr("Remove case from round"))

    def save_response(self) -> None:
        raising = self._current_raising()
        if raising is None:
            return
        try:
            self._edits.update(
                "case_raising", raising, {"response": self.response_edit.toPlainText()}, self.tr("Edit response")
            )
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Cases"), str(error))


class FollowUpsTab(QWidget):
    """Follow-ups agreed at this round, and the open ones from earlier rounds to check while preparing."""

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._edits = store, edits
        self.round_id: int | None = None
        headers = [self.tr("What"), self.tr("Who"), self.tr("Due"), self.tr("Status")]
        self.agreed_model = QStandardItemModel(0, 4, self)
        self.agreed_model.setHorizontalHeaderLabels(headers)
        self.earlier_model = QStandardItemModel(0, 5, self)
        self.earlier_model.setHorizontalHeaderLabels([self.tr("Round"), *headers])
        self.agreed_table = make_table(self.agreed_model, "agreedFollowUps")
        self.earlier_table = make_table(self.earlier_model, "earlierFollowUps")
        self.description_edit = QLineEdit()
        self.description_edit.setObjectName("newFollowUp")
        self.description_edit.setPlaceholderText(self.tr("What was agreed, e.g. send the list of detained lawyers"))
        self.owner_combo = QComboBox()
        for owner in vocabulary.FOLLOWUP_OWNERS:
            self.owner_combo.addItem(choice_label(vocabulary.FOLLOWUP_OWNERS, owner), owner)
        self.due_edit = QDateEdit(QDate.currentDate().addMonths(3))
        self.due_edit.setCalendarPopup(True)
        self.add_button = QPushButton(self.tr("Add follow-up"))
        self.add_button.setObjectName("addFollowUp")
        self.done_button = QPushButton(self.tr("Mark done"))
        self.earlier_done_button = QPushButton(self.tr("Mark done"))
        self.remove_button = QPushButton(self.tr("Remove"))
        adding = QHBoxLayout()
        adding.addWidget(self.description_edit, 1)
        adding.addWidget(self.owner_combo)
        adding.addWidget(QLabel(self.tr("due")))
        adding.addWidget(self.due_edit)
        adding.addWidget(self.add_button)
        agreed_box = QGroupBox(self.tr("Agreed at this round"))
        agreed_layout = QVBoxLayout(agreed_box)
        agreed_layout.addWidget(self.agreed_table)
        agreed_layout.addLayout(adding)
        agreed_buttons = QHBoxLayout()
        agreed_buttons.addStretch(1)
        agreed_buttons.addWidget(self.done_button)
        agreed_buttons.addWidget(self.remove_button)
        agreed_layout.addLayout(agreed_buttons)
        earlier_box = QGroupBox(self.tr("Still open from earlier rounds"))
        earlier_layout = QVBoxLayout(earlier_box)
        earlier_layout.addWidget(self.earlier_table)
        earlier_layout.addWidget(self.earlier_done_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(agreed_box, 1)
        layout.addWidget(earlier_box, 1)
        self.add_button.clicked.connect(self.add_follow_up)
        self.description_edit.returnPressed.connect(self.add_follow_up)
        self.done_button.clicked.connect(lambda: self._mark_done(self.agreed_table, self.agreed_model))
        self.earlier_done_button.clicked.connect(lambda: self._mark_done(self.earlier_table, self.earlier_model))
        self.remove_button.clicked.connect(self.remove_current)
        edits.recordChanged.connect(self._on_record_changed)
        edits.recordRemoved.connect(self._on_record_changed)

    def set_round(self, round_id: int | None) -> None:
        self.round_id = round_id
        self.reload()

    def _cells(self, row: dict) -> list[str]:
        due = row["due_date"]
        overdue = row["status"] == "open" and due is not None and due < datetime.date.today()
        due_text = format_date(due) if due else "—"
        return [
            " ".join(row["description"].split()),
            choice_label(vocabulary.FOLLOWUP_OWNERS, row["owner"]),
            self.tr("⚠ {date} (overdue)").format(date=due_text) if overdue else due_text,
            choice_label(vocabulary.FOLLOWUP_STATUSES, row["status"]),
        ]

    def reload(self) -> None:
        for model in (self.agreed_model, self.earlier_model):
            model.removeRows(0, model.rowCount())
        if self.round_id is None:
            return
        for row in followups_agreed_at(self._store, self.round_id):
            items = read_only_row(*self._cells(row))
            items[0].setData(row["id"], IdRole)
            self.agreed_model.appendRow(items)
        for row in open_followups_before(self._store, self.round_id):
            items = read_only_row(str(row["round_number"]), *self._cells(row))
            items[0].setData(row["id"], IdRole)
            self.earlier_model.appendRow(items)
        self.done_button.setEnabled(self.agreed_model.rowCount() > 0)
        self.remove_button.setEnabled(self.agreed_model.rowCount() > 0)
        self.earlier_done_button.setEnabled(self.earlier_model.rowCount() > 0)

    def _on_record_changed(self, table: str, _record_id: int) -> None:
        if self.round_id is not None and table == "follow_up":
            self.reload()

    def add_follow_up(self) -> None:
        if self.round_id is None:
            return
        due = self.due_edit.date()
        try:
            follow_up = add_follow_up(
                self._store,
                self.round_id,
                self.description_edit.text(),
                owner=self.owner_combo.currentData(),
                due_date=datetime.date(due.year(), due.month(), due.day()),
            )
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Follow-ups"), str(error))
            return
        self.description_edit.clear()
        self._edits.created(follow_up, self.tr("Add follow-up"))

    def _mark_done(self, table, model: QStandardItemModel) -> None:
        index = table.currentIndex()
        if not index.isValid():
            return
        follow_up_id = model.item(index.row(), 0).data(IdRole)
        changes = {"status": "done", "completed_on": datetime.date.today()}
        try:
            self._edits.update("follow_up", follow_up_id, changes, self.tr("Mark follow-up done"))
        except PlannerError as error:
            QMessageBox.warning(self, self.tr("Follow-ups"), str(error))

    def remove_current(self) -> None:
        index = self.agreed_table.currentIndex()
        if index.isValid():
            follow_up_id = self.agreed_model.item(index.row(), 0).data(IdRole)
            self._edits.delete("follow_up", follow_up_id, self.tr("Remove follow-up"))
