"""The versioned JSON exchange format for the whole database (docs/exchange-format.md).

`export_data`/`export_json` write every record and the change history with
their ids, timestamps and versions; `import_data`/`import_json` read such a
file into an empty database in one transaction, after checking every row
with the same rules the services apply. A refused file changes nothing and
is reported as one `ValidationError` whose keys say where the problems are
("round[id=17].end_date", "tables.topic[3].id"); messages never quote the
offending values, which may be confidential.
"""

from __future__ import annotations

import datetime
import decimal
import json
import os
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee

from dialogue_planner.errors import Cancelled, StorageError, ValidationError
from dialogue_planner.services.validation import (
    INTEGER_LIMIT,
    MANAGED_FIELDS,
    RULES,
    UNIQUE_MESSAGES,
    clean_values,
)
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.files import write_file_atomically

FORMAT_NAME = "dialogue-planner-exchange"
FORMAT_VERSION = 1
SUPPORTED_VERSIONS = (FORMAT_VERSION,)

# Every table in dependency order (a table only refers to tables before it), the history last.
EXCHANGED_MODELS: tuple[type[peewee.Model], ...] = (*m.RECORD_MODELS, m.ChangeRecord)
HISTORY_TABLE = m.ChangeRecord._meta.table_name

MAX_ERRORS = 50
TOP_LEVEL_KEYS = ("format", "version", "schema_version", "tables")
TIMESTAMP_FIELDS = frozenset({"created_at", "updated_at", "changed_at"})
# SQLite's smallest limit on bound parameters per statement (older builds): inserts are chunked below it.
MAX_VARIABLES = 999

_NOT_IN_LINE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_REFUSED = "import refused"
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportSummary:
    """How many rows an import wrote, per table (including the change history)."""

    counts: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def records(self) -> int:
        """Rows written, not counting the change history."""
        return self.total - self.counts.get(HISTORY_TABLE, 0)


# --- export ------------------------------------------------------------------------------------


def _exported_value(field: peewee.Field, value: Any) -> Any:
    """The canonical JSON form of a stored value (the same value always gives the same text)."""
    if value is None:
        return None
    if isinstance(field, peewee.DateTimeField) and isinstance(value, datetime.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(field, peewee.DateField) and isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(field, peewee.DecimalField):
        # SQLite hands back 1000000 for 1000000.00: always write the field's decimal places.
        places = decimal.Decimal(1).scaleb(-field.decimal_places)
        return format(decimal.Decimal(str(value)).quantize(places), "f")
    if isinstance(field, peewee.FloatField):
        return float(value)
    return value


def _exported_rows(model: type[peewee.Model]) -> list[dict[str, Any]]:
    fields = model._meta.sorted_fields
    rows = model.select(*fields).order_by(model.id).tuples()
    return [
        {field.name: _exported_value(field, value) for field, value in zip(fields, row, strict=True)} for row in rows
    ]


def _snapshot(store: Store):
    """A transaction to read a consistent state in; on SQLite without the write lock `store.atomic()` takes."""
    return store.db.atomic(lock_type="DEFERRED") if store.is_sqlite else store.atomic()


def _step(progress: Progress | None, cancel: threading.Event | None, done: int, total: int, what: str) -> None:
    """Report a step of long work, and stop it (Cancelled) if the user asked to."""
    if cancel is not None and cancel.is_set():
        raise Cancelled("cancelled; nothing was written")
    if progress is not None:
        progress(done, total, what)


def export_data(
    store: Store, *, progress: Progress | None = None, cancel: threading.Event | None = None
) -> dict[str, Any]:
    """The whole database as plain JSON-ready data: every table, rows by id, no export timestamp.

    `progress(done, total, table)` is called per table; setting `cancel` stops with Cancelled.
    """
    total = len(EXCHANGED_MODELS)
    tables: dict[str, list[dict[str, Any]]] = {}
    with store.db.bind_ctx(m.ALL_MODELS), _snapshot(store):
        for done, model in enumerate(EXCHANGED_MODELS):
            _step(progress, cancel, done, total, model._meta.table_name)
            tables[model._meta.table_name] = _exported_rows(model)
    _step(progress, cancel, total, total, "")
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "schema_version": store.schema_version, "tables": tables}


