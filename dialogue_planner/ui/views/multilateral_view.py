"""Multilateral items: resolutions and recommendations, our role, topics, and each partner's position."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QComboBox, QGroupBox, QVBoxLayout, QWidget

from dialogue_planner.errors import NotFoundError, PlannerError
from dialogue_planner.services import records
from dialogue_planner.services.multilateral_register import (
    countries_without_position,
    item_topic_ids,
    list_multilateral_items,
    positions_of_item,
    set_item_topics,
)
from dialogue_planner.storage import vocabulary
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.check_list import CheckList
from dialogue_planner.ui.choices import topic_options
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.form_fields import FieldKind, FieldSpec
from dialogue_planner.ui.record_form import RecordForm, sentence
from dialogue_planner.ui.record_list_panel import RecordListPanel
from dialogue_planner.ui.record_table_model import Column, RecordTableModel, choice_column
from dialogue_planner.ui.sub_table import RecordSubTable
from dialogue_planner.ui.views.base import RecordView, forward_selection, master_detail
from dialogue_planner.ui.views.formats import date_text

ITEM_PARTS = ("multilateral_position", "multilateral_topic")


class MultilateralView(RecordView):
    """Items the dialogue's partner took a position on (or all items), with our role and the outcome."""

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(store, edits, parent)
        self.setObjectName("multilateralView")
        self.all_countries_box.setText(self.tr("Show all items"))
        self.all_countries_box.setToolTip(self.tr("Also the items the partner country has no position on"))
        self.model = RecordTableModel([
            Column("title", self.tr("Title")),
            choice_column("position", self.tr("Partner's position"), vocabulary.PARTNER_POSITIONS),
            choice_column("forum", self.tr("Forum"), vocabulary.FORUMS),
            Column("held_on", self.tr("Session / date"), formatter=self._session_text,
                   sort_key=lambda row: row["held_on"]),
            choice_column("our_role", self.tr("Our role"), vocabulary.MULTILATERAL_ROLES),
            Column("outcome", self.tr("Outcome")),
            Column("topics", self.tr("Topics")),
        ])
        self.panel = RecordListPanel(
            edits, "multilateral_item", self.model, name_of=lambda row: row.get("title", ""),
            empty_text=self.tr("No multilateral items yet — add one with New item."), new_text=self.tr("&New item"),
            filter_placeholder=self.tr("Filter items by title, forum, outcome, topic…"),
            watch=ITEM_PARTS + ("topic", "country"),
        )
        self.form = RecordForm(edits, "multilateral_item", [
            FieldSpec("forum", self.tr("Forum"), FieldKind.CHOICE, choices=vocabulary.FORUMS),
            FieldSpec("title", self.tr("Title"), placeholder=self.tr("Resolution or recommendation")),
            FieldSpec("session", self.tr("Session"), placeholder=self.tr("For example HRC 58 or UPR cycle 4")),
            FieldSpec("held_on", self.tr("Date"), FieldKind.DATE, optional=True),
            FieldSpec("our_role", self.tr("Our role"), FieldKind.CHOICE, choices=vocabulary.MULTILATERAL_ROLES),
            FieldSpec("outcome", self.tr("Outcome"), placeholder=self.tr("For example adopted 117-14-40")),
            FieldSpec("notes", self.tr("Notes"), FieldKind.TEXT),
        ])
        self.topics = CheckList(topic_options(store))
        self.topics.setMinimumHeight(140)
        self.country_choice = QComboBox()
        self.country_choice.setObjectName("positionCountry")
        self.country_choice.setMinimumContentsLength(10)
        self.positions = RecordSubTable(
            edits, "multilateral_position", self.tr("Partners' positions"),
            [Column("country", self.tr("Country")),
             choice_column("position", self.tr("Position"), vocabulary.PARTNER_POSITIONS),
             Column("note", self.tr("Note"))],
            {"position": FieldSpec("position", self.tr("Position"), FieldKind.CHOICE,
                                   choices=vocabulary.PARTNER_POSITIONS),
             "note": FieldSpec("note", self.tr("Note"))},
            add=self._add_position, add_text=self.tr("Add position"),
            empty_text=self.tr("No positions recorded: choose a country and add its position."),
        )
        self.positions.toolbar.insertWidget(0, self.country_choice, 3)

        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(0, 0, 6, 0)
        for title, widget in ((self.tr("Item"), self.form), (self.tr("Topics"), self.topics)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(widget)
            layout.addWidget(box)
        layout.addWidget(self.positions, 1)
        self.page_layout.addWidget(master_detail(self.panel, detail), 1)

        self.panel.recordSelected.connect(self._show_item)
        self.panel.selectionCleared.connect(self._show_no_item)
        self.panel.newRequested.connect(self.new_item)
        self.topics.checkedChanged.connect(self._set_topics)
        forward_selection(self, self.panel, self.positions)
        self.positions.model.modelReset.connect(self._fill_country_choice)  # a position added, removed or undone
        edits.recordChanged.connect(self._on_record_edited)
        edits.recordRemoved.connect(self._on_record_edited)
        self.set_dialogue(None)

    def title(self) -> str:
        return self.tr("Multilateral items")

    def _session_text(self, _value: object, row: dict) -> str:
        parts = [part for part in (row["session"], date_text(row["held_on"])) if part]
        return " · ".join(parts)

    def refresh(self) -> None:
        partner, only_with_position = self.partner_country_id, self.country_id is not None
        self.model.set_loader(
            lambda: list_multilateral_items(self.store, partner, only_with_position=only_with_position), read=False
        )
        self.panel.reload()

    def _show_item(self, _table: str, item_id: int) -> None:
        self.form.load(item_id)
        self.topics.setEnabled(True)
        self.topics.set_checked(item_topic_ids(self.store, item_id))
        self.positions.set_loader(partial(positions_of_item, self.store, item_id))
        self._fill_country_choice()

    def _show_no_item(self) -> None:
        self.form.load(None)
        self.topics.set_checked([])
        self.topics.setEnabled(False)
        self.positions.set_loader(None)
        self.country_choice.clear()

    def _fill_country_choice(self) -> None:
        self.country_choice.clear()
        if self.form.record_id is not None:
            for row in countries_without_position(self.store, self.form.record_id):
                self.country_choice.addItem(row["name"], row["id"])
        self.positions.add_button.setEnabled(self.country_choice.count() > 0)

    def show_record(self, table: str, record_id: int) -> bool:
        try:
            if table in ITEM_PARTS:
                record_id = records.get(self.store, table, record_id).item_id
            elif table != "multilateral_item":
                return False
        except NotFoundError:
            return False
        return self.select_in(self.panel, record_id)

    # Edits

    def new_item(self) -> None:
        """A new item, shown with all items (it has no partner position yet), its title ready to type."""
        try:
            item = self.edits.create("multilateral_item", {"title": self.tr("New item")})
        except PlannerError as error:
            self.panel.show_refusal(sentence(str(error)), self.tr("Cannot add"))
            return
        # A new item has no position yet, so only the full list shows it.
        self.show_all_countries()
        self.panel.reload()
        self.select_in(self.panel, item.id)
        editor = self.form.editors["title"].widget
        editor.setFocus()
        editor.selectAll()

    def _set_topics(self, wanted: list[int]) -> None:
        item_id = self.form.record_id
        if item_id is None:
            return
        before = item_topic_ids(self.store, item_id)
        set_item_topics(self.store, item_id, wanted)
        # Reported as a change of the link table, so the item form keeps any edit not yet saved.
        self.edits.steps(partial(set_item_topics, self.store, item_id, wanted),
                         partial(set_item_topics, self.store, item_id, before),
                         self.tr("Change item topics"), "multilateral_topic", item_id)

    def _add_position(self) -> int | None:
        country = self.country_choice.currentData()
        if self.form.record_id is None or country is None:
            return None
        values = {"item": self.form.record_id, "country": country, "position": "unknown"}
        record_id = self.edits.create("multilateral_position", values, self.tr("Add partner position")).id
        self._fill_country_choice()
        return record_id

    def _on_record_edited(self, table: str, record_id: int) -> None:
        if table == "multilateral_topic" and record_id == self.form.record_id:
            self.topics.set_checked(item_topic_ids(self.store, record_id))
