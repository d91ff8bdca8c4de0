"""Global search (Ctrl+F): type, see matches of every kind, jump to one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from dialogue_planner.services.search import SearchHit, search_records
from dialogue_planner.storage.database import Store

ModelIndex = QModelIndex | QPersistentModelIndex
TYPING_PAUSE_MS = 150

KIND_LABELS = {
    "dialogue": QT_TRANSLATE_NOOP("SearchResultModel", "Dialogue"),
    "topic": QT_TRANSLATE_NOOP("SearchResultModel", "Topic"),
    "round": QT_TRANSLATE_NOOP("SearchResultModel", "Round"),
    "agenda_item": QT_TRANSLATE_NOOP("SearchResultModel", "Agenda item"),
    "institution": QT_TRANSLATE_NOOP("SearchResultModel", "Institution"),
    "person": QT_TRANSLATE_NOOP("SearchResultModel", "Person"),
    "joint_project": QT_TRANSLATE_NOOP("SearchResultModel", "Joint project"),
    "individual_case": QT_TRANSLATE_NOOP("SearchResultModel", "Case"),
    "follow_up": QT_TRANSLATE_NOOP("SearchResultModel", "Follow-up"),
    "multilateral_item": QT_TRANSLATE_NOOP("SearchResultModel", "Multilateral item"),
    "engagement_change": QT_TRANSLATE_NOOP("SearchResultModel", "Engagement change"),
}


class SearchResultModel(QAbstractListModel):
    """Search hits: kind and title on the first line, the matching text below."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = QCoreApplication.translate("SearchResultModel", KIND_LABELS.get(hit.table, hit.table))
            lines = [f"{kind}: {hit.title}"]
            if hit.excerpt and hit.excerpt != hit.title:
                lines.append(f"    {hit.excerpt}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.excerpt
        return None


class SearchDialog(QDialog):
    """Searches as the user types; Enter or a double click opens the record (`recordActivated`)."""

    recordActivated = Signal(str, int)  # table name, id

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(self.tr("Search everything"))
        self.resize(640, 480)
        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setPlaceholderText(self.tr("Names, places, topics, notes — in any script"))
        self.query_edit.setClearButtonEnabled(True)
        self.model = SearchResultModel(self)
        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("searchStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status_label)
        # Search after a short pause in typing, not on every key: a timer, never a sleep.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(self._timer.start)
        self.query_edit.returnPressed.connect(self._open_current_or_first)
        self.results.activated.connect(self._open)
        self.run_search()

    def run_search(self) -> None:
        self._timer.stop()
        query = self.query_edit.text()
        self.model.set_hits(search_records(self._store, query))
        count = self.model.rowCount()
        if not query.strip():
            self.status_label.setText(self.tr("Type to search every record."))
        elif count == 0:
            self.status_label.setText(self.tr("Nothing matches “{query}”.").format(query=query.strip()))
        else:
            self.status_label.setText(self.tr("Matches: {count}").format(count=count))
            self.results.setCurrentIndex(self.model.index(0))

    def _open_current_or_first(self) -> None:
        if self._timer.isActive():
            self.run_search()
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        if index.isValid():
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        hit = self.model.hits[index.row()]
        self.recordActivated.emit(hit.table, hit.record_id)
        self.accept()