def export_json(
    store: Store,
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Write the export to `path` as UTF-8 JSON, all or nothing: a failed or cancelled export leaves no file."""
    data = export_data(store, progress=progress, cancel=cancel)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    _step(None, cancel, 0, 0, "")
    write_file_atomically(Path(path), text.encode("utf-8"))


# --- import ------------------------------------------------------------------------------------


class _Invalid(Exception):
    """One value is refused; carries the message."""


class _TooManyErrors(Exception):
    """Enough problems found to refuse the file; the rest need not be looked at."""


class _Problems:
    """The problems found in a file, keyed by where they are; the first message per place wins."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, where: str, message: str) -> None:
        if where in self.errors:
            return
        if len(self.errors) >= MAX_ERRORS:
            raise _TooManyErrors
        self.errors[where] = message

    def refuse_if_any(self, stopped_early: bool = False) -> None:
        if stopped_early:
            self.errors["more"] = f"further problems not listed (stopped after {MAX_ERRORS})"
        if self.errors:
            raise ValidationError(self.errors, record=_REFUSED)


def _shown(name: object) -> str:
    """A name from the file (an unknown table or field) fit for a one-line message."""
    text = "".join(character if character.isprintable() else "?" for character in str(name))
    return text if len(text) <= 40 else text[:39] + "…"


def _a(label: str) -> str:
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label}"


def _is_id(value: Any) -> bool:
    return type(value) is int and 1 <= value <= INTEGER_LIMIT


def _timestamp(value: Any) -> datetime.datetime:
    """A stored timestamp (naive UTC) from ISO 8601 text; an offset is converted to UTC."""
    message = "must be a date and time as YYYY-MM-DDTHH:MM:SS.ffffff (UTC)"
    if not isinstance(value, str):
        raise _Invalid(message)
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise _Invalid(message) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment


def _managed_value(field: peewee.Field, value: Any) -> Any:
    """Checks for the columns the services maintain themselves (ids, timestamps, versions, history)."""
    if field.name == "id":
        if not _is_id(value):
            raise _Invalid(f"must be a whole number from 1 to {INTEGER_LIMIT}")
        return value
    if field.name in TIMESTAMP_FIELDS:
        return _timestamp(value)
    if field.name == "version":
        if not _is_id(value):
            raise _Invalid(f"must be a whole number from 1 to {INTEGER_LIMIT}")
        return value
    if field.name == "changed_by":
        if not isinstance(value, str) or _NOT_IN_LINE.search(value):
            raise _Invalid("must be a single line of text")
        if len(value) > field.max_length:
            raise _Invalid(f"is longer than {field.max_length} characters")
        return value
    raise AssertionError(f"{field.name} is not a managed field")  # pragma: no cover - MANAGED_FIELDS is fixed


def _reference(field: peewee.ForeignKeyField, value: Any, ids: Mapping[str, set[int]]) -> int | None:
    target = field.rel_model
    if value is None:
        if field.null:
            return None
        raise _Invalid("is required")
    if type(value) is not int:
        raise _Invalid(f"must be the id of {_a(target.label())}")
    if value not in ids[target._meta.table_name]:
        raise _Invalid(f"refers to {_a(target.label())} that is not in the file")
    return value


def _history_value(field: peewee.Field, value: Any) -> Any:
    """A column of a change-history entry; every one is kept exactly as written."""
    if field.name == "changes":
        return _history_changes(value)
    if field.name == "record_id":
        if not _is_id(value):
            raise _Invalid(f"must be a whole number from 1 to {INTEGER_LIMIT}")
        return value
    if not isinstance(value, str) or _NOT_IN_LINE.search(value) or not value.strip():
        raise _Invalid("must be a single line of text")
    if len(value) > field.max_length:
        raise _Invalid(f"is longer than {field.max_length} characters")
    allowed = [choice for choice, _ in field.choices or ()]
    if allowed and value not in allowed:
        raise _Invalid("must be one of: " + ", ".join(allowed))
    return value


def _history_changes(value: Any) -> str:
    """The changes of a change-history entry: JSON text of an object."""
    if not isinstance(value, str):
        raise _Invalid("must be text holding a JSON object")
    if _NOT_IN_LINE.search(value):
        raise _Invalid("must be one line without control characters")
    try:
        decoded = json.loads(value)
    except (ValueError, RecursionError):
        decoded = None
    if not isinstance(decoded, dict):
        raise _Invalid("must be text holding a JSON object")
    return value


def _unique_groups(model: type[peewee.Model]) -> list[tuple[str, ...]]:
    groups = [(name,) for name, field in model._meta.fields.items() if field.unique]
    groups += [tuple(columns) for columns, unique in (model._meta.indexes or ()) if unique]
    return groups


