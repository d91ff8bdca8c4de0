"""The round planner: one round's details, agenda with item notes, delegations, cases and follow-ups."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import NotFoundError
from dialogue_planner.services.round_planning import round_heading
from dialogue_planner.storage import vocabulary
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldKind, FieldSpec
from dialogue_planner.ui.labels import round_status_label
from dialogue_planner.ui.record_form import RecordForm
from dialogue_planner.ui.round.agenda_editor import AgendaEditor
from dialogue_planner.ui.round.cases_and_followups import CasesTab, FollowUpsTab
from dialogue_planner.ui.round.delegations import DelegationsTab
from dialogue_planner.ui.round_table_model import format_date_range


def round_fields(tr) -> list[FieldSpec]:
    confidential = tr("Confidential: never printed in the shareable brief")
    return [
        FieldSpec("number", tr("Round number"), FieldKind.INTEGER, minimum=1),
        FieldSpec("start_date", tr("Starts"), FieldKind.DATE, optional=True),
        FieldSpec("end_date", tr("Ends"), FieldKind.DATE, optional=True),
        FieldSpec("city", tr("City"), placeholder=tr("e.g. Beijing (北京) or Hà Nội")),
        FieldSpec("host_side", tr("Host"), FieldKind.CHOICE, choices=vocabulary.HOST_SIDES),
        FieldSpec("level", tr("Level"), FieldKind.CHOICE, choices=vocabulary.ROUND_LEVELS),
        FieldSpec("status", tr("Status"), FieldKind.CHOICE, choices=vocabulary.ROUND_STATUSES),
        FieldSpec("purpose", tr("Purpose and objectives"), FieldKind.TEXT),
        FieldSpec("outcome_summary", tr("Outcome summary"), FieldKind.TEXT),
        FieldSpec("confidential_notes", tr("Confidential notes"), FieldKind.TEXT, tooltip=confidential),
    ]


def agenda_item_fields(tr) -> list[FieldSpec]:
    confidential = tr("Confidential: never printed in the shareable brief")
    return [
        FieldSpec("objectives", tr("Our objectives"), FieldKind.TEXT),
        FieldSpec("talking_points", tr("Talking points"), FieldKind.TEXT),
        FieldSpec("critical_questions", tr("Critical questions"), FieldKind.TEXT),
        FieldSpec("partner_priorities", tr("Partner's priorities"), FieldKind.TEXT),
        FieldSpec("outcome_notes", tr("Outcome notes"), FieldKind.TEXT),
        FieldSpec("confidential_notes", tr("Confidential notes"), FieldKind.TEXT, tooltip=confidential),
    ]


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class RoundPlanner(QWidget):
    """Plans the round given to `set_round`; every change is stored at once and can be undone."""

    recordSelected = Signal(str, int)  # table name, id: for the change history
    briefRequested = Signal(int, bool)  # round id, shareable
    warningRaised = Signal(str)

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.round_id: int | None = None

        self.heading = QLabel()
        self.heading.setObjectName("roundHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.subheading = QLabel()
        self.subheading.setObjectName("roundSubheading")
        self.subheading.setWordWrap(True)
        self.brief_button = QPushButton(self.tr("Export brief…"))
        self.brief_button.setObjectName("exportBrief")
        self.shareable_button = QPushButton(self.tr("Shareable brief…"))
        self.shareable_button.setToolTip(self.tr("The brief without anything confidential, fit to share"))

        self.details_form = RecordForm(edits, "round", round_fields(self.tr))
        self.details_form.setObjectName("roundDetailsForm")
        self.agenda_editor = AgendaEditor(store, edits)
        self.item_form = RecordForm(edits, "agenda_item", agenda_item_fields(self.tr))
        self.item_form.setObjectName("agendaItemForm")
        self.item_box = QGroupBox(self.tr("Briefing notes for the chosen topic"))
        item_layout = QVBoxLayout(self.item_box)
        item_layout.addWidget(_scrolling(self.item_form))
        # The agenda beside its notes: a click on a topic shows its notes without scrolling.
        agenda_split = QSplitter(Qt.Orientation.Horizontal)
        agenda_split.setObjectName("agendaSplitter")
        agenda_split.setChildrenCollapsible(False)
        agenda_split.addWidget(self.agenda_editor)
        agenda_split.addWidget(self.item_box)
        agenda_split.setStretchFactor(0, 1)
        agenda_split.setStretchFactor(1, 1)
        agenda_split.setSizes([440, 440])
        self.delegations = DelegationsTab(store, edits)
        self.cases = CasesTab(store, edits)
        self.follow_ups = FollowUpsTab(store, edits)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("roundTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(_scrolling(self.details_form), self.tr("Details"))
        self.tabs.addTab(_scrolling(agenda_split), self.tr("Agenda"))
        # Each tab scrolls in a small window rather than forcing the main window to grow.
        self.tabs.addTab(_scrolling(self.delegations), self.tr("Delegations"))
        self.tabs.addTab(_scrolling(self.cases), self.tr("Cases to raise"))
        self.tabs.addTab(_scrolling(self.follow_ups), self.tr("Follow-ups"))

        title_row = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        title_row.addLayout(titles, 1)
        title_row.addWidget(self.brief_button, 0, Qt.AlignmentFlag.AlignTop)
        title_row.addWidget(self.shareable_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.tabs, 1)

        self.agenda_editor.currentItemChanged.connect(self._show_item)
        self.agenda_editor.warningRaised.connect(self.warningRaised)
        self.brief_button.clicked.connect(lambda: self._request_brief(False))
        self.shareable_button.clicked.connect(lambda: self._request_brief(True))
        edits.recordChanged.connect(self._on_record_changed)
        edits.recordRemoved.connect(self._on_record_removed)
        self.set_round(None)

    def set_round(self, round_id: int | None) -> None:
        """Show this round (None: nothing to plan yet)."""
        self.round_id = round_id
        self.details_form.load(round_id)
        self.agenda_editor.set_round(round_id)
        self.delegations.set_round(round_id)
        self.cases.set_round(round_id)
        self.follow_ups.set_round(round_id)
        self._show_heading()
        self.tabs.setEnabled(round_id is not None)
        for button in (self.brief_button, self.shareable_button):
            button.setEnabled(round_id is not None)
        if round_id is not None:
            self.agenda_editor.select_item(None)
            self.recordSelected.emit("round", round_id)

    def show_record(self, table: str, record_id: int) -> bool:
        if table == "round":
            self.set_round(record_id)
            self.tabs.setCurrentIndex(0)
            return True
        return False

    def show_tab(self, name: str) -> None:
        """Bring a tab to the front: details, agenda, delegations, cases or follow-ups."""
        names = ("details", "agenda", "delegations", "cases", "follow-ups")
        if name in names:
            self.tabs.setCurrentIndex(names.index(name))

    def _show_heading(self) -> None:
        if self.round_id is None:
            self.heading.setText(self.tr("No round chosen"))
            self.subheading.setText(self.tr("Choose a round on the left, or plan a new one with New round."))
            return
        try:
            row = round_heading(self._store, self.round_id)
        except NotFoundError:
            self.set_round(None)
            return
        self.heading.setText(
            self.tr("{country} — round {number}").format(country=row["country"], number=row["number"])
        )
        parts = [row["city"] or self.tr("city not set")]
        parts.append(format_date_range(row["start_date"], row["end_date"]) or self.tr("dates not set"))
        parts.append(round_status_label(row["status"]))
        self.subheading.setText(" · ".join(parts))

    def _show_item(self, item_id: int) -> None:
        self.item_form.load(item_id or None)
        self.item_box.setEnabled(bool(item_id))
        if item_id:
            self.recordSelected.emit("agenda_item", item_id)

    def _on_record_changed(self, table: str, record_id: int) -> None:
        if table == "round" and record_id == self.round_id:
            self._show_heading()

    def _on_record_removed(self, table: str, record_id: int) -> None:
        if table == "round" and record_id == self.round_id:
            self.set_round(None)

    def _request_brief(self, shareable: bool) -> None:
        if self.round_id is not None:
            self.briefRequested.emit(self.round_id, shareable)
