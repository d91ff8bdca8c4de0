"""Create, read, update and delete any record, with validation and change history.

Every write runs in one transaction together with its change-history rows,
bumps the record's version and stamps who changed it. The area modules
(`rounds`, `projects`, ...) build their use cases on these functions; the
GUI may call them directly for plain record edits.
"""

from __future__ import annotations

import contextlib
import datetime
import decimal
import json
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

import peewee

from dialogue_planner.errors import ConflictError, NotFoundError, ValidationError
from dialogue_planner.services.validation import MANAGED_FIELDS, check_record, clean_values
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.search_index import INDEX_TABLE

RecordType = type[m.Record] | str


def record_type(kind: RecordType) -> type[m.Record]:
    """The model for a record type given as a class or a table name ('agenda_item')."""
    if isinstance(kind, str):
        model = m.MODELS_BY_TABLE.get(kind)
        if model is None or model is m.ChangeRecord:
            raise ValueError(f"unknown record type {kind!r}")
        return model  # type: ignore[return-value]
    return kind


def plain(value: Any) -> Any:
    """A JSON-ready form of a stored value (dates as ISO text, amounts as text)."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def field_values(record: m.Record) -> dict[str, Any]:
    """The record's editable values, references as ids."""
    return {
        name: record.__data__.get(name)
        for name in record._meta.fields
        if name not in MANAGED_FIELDS
    }


# Fields whose text the change history never keeps (it says that they changed, not to what), so that
# deleting such a record deletes its text for good, and the history can be shown or exported safely.
CONFIDENTIAL_FIELDS: dict[type[m.Record], frozenset[str]] = {
    m.IndividualCase: frozenset({"person_name", "summary"}),
    m.Round: frozenset({"confidential_notes"}),
    m.AgendaItem: frozenset({"confidential_notes"}),
}
WITHHELD = "(confidential: not kept in the history)"
SEARCH_INDEX_SCHEMA_VERSION = 4  # migration 0004 made the search index


def _historic(model: type[m.Record], name: str, value: Any) -> Any:
    if value and name in CONFIDENTIAL_FIELDS.get(model, ()):
        return WITHHELD
    return plain(value)


def _log(store: Store, record: m.Record, action: str, changes: Mapping[str, tuple[Any, Any]]) -> None:
    model = type(record)
    m.ChangeRecord.create(
        changed_by=store.user,
        table_name=record._meta.table_name,
        record_id=record.id,
        action=action,
        changes=json.dumps(
            {name: [_historic(model, name, old), _historic(model, name, new)] for name, (old, new) in changes.items()},
            ensure_ascii=False,
            sort_keys=True,
        ),
    )
    replaced_confidential = action == "update" and CONFIDENTIAL_FIELDS.get(model, frozenset()) & changes.keys()
    if store.is_sqlite and (action == "delete" or replaced_confidential):
        # Old page images (the deleted or replaced text) linger in the WAL file until it is checkpointed
        # and truncated; secure_delete has already zeroed them in the database file itself. The search
        # index keeps a deleted record's folded text in its segments until they are merged: for
        # confidential text, merge them at once.
        purge_index = model in CONFIDENTIAL_FIELDS and (action == "delete" or bool(replaced_confidential))
        store.db.after_commit(lambda: _checkpoint(store, purge_index=purge_index))


def _checkpoint(store: Store, *, purge_index: bool = False) -> None:
    """Fold the WAL into the database and empty it (best effort: a busy reader may keep part of it).

    With `purge_index`, first merge the search index's segments, which drops what deleted or
    replaced entries left there (FTS5 keeps them until a merge).
    """
    if store.db.is_closed():
        return
    if purge_index and store.schema_version >= SEARCH_INDEX_SCHEMA_VERSION:
        store.db.execute_sql(f"INSERT INTO {INDEX_TABLE}({INDEX_TABLE}) VALUES('optimize')")
    store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def get(store: Store, kind: RecordType, record_id: int, *, for_update: bool = False) -> m.Record:
    """The record, or NotFoundError naming its type and id.

    With `for_update` (inside `store.atomic()`), nobody else can change the record until the
    transaction ends, so what is read can safely be written back: PostgreSQL locks the row
    (SELECT ... FOR UPDATE); SQLite's write transactions already hold the database's write lock.
    """
    model = record_type(kind)
    query = model.select().where(model.id == record_id)
    if for_update and not store.is_sqlite:
        query = query.for_update()
    record = query.get_or_none()
    if record is None:
        raise NotFoundError(f"no {model.label()} with id {record_id}")
    return record


def create(store: Store, kind: RecordType, values: Mapping[str, Any]) -> m.Record:
    """A new record from `values`, validated, stored and written to the change history."""
    model = record_type(kind)
    with store.atomic():
        cleaned = clean_values(model, values, creating=True)
        defaults = {
            name: field.default() if callable(field.default) else field.default
            for name, field in model._meta.fields.items()
            if name not in cleaned and field.default is not None and name != "id"
        }
        check_record(model, {**defaults, **cleaned}, None)
        now = m.utc_now()
        with _unique_at_write(model):
            record = model.create(**cleaned, created_at=now, updated_at=now, changed_by=store.user, version=1)
        _log(store, record, "create", {name: (None, value) for name, value in field_values(record).items()})
    return record