class _TableCheck:
    """Checks one table's rows; `rows` ends up holding their stored values, in the file's order."""

    def __init__(self, model: type[peewee.Model], problems: _Problems) -> None:
        self.model = model
        self.table = model._meta.table_name
        self.label = model.label() if issubclass(model, m.Record) else "change history entry"
        self.problems = problems
        self.rows: list[dict[str, Any]] = []
        self.places: list[str] = []
        self.ids: set[int] = set()
        self.seen: dict[tuple[str, ...], set[tuple[Any, ...]]] = {group: set() for group in _unique_groups(model)}

    def collect_ids(self, rows: list[Any]) -> None:
        """First pass: each row's id and where to report it (by id, or by position when the id is unusable)."""
        for index, row in enumerate(rows):
            place = f"tables.{self.table}[{index}]"
            row_id = row.get("id") if isinstance(row, dict) else None
            if _is_id(row_id):
                if row_id in self.ids:
                    message = f"repeats the id of an earlier {self.label}; each id may appear once"
                    self.problems.add(f"{place}.id", message)
                else:
                    self.ids.add(row_id)
                    place = f"{self.table}[id={row_id}]"
            self.places.append(place)

    def check_rows(self, rows: list[Any], ids: Mapping[str, set[int]]) -> None:
        for row, place in zip(rows, self.places, strict=True):
            if not isinstance(row, dict):
                self.problems.add(place, f"must be an object holding the fields of {_a(self.label)}")
                continue
            values = self._values(row, place, ids)
            self._check_rules(values, place)
            self.rows.append(values)

    def _values(self, row: dict[Any, Any], place: str, ids: Mapping[str, set[int]]) -> dict[str, Any]:
        fields = self.model._meta.fields
        for key in row:
            if key not in fields:
                self.problems.add(f"{place}.{_shown(key)}", f"is not a field of {_a(self.label)}")
        values: dict[str, Any] = {}
        plain: dict[str, Any] = {}
        for name, field in fields.items():
            if name not in row:
                self.problems.add(f"{place}.{name}", "is missing")
                continue
            try:
                if name in MANAGED_FIELDS or name in TIMESTAMP_FIELDS:
                    values[name] = _managed_value(field, row[name])
                elif isinstance(field, peewee.ForeignKeyField):
                    # Checked against the file: the database is empty, so the services' lookup would fail.
                    values[name] = _reference(field, row[name], ids)
                elif self.model is m.ChangeRecord:
                    values[name] = _history_value(field, row[name])
                else:
                    plain[name] = row[name]
            except _Invalid as invalid:
                self.problems.add(f"{place}.{name}", str(invalid))
        try:
            if plain:
                values.update(clean_values(self.model, plain, creating=False))
        except ValidationError as error:
            for name, message in error.errors.items():
                self.problems.add(f"{place}.{name}", message)
        return values

    def _check_rules(self, values: dict[str, Any], place: str) -> None:
        for rule in RULES.get(self.model, ()):
            for name, message in rule(values).items():
                self.problems.add(f"{place}.{name}", message)
        for group, seen in self.seen.items():
            if any(values.get(name) is None for name in group):
                continue  # unset or already refused; NULLs never clash in SQL either
            key = tuple(values[name] for name in group)
            if key in seen:
                reported = group[-1]
                message = UNIQUE_MESSAGES.get((self.table, reported), f"is already used by another {self.label}")
                self.problems.add(f"{place}.{reported}", message)
            seen.add(key)


def _check_envelope(data: Any) -> Mapping[Any, Any]:
    """The top level: a Dialogue Planner exchange file of a version this program reads; returns its tables."""
    if not isinstance(data, dict):
        raise ValidationError({"file": "must hold a JSON object with format, version and tables"}, record=_REFUSED)
    if data.get("format") != FORMAT_NAME:
        what = "is missing" if "format" not in data else "is not"
        raise ValidationError(
            {"format": f'{what} "{FORMAT_NAME}": this is not a Dialogue Planner exchange file'}, record=_REFUSED
        )
    version = data.get("version")
    if type(version) is not int or version not in SUPPORTED_VERSIONS:
        supported = ", ".join(str(number) for number in SUPPORTED_VERSIONS)
        raise ValidationError(
            {"version": f"is not supported: this Dialogue Planner reads exchange format version {supported}"},
            record=_REFUSED,
        )
    errors: dict[str, str] = {}
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            errors[_shown(key)] = "is not part of the exchange format"
    schema = data.get("schema_version")
    if type(schema) is not int or schema < 0:
        errors["schema_version"] = "must be a whole number" if "schema_version" in data else "is missing"
    tables = data.get("tables")
    if "tables" not in data:
        errors["tables"] = "is missing"
    elif not isinstance(tables, dict):
        errors["tables"] = "must be an object mapping table names to lists of rows"
    if errors:
        raise ValidationError(errors, record=_REFUSED)
    return tables


