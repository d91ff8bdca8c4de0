"""Bad input everywhere: arbitrary values into every service that writes, random mutations of a valid export.

The only outcome besides success is ValidationError, and a refused call
writes nothing: every table's row count and the change history stay as they were.
"""

from __future__ import annotations

import copy
import datetime
import decimal
from typing import Any

import peewee
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from dialogue_planner.errors import ValidationError
from dialogue_planner.exchange.json_exchange import export_data, import_data
from dialogue_planner.services import demo, records
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.dialogues import add_country, start_dialogue
from dialogue_planner.services.projects import add_project, record_result
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.services.validation import MANAGED_FIELDS
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store

EXAMPLES = 40
fixture_settings = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def huge_text(draw_character: str, length: int) -> str:
    return draw_character * length


anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=6),  # ids of records that exist, and a few that do not
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.builds(huge_text, st.characters(), st.integers(min_value=190, max_value=25_000)),
    st.dates(),
    st.datetimes(),
    st.dates(min_value=datetime.date(1, 1, 1)).map(str),
    st.integers().map(str),
    st.sampled_from(["active", "planned", "NOK", "CN", "home", "member", "done", "", " ", "\x00", "\ud800"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.binary(max_size=8),
)


def field_names(model: type[m.Record]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(sorted(model._meta.fields)), st.sampled_from(["nonsense", "id", "version"]))


def typed(field: peewee.Field) -> st.SearchStrategy[Any]:
    """Values of the field's own kind, near and past its limits: these reach the database when accepted."""
    if field.choices:
        return st.sampled_from([choice for choice, _ in field.choices])
    if isinstance(field, peewee.ForeignKeyField):
        return st.integers(min_value=1, max_value=3)
    if isinstance(field, (peewee.CharField, peewee.TextField)):
        limit = getattr(field, "max_length", None) or 300
        return st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=min(limit + 2, 400))
    if isinstance(field, peewee.BooleanField):
        return st.booleans()
    if isinstance(field, peewee.DateField):
        return st.dates(min_value=datetime.date(1890, 1, 1), max_value=datetime.date(2210, 1, 1))
    if isinstance(field, peewee.DecimalField):
        return st.decimals(min_value=-1, max_value=10**13, places=2)
    if isinstance(field, peewee.FloatField):
        return st.floats(min_value=-1, max_value=1e16)
    return st.integers(min_value=-1, max_value=2**31)


def editable(model: type[m.Record]) -> list[str]:
    return sorted(name for name in model._meta.fields if name not in MANAGED_FIELDS)


@st.composite
def values_for(draw, model: type[m.Record], *, min_size: int = 0) -> dict[str, Any]:
    """Mostly the model's own fields with values of their kind, sometimes anything at all."""
    values: dict[str, Any] = {}
    for name in editable(model):
        if draw(st.booleans()):
            field = model._meta.fields[name]
            values[name] = draw(st.one_of(typed(field), typed(field), anything))
    values.update(draw(st.dictionaries(field_names(model), anything, max_size=2 if draw(st.booleans()) else 0)))
    if len(values) < min_size:
        values.update(draw(st.dictionaries(field_names(model), anything, min_size=min_size, max_size=min_size)))
    return values


@st.composite
def record_values(draw) -> tuple[type[m.Record], dict[str, Any]]:
    model = draw(st.sampled_from(m.RECORD_MODELS))
    return model, draw(values_for(model))


def counts(store: Store) -> dict[str, int]:
    return {model._meta.table_name: model.select().count() for model in m.ALL_MODELS}


@pytest.fixture
def world(store: Store) -> dict[str, m.Record]:
    """One record of the kinds others refer to, so that generated references sometimes hit."""
    china = add_country(store, "China", "CN")
    dialogue = start_dialogue(store, china, "Norway–China human rights dialogue")
    topic = add_topic(store, "Death penalty")
    round_ = plan_round(store, dialogue, number=24, city="Beijing")
    item, _ = add_agenda_item(store, round_, topic, minutes=30)
    project = add_project(store, "Legal aid pilot", china, budget=decimal.Decimal("1000.00"), currency="NOK")
    result = record_result(store, project, "Lawyers trained", baseline=0, target=10)
    return {"country": china, "dialogue": dialogue, "topic": topic, "round": round_, "agenda_item": item,
            "joint_project": project, "project_result": result}


