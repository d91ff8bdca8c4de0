"""What every record view shares: the dialogue it follows, the country scope, the list-and-form layout.

A view is built with `(store, edits)`, follows the dialogue given to
`set_dialogue` (showing that partner country's records unless "Show all
countries" is ticked), selects a record on `show_record`, and reports the
record the user chose with `recordSelected(table, id)` (for the change history).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import NotFoundError
from dialogue_planner.services import records
from dialogue_planner.services.reference_lists import dialogue_country_id
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.record_list_panel import RecordListPanel

PAGE_MARGIN = 9


def heading_label(text: str = "") -> QLabel:
    """A view's title: bold and a little larger than the body text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # it names a country, as stored
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def hidden_record_note(object_name: str) -> QLabel:
    """A note above a form, hidden until shown: why the record in the form is not selected in the list
    beside it (the filter leaves it out, or holds it further down than the list has read)."""
    note = QLabel()
    note.setObjectName(object_name)
    note.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the record's name
    note.setWordWrap(True)
    note.hide()
    return note


def scrolling(widget: QWidget) -> QScrollArea:
    """The widget in a frameless scroll area that gives it the full width (a long form on a small screen)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    # Only when the pane is narrower than the form can be: better a scroll bar than a clipped button.
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


class RecordView(QWidget):
    """Base of the record views: heading, "Show all countries" toggle, and the dialogue's country."""

    recordSelected = Signal(str, int)  # table name, id: the record whose history the window may show

    # Whether the view narrows to the dialogue's partner country; views without a country say False.
    follows_country = True

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.edits = edits
        self.dialogue_id: int | None = None
        # The subclass's own set_dialogue(None) at the end of its __init__ reads nothing while the view is
        # hidden: the main window follows it with the current dialogue at once, and reading every
        # country's records first cost a long list (4,200 people at x100) twice (benchmarks/bench_ui.py).
        self._first_read_pending = True
        self._country_id: int | None = None
        self._country_name = ""

        self.heading = heading_label()
        self.heading.setObjectName("viewHeading")
        self.all_countries_box = QCheckBox(self.tr("Show all countries"))
        self.all_countries_box.setObjectName("allCountries")
        self.all_countries_box.setToolTip(self.tr("Show the records of every country, not only the dialogue's"))
        self.all_countries_box.setVisible(self.follows_country)
        self.header_layout = QHBoxLayout()
        self.header_layout.addWidget(self.heading, 1)
        self.header_layout.addWidget(self.all_countries_box)
        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        self.page_layout.addLayout(self.header_layout)
        self.all_countries_box.toggled.connect(self._on_scope_toggled)

    # The dialogue and the country scope

    def set_dialogue(self, dialogue_id: int | None) -> None:
        """Follow this dialogue (None: no dialogue chosen, so every country is shown)."""
        self.dialogue_id = dialogue_id
        self._country_id = None
        self._country_name = ""
        if dialogue_id is not None:
            try:
                self._country_id = dialogue_country_id(self.store, dialogue_id)
                self._country_name = records.get(self.store, "country", self._country_id).name
            except NotFoundError:
                self.dialogue_id = None
        self.all_countries_box.setEnabled(self._country_id is not None)
        self._update_heading()
        if self._first_read_pending and dialogue_id is None and not self.isVisible():
            self._first_read_pending = False
            self._read_when_shown = True
            return
        self._first_read_pending = self._read_when_shown = False
        self.refresh()

    _read_when_shown = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._read_when_shown:  # shown before anyone chose a dialogue for it
            self._read_when_shown = False
            self.refresh()

    @property
    def country_id(self) -> int | None:
        """The country the lists show, or None for all countries."""
        if not self.follows_country or self.all_countries_box.isChecked():
            return None
        return self._country_id

    @property
    def partner_country_id(self) -> int | None:
        """The dialogue's partner country, whatever the toggle says (a new record's default country)."""
        return self._country_id

    @property
    def partner_country_name(self) -> str:
        return self._country_name

    def _on_scope_toggled(self) -> None:
        self._update_heading()
        self.refresh()

    def _update_heading(self) -> None:
        title = self.title()
        if self.country_id is not None and self._country_name:
            title = self.tr("{title} — {country}").format(title=title, country=self._country_name)
        self.heading.setText(title)

    def show_all_countries(self) -> None:
        """Widen the lists to every country (a record asked for may belong to another)."""
        if self.follows_country and not self.all_countries_box.isChecked():
            self.all_countries_box.setChecked(True)

    def select_in(self, panel: RecordListPanel, record_id: int) -> bool:
        """Select the record in the panel, widening to all countries if the scope hides it."""
        if panel.select_record(record_id):
            return True
        self.show_all_countries()
        return panel.select_record(record_id)

    def show_country_column(self, panel: RecordListPanel, column: int) -> None:
        """The country column only when the list shows several countries: one country says nothing."""
        panel.table_view.setColumnHidden(column, self.country_id is not None)
        panel.apply_column_widths()

    def select_first(self) -> bool:
        """Select the first record of the view's main list (a screenshot's representative record)."""
        panel = self.main_panel()
        panel.read_if_stale()
        if panel.model.rowCount() == 0:
            return False
        panel.table_view.setCurrentIndex(panel.model.index(0, 0))
        return True

    # What each view provides

    def main_panel(self) -> RecordListPanel:
        """The list the view is about (its first list when it has two)."""
        return self.panel

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the lists again for the current dialogue and scope."""
        raise NotImplementedError

    def show_record(self, table: str, record_id: int) -> bool:
        """Select and show the record; False if this view does not show records of that table or id."""
        raise NotImplementedError


def master_detail(master: QWidget, detail: QWidget, sizes: tuple[int, int] = (480, 620)) -> QSplitter:
    """A list beside its form, with a splitter between them; the form scrolls when it is long."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(master)
    splitter.addWidget(scrolling(detail))
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(list(sizes))
    return splitter


def forward_selection(view: RecordView, *sources: object, also: Callable[[str, int], None] | None = None) -> None:
    """Re-emit each source's recordSelected as the view's own (and call `also` first, if given)."""
    for source in sources:
        if also is not None:
            source.recordSelected.connect(also)
        source.recordSelected.connect(view.recordSelected)
