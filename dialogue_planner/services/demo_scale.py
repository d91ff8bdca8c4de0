"""The demo data N times over, for the benchmarks and for trying the app at scale.

`scale_demo` multiplies what the database holds (the demo, built through the
services) in SQL: each table's rows are copied N - 1 times by one
INSERT ... SELECT, ids shifted by a multiple of the table's largest id so the
copies keep their links (copy k of a round belongs to copy k of its dialogue).
Every record table is copied except the topic catalogue, which all copies
share; copied countries are named "China 2", "China 3"... with two-character
codes of their own, and copied dialogues say which copy they are.

Each copy also gets generated volume of its own (`demo_archive`): an archive
of older rounds with broad agendas, more projects and more staff, so that
N = 100 has the volume issue 7 asks for (about 15,000 rounds, 150,000 agenda
items, 30,000 projects, 200,000 people). In the copies the demo's rounds are
numbered after the archive (round 1 becomes round ARCHIVE_ROUNDS + 1), so
numbers follow the dates, and the dialogue starts when its archive does. The
original demo is never changed: scale 1 is exactly the plain demo.

Change history: the copies are recorded as ONE history entry per copied table
(action "create", on the first copied id, saying which ids were made from
which), not one entry per record: they are bulk test data, not anybody's edits,
and a history row per copy would double the size of the database for nothing.
The original demo records keep their full history from the services.
"""

from __future__ import annotations

import itertools
import json
import string

from peewee import ForeignKeyField, fn

from dialogue_planner.errors import ValidationError
from dialogue_planner.services.demo_archive import ARCHIVE_NOTE, ARCHIVE_ROUNDS, ARCHIVE_YEARS, add_archive
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.search_index import INDEX_TABLE

MAX_SCALE = 250  # copies of five countries must find free two-character codes
# Copied tables, parents first; the topic catalogue is shared by every copy.
SCALED_MODELS: tuple[type[m.Record], ...] = tuple(model for model in m.RECORD_MODELS if model is not m.Topic)
# How a copy (n = 1, 2, ...) changes a column: unique titles, and room for the archive before the demo's rounds.
_COPIED_VALUES = {
    ("dialogue", "title"): "\"title\" || ' (copy ' || (n + 1) || ')'",
    ("dialogue", "start_year"): f'"start_year" - {ARCHIVE_YEARS}',
    ("dialogue", "notes"): "\"notes\" || '" + ARCHIVE_NOTE.replace("'", "''") + "'",
    ("round", "number"): f'"number" + {ARCHIVE_ROUNDS}',
}


def scale_demo(store: Store, scale: int) -> dict[str, int]:
    """Make the database hold `scale` times what it holds now, in one transaction; returns rows per table.

    Meant for a database just filled with the demo (`demo.build_demo`). Raises
    ValidationError unless 1 <= scale <= MAX_SCALE; scale 1 changes nothing.
    """
    if type(scale) is not int or not 1 <= scale <= MAX_SCALE:
        raise ValidationError({"scale": f"must be a whole number from 1 to {MAX_SCALE}"}, record="demo")
    with store.atomic():
        if scale > 1:
            offsets = {model: model.select(fn.MAX(model.id)).scalar() or 0 for model in SCALED_MODELS}
            _copy_countries(store, scale, offsets[m.Country])
            for model in SCALED_MODELS[1:]:
                _copy_table(store, model, scale, offsets)
            for model in SCALED_MODELS:
                _record_copies(store, model, scale, offsets[model])
            add_archive(store, scale, offsets)
            if not store.is_sqlite:
                for model in SCALED_MODELS:
                    table = model._meta.table_name
                    store.db.execute_sql(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                        f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
                    )
        if store.is_sqlite:
            # One index segment instead of hundreds: queries read fewer pages.
            store.db.execute_sql(f"INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}) VALUES ('optimize')")
    store.db.execute_sql("ANALYZE")  # the planner's statistics must know the tables grew
    return {model._meta.table_name: model.select().count() for model in (*SCALED_MODELS, m.Topic, m.ChangeRecord)}


def _free_codes(taken: set[str]) -> itertools.chain:
    alphabet = string.ascii_uppercase + string.digits
    return (first + second for first in alphabet for second in alphabet if first + second not in taken)


def _copy_countries(store: Store, scale: int, offset: int) -> None:
    """Countries one by one (a few hundred at most): each copy needs a name and a code nobody has."""
    originals = list(m.Country.select().where(m.Country.id <= offset).order_by(m.Country.id).dicts())
    codes = _free_codes({row["iso_code"] for row in m.Country.select(m.Country.iso_code).dicts()})
    rows = [
        {**row, "id": row["id"] + copy * offset, "name": f"{row['name']} {copy + 1}", "iso_code": next(codes),
         "is_home": False}
        for copy in range(1, scale)
        for row in originals
    ]
    for batch in range(0, len(rows), 200):
        m.Country.insert_many(rows[batch:batch + 200]).execute()


def _copy_table(store: Store, model: type[m.Record], scale: int, offsets: dict[type[m.Record], int]) -> None:
    """scale - 1 copies of the table's first offsets[model] rows, in one statement."""
    table, offset = model._meta.table_name, offsets[model]
    if not offset:
        return
    shifted_by_reference = {
        field.column_name: offsets[field.rel_model]
        for field in model._meta.sorted_fields
        if isinstance(field, ForeignKeyField) and field.rel_model in offsets
    }
    columns, expressions = [], []
    for field in model._meta.sorted_fields:
        column = field.column_name
        columns.append(f'"{column}"')
        if column == "id":
            expressions.append(f"id + n * {offset}")
        elif column in shifted_by_reference:
            expressions.append(f'"{column}" + n * {shifted_by_reference[column]}')
        else:
            expressions.append(_COPIED_VALUES.get((table, column), f'"{column}"'))
    store.db.execute_sql(
        f"WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < {scale - 1}) "
        f'INSERT INTO "{table}" ({", ".join(columns)}) SELECT {", ".join(expressions)} FROM "{table}", copy '
        f"WHERE id <= {offset}"
    )


def _record_copies(store: Store, model: type[m.Record], scale: int, offset: int) -> None:
    if not offset:
        return
    made = f"ids {offset + 1} to {offset * scale}, copies of ids 1 to {offset}"
    m.ChangeRecord.create(
        changed_by=store.user, table_name=model._meta.table_name, record_id=offset + 1, action="create",
        changes=json.dumps({"demo copies": [None, f"{scale - 1} copies of the demo: {made}"]}),
    )