@fixture_settings
@given(case=record_values())
@example(case=(m.Dialogue, {"country": 2**63}))  # found by this test: SQLite could not bind the id at all
def test_creating_any_record_from_arbitrary_values_succeeds_or_is_refused_writing_nothing(store, world, case):
    model, values = case
    before = counts(store)
    try:
        record = records.create(store, model, values)
    except ValidationError as error:
        event("refused")
        assert error.errors and all(isinstance(message, str) for message in error.errors.values())
        assert counts(store) == before
        return
    event("created")
    after = counts(store)
    assert after[model._meta.table_name] == before[model._meta.table_name] + 1
    assert after["change_record"] == before["change_record"] + 1
    assert records.get(store, model, record.id).version == 1


@fixture_settings
@given(kind=st.sampled_from(["country", "dialogue", "round", "agenda_item", "joint_project", "project_result"]),
       data=st.data())
def test_updating_a_record_with_arbitrary_values_succeeds_or_is_refused_changing_nothing(store, world, kind, data):
    model = records.record_type(kind)
    record_id = world[kind].id
    changes = data.draw(values_for(model, min_size=1))
    before_counts = counts(store)
    before = records.field_values(records.get(store, model, record_id))
    version = records.get(store, model, record_id).version
    try:
        records.update(store, model, record_id, changes)
        event("updated")
    except ValidationError:
        event("refused")
        assert counts(store) == before_counts
        stored = records.get(store, model, record_id)
        assert (records.field_values(stored), stored.version) == (before, version)


# --- the importer ------------------------------------------------------------------------------


@pytest.fixture
def valid_export(store: Store, world) -> dict[str, Any]:
    """A small valid export (the world above, with its history); the database is emptied again."""
    data = export_data(store)
    demo.clear_all(store)
    assert sum(counts(store).values()) == 0
    return data


@st.composite
def mutations(draw, data: dict[str, Any]) -> dict[str, Any]:
    """The export with one to three random changes: a value replaced, a field or row removed or repeated."""
    mutated = copy.deepcopy(data)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        all_tables = mutated.get("tables")
        all_tables = all_tables if isinstance(all_tables, dict) else {}
        tables = [name for name, rows in all_tables.items() if isinstance(rows, list) and rows]
        action = draw(st.sampled_from(["value", "drop-field", "add-field", "drop-row", "repeat-row", "top"]))
        if action == "top" or not tables:
            key = draw(st.sampled_from(["format", "version", "schema_version", "tables", "extra"]))
            mutated[key] = draw(anything)
            continue
        rows = all_tables[draw(st.sampled_from(tables))]
        index = draw(st.integers(min_value=0, max_value=len(rows) - 1))
        row = rows[index]
        if action == "drop-row":
            rows.pop(index)
        elif action == "repeat-row":
            rows.append(copy.deepcopy(row))
        elif not isinstance(row, dict) or not row:
            rows[index] = draw(anything)
        elif action == "value":
            row[draw(st.sampled_from(sorted(row)))] = draw(anything)
        elif action == "drop-field":
            row.pop(draw(st.sampled_from(sorted(row))))
        else:
            row[draw(st.text(max_size=10))] = draw(anything)
    return mutated


@fixture_settings
@given(data=st.data())
def test_a_mutated_export_is_imported_whole_or_refused_writing_nothing(store, valid_export, data):
    mutated = data.draw(mutations(valid_export))
    try:
        summary = import_data(store, mutated)
    except ValidationError as error:
        event("refused")
        assert error.errors
        assert sum(counts(store).values()) == 0
        return
    event("imported")
    assert counts(store) == dict(summary.counts)
    demo.clear_all(store)  # the next example imports into an empty database again
