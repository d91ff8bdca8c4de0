"""The dialogue overview: engagement level and its history, priority topics, next round, follow-ups due."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import PlannerError, ValidationError
from dialogue_planner.services.dialogues import (
    latest_engagement_change,
    set_engagement_level,
    withdraw_engagement_change,
)
from dialogue_planner.services.overview import DialogueOverview, dialogue_overview
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.labels import engagement_level_label, round_status_label
from dialogue_planner.ui.round_table_model import format_date, format_date_range

if TYPE_CHECKING:
    from dialogue_planner.ui.form_fields import FieldSpec
    from dialogue_planner.ui.record_form import RecordForm

# The engagement dialog, the details form and message boxes are imported when first used: the
# Qt widget types they need (combo, date and spin boxes, form layout, message box...) cost some
# 10 ms to set up, which the window's first paint does without.

RoundIdRole = Qt.ItemDataRole.UserRole


def dialogue_fields(tr) -> list[FieldSpec]:
    from dialogue_planner.ui.form_fields import FieldKind, FieldSpec

    return [
        FieldSpec("title", tr("Title"), placeholder=tr("e.g. Norway–China human rights dialogue")),
        FieldSpec("counterpart_ministry", tr("Counterpart ministry")),
        FieldSpec("start_year", tr("Started in"), FieldKind.INTEGER, minimum=1900, maximum=2200, optional=True),
        FieldSpec(
            "focus_target", tr("Focus target"), FieldKind.INTEGER, minimum=1, maximum=50,
            tooltip=tr("At most this many topics per round: few topics, in depth"),
        ),
        FieldSpec("notes", tr("Notes"), FieldKind.TEXT),
    ]


def _list_item(text: str, target: QListWidget) -> QListWidgetItem:
    """A line added to `target`. Made from the list alone and given its text after: for
    `QListWidgetItem(text, list)` PySide6 weighs the (icon, text, list) form too, which sets up
    Qt's icon type with its enums (some 11 M instructions of every start-up); nothing here has an icon."""
    item = QListWidgetItem(target)
    item.setText(text)
    return item


