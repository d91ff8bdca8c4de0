"""The network: institutions and people, each a list beside its form; a person's delegations."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QLocale, QModelIndex
from PySide6.QtWidgets import QGroupBox, QTabWidget, QVBoxLayout, QWidget

from dialogue_planner.errors import PlannerError
from dialogue_planner.services import records
from dialogue_planner.services.network import people_at_institutions
from dialogue_planner.services.network_directory import delegations_of_person, list_institutions, people_pages
from dialogue_planner.services.reference_lists import country_rows
from dialogue_planner.storage import vocabulary
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.choices import country_options, institution_options, round_label
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldKind, FieldSpec
from dialogue_planner.ui.paged_table_model import PagedRecordTableModel
from dialogue_planner.ui.record_form import RecordForm, sentence
from dialogue_planner.ui.record_list_panel import RecordListPanel
from dialogue_planner.ui.record_table_model import RIGHT, Column, RecordTableModel, RowRole, choice_column
from dialogue_planner.ui.sub_table import RecordSubTable
from dialogue_planner.ui.views.base import RecordView, forward_selection, hidden_record_note, master_detail
from dialogue_planner.ui.views.formats import date_text


def _boxed(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(widget)
    return box


class NetworkView(RecordView):
    """Institutions (name, country, sector) and people (name, title, institution, contacts, notes)."""

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(store, edits, parent)
        self.setObjectName("networkView")
        self.institutions_model = RecordTableModel([
            Column("name", self.tr("Institution")),
            Column("country", self.tr("Country")),
            choice_column("sector", self.tr("Sector"), vocabulary.INSTITUTION_SECTORS),
            Column("people_count", self.tr("People"), formatter=lambda value, _row: QLocale().toString(value),
                   alignment=RIGHT),
        ])
        self.institutions_panel = RecordListPanel(
            edits, "institution", self.institutions_model, name_of=lambda row: row.get("name", ""),
            empty_text=self.tr("No institutions yet — add one with New institution."),
            new_text=self.tr("&New institution"), filter_placeholder=self.tr("Filter institutions…"),
            watch=("person",), can_delete=lambda row: row.get("people_count", 0) == 0,
        )
        self.institution_form = RecordForm(edits, "institution", [
            FieldSpec("name", self.tr("Name")),
            FieldSpec("country", self.tr("Country"), FieldKind.REFERENCE, options=country_options(store)),
            FieldSpec("sector", self.tr("Sector"), FieldKind.CHOICE, choices=vocabulary.INSTITUTION_SECTORS),
            FieldSpec("notes", self.tr("Notes"), FieldKind.TEXT),
        ])

        self.people_model = PagedRecordTableModel([
            Column("name", self.tr("Name")),
            Column("title", self.tr("Title")),
            Column("institution", self.tr("Institution")),
            Column("country", self.tr("Country")),
            Column("email", self.tr("Email")),
        ])
        self.people_panel = RecordListPanel(
            edits, "person", self.people_model, name_of=lambda row: row.get("name", ""),
            empty_text=self.tr("No people yet — add one with New person."),
            new_text=self.tr("New &person"), filter_placeholder=self.tr("Filter people by name, title, institution…"),
            watch=("institution",), keep_hidden=True,
        )
        self.person_form = RecordForm(edits, "person", [
            FieldSpec("name", self.tr("Name")),
            FieldSpec("title", self.tr("Title"), placeholder=self.tr("Position or function")),
            FieldSpec("institution", self.tr("Institution"), FieldKind.REFERENCE, options=institution_options(store),
                      optional=True),
            FieldSpec("email", self.tr("Email")),
            FieldSpec("phone", self.tr("Phone")),
            FieldSpec("notes", self.tr("Notes"), FieldKind.TEXT),
        ])
        self.delegations = RecordSubTable(
            edits, "delegation_member", self.tr("Delegations"),
            [Column("number", self.tr("Round"), formatter=lambda _value, row: round_label(row)),
             Column("start_date", self.tr("Date"), formatter=date_text),
             choice_column("side", self.tr("Side"), vocabulary.DELEGATION_SIDES),
             choice_column("role", self.tr("Role"), vocabulary.DELEGATION_ROLES)],
            {"role": FieldSpec("role", self.tr("Role"), FieldKind.CHOICE, choices=vocabulary.DELEGATION_ROLES)},
            removable=False, empty_text=self.tr("Not in any delegation yet."), watch=("round",),
        )

        self.staff = RecordSubTable(
            edits, "person", self.tr("People at the institution"),
            [Column("name", self.tr("Name")), Column("title", self.tr("Title")), Column("email", self.tr("Email"))],
            {}, removable=False, empty_text=self.tr("Nobody recorded here yet."),
        )
        self.staff.view.setToolTip(self.tr("Double-click a person to open them on the People tab"))

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        institution_detail = QWidget()
        institution_layout = QVBoxLayout(institution_detail)
        institution_layout.setContentsMargins(0, 0, 6, 0)
        institution_layout.addWidget(_boxed(self.tr("Institution"), self.institution_form))
        institution_layout.addWidget(self.staff, 1)
        self.tabs.addTab(master_detail(self.institutions_panel, institution_detail), self.tr("&Institutions"))
        people_detail = QWidget()
        people_layout = QVBoxLayout(people_detail)
        people_layout.setContentsMargins(0, 0, 6, 0)
        # Said when the filter holds the person shown in the form further down than the list has read.
        self.person_further_down = hidden_record_note("furtherDownNote")
        people_layout.addWidget(self.person_further_down)
        people_layout.addWidget(_boxed(self.tr("Person"), self.person_form))
        people_layout.addWidget(self.delegations, 1)
        self.tabs.addTab(master_detail(self.people_panel, people_detail), self.tr("P&eople"))
        self.page_layout.addWidget(self.tabs, 1)

        self.institutions_panel.recordSelected.connect(self._show_institution)
        self.institutions_panel.selectionCleared.connect(self._show_no_institution)
        self.staff.view.doubleClicked.connect(self._open_staff_member)
        self.institutions_panel.newRequested.connect(self.new_institution)
        self.people_panel.recordSelected.connect(self._show_person)
        self.people_panel.selectionCleared.connect(self._show_no_person)
        self.people_panel.recordHidden.connect(self._person_hidden)
        self.people_panel.newRequested.connect(self.new_person)
        forward_selection(self, self.institutions_panel, self.people_panel, self.delegations, self.staff)
        self.set_dialogue(None)

    def title(self) -> str:
        return self.tr("Network")

    def main_panel(self) -> RecordListPanel:
        return self.people_panel if self.tabs.currentIndex() == 1 else self.institutions_panel

    def refresh(self) -> None:
        country = self.country_id
        # read=False: the panels' reloads below read the rows (once, not twice).
        self.institutions_model.set_loader(lambda: list_institutions(self.store, country), read=False)
        self.people_model.set_pages(people_pages(self.store, country), read=False)
        # The list on the other tab is read when that tab is shown (or asked for a record).
        self.institutions_panel.reload_when_shown()
        self.people_panel.reload_when_shown()
        self.show_country_column(self.institutions_panel, 1)
        self.show_country_column(self.people_panel, 3)

    def _show_institution(self, _table: str, institution_id: int) -> None:
        self.institution_form.load(institution_id)
        self.staff.set_loader(partial(people_at_institutions, self.store, [institution_id]))

    def _show_no_institution(self) -> None:
        self.institution_form.load(None)
        self.staff.set_loader(None)

    def _open_staff_member(self, index: QModelIndex) -> None:
        row = index.data(RowRole)
        if row is not None:
            self.show_record("person", row["id"])

    def _show_person(self, _table: str, person_id: int) -> None:
        self.person_further_down.hide()
        if person_id == self.person_form.record_id:
            return  # selected again in the list (found further down): the form keeps what was typed
        self.person_form.load(person_id)
        self.delegations.set_loader(partial(delegations_of_person, self.store, person_id))

    def _person_hidden(self, person_id: int) -> None:
        """The filter no longer shows the selected person: the form keeps them, with anything typed and not
        saved, if the filter holds them further down than the list has read (reading as far as them cost
        seconds at demo x100), and a note says where they are; the list selects them again when a filter
        shows them or the user scrolls to their row and picks it. A person the filter leaves out is let go."""
        if person_id != self.person_form.record_id or not self.people_model.further_down(person_id):
            self.people_panel.release_hidden()
            self._show_no_person()
            return
        name = records.get(self.store, "person", person_id).name
        self.person_further_down.setText(
            self.tr("“{name}” matches the filter further down the list: scroll down to select them again, "
                    "or clear the filter.").format(name=name))
        self.person_further_down.show()

    def _show_no_person(self) -> None:
        self.person_further_down.hide()
        self.person_form.load(None)
        self.delegations.set_loader(None)

    def show_record(self, table: str, record_id: int) -> bool:
        if table == "institution":
            self.tabs.setCurrentIndex(0)
            return self.select_in(self.institutions_panel, record_id)
        if table == "person":
            self.tabs.setCurrentIndex(1)
            return self.select_in(self.people_panel, record_id)
        return False

    def new_institution(self) -> None:
        """A new institution in the dialogue's country, its name ready to type."""
        country = self.partner_country_id or next((row["id"] for row in country_rows(self.store)), None)
        if country is None:
            reason = self.tr("Add a country first: an institution belongs to one.")
            self.institutions_panel.show_refusal(reason, self.tr("Cannot add"))
            return
        values = {"name": self.tr("New institution"), "country": country}
        self._create(self.institutions_panel, self.institution_form, "institution", values)

    def new_person(self) -> None:
        # At the institution chosen on the other tab, if any, so the new person shows in this country's list.
        """A new person, at the institution chosen on the other tab if any, the name ready to type."""
        institution = self.institutions_panel.current_id()
        if institution is None and self.country_id is not None:
            self.show_all_countries()
        self._create(self.people_panel, self.person_form, "person", {"name": self.tr("New person"),
                                                                     "institution": institution})

    def _create(self, panel: RecordListPanel, form: RecordForm, table: str, values: dict) -> None:
        try:
            record = self.edits.create(table, values)
        except PlannerError as error:
            panel.show_refusal(sentence(str(error)), self.tr("Cannot add"))
            return
        panel.reload()
        self.select_in(panel, record.id)
        editor = form.editors["name"].widget
        editor.setFocus()
        editor.selectAll()
