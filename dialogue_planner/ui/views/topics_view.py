"""Topics and priorities: the topic catalogue, and the chosen dialogue's priority topics over time."""

from __future__ import annotations

import datetime
from functools import partial

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from dialogue_planner.errors import NotFoundError, PlannerError, ValidationError
from dialogue_planner.services import records
from dialogue_planner.services.dialogues import add_priority_topic
from dialogue_planner.services.topic_catalogue import priority_topics_of, topic_catalogue
from dialogue_planner.services.topics import list_topics
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldKind, FieldSpec
from dialogue_planner.ui.record_form import RecordForm, sentence
from dialogue_planner.ui.record_list_panel import RecordListPanel
from dialogue_planner.ui.record_table_model import RIGHT, Column, RecordTableModel, Row
from dialogue_planner.ui.sub_table import RecordSubTable
from dialogue_planner.ui.views.base import RecordView, forward_selection, master_detail
from dialogue_planner.ui.views.formats import date_text

WARNING_COLOUR = QColor("#8a5a00")  # amber: a warning, not an error

# What refers to a topic, in the order the "used by" line names them.
USE_COUNTS = ("agenda_count", "priority_count", "project_count", "case_count", "follow_up_count", "multilateral_count")


class TopicsView(RecordView):
    """The catalogue (add, rename, describe, delete while unused) and the dialogue's priority topics."""

    follows_country = False

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(store, edits, parent)
        self.setObjectName("topicsView")
        self.model = RecordTableModel(
            [Column("name", self.tr("Topic")),
             Column("use_count", self.tr("In use"), formatter=lambda value, _row: QLocale().toString(value),
                    alignment=RIGHT, tooltip=self.tr("Agenda items, priorities, projects, cases, follow-ups and "
                                                     "multilateral items on the topic")),
             Column("description", self.tr("Description"))],
            lambda: topic_catalogue(store),
        )
        self.panel = RecordListPanel(
            edits, "topic", self.model, name_of=lambda row: row.get("name", ""),
            empty_text=self.tr("No topics yet — add one with New topic."), new_text=self.tr("&New topic"),
            filter_placeholder=self.tr("Filter topics…"),
            watch=("agenda_item", "priority_topic", "project_topic", "individual_case", "follow_up",
                   "multilateral_topic"),
            can_delete=lambda row: row.get("use_count", 0) == 0,
        )
        self.panel.delete_button.setToolTip(self.tr("Delete the selected topic; only a topic nothing uses can go"))
        self.form = RecordForm(edits, "topic", [
            FieldSpec("name", self.tr("Name")),
            FieldSpec("description", self.tr("Description"), FieldKind.TEXT),
        ])
        self.usage_label = QLabel()
        self.usage_label.setObjectName("topicUsage")
        self.usage_label.setWordWrap(True)
        self.form.form_layout.addRow(self.tr("Used by:"), self.usage_label)

        self.priority_topic_combo = QComboBox()
        self.priority_topic_combo.setObjectName("priorityTopicChoice")
        self.priority_topic_combo.setMinimumContentsLength(10)
        self.priorities = RecordSubTable(
            edits, "priority_topic", self.tr("Priority topics of the dialogue"),
            [Column("topic", self.tr("Topic")),
             Column("valid_from", self.tr("From"), formatter=date_text),
             Column("valid_to", self.tr("Until"), formatter=lambda value, _row: date_text(value) or self.tr("open"))],
            {"valid_from": FieldSpec("valid_from", self.tr("From"), FieldKind.DATE),
             "valid_to": FieldSpec("valid_to", self.tr("Until"), FieldKind.DATE, optional=True)},
            add=self._add_priority, add_text=self.tr("Add priority"),
            empty_text=self.tr("No priority topics: pick a topic and add it as a priority from today."),
        )
        self.end_button = QPushButton(self.tr("End today"))
        self.end_button.setToolTip(self.tr("The selected priority ends today; it stays in the history"))
        self.focus_label = QLabel()
        self.focus_label.setObjectName("priorityFocus")
        self.focus_label.setWordWrap(True)
        self.priorities.layout().insertWidget(0, self.focus_label)
        self.priorities.toolbar.insertWidget(0, self.priority_topic_combo, 3)
        self.priorities.toolbar.insertWidget(self.priorities.toolbar.count() - 1, self.end_button)

        self.page_layout.addWidget(master_detail(self.panel, self._detail(), (520, 600)), 1)

        self.panel.recordSelected.connect(self._show_topic)
        self.panel.selectionCleared.connect(self._show_no_topic)
        self.panel.newRequested.connect(self.new_topic)
        self.panel.reloaded.connect(self._update_usage)
        forward_selection(self, self.panel, self.priorities)
        self.priorities.model.modelReset.connect(self._fill_topic_choice)  # a priority added, ended or undone
        self.priorities.model.modelReset.connect(self._update_focus)
        self.end_button.clicked.connect(self.end_priority_today)
        self.priorities.view.selectionModel().currentRowChanged.connect(self._update_end_button)
        self.set_dialogue(None)

    def title(self) -> str:
        return self.tr("Topics and priorities")

    def _detail(self) -> QWidget:
        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 0, 6, 0)
        topic_box = QGroupBox(self.tr("Topic"))
        QVBoxLayout(topic_box).addWidget(self.form)
        layout.addWidget(topic_box)
        layout.addWidget(self.priorities, 1)
        return detail

    # Reading

    def refresh(self) -> None:
        self.panel.reload()
        if self.dialogue_id is None:
            self.priorities.setTitle(self.tr("Priority topics (choose a dialogue)"))
            self.priorities.set_loader(None)
        else:
            self.priorities.setTitle(self.tr("Priority topics — {country}").format(country=self.partner_country_name))
            self.priorities.set_loader(partial(priority_topics_of, self.store, self.dialogue_id))
        self._fill_topic_choice()
        self._update_end_button()

    def _update_focus(self) -> None:
        """How many priority topics are in force today against the dialogue's focus target; a warning above it."""
        if self.dialogue_id is None:
            self.focus_label.clear()
            return
        today = datetime.date.today()
        rows = [self.priorities.model.row_values(row) for row in range(self.priorities.model.rowCount())]
        in_force = len({row["topic_id"] for row in rows if row["valid_from"] <= today
                        and (row["valid_to"] is None or row["valid_to"] >= today)})
        target = records.get(self.store, "dialogue", self.dialogue_id).focus_target
        locale = QLocale()
        text = self.tr("In force today: {count} priority topics; the focus target is {target}.").format(
            count=locale.toString(in_force), target=locale.toString(target))
        if in_force > target:
            text = self.tr("⚠ Above the focus target. {details}").format(details=text)
        self.focus_label.setText(text)
        palette = QPalette()
        if in_force > target:  # the sign and the words say it; the colour only adds to them
            palette.setColor(QPalette.ColorRole.WindowText, WARNING_COLOUR)
        self.focus_label.setPalette(palette)

    def _fill_topic_choice(self) -> None:
        # A topic that is a priority now, without an end, cannot become one again.
        open_ended = {row["topic_id"] for row in priority_topics_of(self.store, self.dialogue_id)
                      if row["valid_to"] is None} if self.dialogue_id is not None else set()
        current = self.priority_topic_combo.currentData()
        self.priority_topic_combo.clear()
        for row in list_topics(self.store):
            if row["id"] not in open_ended:
                self.priority_topic_combo.addItem(row["name"], row["id"])
        index = self.priority_topic_combo.findData(current)
        self.priority_topic_combo.setCurrentIndex(max(index, 0))
        self.priority_topic_combo.setEnabled(self.dialogue_id is not None)

    def _show_topic(self, _table: str, topic_id: int) -> None:
        self.form.load(topic_id)
        self._update_usage()

    def _update_usage(self) -> None:
        row = self.panel.current_row()
        self.usage_label.setText(self.usage_text(row) if row else "")

    def _show_no_topic(self) -> None:
        self.form.load(None)
        self.usage_label.clear()

    def usage_text(self, row: Row) -> str:
        """'2 agenda items, 1 priority period, 3 projects' or 'Nothing: it can be deleted.'"""
        names = {
            "agenda_count": self.tr("agenda items: {count}"),
            "priority_count": self.tr("priority periods: {count}"),
            "project_count": self.tr("projects: {count}"),
            "case_count": self.tr("cases: {count}"),
            "follow_up_count": self.tr("follow-ups: {count}"),
            "multilateral_count": self.tr("multilateral items: {count}"),
        }
        parts = [names[key].format(count=QLocale().toString(row[key])) for key in USE_COUNTS if row.get(key)]
        return ", ".join(parts) if parts else self.tr("nothing yet: it can be deleted")

    def show_record(self, table: str, record_id: int) -> bool:
        if table == "topic":
            return self.panel.select_record(record_id)
        if table == "priority_topic":
            try:
                priority = records.get(self.store, table, record_id)
            except NotFoundError:
                return False
            if priority.dialogue_id != self.dialogue_id:
                self.set_dialogue(priority.dialogue_id)
            row = self.priorities.model.row_of(record_id)
            if row is None:
                return False
            self.priorities.view.setCurrentIndex(self.priorities.model.index(row, 0))
            return self.panel.select_record(priority.topic_id)
        return False

    # Edits

    def new_topic(self) -> None:
        """A new topic with a free name ('New topic', 'New topic 2'...), ready to rename."""
        name, number = self.tr("New topic"), 1
        while any(row["name"] == name for row in list_topics(self.store)):
            number += 1
            name = self.tr("New topic {number}").format(number=number)
        try:
            topic = self.edits.create("topic", {"name": name})
        except PlannerError as error:
            self.panel.show_refusal(sentence(str(error)), self.tr("Cannot add"))
            return
        self.panel.reload()
        self.panel.select_record(topic.id)
        self._fill_topic_choice()
        editor = self.form.editors["name"].widget
        editor.setFocus()
        editor.selectAll()

    def _add_priority(self) -> int | None:
        topic_id = self.priority_topic_combo.currentData()
        if self.dialogue_id is None or topic_id is None:
            return None
        priority = add_priority_topic(self.store, self.dialogue_id, topic_id, datetime.date.today())
        return self.edits.created(priority, self.tr("Add priority topic")).id

    def end_priority_today(self) -> None:
        """The selected priority ends today (undoable); it stays in the dialogue's history."""
        row = self.priorities.current_row()
        if row is None:
            return
        try:
            self.edits.update("priority_topic", row["id"], {"valid_to": datetime.date.today()},
                              self.tr("End priority topic"))
        except ValidationError as error:
            if "valid_to" in error.errors:
                self.priorities.show_message(self.tr("It cannot end today: it only takes effect later."))
            else:
                self.priorities.show_message(sentence(str(error)))
        except PlannerError as error:
            self.priorities.show_message(sentence(str(error)))

    def _update_end_button(self) -> None:
        row = self.priorities.current_row()
        self.end_button.setEnabled(row is not None and row.get("valid_to") is None)
        self.end_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
