"""The strip above the views saying the open database is read-only (built with the window, so kept light)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from dialogue_planner.storage.database import Store


class ReadOnlyNotice(QLabel):
    """A strip saying the database is open read-only; hidden for a writable Store."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyNotice")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#readOnlyNotice { background: #fff3d6; padding: 6px; }")
        self.setText(self.tr("Read-only: you can read and print everything in this database, but not change it "
                             "(the file, its folder or your database role does not allow writing)."))
        self.setVisible(store.read_only)
