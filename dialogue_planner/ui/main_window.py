"""The main window: dialogues and their rounds on the left, the views in the middle, history on the right.

It only wires: each view is its own class, every edit goes through RecordEdits
(services + undo stack), and records chosen anywhere show their change history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import PlannerError
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.search import dialogue_of_record, record_title, round_of_record
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.actions import make_action
from dialogue_planner.ui.database_actions import DatabaseActions
from dialogue_planner.ui.edits import RecordEdits
from dialogue_planner.ui.history_view import HistoryView
from dialogue_planner.ui.navigation_pane import NavigationPane
from dialogue_planner.ui.notices import ReadOnlyNotice
from dialogue_planner.ui.overview_view import OverviewView
from dialogue_planner.ui.user_settings import classification_marking, location_for_status, location_for_title
from dialogue_planner.ui.view_registry import VIEW_FOR_TABLE, VIEW_NAMES, build_view, scrolling

if TYPE_CHECKING:
    from dialogue_planner.ui.round.planner import RoundPlanner

# Message boxes and file dialogs are imported where used: setting up their Qt types costs some 5 ms
# of every start-up, which shows none.

GEOMETRY_KEY = "mainWindow/geometry"
SPLITTER_KEY = "mainWindow/splitter"
STATE_KEY = "mainWindow/state"
VIEW_KEY = "mainWindow/view"

class MainWindow(QMainWindow):
    """Wires the navigation, the views and the history; keeps its layout in `settings` if given."""

    dialogueSelected = Signal(int)
    roundSelected = Signal(int)
    databaseChosen = Signal(str)  # location of another database to open instead of this one
    settingsChanged = Signal()

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        edits: RecordEdits | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._settings = settings
        self.undo_stack = edits.undo_stack if edits is not None else QUndoStack(self)
        self.edits = edits if edits is not None else RecordEdits(store, self.undo_stack, self)
        self.setWindowTitle(self.tr("Dialogue Planner — {location}").format(location=location_for_title(store)))

        self._round_id: int | None = None  # the round chosen on the left: the planner shows it once built
        self._panes_hidden_for_review = False
        self._history_was_visible = True
        self._build_navigation()
        self._build_views()
        self.history_view = HistoryView(store, self.edits)
        self.history_dock = QDockWidget(self.tr("Change history"), self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history_view)
        # Below the views, as wide as they are: the views keep the full width for their tabs and forms.
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history_dock)
        self._build_status_bar()
        self._build_actions()
        self._build_menus_and_toolbar()
        if store.read_only:  # the notice says why; nothing offers a change the database would refuse
            for action in (self.new_dialogue_action, self.delete_round_action, self.import_json_action):
                action.setEnabled(False)
        self._connect()

        available = self.screen().availableGeometry()
        self.resize(min(1280, available.width() * 9 // 10), min(800, available.height() * 9 // 10))
        self.resizeDocks([self.history_dock], [170], Qt.Orientation.Vertical)
        if settings is not None:
            self.restore_layout(settings)
        self._select_dialogue(None)

    # Building

    def _build_navigation(self) -> None:
        self.navigation = NavigationPane(self.store)
        # The parts tests and other code reach for, under the names they had.
        self.dialogue_model = self.navigation.dialogue_model
        self.dialogue_list = self.navigation.dialogue_list
        self.rounds_panel = self.navigation.rounds_panel
        self.new_round_button = self.navigation.new_round_button

    def _build_views(self) -> None:
        store, edits = self.store, self.edits
        self.overview_view = OverviewView(store, edits)
        # The views built so far, by name (see VIEW_NAMES: the others, the round planner too, are built
        # when first shown).
        self.views: dict[str, QWidget] = {"overview": self.overview_view}
        titles = {
            "overview": self.tr("Overview"),
            "round": self.tr("Round planner"),
            "topics": self.tr("Topics"),
            "projects": self.tr("Projects"),
            "network": self.tr("Network"),
            "cases": self.tr("Cases"),
            "multilateral": self.tr("Multilateral"),
            "follow-ups": self.tr("Follow-ups"),
            "review": self.tr("Review"),
        }
        self.view_tabs = QTabWidget()
        self.view_tabs.setObjectName("viewTabs")
        self.view_tabs.setUsesScrollButtons(True)
        self._pages: dict[str, QWidget] = {}
        for name in VIEW_NAMES:
            view = self.views.get(name)
            if view is not None:
                view.setObjectName(f"{name}View")
                page = view
            else:
                page = QWidget()  # holds the view once it is built
                QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages[name] = page
            self.view_tabs.addTab(page, titles[name])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self._with_notices(self.view_tabs))
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 900])
        self.setCentralWidget(self.splitter)

    def _with_notices(self, views: QWidget) -> QWidget:
        """The views under the strips that say what the user must know before changing anything:
        a read-only database, and a database in a risky place (a network share, a synced folder)."""
        self.read_only_notice = ReadOnlyNotice(self.store)
        self.location_warning = QLabel("\n".join(getattr(self.store, "warnings", []) or []))
        self.location_warning.setObjectName("locationWarning")
        self.location_warning.setWordWrap(True)
        self.location_warning.setStyleSheet("QLabel#locationWarning { background: #fdecea; padding: 6px; }")
        self.location_warning.setVisible(bool(self.location_warning.text()))
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.read_only_notice)
        layout.addWidget(self.location_warning)
        layout.addWidget(views, 1)
        return holder

    def add_warnings(self, lines: list[str]) -> None:
        """Add to the strip above the views what the user must know about this database (found after opening)."""
        shown = [line for line in self.location_warning.text().split("\n") if line]
        self.location_warning.setText("\n".join([*shown, *(line for line in lines if line not in shown)]))
        self.location_warning.setVisible(bool(self.location_warning.text()))

    def _build_status_bar(self) -> None:
        self.rounds_shown_label = QLabel()
        self.location_label = QLabel(location_for_status(self.store))
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location_label.setToolTip(self.tr("The database this window shows"))
        for label in (self.rounds_shown_label, self.location_label):
            label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addWidget(self.rounds_shown_label, 1)
        self.statusBar().addPermanentWidget(self.location_label)

    def _build_actions(self) -> None:
        self.delete_round_action = make_action(self, self.tr("&Delete round…"), slot=self.delete_round,
                                               name="deleteRound")
        self.new_round_action = make_action(self, self.tr("&New round"), shortcut=QKeySequence.StandardKey.New,
                                            slot=self.new_round, name="newRound")
        self.new_dialogue_action = make_action(self, self.tr("New &dialogue…"), slot=self.new_dialogue,
                                               name="newDialogue")
        self.database_actions = DatabaseActions(self, self.store, self._settings)
        # The names tests and other code reach for.
        for name in ("open_action", "export_json_action", "import_json_action", "backup_action", "restore_action",
                     "settings_action", "recent_menu"):
            setattr(self, name, getattr(self.database_actions, name))
        self.quit_action = make_action(self, self.tr("&Quit"), shortcut=QKeySequence.StandardKey.Quit, slot=self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.search_action = make_action(self, self.tr("&Find…"), shortcut=QKeySequence.StandardKey.Find,
                                         slot=self.open_search, name="find")
        self.about_action = make_action(self, self.tr("&About Dialogue Planner"), slot=self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText(self.tr("Change &history"))
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))  # Qt.Key would make its 500-member enum at start-up

    def _build_menus_and_toolbar(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu.addAction(self.new_round_action)
        self.file_menu.addAction(self.new_dialogue_action)
        self.file_menu.addSeparator()
        self.database_actions.add_to(self.file_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.delete_round_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.search_action)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.view_menu.addAction(self.history_action)
        self.view_menu.addSeparator()
        self._view_actions: dict[str, QAction] = {}
        for index, name in enumerate(VIEW_NAMES):
            self._add_view_action(name, self.view_tabs.tabText(index))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for action in (self.new_round_action, self.undo_action, self.redo_action, self.search_action):
            toolbar.addAction(action)

    def _add_view_action(self, name: str, title: str) -> None:
        number = len(self._view_actions) + 1
        shortcut = QKeySequence(f"Ctrl+{number}") if number <= 9 else None
        action = make_action(self, title, shortcut=shortcut, name=f"view_{name}")
        action.triggered.connect(lambda _checked=False, view=name: self.show_view(view))
        self._view_actions[name] = action
        self.view_menu.addAction(action)

    def _connect(self) -> None:
        self.navigation.dialogueSelected.connect(self.dialogueSelected)
        self.dialogueSelected.connect(self._show_dialogue)
        self.navigation.roundSelected.connect(self._show_round)
        self.navigation.roundActivated.connect(self.open_round)
        self.navigation.roundCountChanged.connect(self.rounds_shown_label.setText)
        self.new_round_button.clicked.connect(self.new_round)
        self.overview_view.roundActivated.connect(self.open_round)
        for view in self.views.values():
            if hasattr(view, "recordSelected"):
                view.recordSelected.connect(self.show_history)
        self.view_tabs.currentChanged.connect(self._fit_panes_to_view)
        self.edits.failed.connect(self.show_failure)
        self.database_actions.databaseChosen.connect(self.databaseChosen)
        self.database_actions.settingsChanged.connect(self.settingsChanged)
        self.edits.recordChanged.connect(self._on_record_changed)
        self.edits.recordRemoved.connect(self._on_record_changed)

    # Navigation

    def current_dialogue_id(self) -> int | None:
        return self.navigation.current_dialogue_id()

    def current_round_id(self) -> int | None:
        """The round chosen on the left, which the round planner shows (None: no round)."""
        return self._round_id

    def reload(self) -> None:
        """Read dialogues and rounds again, keeping the chosen dialogue if it still exists."""
        self.navigation.reload(self._round_id)

    def _select_dialogue(self, dialogue_id: int | None) -> None:
        self.navigation.select_dialogue(dialogue_id)
        self.new_round_action.setEnabled(self.dialogue_model.rowCount() > 0 and not self.store.read_only)

    def _show_dialogue(self, dialogue_id: int) -> None:
        self.new_round_action.setEnabled(not self.store.read_only)
        self.new_round_button.setEnabled(not self.store.read_only)
        for view in self.views.values():
            if hasattr(view, "set_dialogue"):
                view.set_dialogue(dialogue_id)
        if not self.navigation.select_round(None):
            self._set_round(None)

    def _show_round(self, round_id: int) -> None:
        if round_id != self._round_id:
            self._set_round(round_id)
            self.roundSelected.emit(round_id)

    def _set_round(self, round_id: int | None) -> None:
        self._round_id = round_id
        planner = self.views.get("round")
        if planner is not None:  # else it shows the round when it is first built
            planner.set_round(round_id)

    def open_round(self, round_id: int) -> None:
        """Show a round in the planner, choosing its dialogue first."""
        dialogue_id = dialogue_of_record(self.store, "round", round_id)
        if dialogue_id is not None and dialogue_id != self.current_dialogue_id():
            self._select_dialogue(dialogue_id)
        already_shown = self._round_id == round_id
        self.navigation.select_round(round_id)
        if already_shown:  # opened on purpose: show it as stored now
            self._set_round(round_id)
        self.show_view("round")

    def show_view(self, name: str) -> None:
        page = self._pages.get(name)
        if page is not None:
            self.view(name)
            self.view_tabs.setCurrentWidget(page)

    def view(self, name: str) -> QWidget:
        """The view called `name` (see VIEW_NAMES), built now if it has not been shown yet."""
        view = self.views.get(name)
        if view is not None:
            return view
        view = build_view(name, self.store, self.edits)
        view.setObjectName(f"{name}View")
        self.views[name] = view
        # The review is wide (figures, grid, chart): it scrolls rather than widen the whole window.
        self._pages[name].layout().addWidget(scrolling(view) if name == "review" else view)
        if hasattr(view, "recordSelected"):
            view.recordSelected.connect(self.show_history)
        if hasattr(view, "recordActivated"):
            view.recordActivated.connect(self.open_record)
        if hasattr(view, "set_dialogue") and self.current_dialogue_id() is not None:
            view.set_dialogue(self.current_dialogue_id())
        if name == "round":
            view.briefRequested.connect(self.export_brief)
            view.warningRaised.connect(self.show_warning)
            view.set_round(self._round_id)
        return view

    @property
    def round_planner(self) -> RoundPlanner:
        """The round planner, built now if it has not been shown yet."""
        return self.view("round")

    @property
    def review_view(self) -> QWidget:
        return self.view("review")

    def _fit_panes_to_view(self) -> None:
        """The review chooses its own dialogues and needs the room: the navigation and history step aside."""
        self.view(self.current_view() or "overview")  # a view is built when its tab is first chosen
        reviewing = self.current_view() == "review"
        if reviewing and not self._panes_hidden_for_review:
            self._history_was_visible = self.history_dock.isVisible()
            self.navigation.hide()
            self.history_dock.hide()
        elif not reviewing and self._panes_hidden_for_review:
            self.navigation.show()
            self.history_dock.setVisible(self._history_was_visible)
        self._panes_hidden_for_review = reviewing

    def finish_start_up(self) -> None:
        """Build what the window's first paint could do without (the app calls it once the window is up)."""
        self.overview_view.finish_building()

    def current_view(self) -> str:
        """The name of the view in front."""
        return next((name for name, page in self._pages.items() if page is self.view_tabs.currentWidget()), "")

    def open_record(self, table: str, record_id: int) -> None:
        """Jump to a record (from search or a drill-down): its dialogue, its round, the view that shows it."""
        dialogue_id = dialogue_of_record(self.store, table, record_id)
        round_id = round_of_record(self.store, table, record_id)
        if round_id is not None:
            self.open_round(round_id)
            if table == "agenda_item":
                self.round_planner.show_tab("agenda")
                self.round_planner.agenda_editor.select_item(record_id)
            elif table in ("delegation_member", "case_raising", "follow_up"):
                tab = {"delegation_member": "delegations", "case_raising": "cases", "follow_up": "follow-ups"}[table]
                self.round_planner.show_tab(tab)
        elif dialogue_id is not None and dialogue_id != self.current_dialogue_id():
            self._select_dialogue(dialogue_id)
        name = VIEW_FOR_TABLE.get(table)
        view = self.view(name) if name else None
        if view is not None and hasattr(view, "show_record") and table not in ("agenda_item", "follow_up"):
            view.show_record(table, record_id)
        if view is not None and round_id is None:
            self.show_view(name)
        self.show_history(table, record_id)

    def show_history(self, table: str, record_id: int) -> None:
        self.history_view.show_record(table, record_id)

    # Edits

    def delete_round(self) -> None:
        """Delete the round in the planner with what belongs to it, after saying exactly what goes."""
        from PySide6.QtWidgets import QMessageBox

        round_id = self._round_id
        if round_id is None:
            return
        title = record_title(self.store, "round", round_id)
        answer = QMessageBox.question(
            self,
            self.tr("Delete round"),
            self.tr(
                "Delete {round} with its agenda, delegations, cases raised and follow-ups?\n\n"
                "Edit > Undo brings it back while the app is open."
            ).format(round=title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.edits.delete("round", round_id, self.tr("Delete round"))
        except PlannerError as error:
            self.show_failure(str(error))

    def new_round(self) -> None:
        """Plan the dialogue's next round (next free number, status planned) and open it for editing."""
        dialogue_id = self.current_dialogue_id()
        if dialogue_id is None:
            return
        try:
            planned = plan_round(self.store, dialogue_id, status="planned")
        except PlannerError as error:
            self.show_failure(str(error))
            return
        self.edits.created(planned, self.tr("New round"))
        self.open_round(planned.id)
        self.round_planner.show_tab("details")
        self.round_planner.details_form.editors["city"].widget.setFocus()

    def new_dialogue(self) -> None:
        """Start a dialogue with a partner country (added if new); it is chosen at once."""
        from PySide6.QtWidgets import QDialog

        from dialogue_planner.ui.new_dialogue_dialog import NewDialogueDialog  # loaded when first asked for

        dialog = NewDialogueDialog(self.store, self.edits, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.dialogue_id is not None:
            self._select_dialogue(dialog.dialogue_id)
            self.show_view("overview")
        dialog.deleteLater()

    def _on_record_changed(self, table: str, _record_id: int) -> None:
        if table in ("round", "agenda_item", "dialogue", "engagement_change"):
            self.navigation.reload(self._round_id)

    def show_warning(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.statusBar().showMessage(message, 8000)
        QMessageBox.warning(self, self.tr("Focus"), message)

    def show_failure(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, self.tr("Not done"), message)

    # Dialogs

    def export_brief(self, round_id: int, shareable: bool = False) -> None:
        """Ask where to save the round's brief, write it off the UI thread with progress, then preview it."""
        from dialogue_planner.ui.brief_export import export_brief  # reportlab loads on first use

        marking = classification_marking(self._settings) if self._settings is not None else None
        self._brief_export = export_brief(self, self.store, round_id, shareable, marking=marking)

    def open_search(self) -> None:
        from dialogue_planner.ui.search_dialog import SearchDialog

        dialog = SearchDialog(self.store, self)
        dialog.recordActivated.connect(self.open_record)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About Dialogue Planner"),
            self.tr(
                "<p><b>Dialogue Planner</b> {version}</p><p>Plans the rounds of bilateral human rights "
                "dialogues: focused topics, joint projects, delegations, cases and follow-ups.</p>"
            ).format(version=QApplication.applicationVersion()),
        )

    # Layout kept between sessions

    def restore_layout(self, settings: QSettings) -> None:
        """Window geometry, splitter, docks and the last view as the user left them, if saved."""
        for key, restore in (
            (GEOMETRY_KEY, self.restoreGeometry),
            (SPLITTER_KEY, self.splitter.restoreState),
            (STATE_KEY, self.restoreState),
        ):
            saved = settings.value(key)
            if isinstance(saved, (QByteArray, bytes)):
                restore(saved)
        self.show_view(str(settings.value(VIEW_KEY, "overview")))

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(VIEW_KEY, self.current_view())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._settings is not None:
            self.save_layout(self._settings)
        self.database_actions.cancel_running()
        review = self.views.get("review")
        if review is not None:  # its computation reads this window's store, which closes after the window
            review.shutdown()
        super().closeEvent(event)
