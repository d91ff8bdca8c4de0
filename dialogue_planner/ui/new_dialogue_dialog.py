"""New dialogue: a partner country (new or known) and the dialogue's title and focus target."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from dialogue_planner.errors import PlannerError, ValidationError
from dialogue_planner.services import records
from dialogue_planner.services.dialogues import start_dialogue_with_country
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.edits import RecordEdits

ERROR_STYLE = "color: #b3261e;"


class NewDialogueDialog(QDialog):
    """Asks for the partner country and the dialogue; OK stores both (undoably) or shows why not, per field."""

    def __init__(self, store: Store, edits: RecordEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._edits = store, edits
        self.dialogue_id: int | None = None
        self.setWindowTitle(self.tr("New dialogue"))
        self.country_edit = QLineEdit()
        self.country_edit.setObjectName("countryName")
        self.country_edit.setPlaceholderText(self.tr("e.g. Laos"))
        self.iso_edit = QLineEdit()
        self.iso_edit.setObjectName("isoCode")
        self.iso_edit.setMaxLength(2)
        self.iso_edit.setPlaceholderText(self.tr("two letters, e.g. LA"))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("dialogueTitle")
        self.title_edit.setPlaceholderText(self.tr("e.g. Norway–Laos human rights dialogue"))
        self.target_spin = QSpinBox()
        self.target_spin.setRange(1, 20)
        self.target_spin.setValue(4)
        self.target_spin.setToolTip(self.tr("At most this many priority topics per round: few topics, in depth"))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label, widget in (
            ("name", self.tr("Partner country:"), self.country_edit),
            ("iso_code", self.tr("ISO code:"), self.iso_edit),
            ("title", self.tr("Dialogue title:"), self.title_edit),
            ("focus_target", self.tr("Focus target (topics per round):"), self.target_spin),
        ):
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.setObjectName(f"error_{name}")
            error.hide()
            self.errors[name] = error
            cell = QVBoxLayout()
            cell.addWidget(widget)
            cell.addWidget(error)
            form.addRow(label, cell)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        for label in self.errors.values():
            label.hide()
        try:
            dialogue, added = start_dialogue_with_country(
                self._store,
                self.country_edit.text().strip(),
                self.iso_edit.text(),
                self.title_edit.text().strip(),
                focus_target=self.target_spin.value(),
            )
        except ValidationError as error:
            for field, message in error.errors.items():
                label = self.errors.get(field, self.errors["title"])
                label.setText(message)
                label.show()
            return
        except PlannerError as error:
            self.errors["title"].setText(str(error))
            self.errors["title"].show()
            return
        self.dialogue_id = dialogue.id
        self._make_undoable(dialogue.id, dialogue.country_id if added else None)
        super().accept()

    def _make_undoable(self, dialogue_id: int, added_country_id: int | None) -> None:
        store = self._store
        removed: list[records.DeletedRecord] = []

        def take_back() -> None:
            removed[:] = records.delete(store, "dialogue", dialogue_id)
            if added_country_id is not None:
                removed.extend(records.delete(store, "country", added_country_id))

        def bring_back() -> None:
            records.restore(store, removed)

        self._edits.steps(bring_back, take_back, self.tr("New dialogue"), "dialogue", dialogue_id)
