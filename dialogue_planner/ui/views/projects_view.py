"""Joint projects: the portfolio list beside the project's form, topics, partners, donors and results."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from dialogue_planner.errors import NotFoundError, PlannerError
from dialogue_planner.services import records
from dialogue_planner.services.project_pages import project_pages
from dialogue_planner.services.project_portfolio import (
    donors_of_project,
    project_partner_ids,
    project_topic_ids,
    results_of_project,
    set_project_partners,
)
from dialogue_planner.services.projects import set_project_topics
from dialogue_planner.services.reference_lists import country_rows
from dialogue_planner.storage import vocabulary
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.check_list import CheckList
from dialogue_planner.ui.choices import country_options, institution_options, topic_options
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldKind, FieldSpec
from dialogue_planner.ui.paged_table_model import PagedRecordTableModel
from dialogue_planner.ui.record_form import RecordForm, sentence
from dialogue_planner.ui.record_list_panel import RecordListPanel
from dialogue_planner.ui.record_table_model import RIGHT, Column, choice_column
from dialogue_planner.ui.sub_table import RecordSubTable
from dialogue_planner.ui.views.base import RecordView, forward_selection, hidden_record_note, master_detail
from dialogue_planner.ui.views.formats import amount_text, date_text, figure_text, period_text, result_text
from dialogue_planner.ui.views.project_wording import list_wording

# Records that belong to a project: show_record finds the project through them.
PROJECT_PARTS = ("project_result", "project_donor", "project_topic", "project_partner")


class ProjectsView(RecordView):
    """The joint projects of the dialogue's country (or all), each editable with all it holds."""

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(store, edits, parent)
        self.setObjectName("projectsView")
        # Read a page at a time: 30,010 projects at demo x100 took 0.6 s to read whole.
        self.model = PagedRecordTableModel(self._columns())
        self.panel = RecordListPanel(
            edits, "joint_project", self.model,
            name_of=lambda row: row.get("title", ""),
            empty_text=self.tr("No projects yet — add one with New project."),
            new_text=self.tr("&New project"),
            filter_placeholder=self.tr("Filter projects by title, country, status, topic…"),
            watch=PROJECT_PARTS + ("institution", "topic"), keep_hidden=True,
        )
        self.form = RecordForm(edits, "joint_project", self._fields())
        # No project chosen: empty lists (2,700 institutions at demo x100 took 0.1 s to list each time a
        # filter left no project selected, for a list that cannot be ticked then).
        self.topics = CheckList(self._choices_of_project(topic_options(store)))
        self.partners = CheckList(self._choices_of_project(institution_options(store)))
        self.donors = RecordSubTable(
            edits, "project_donor", self.tr("Donors"),
            [Column("name", self.tr("Donor")),
             Column("amount", self.tr("Amount"), formatter=lambda value, _row: amount_text(value), alignment=RIGHT)],
            {"name": FieldSpec("name", self.tr("Donor")),
             "amount": FieldSpec("amount", self.tr("Amount"), FieldKind.DECIMAL, optional=True)},
            add=self._add_donor, add_text=self.tr("Add donor"), empty_text=self.tr("No donors recorded."),
        )
        figure = partial(self._figure_column)
        self.results = RecordSubTable(
            edits, "project_result", self.tr("Results"),
            [Column("indicator", self.tr("Indicator")), figure("baseline", self.tr("Baseline")),
             figure("target", self.tr("Target")), figure("actual", self.tr("Actual")),
             Column("as_of", self.tr("As of"), formatter=date_text)],
            {"indicator": FieldSpec("indicator", self.tr("Indicator")),
             "baseline": FieldSpec("baseline", self.tr("Baseline"), FieldKind.DECIMAL, optional=True),
             "target": FieldSpec("target", self.tr("Target"), FieldKind.DECIMAL, optional=True),
             "actual": FieldSpec("actual", self.tr("Actual"), FieldKind.DECIMAL, optional=True),
             "as_of": FieldSpec("as_of", self.tr("As of"), FieldKind.DATE, optional=True)},
            add=self._add_result, add_text=self.tr("Add result"),
            empty_text=self.tr("No results yet: add an indicator with its baseline and target."),
        )
        self.page_layout.addWidget(master_detail(self.panel, self._detail()), 1)

        self.panel.recordSelected.connect(self._show_project)
        self.panel.selectionCleared.connect(self._show_no_project)
        self.panel.recordHidden.connect(self._project_hidden)
        self.panel.newRequested.connect(self.new_project)
        forward_selection(self, self.panel, self.donors, self.results)
        self.topics.checkedChanged.connect(self._set_topics)
        self.partners.checkedChanged.connect(self._set_partners)
        edits.recordChanged.connect(self._on_record_edited)
        edits.recordRemoved.connect(self._on_record_edited)
        self.set_dialogue(None)

    def title(self) -> str:
        return self.tr("Joint projects")

    def _columns(self) -> list[Column]:
        return [
            Column("title", self.tr("Title")),
            Column("country", self.tr("Country")),
            choice_column("status", self.tr("Status"), vocabulary.PROJECT_STATUSES),
            Column("topics", self.tr("Topics")),
            Column("budget", self.tr("Budget"), formatter=lambda value, row: amount_text(value, row["currency"]),
                   alignment=RIGHT),
            Column("start_date", self.tr("Period"),
                   formatter=lambda _value, row: period_text(row["start_date"], row["end_date"])),
            Column("latest_result", self.tr("Latest result"), formatter=lambda value, _row: result_text(value),
                   sort_key=lambda row: result_text(row["latest_result"])),
        ]

    def _choices_of_project(self, options: Callable[[], Iterable[tuple[int, str]]]) -> Callable[[], list]:
        """`options` while a project is shown in the form, none otherwise."""
        return lambda: list(options()) if self.form.record_id is not None else []

    def _figure_column(self, key: str, header: str) -> Column:
        return Column(key, header, formatter=lambda value, _row: figure_text(value) if value is not None else "",
                      alignment=RIGHT)

    def _fields(self) -> list[FieldSpec]:
        return [
            FieldSpec("title", self.tr("Title")),
            FieldSpec("country", self.tr("Country"), FieldKind.REFERENCE, options=country_options(self.store)),
            FieldSpec("status", self.tr("Status"), FieldKind.CHOICE, choices=vocabulary.PROJECT_STATUSES),
            FieldSpec("implementing_institution", self.tr("Implemented by"), FieldKind.REFERENCE,
                      options=institution_options(self.store), optional=True),
            FieldSpec("start_date", self.tr("Start"), FieldKind.DATE, optional=True),
            FieldSpec("end_date", self.tr("End"), FieldKind.DATE, optional=True),
            FieldSpec("budget", self.tr("Budget"), FieldKind.DECIMAL, optional=True, placeholder=self.tr("Amount")),
            FieldSpec("currency", self.tr("Currency"), placeholder=self.tr("NOK, USD, EUR…")),
            FieldSpec("description", self.tr("Description"), FieldKind.TEXT),
        ]

    def _detail(self) -> QWidget:
        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 0, 6, 0)
        # Said when the filter leaves out the project in the form (kept there, with what was typed).
        self.hidden_note = hidden_record_note("hiddenProjectNote")
        layout.addWidget(self.hidden_note)
        project_box = QGroupBox(self.tr("Project"))
        QVBoxLayout(project_box).addWidget(self.form)
        layout.addWidget(project_box)
        # One above the other: each gets the full width, so long institution names stay readable.
        for title, check_list in ((self.tr("Topics"), self.topics), (self.tr("Partner institutions"), self.partners)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(check_list)
            check_list.setMinimumHeight(140)
            layout.addWidget(box)
        layout.addWidget(self.donors)
        layout.addWidget(self.results)
        layout.addStretch(1)
        return detail

    # Lists and the chosen project

    def refresh(self) -> None:
        country = self.country_id
        # read=False: the panel reads.
        pages = project_pages(self.store, country, wording=list_wording(self.model.columns))
        self.model.set_pages(pages, read=False)
        self.panel.reload()
        self.show_country_column(self.panel, 1)

    def _show_project(self, _table: str, project_id: int) -> None:
        self.hidden_note.hide()
        if project_id == self.form.record_id:
            return  # selected again once a filter shows it: the form keeps what was typed
        self.form.load(project_id)
        self.topics.set_checked(project_topic_ids(self.store, project_id))
        self.partners.set_checked(project_partner_ids(self.store, project_id))
        self.donors.set_loader(partial(donors_of_project, self.store, project_id))
        self.results.set_loader(partial(results_of_project, self.store, project_id))
        for widget in (self.topics, self.partners):
            widget.setEnabled(True)

    def _project_hidden(self, project_id: int) -> None:
        """The filter no longer shows the selected project: the form keeps it, with anything typed and not
        saved (emptying the form also emptied its lists of 2,700 institutions at demo x100, at every key),
        and a note says why it is not selected; a filter that shows it selects it again."""
        if project_id != self.form.record_id:  # no longer in the form (deleted meanwhile)
            self.panel.release_hidden()
            self._show_no_project()
            return
        title = records.get(self.store, "joint_project", project_id).title
        if self.model.further_down(project_id):
            text = self.tr("“{title}” matches the filter further down the list: scroll down to select it again, "
                           "or clear the filter.")
        else:
            text = self.tr("“{title}” does not match the filter: it stays here until you choose another project; "
                           "clear the filter to see it in the list again.")
        self.hidden_note.setText(text.format(title=title))
        self.hidden_note.show()

    def _show_no_project(self) -> None:
        self.hidden_note.hide()
        self.form.load(None)
        self.topics.set_checked([])
        self.partners.set_checked([])
        for widget in (self.topics, self.partners):
            widget.setEnabled(False)
        self.donors.set_loader(None)
        self.results.set_loader(None)

    def show_record(self, table: str, record_id: int) -> bool:
        try:
            if table in PROJECT_PARTS:
                record_id = records.get(self.store, table, record_id).project_id
            elif table != "joint_project":
                return False
        except NotFoundError:
            return False
        return self.select_in(self.panel, record_id)

    # Edits

    def new_project(self) -> None:
        """A new project in the dialogue's country (the first country without one), its title ready to type."""
        country = self.partner_country_id or next((row["id"] for row in country_rows(self.store)), None)
        if country is None:
            reason = self.tr("Add a country first: a project belongs to a partner country.")
            self.panel.show_refusal(reason, self.tr("Cannot add"))
            return
        try:
            project = self.edits.create("joint_project", {"title": self.tr("New project"), "country": country})
        except PlannerError as error:
            self.panel.show_refusal(sentence(str(error)), self.tr("Cannot add"))
            return
        self.panel.reload()
        self.select_in(self.panel, project.id)
        title = self.form.editors["title"].widget
        title.setFocus()
        title.selectAll()

    def _set_links(self, setter, current_ids, table: str, text: str, wanted: list[int]) -> None:
        project_id = self.form.record_id
        if project_id is None:
            return
        before = current_ids(self.store, project_id)
        setter(self.store, project_id, wanted)
        # Reported as a change of the link table, so the project form keeps any edit not yet saved.
        redo = partial(setter, self.store, project_id, wanted)
        undo = partial(setter, self.store, project_id, before)
        self.edits.steps(redo, undo, text, table, project_id)

    def _set_topics(self, wanted: list[int]) -> None:
        text = self.tr("Change project topics")
        self._set_links(set_project_topics, project_topic_ids, "project_topic", text, wanted)

    def _set_partners(self, wanted: list[int]) -> None:
        self._set_links(set_project_partners, project_partner_ids, "project_partner",
                        self.tr("Change partner institutions"), wanted)

    def _add_donor(self) -> int | None:
        if self.form.record_id is None:
            return None
        return self.edits.create("project_donor", {"project": self.form.record_id, "name": self.tr("New donor")}).id

    def _add_result(self) -> int | None:
        if self.form.record_id is None:
            return None
        values = {"project": self.form.record_id, "indicator": self.tr("New indicator")}
        return self.edits.create("project_result", values).id

    def _on_record_edited(self, table: str, record_id: int) -> None:
        # An undo or redo of the topics or partners: tick what is stored now.
        project_id = self.form.record_id
        if project_id is None or record_id != project_id:
            return
        if table == "project_topic":
            self.topics.set_checked(project_topic_ids(self.store, project_id))
        elif table == "project_partner":
            self.partners.set_checked(project_partner_ids(self.store, project_id))
