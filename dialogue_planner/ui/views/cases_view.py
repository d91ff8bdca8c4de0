"""Individual cases: the register beside the case's form, and the rounds it was raised at with the response.

Confidential cases are marked three ways, never by colour alone: a padlock
beside the name, the word in the Sensitivity column, and a tinted row with a
tooltip; the form shows a padlock banner while the case is confidential.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dialogue_planner.errors import NotFoundError, PlannerError
from dialogue_planner.services import records
from dialogue_planner.services.case_register import list_cases, raisings_of_case, rounds_to_raise_case_at
from dialogue_planner.services.cases import raise_case
from dialogue_planner.services.reference_lists import country_rows
from dialogue_planner.storage import vocabulary
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.badges import CONFIDENTIAL_TINT, PADLOCK_COLOUR, padlock_icon, padlock_pixmap
from dialogue_planner.ui.choices import country_options, round_label, topic_options
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldKind, FieldSpec
from dialogue_planner.ui.labels import round_status_label
from dialogue_planner.ui.record_form import RecordForm, sentence
from dialogue_planner.ui.record_list_panel import RecordListPanel
from dialogue_planner.ui.record_table_model import RIGHT, Column, RecordTableModel, Row, choice_column
from dialogue_planner.ui.sub_table import RecordSubTable
from dialogue_planner.ui.views.base import RecordView, forward_selection, master_detail
from dialogue_planner.ui.views.formats import date_text


class CasesView(RecordView):
    """The cases of the dialogue's country (or all): person, category, situation, topic, sensitivity."""

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(store, edits, parent)
        self.setObjectName("casesView")
        self._padlock = padlock_icon()
        self.model = RecordTableModel([
            Column("person_name", self.tr("Person")),
            Column("country", self.tr("Country")),
            choice_column("category", self.tr("Category"), vocabulary.CASE_CATEGORIES),
            choice_column("situation", self.tr("Situation"), vocabulary.CASE_SITUATIONS),
            Column("topic", self.tr("Topic")),
            choice_column("sensitivity", self.tr("Sensitivity"), vocabulary.SENSITIVITIES),
            Column("raised_count", self.tr("Raised"), formatter=lambda value, _row: QLocale().toString(value),
                   alignment=RIGHT, tooltip=self.tr("Rounds at which the case was raised")),
            Column("last_raised", self.tr("Last raised"), formatter=date_text),
        ], decorate=self._decorate)
        self.panel = RecordListPanel(
            edits, "individual_case", self.model, name_of=lambda row: row.get("person_name", ""),
            empty_text=self.tr("No cases yet — add one with New case."), new_text=self.tr("&New case"),
            filter_placeholder=self.tr("Filter cases by name, category, situation, topic…"),
            watch=("case_raising", "topic", "round"),
        )
        self.form = RecordForm(edits, "individual_case", [
            FieldSpec("person_name", self.tr("Person")),
            FieldSpec("country", self.tr("Country"), FieldKind.REFERENCE, options=country_options(store)),
            FieldSpec("category", self.tr("Category"), FieldKind.CHOICE, choices=vocabulary.CASE_CATEGORIES),
            FieldSpec("situation", self.tr("Situation"), FieldKind.CHOICE, choices=vocabulary.CASE_SITUATIONS),
            FieldSpec("topic", self.tr("Topic"), FieldKind.REFERENCE, options=topic_options(store), optional=True),
            FieldSpec("sensitivity", self.tr("Sensitivity"), FieldKind.CHOICE, choices=vocabulary.SENSITIVITIES,
                      tooltip=self.tr("Confidential cases never appear in a shareable brief")),
            FieldSpec("summary", self.tr("Summary"), FieldKind.TEXT),
        ])
        self.confidential_banner = self._make_banner()
        self.form.layout().insertWidget(0, self.confidential_banner)

        self.round_choice = QComboBox()
        self.round_choice.setObjectName("raiseAtRound")
        self.round_choice.setMinimumContentsLength(10)
        self.raisings = RecordSubTable(
            edits, "case_raising", self.tr("Raised at"),
            [Column("number", self.tr("Round"), formatter=lambda _value, row: round_label(row, with_country=False),
                    sort_key=lambda row: row["number"]),
             Column("start_date", self.tr("Date"), formatter=date_text),
             Column("status", self.tr("Status"), formatter=lambda value, _row: round_status_label(value)),
             Column("response", self.tr("Response received"),
                    formatter=lambda value, _row: " ".join((value or "").split()))],
            {"response": FieldSpec("response", self.tr("Response"), FieldKind.TEXT)},
            add=self._raise_at_round, add_text=self.tr("Raise at round"),
            empty_text=self.tr("Not raised yet: choose a round and add it."), watch=("round",),
        )
        self.raisings.toolbar.insertWidget(0, self.round_choice, 3)

        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 0, 6, 0)
        case_box = QGroupBox(self.tr("Case"))
        QVBoxLayout(case_box).addWidget(self.form)
        layout.addWidget(case_box)
        layout.addWidget(self.raisings, 1)
        self.page_layout.addWidget(master_detail(self.panel, detail), 1)

        self.panel.recordSelected.connect(self._show_case)
        self.panel.selectionCleared.connect(self._show_no_case)
        self.panel.newRequested.connect(self.new_case)
        self.form.loaded.connect(self._update_banner)
        self.form.editors["sensitivity"].edited.connect(self._update_banner)
        forward_selection(self, self.panel, self.raisings)
        self.raisings.model.modelReset.connect(self._fill_round_choice)  # a raising added, removed or undone
        self.set_dialogue(None)

    def title(self) -> str:
        return self.tr("Individual cases")

    def _make_banner(self) -> QWidget:
        banner = QWidget()
        banner.setObjectName("confidentialBanner")
        icon = QLabel()
        icon.setPixmap(padlock_pixmap(16))
        text = QLabel(self.tr("Confidential: this case is left out of shareable briefs."))
        palette = text.palette()
        palette.setColor(text.foregroundRole(), PADLOCK_COLOUR)
        text.setPalette(palette)
        layout = QHBoxLayout(banner)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(icon)
        layout.addWidget(text, 1)
        banner.hide()
        return banner

    def _decorate(self, row: Row, column: int, role: int) -> Any:
        if row.get("sensitivity") != "confidential":
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._padlock
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(CONFIDENTIAL_TINT)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(Qt.GlobalColor.black)  # readable on the tint whatever the palette
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Confidential: never in a shareable brief")
        return None

    # Reading

    def refresh(self) -> None:
        country = self.country_id
        self.model.set_loader(lambda: list_cases(self.store, country), read=False)  # the panel reads
        self.panel.reload()
        self.show_country_column(self.panel, 1)

    def _show_case(self, _table: str, case_id: int) -> None:
        self.form.load(case_id)
        self.raisings.set_loader(partial(raisings_of_case, self.store, case_id))
        self._fill_round_choice()

    def _show_no_case(self) -> None:
        self.form.load(None)
        self.raisings.set_loader(None)
        self.round_choice.clear()

    def _fill_round_choice(self) -> None:
        self.round_choice.clear()
        if self.form.record_id is None:
            return
        for row in rounds_to_raise_case_at(self.store, self.form.record_id):
            self.round_choice.addItem(round_label(row, with_country=False), row["id"])
        self.round_choice.setEnabled(self.round_choice.count() > 0)
        self.raisings.add_button.setEnabled(self.round_choice.count() > 0)

    def _update_banner(self) -> None:
        confidential = self.form.record_id is not None and self.form.editors["sensitivity"].value() == "confidential"
        self.confidential_banner.setVisible(confidential)

    def show_record(self, table: str, record_id: int) -> bool:
        try:
            if table == "case_raising":
                record_id = records.get(self.store, table, record_id).case_id
            elif table != "individual_case":
                return False
        except NotFoundError:
            return False
        return self.select_in(self.panel, record_id)

    # Edits

    def new_case(self) -> None:
        """A new case in the dialogue's country (confidential, as every new case), its name ready to type."""
        country = self.partner_country_id or next(
            (row["id"] for row in country_rows(self.store) if not row["is_home"]), None
        )
        if country is None:
            reason = self.tr("Add a partner country first: a case belongs to one.")
            self.panel.show_refusal(reason, self.tr("Cannot add"))
            return
        try:
            case = self.edits.create("individual_case", {"person_name": self.tr("New case"), "country": country})
        except PlannerError as error:
            self.panel.show_refusal(sentence(str(error)), self.tr("Cannot add"))
            return
        self.panel.reload()
        self.select_in(self.panel, case.id)
        editor = self.form.editors["person_name"].widget
        editor.setFocus()
        editor.selectAll()

    def _raise_at_round(self) -> int | None:
        round_id = self.round_choice.currentData()
        if self.form.record_id is None or round_id is None:
            return None
        raising = raise_case(self.store, self.form.record_id, round_id)
        record_id = self.edits.created(raising, self.tr("Raise case at round")).id
        self._fill_round_choice()
        return record_id
