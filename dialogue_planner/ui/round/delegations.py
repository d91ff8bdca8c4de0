"""Both delegations of a round, each picked from the network with a role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import PlannerError
from dialogue_planner.services.network import add_to_delegation, delegation_of
from dialogue_planner.services.round_planning import delegation_candidates
from dialogue_planner.storage import vocabulary
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.labels import choice_label
from dialogue_planner.ui.round.widgets import fill_choices, make_table, read_only_row

MemberIdRole = Qt.ItemDataRole.UserRole


class DelegationPanel(QGroupBox):
    """One side's delegation: the members with role, and a picker to add someone from the network."""

    def __init__(self, store: Store, edits: RecordEdits, side: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._store, self._edits, self.side = store, edits, side
        self.round_id: int | None = None
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Title"), self.tr("Institution"), self.tr("Role")]
        )
        self.table = make_table(self.model, f"{side}Delegation")
        self.person_combo = QComboBox()
        self.person_combo.setObjectName(f"{side}DelegationPerson")
        # Long "name — title, institution" entries must not widen the window: the popup shows them whole.
        self.person_combo.setMinimumContentsLength(10)
        self.person_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.role_combo = QComboBox()
        for role in vocabulary.DELEGATION_ROLES:
            self.role_combo.addItem(choice_label(vocabulary.DELEGATION_ROLES, role), role)
        self.role_combo.setCurrentIndex(vocabulary.DELEGATION_ROLES.index("member"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setObjectName(f"{side}DelegationAdd")
        self.remove_button = QPushButton(self.tr("Remove"))
        self.role_button = QPushButton(self.tr("Give chosen member this role"))
        self.role_button.setObjectName(f"{side}DelegationSetRole")
        picker = QHBoxLayout()
        picker.addWidget(self.person_combo, 1)
        picker.addWidget(self.role_combo)
        picker.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(picker)
        member_buttons = QHBoxLayout()
        member_buttons.addStretch(1)
        member_buttons.addWidget(self.role_button)
        member_buttons.addWidget(self.remove_button)
        layout.addLayout(member_buttons)
        self.add_button.clicked.connect(self.add_chosen_person)
        self.remove_button.clicked.connect(self.remove_current)
        self.role_button.clicked.connect(self.set_role_of_current)
        edits.recordChanged.connect(self._on_record_changed)
        edits.recordRemoved.connect(self._on_record_changed)

    def set_round(self, round_id: int | None) -> None:
        self.round_id = round_id
        self.reload()

    def reload(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self.person_combo.clear()
        if self.round_id is None:
            return
        for member in delegation_of(self._store, self.round_id, self.side):
            role = choice_label(vocabulary.DELEGATION_ROLES, member["role"])
            row = read_only_row(member["name"], member["title"] or "", member["institution"] or "", role)
            row[0].setData(member["id"], MemberIdRole)
            self.model.appendRow(row)
        choices = []
        for person in delegation_candidates(self._store, self.round_id, self.side):
            detail = ", ".join(part for part in (person["title"], person["institution"]) if part)
            choices.append((f"{person['name']} — {detail}" if detail else person["name"], person["id"]))
        empty = self.tr("Everyone in the network is on it: add people under Network")
        self.add_button.setEnabled(fill_choices(self.person_combo, choices, empty))
        self.remove_button.setEnabled(self.model.rowCount() > 0)
        self.role_button.setEnabled(self.model.rowCount() > 0)

    def _on_record_changed(self, table: str, _record_id: int) -> None:
        if self.round_id is not None and table in ("delegation_member", "person", "institution"):
            self.reload()

    def add_chosen_person(self) -> None:
        person_id = self.person_combo.currentData()
        if person_id is None or self.round_id is None:
            return
        try:
            member = add_to_delegation(self._store, self.round_id, person_id, self.side, self.role_combo.currentData())
        except PlannerError as error:
            QMessageBox.warning(self, self.title(), str(error))
            return
        self._edits.created(member, self.tr("Add to delegation"))

    def set_role_of_current(self) -> None:
        """The chosen member takes the role shown in the role box (head, member, expert, interpreter)."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        member_id = self.model.item(index.row(), 0).data(MemberIdRole)
        try:
            self._edits.update(
                "delegation_member", member_id, {"role": self.role_combo.currentData()}, self.tr("Change role")
            )
        except PlannerError as error:
            QMessageBox.warning(self, self.title(), str(error))

    def remove_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        member_id = self.model.item(index.row(), 0).data(MemberIdRole)
        try:
            self._edits.delete("delegation_member", member_id, self.tr("Remove from delegation"))
        except PlannerError as error:
            QMessageBox.warning(self, self.title(), str(error))


class DelegationsTab(QWidget):
    """Our delegation beside the partner's."""

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home = DelegationPanel(store, edits, "home", self.tr("Our delegation"))
        self.partner = DelegationPanel(store, edits, "partner", self.tr("Partner's delegation"))
        # One above the other: both stay readable in a narrow window, and each list grows with its delegation.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.home)
        splitter.addWidget(self.partner)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def set_round(self, round_id: int | None) -> None:
        self.home.set_round(round_id)
        self.partner.set_round(round_id)