@contextlib.contextmanager
def _unique_at_write(model: type[m.Record]) -> Iterator[None]:
    """A uniqueness rule broken by someone saving at the same moment, as a ValidationError.

    The checks before the write make this rare; the database's own message is
    dropped (`from None`) because PostgreSQL's quotes the clashing values.
    """
    try:
        yield
    except peewee.IntegrityError:
        raise ValidationError(
            {"record": "clashes with a record someone saved at the same moment (a name or number must be "
                       "unique); reload and try again"},
            record=model.label(),
        ) from None


def _check_version(record: m.Record, expected_version: int | None) -> None:
    if expected_version is not None and record.version != expected_version:
        who = record.changed_by or "someone else"
        when = record.updated_at.strftime("%Y-%m-%d %H:%M") if record.updated_at else "recently"
        raise ConflictError(
            f"this {record.label()} was changed by {who} at {when} UTC after you opened it; "
            "reload it to see their change"
        )


def update(
    store: Store,
    kind: RecordType,
    record_id: int,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
) -> m.Record:
    """Apply `changes` to a record; refused if it changed since `expected_version`."""
    model = record_type(kind)
    with store.atomic():
        record = get(store, model, record_id, for_update=True)
        _check_version(record, expected_version)
        cleaned = clean_values(model, changes, creating=False)
        before = field_values(record)
        check_record(model, {**before, **cleaned}, record_id)
        changed = {name: (before[name], value) for name, value in cleaned.items() if before[name] != value}
        if not changed:
            return record
        now = m.utc_now()
        with _unique_at_write(model):
            model.update(
                **cleaned, updated_at=now, changed_by=store.user, version=model.version + 1
            ).where(model.id == record_id).execute()
        _log(store, record, "update", changed)
        return get(store, model, record_id)


def _dependents(model: type[m.Record]) -> list[tuple[type[m.Record], peewee.ForeignKeyField]]:
    return [
        (other, field)
        for other in m.RECORD_MODELS
        for field in other._meta.refs
        if field.rel_model is model
    ]


class DeletedRecord(NamedTuple):
    """A deleted record's stored row, kept so that `restore` can put it back under the same id."""

    table: str
    row: dict[str, Any]


def _delete_tree(store: Store, record: m.Record, removed: list[DeletedRecord]) -> None:
    for other, field in _dependents(type(record)):
        children = list(other.select().where(field == record.id))
        if not children:
            continue
        if field.on_delete == "CASCADE":
            for child in children:
                _delete_tree(store, child, removed)
        else:
            raise ValidationError(
                {"record": f"still used by {len(children)} {other.label()} record(s); remove those first"},
                record=record.label(),
            )
    _log(store, record, "delete", {name: (value, None) for name, value in field_values(record).items()})
    type(record).delete().where(type(record).id == record.id).execute()
    removed.append(DeletedRecord(record._meta.table_name, dict(record.__data__)))


def delete(
    store: Store, kind: RecordType, record_id: int, *, expected_version: int | None = None
) -> list[DeletedRecord]:
    """Delete a record and what belongs to it (an agenda with its round); refused while others refer to it.

    Returns what was deleted, dependents first, for `restore` (undo).
    """
    model = record_type(kind)
    removed: list[DeletedRecord] = []
    with store.atomic():
        record = get(store, model, record_id, for_update=True)
        _check_version(record, expected_version)
        _delete_tree(store, record, removed)
    return removed


def restore(store: Store, deleted: list[DeletedRecord]) -> None:
    """Put deleted records back under their old ids (undo of `delete`), each logged as created again.

    Refused as a whole if any of them cannot come back, for example because a record it refers to is gone.
    """
    with store.atomic():
        for entry in reversed(deleted):
            model = record_type(entry.table)
            row = {**entry.row, "updated_at": m.utc_now(), "changed_by": store.user}
            if model.select().where(model.id == row["id"]).exists():
                raise ValidationError({"record": "exists again already"}, record=model.label())
            try:
                with store.atomic():
                    model.insert(**row).execute()
            except peewee.IntegrityError as error:
                raise ValidationError(
                    {"record": "cannot be restored: a record it refers to no longer exists"}, record=model.label()
                ) from error
            record = get(store, model, row["id"])
            _log(store, record, "create", {name: (None, value) for name, value in field_values(record).items()})


def history(store: Store, kind: RecordType, record_id: int) -> list[dict[str, Any]]:
    """The record's change history, oldest first, with `changes` decoded."""
    model = record_type(kind)
    rows = (
        m.ChangeRecord.select()
        .where((m.ChangeRecord.table_name == model._meta.table_name) & (m.ChangeRecord.record_id == record_id))
        .order_by(m.ChangeRecord.id)
        .dicts()
    )
    return [{**row, "changes": json.loads(row["changes"])} for row in rows]


def referenced_table(kind: RecordType, field_name: str) -> str | None:
    """The table a field of the record type refers to ('round' for an agenda item's 'round'), or None."""
    field = record_type(kind)._meta.fields.get(field_name)
    return field.rel_model._meta.table_name if isinstance(field, peewee.ForeignKeyField) else None


def field_vocabulary(kind: RecordType, field_name: str) -> tuple[str, ...] | None:
    """The closed vocabulary a field takes its values from (storage.vocabulary), or None for free values."""
    field = record_type(kind)._meta.fields.get(field_name)
    choices = getattr(field, "choices", None)
    return tuple(value for value, _label in choices) if choices else None
