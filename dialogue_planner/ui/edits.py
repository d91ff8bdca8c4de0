"""Every edit the app makes, as an undoable command over the services.

Views never call `records.update` themselves: they ask `RecordEdits`, which
calls the service first (so a ValidationError reaches the view before anything
is on the undo stack), then pushes a command whose undo and redo call the
services again. Views listen to `recordChanged` / `recordRemoved` to refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from dialogue_planner.errors import PlannerError
from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordEdits", text)


class _ServiceCommand(QUndoCommand):
    """A command whose first redo already happened (the caller ran the service to see its errors)."""

    def __init__(self, edits: RecordEdits, text: str) -> None:
        super().__init__(text)
        self._edits = edits
        self._done_once = False

    def redo(self) -> None:
        if not self._done_once:
            self._done_once = True
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        # Someone else may have changed or deleted the record since: tell the user and drop the command
        # rather than leave the stack promising something it cannot do.
        try:
            step()
        except PlannerError as error:
            self.setObsolete(True)
            self._edits.failed.emit(str(error))

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class _UpdateCommand(_ServiceCommand):
    def __init__(self, edits: RecordEdits, table: str, record_id: int, before: dict, after: dict, text: str) -> None:
        super().__init__(edits, text)
        self.table, self.record_id, self.before, self.after = table, record_id, before, after

    def apply(self) -> None:
        self._edits._write(self.table, self.record_id, self.after)

    def revert(self) -> None:
        self._edits._write(self.table, self.record_id, self.before)


class _CreateCommand(_ServiceCommand):
    def __init__(self, edits: RecordEdits, table: str, record_id: int, text: str) -> None:
        super().__init__(edits, text)
        self.table, self.record_id = table, record_id
        self.deleted: list[records.DeletedRecord] = []

    def apply(self) -> None:
        self._edits._restore(self.deleted)

    def revert(self) -> None:
        self.deleted = self._edits._remove(self.table, self.record_id)


class _DeleteCommand(_ServiceCommand):
    def __init__(self, edits: RecordEdits, table: str, record_id: int, deleted: list, text: str) -> None:
        super().__init__(edits, text)
        self.table, self.record_id, self.deleted = table, record_id, deleted

    def apply(self) -> None:
        self.deleted = self._edits._remove(self.table, self.record_id)

    def revert(self) -> None:
        self._edits._restore(self.deleted)


class _StepsCommand(_ServiceCommand):
    """Any other edit, given as two service calls: one to do it again and one to take it back."""

    def __init__(self, edits: RecordEdits, redo: Callable[[], None], undo: Callable[[], None], text: str) -> None:
        super().__init__(edits, text)
        self._apply, self._revert = redo, undo

    def apply(self) -> None:
        self._apply()

    def revert(self) -> None:
        self._revert()


class RecordEdits(QObject):
    """Creates, updates and deletes records through the services, each undoable on `undo_stack`."""

    recordChanged = Signal(str, int)  # table name, id: created, updated or restored
    recordRemoved = Signal(str, int)  # table name, id
    failed = Signal(str)  # an undo or redo that the database refused, as a sentence

    def __init__(self, store: Store, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = undo_stack

    # What the views call. Each raises the service's error before anything is pushed.

    def update(
        self,
        kind: records.RecordType,
        record_id: int,
        changes: Mapping[str, Any],
        text: str | None = None,
        *,
        expected_version: int | None = None,
    ) -> m.Record:
        """Change fields of a record; undo puts the previous values back."""
        model = records.record_type(kind)
        table = model._meta.table_name
        old = records.field_values(records.get(self.store, model, record_id))
        record = records.update(self.store, model, record_id, changes, expected_version=expected_version)
        new = records.field_values(record)
        changed = [name for name in new if new[name] != old[name]]
        if changed:
            before = {name: old[name] for name in changed}
            after = {name: new[name] for name in changed}
            label = text or _tr("Edit {record}").format(record=model.label())
            self.undo_stack.push(_UpdateCommand(self, table, record_id, before, after, label))
            self.recordChanged.emit(table, record_id)
        return record

    def create(self, kind: records.RecordType, values: Mapping[str, Any], text: str | None = None) -> m.Record:
        """A new record; undo deletes it again."""
        return self.created(records.create(self.store, kind, values), text)

    def created(self, record: m.Record, text: str | None = None) -> m.Record:
        """Make undoable a record that a service function (add_agenda_item, plan_round...) just created."""
        table = record._meta.table_name
        label = text or _tr("Add {record}").format(record=record.label())
        self.undo_stack.push(_CreateCommand(self, table, record.id, label))
        self.recordChanged.emit(table, record.id)
        return record

    def delete(self, kind: records.RecordType, record_id: int, text: str | None = None) -> None:
        """Delete a record with what belongs to it; undo brings all of it back under the same ids."""
        model = records.record_type(kind)
        table = model._meta.table_name
        deleted = records.delete(self.store, model, record_id)
        label = text or _tr("Delete {record}").format(record=model.label())
        self.undo_stack.push(_DeleteCommand(self, table, record_id, deleted, label))
        self.recordRemoved.emit(table, record_id)

    def steps(self, redo: Callable[[], None], undo: Callable[[], None], text: str, table: str, record_id: int) -> None:
        """Make undoable an edit the caller just did through a service (for example moving an agenda item)."""
        changed = self.recordChanged

        def redo_and_tell() -> None:
            redo()
            changed.emit(table, record_id)

        def undo_and_tell() -> None:
            undo()
            changed.emit(table, record_id)

        self.undo_stack.push(_StepsCommand(self, redo_and_tell, undo_and_tell, text))
        changed.emit(table, record_id)

    # What the commands call on undo and redo.

    def _write(self, table: str, record_id: int, values: Mapping[str, Any]) -> None:
        records.update(self.store, table, record_id, values)
        self.recordChanged.emit(table, record_id)

    def _remove(self, table: str, record_id: int) -> list[records.DeletedRecord]:
        deleted = records.delete(self.store, table, record_id)
        self.recordRemoved.emit(table, record_id)
        return deleted

    def _restore(self, deleted: list[records.DeletedRecord]) -> None:
        records.restore(self.store, deleted)
        for entry in reversed(deleted):
            self.recordChanged.emit(entry.table, entry.row["id"])