def _section(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    return box, layout


class OverviewView(QWidget):
    """The chosen dialogue at a glance; a round can be opened from here."""

    roundActivated = Signal(int)  # round id
    recordSelected = Signal(str, int)  # table name, id: for the change history

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._edits = edits
        self.overview: DialogueOverview | None = None

        self.title_label = QLabel()
        self.title_label.setObjectName("overviewTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        self.level_label = QLabel()
        self.level_label.setObjectName("engagementLevel")
        self.change_level_button = QPushButton(self.tr("Change level…"))
        self.change_level_button.setObjectName("changeEngagementLevel")
        self.history_list = QListWidget()
        self.history_list.setObjectName("engagementHistory")
        self.priority_list = QListWidget()
        self.priority_list.setObjectName("priorityTopics")
        self.next_round_label = QLabel()
        self.next_round_label.setObjectName("nextRound")
        self.next_round_label.setWordWrap(True)
        self.open_round_button = QPushButton(self.tr("Open in round planner"))
        self.follow_up_label = QLabel()
        self.follow_up_label.setObjectName("followUpSummary")
        self.follow_up_label.setWordWrap(True)
        self.overdue_list = QListWidget()
        self.overdue_list.setObjectName("overdueFollowUps")
        self.rounds_list = QListWidget()
        self.rounds_list.setObjectName("latestRounds")

        engagement_box, engagement = _section(self.tr("Engagement"))
        level_row = QHBoxLayout()
        level_row.addWidget(self.level_label, 1)
        level_row.addWidget(self.change_level_button)
        engagement.addLayout(level_row)
        engagement.addWidget(self.history_list)
        priorities_box, priorities = _section(self.tr("Priority topics in force"))
        priorities.addWidget(self.priority_list)
        next_box, next_layout = _section(self.tr("Next round"))
        next_layout.addWidget(self.next_round_label)
        next_layout.addWidget(self.open_round_button, 0, Qt.AlignmentFlag.AlignLeft)
        next_layout.addStretch(1)
        follow_box, follow = _section(self.tr("Follow-ups"))
        follow.addWidget(self.follow_up_label)
        follow.addWidget(self.overdue_list)
        rounds_box, rounds = _section(self.tr("Latest rounds"))
        rounds.addWidget(self.rounds_list)
        # The editable details sit below the fold: built when first needed (`details_form`), which the
        # window asks for once it has painted (`finish_building`). A first form costs some 10 ms of start-up.
        details_box, self._details_layout = _section(self.tr("Dialogue details"))
        self._details_form: RecordForm | None = None

        for listing in (self.history_list, self.priority_list, self.overdue_list, self.rounds_list):
            # Long reasons and descriptions wrap instead of hiding behind a horizontal scroll bar.
            listing.setWordWrap(True)
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            listing.setResizeMode(QListWidget.ResizeMode.Adjust)
        grid = QGridLayout()
        grid.addWidget(engagement_box, 0, 0)
        grid.addWidget(priorities_box, 0, 1)
        grid.addWidget(next_box, 1, 0)
        grid.addWidget(follow_box, 1, 1)
        grid.addWidget(rounds_box, 2, 0, 1, 2)
        grid.addWidget(details_box, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self.title_label)
        content_layout.addWidget(self.facts_label)
        content_layout.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.change_level_button.clicked.connect(self.change_engagement_level)
        self.open_round_button.clicked.connect(self._open_next_round)
        for round_list in (self.rounds_list, self.overdue_list):
            round_list.itemActivated.connect(self._open_listed_round)
        edits.recordChanged.connect(self._on_record_changed)
        edits.recordRemoved.connect(self._on_record_changed)
        self.set_dialogue(None)

    @property
    def details_form(self) -> RecordForm:
        """The chosen dialogue's details as an editable form (built on first use, showing the chosen dialogue)."""
        if self._details_form is None:
            from dialogue_planner.ui.record_form import RecordForm

            form = RecordForm(self._edits, "dialogue", dialogue_fields(self.tr))
            form.setObjectName("dialogueDetailsForm")
            form.load(self.overview.dialogue_id if self.overview is not None else None)
            self._details_layout.addWidget(form)
            self._details_form = form
        return self._details_form

    def finish_building(self) -> None:
        """Build what the first paint could do without: the details form below the fold."""
        self.details_form  # noqa: B018 - built on first use

    def set_dialogue(self, dialogue_id: int | None) -> None:
        self.overview = dialogue_overview(self._store, dialogue_id) if dialogue_id is not None else None
        if self._details_form is not None:
            self._details_form.load(dialogue_id)
        self._show()
        if dialogue_id is not None:
            self.recordSelected.emit("dialogue", dialogue_id)

    def show_record(self, table: str, record_id: int) -> bool:
        if table == "dialogue":
            self.set_dialogue(record_id)
            return True
        return False

    def _on_record_changed(self, table: str, _record_id: int) -> None:
        if self.overview is not None and table in (
            "dialogue",
            "engagement_change",
            "round",
            "follow_up",
            "priority_topic",
            "topic",
            "agenda_item",
        ):
            self.overview = dialogue_overview(self._store, self.overview.dialogue_id)
            self._show()

    def _show(self) -> None:
        view = self.overview
        self.setEnabled(view is not None)
        for widget in (self.history_list, self.priority_list, self.overdue_list, self.rounds_list):
            widget.clear()
        if view is None:
            self.title_label.setText(self.tr("No dialogue chosen"))
            self.facts_label.setText(self.tr("Choose a dialogue on the left, or create the demo data."))
            self.level_label.clear()
            self.next_round_label.clear()
            self.follow_up_label.clear()
            self.open_round_button.hide()
            return
        self.title_label.setText(view.title)
        facts = [self.tr("Partner: {country}").format(country=view.country)]
        if view.counterpart_ministry:
            facts.append(self.tr("Counterpart: {ministry}").format(ministry=view.counterpart_ministry))
        if view.start_year:
            facts.append(self.tr("Since {year}").format(year=view.start_year))
        facts.append(self.tr("Focus target: {target} topics per round").format(target=view.focus_target))
        self.facts_label.setText(" · ".join(facts))
        self.level_label.setText(
            self.tr("<b>Current level:</b> {level}").format(level=engagement_level_label(view.engagement_level))
        )
        for change in view.engagement_history:
            reason = " ".join((change["reason"] or "").split())
            text = f"{format_date(change['changed_on'])} — {engagement_level_label(change['level'])}"
            _list_item(f"{text}: {reason}" if reason else text, self.history_list)
        for topic in view.priority_topics:
            since = self.tr("since {date}").format(date=format_date(topic["valid_from"]))
            _list_item(f"★ {topic['name']}  ({since})", self.priority_list)
        if not view.priority_topics:
            _list_item(self.tr("No priority topics in force: mark some under Topics."), self.priority_list)
        self._show_next_round(view)
        self._show_follow_ups(view)
        for row in view.latest_rounds:
            self._round_item(self.rounds_list, row)
        if not view.latest_rounds:
            _list_item(self.tr("No rounds yet: plan the first with New round."), self.rounds_list)

    def _round_item(self, target: QListWidget, row: dict) -> None:
        dates = format_date_range(row["start_date"], row["end_date"]) or self.tr("no date yet")
        text = self.tr("Round {number} · {dates} · {city} · {status}").format(
            number=row["number"], dates=dates, city=row["city"] or "—", status=round_status_label(row["status"])
        )
        item = _list_item(text, target)
        item.setData(RoundIdRole, row["id"])

    def _show_next_round(self, view: DialogueOverview) -> None:
        upcoming = view.next_round
        if upcoming is None:
            self.next_round_label.setText(self.tr("No round planned. Use New round to plan the next one."))
            self.open_round_button.hide()
            return
        dates = format_date_range(upcoming["start_date"], upcoming["end_date"]) or self.tr("date not set")
        self.next_round_label.setText(
            self.tr("<b>Round {number}</b> in {city}<br>{dates} · {status}").format(
                number=upcoming["number"],
                city=upcoming["city"] or "—",
                dates=dates,
                status=round_status_label(upcoming["status"]),
            )
        )
        self.open_round_button.show()

    def _show_follow_ups(self, view: DialogueOverview) -> None:
        overdue = len(view.overdue_follow_ups)
        self.follow_up_label.setText(
            self.tr("Open: {open} · Overdue: {overdue}").format(open=view.open_follow_ups, overdue=overdue)
        )
        for row in view.overdue_follow_ups:
            description = " ".join(row["description"].split())
            text = self.tr("⚠ Due {date} (round {number}): {what}").format(
                date=format_date(row["due_date"]), number=row["round_number"], what=description
            )
            item = _list_item(text, self.overdue_list)
            item.setData(RoundIdRole, row["round_id"])
        if not overdue:
            _list_item(self.tr("Nothing overdue."), self.overdue_list)

    def _open_next_round(self) -> None:
        if self.overview is not None and self.overview.next_round is not None:
            self.roundActivated.emit(self.overview.next_round["id"])

    def _open_listed_round(self, item: QListWidgetItem) -> None:
        round_id = item.data(RoundIdRole)
        if round_id:
            self.roundActivated.emit(round_id)

    def change_engagement_level(self) -> None:
        """Ask for the new level and reason; the change is stored at once and can be undone."""
        if self.overview is None:
            return
        from PySide6.QtWidgets import QDialog, QMessageBox

        from dialogue_planner.ui.engagement_dialog import EngagementDialog

        dialog = EngagementDialog(self.overview.engagement_level, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            level, day, reason = dialog.values()
            try:
                self.apply_engagement_level(level, day, reason)
                return
            except ValidationError as error:
                dialog.show_error(next(iter(error.errors.values())))
            except PlannerError as error:
                QMessageBox.warning(self, self.tr("Engagement level"), str(error))
                return

    def apply_engagement_level(self, level: str, day: datetime.date, reason: str) -> None:
        """Set the level with its reason (ValidationError if the reason is missing), undoably."""
        assert self.overview is not None
        store, dialogue_id, old_level = self._store, self.overview.dialogue_id, self.overview.engagement_level
        made: list[int] = []

        def apply() -> None:
            set_engagement_level(store, dialogue_id, level, reason, on=day)
            made.append(latest_engagement_change(store, dialogue_id))

        def revert() -> None:
            withdraw_engagement_change(store, made.pop(), old_level)

        apply()
        self._edits.steps(apply, revert, self.tr("Change engagement level"), "dialogue", dialogue_id)
