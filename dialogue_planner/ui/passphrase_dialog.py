"""The passphrase of an encrypted database, asked for when the app opens one: a small modal dialog.

    store = ask_for_passphrase(path, open_with, parent)  # None when the user cancels

OK tries the passphrase with `open_with` (open_database with the app's options);
a wrong one is said in the dialog, which stays open for another try. A database
made with a recovery key (a keyring beside it) also offers "Use recovery key…":
the key on paper opens it and the user sets a new passphrase, entered twice
(services.encryption.reset_passphrase). Loaded only when an encrypted file is
opened, so an unencrypted start-up never loads it.

Neither passphrase nor key is ever logged, shown or kept: the fields are
emptied as soon as they have been tried.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dialogue_planner.errors import PassphraseError, PlannerError, ValidationError
from dialogue_planner.services.encryption import reset_passphrase
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.keyring import keyring_path

OpenWith = Callable[[str], Store]  # opens the database with this passphrase or recovery key; raises PlannerError


class PassphraseDialog(QDialog):
    """Asks for an encrypted database's passphrase and opens it; `store` is the open database once accepted.

    A failure other than a wrong passphrase or key (a damaged file, a folder that
    cannot be written) ends the dialog as rejected with `failure` set, for the
    caller to report.
    """

    def __init__(self, path: Path, open_with: OpenWith, parent: QWidget | None = None, *,
                 first_problem: str = "") -> None:
        super().__init__(parent)
        self.path = path
        self.store: Store | None = None
        self.failure: PlannerError | None = None
        self._open_with = open_with
        self.setWindowTitle(self.tr("Encrypted database"))
        self.setModal(True)
        self.setMinimumWidth(440)

        self.heading = QLabel(self.tr("<b>%1</b> is encrypted.").replace("%1", html.escape(path.name)))
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setToolTip(str(path))
        self.folder = QLabel(self.tr("In %1").replace("%1", str(path.parent)))
        self.folder.setWordWrap(True)
        self.passphrase_edit = _secret_field("passphrase", "")
        self.recovery_key_edit = _secret_field("recoveryKey", self.tr("XXXXX-XXXXX-XXXXX-…"))
        self.show_key = QCheckBox(self.tr("Show the recovery key as I type it"))
        self.show_key.toggled.connect(self._show_recovery_key)
        self.new_passphrase_edit = _secret_field("newPassphrase", self.tr("At least 8 characters"))
        self.repeated_passphrase_edit = _secret_field("repeatedPassphrase", self.tr("The same again"))
        self.problem = QLabel(first_problem)
        self.problem.setObjectName("passphraseProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setVisible(bool(first_problem))

        self.passphrase_form = QWidget()
        passphrase_rows = QFormLayout(self.passphrase_form)
        passphrase_rows.setContentsMargins(0, 0, 0, 0)
        passphrase_rows.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        self.recovery_form = QWidget()
        recovery_rows = QFormLayout(self.recovery_form)
        recovery_rows.setContentsMargins(0, 0, 0, 0)
        recovery_note = QLabel(self.tr("Type the recovery key you kept on paper, then choose a new passphrase. "
                                       "The recovery key stays the same: keep it safe."))
        recovery_note.setWordWrap(True)
        recovery_rows.addRow(recovery_note)
        recovery_rows.addRow(self.tr("&Recovery key:"), self.recovery_key_edit)
        recovery_rows.addRow("", self.show_key)
        recovery_rows.addRow(self.tr("&New passphrase:"), self.new_passphrase_edit)
        recovery_rows.addRow(self.tr("New passphrase &again:"), self.repeated_passphrase_edit)
        self.recovery_form.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.recovery_button = QPushButton(self.tr("Use recovery key…"))
        self.recovery_button.setObjectName("useRecoveryKey")
        self.recovery_button.setAutoDefault(False)
        self.buttons.addButton(self.recovery_button, QDialogButtonBox.ButtonRole.ResetRole)
        # Only a database made with a recovery key has one: its keyring lies beside it.
        self.recovery_button.setVisible(keyring_path(path).is_file())
        self.recovery_button.clicked.connect(self._toggle_recovery)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.folder)
        layout.addSpacing(6)
        layout.addWidget(self.passphrase_form)
        layout.addWidget(self.recovery_form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.passphrase_edit.setFocus()

    @property
    def using_recovery_key(self) -> bool:
        return not self.recovery_form.isHidden()

    def _toggle_recovery(self) -> None:
        recovering = not self.using_recovery_key
        self.recovery_form.setVisible(recovering)
        self.passphrase_form.setVisible(not recovering)
        self.recovery_button.setText(self.tr("Use passphrase") if recovering else self.tr("Use recovery key…"))
        self._say("")
        (self.recovery_key_edit if recovering else self.passphrase_edit).setFocus()
        self.adjustSize()

    def _show_recovery_key(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.recovery_key_edit.setEchoMode(mode)

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def accept(self) -> None:
        """Try what was typed: the database opens and the dialog closes, or it says what is wrong and stays."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # opening checks the file first
        try:
            self.store = self._recover() if self.using_recovery_key else self._open()
        except PlannerError as failure:
            self.failure = failure
            self._clear_all()
            super().reject()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self.store is not None:
            self._clear_all()
            super().accept()

    def _open(self) -> Store | None:
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            self._say(self.tr("Type the passphrase of this database."))
            return None
        try:
            return self._open_with(passphrase)
        except PassphraseError as refused:
            if not refused.wrong:
                raise
            self.passphrase_edit.clear()
            self.passphrase_edit.setFocus()
            self._say(self.tr("This passphrase does not open the database (passphrases are case-sensitive). "
                              "Try again."))
            return None

    def _recover(self) -> Store | None:
        recovery_key = self.recovery_key_edit.text().strip()
        new_passphrase = self.new_passphrase_edit.text()
        if not recovery_key:
            self._say(self.tr("Type the recovery key you kept on paper."))
            return None
        if new_passphrase != self.repeated_passphrase_edit.text():
            self.repeated_passphrase_edit.clear()
            self.repeated_passphrase_edit.setFocus()
            self._say(self.tr("The two new passphrases differ. Type the new one again."))
            return None
        try:
            reset_passphrase(self.path, recovery_key, new_passphrase)
        except ValidationError as refused:
            self.new_passphrase_edit.setFocus()
            self._say(self.tr("The new passphrase %1.").replace("%1", refused.errors.get("passphrase", str(refused))))
            return None
        except PassphraseError as refused:
            if not refused.wrong:
                raise
            self.recovery_key_edit.selectAll()
            self.recovery_key_edit.setFocus()
            self._say(self.tr("This recovery key does not open the database. Check it against the paper."))
            return None
        return self._open_with(new_passphrase)

    def _clear_all(self) -> None:
        for field in (self.passphrase_edit, self.recovery_key_edit, self.new_passphrase_edit,
                      self.repeated_passphrase_edit):
            field.clear()


def ask_for_passphrase(path: Path, open_with: OpenWith, parent: QWidget | None = None, *,
                       first_problem: str = "") -> Store | None:
    """The database at `path` opened with the passphrase (or recovery key) the user gives; None if they cancel.

    `first_problem`: said in the dialog from the start (the passphrase from the
    environment did not open it). A failure other than a wrong passphrase is raised.
    """
    dialog = PassphraseDialog(path, open_with, parent, first_problem=first_problem)
    try:
        dialog.exec()
        if dialog.failure is not None:
            raise dialog.failure
        return dialog.store
    finally:
        dialog.deleteLater()


def _secret_field(name: str, placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field