def _checked_tables(data: Any) -> dict[type[peewee.Model], list[dict[str, Any]]]:
    """Every row's stored values by table, or one ValidationError naming every problem (up to MAX_ERRORS)."""
    tables = _check_envelope(data)
    problems = _Problems()
    checks = {model: _TableCheck(model, problems) for model in EXCHANGED_MODELS}
    known = {model._meta.table_name for model in EXCHANGED_MODELS}
    try:
        for name in tables:
            if name not in known:
                problems.add(f"tables.{_shown(name)}", "is not a table of the exchange format")
        usable: dict[type[peewee.Model], list[Any]] = {}
        for model, check in checks.items():
            rows = tables.get(check.table, [])
            if isinstance(rows, list):
                usable[model] = rows
                check.collect_ids(rows)
            else:
                problems.add(f"tables.{check.table}", "must be a list of records")
        ids = {check.table: check.ids for check in checks.values()}
        for model, rows in usable.items():
            checks[model].check_rows(rows, ids)
    except _TooManyErrors:
        problems.refuse_if_any(stopped_early=True)
    problems.refuse_if_any()
    return {model: check.rows for model, check in checks.items()}


def _is_empty(store: Store) -> bool:
    return not any(model.select().exists() for model in m.ALL_MODELS)


def _require_empty(store: Store) -> None:
    if not _is_empty(store):
        raise ValidationError({"database": "is not empty; import needs an empty database"}, record=_REFUSED)


def _chunks(rows: list[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(model: type[peewee.Model], rows: list[dict[str, Any]]) -> None:
    fields = model._meta.sorted_fields
    tuples = [tuple(values[field.name] for field in fields) for values in sorted(rows, key=lambda row: row["id"])]
    for chunk in _chunks(tuples, max(1, MAX_VARIABLES // len(fields))):
        model.insert_many(chunk, fields=fields).execute()


def reset_sequences(store: Store) -> None:
    """After rows were inserted with their own ids, let PostgreSQL number new rows above them (no-op elsewhere)."""
    if not isinstance(store.db, peewee.PostgresqlDatabase):
        return  # SQLite numbers a new row after the highest id by itself.
    for model in m.ALL_MODELS:
        table = model._meta.table_name
        store.db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
        )


def import_data(
    store: Store, data: Any, *, progress: Progress | None = None, cancel: threading.Event | None = None
) -> ImportSummary:
    """Import exported data into an empty database, all in one transaction, keeping ids, timestamps and versions.

    Raises ValidationError naming where every problem is (up to MAX_ERRORS) and
    changes nothing when the data is not a valid export or the database is not empty.
    `progress(done, total, table)` is called per table; setting `cancel` rolls everything back (Cancelled).
    An SQLite database is backed up (reason 'before-import') once the file has passed its checks.
    """
    with store.db.bind_ctx(m.ALL_MODELS):
        _require_empty(store)
        plan = _checked_tables(data)
        store.backup("before-import")  # an SQLite file is copied first, whatever happens next
        try:
            with store.atomic():
                _require_empty(store)  # again: someone may have written while the file was checked
                for done, model in enumerate(EXCHANGED_MODELS):
                    _step(progress, cancel, done, len(EXCHANGED_MODELS), model._meta.table_name)
                    _insert(model, plan[model])
                _step(progress, cancel, len(EXCHANGED_MODELS), len(EXCHANGED_MODELS), "")
                reset_sequences(store)
        except peewee.IntegrityError as error:
            # The checks above should make this unreachable; the database's own message may quote values.
            raise ValidationError(
                {"database": "refused the data as breaking one of its rules; nothing was imported"}, record=_REFUSED
            ) from error
    return ImportSummary({model._meta.table_name: len(plan[model]) for model in EXCHANGED_MODELS})


def read_json(path: str | os.PathLike[str]) -> Any:
    """The decoded content of a JSON file; ValidationError (with line and column) when it is not JSON."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StorageError(f"{path}: no such file") from None
    except OSError as error:
        raise StorageError(f"{path}: cannot read ({error.strerror or error})") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError({"file": f"is not UTF-8 text (byte {error.start + 1})"}, record=_REFUSED) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            {"file": f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"}, record=_REFUSED
        ) from None
    except RecursionError:
        raise ValidationError({"file": "is nested too deeply to be an exchange file"}, record=_REFUSED) from None


def import_json(
    store: Store,
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ImportSummary:
    """Import an exchange file into an empty database (see `import_data`)."""
    return import_data(store, read_json(path), progress=progress, cancel=cancel)
