"""The JSON exchange format: a whole database out and back in, unchanged; bad files refused whole.

Peewee binds the models to the database opened last, so each test says which
database the services work on (`use(store)`); the exchange functions bind the
store they are given by themselves.
"""

from __future__ import annotations

import copy
import datetime
import decimal
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import peewee
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dialogue_planner.errors import StorageError, ValidationError
from dialogue_planner.exchange import json_exchange
from dialogue_planner.exchange.json_exchange import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_ERRORS,
    ImportSummary,
    export_data,
    export_json,
    import_data,
    import_json,
)
from dialogue_planner.services import records
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.cases import open_case, raise_case
from dialogue_planner.services.dialogues import add_country, add_priority_topic, set_engagement_level, start_dialogue
from dialogue_planner.services.followups import add_follow_up, complete_follow_up
from dialogue_planner.services.multilateral import add_multilateral_item
from dialogue_planner.services.network import add_institution, add_person, add_to_delegation
from dialogue_planner.services.projects import add_donor, add_project, record_result
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store, open_database

ROOT = Path(__file__).resolve().parents[2]
day = datetime.date

# Planted in a case and in bad values: it must never appear in an error message.
CONFIDENTIAL_NAME = "Trần Bí Mật"


def use(store: Store) -> Store:
    """Point the models (and so the services) at `store`."""
    store.db.bind(m.ALL_MODELS)
    return store


def build_complete_data(store: Store) -> None:
    """Every table at least once, in several scripts, with updates and a deletion in the history."""
    norway = add_country(store, "Norway", "NO", is_home=True)
    china = add_country(store, "China", "CN")
    vietnam = add_country(store, "Vietnam", "VN")
    china_dialogue = start_dialogue(
        store, china, "Norway–China human rights dialogue", start_year=1997,
        counterpart_ministry="外交部 (Ministry of Foreign Affairs)", focus_target=3,
    )
    vietnam_dialogue = start_dialogue(store, vietnam, "Norway–Vietnam human rights dialogue", start_year=2002)
    set_engagement_level(store, vietnam_dialogue.id, "scaled_down", "Political climate", on=day(2023, 5, 1))

    death_penalty = add_topic(store, "Death penalty")
    legal_aid = add_topic(store, "Legal aid and pre-trial detention", "Access to a lawyer\nfrom the first hour")
    defenders = add_topic(store, "Human rights defenders")
    add_priority_topic(store, china_dialogue, legal_aid, day(2020, 1, 1))
    add_priority_topic(store, china_dialogue, death_penalty, day(2018, 1, 1), day(2022, 12, 31))

    beijing = plan_round(
        store, china_dialogue, number=24, city="北京", start_date=day(2024, 6, 10), end_date=day(2024, 6, 11),
        level="political", purpose="Focus on legal aid\n\tand defenders", confidential_notes="Not for the partner",
    )
    hanoi = plan_round(store, vietnam_dialogue, number=12, city="Hà Nội", host_side="home", status="held")
    item, _ = add_agenda_item(
        store, beijing, legal_aid, minutes=90, objectives="Agree a pilot", talking_points="• 2,000 prosecutors",
        critical_questions="Why are lawyers disbarred?", partner_priorities="Poverty reduction",
    )
    add_agenda_item(store, beijing, defenders, minutes=45)
    records.update(store, m.AgendaItem, item.id, {"outcome_notes": "Pilot agreed in principle"})

    ministry = add_institution(store, "Bộ Ngoại giao", vietnam, "ministry", notes="Counterpart")
    academy = add_institution(store, "中国政法大学", china, "academia")
    hong = add_person(store, "Nguyễn Thị Hồng", title="Director-General", institution=ministry, email="hong@example.vn")
    kari = add_person(store, "Kari Nordmann", title="Ambassador", phone="+47 22 00 00 00")
    add_to_delegation(store, hanoi, hong, "partner", "head")
    add_to_delegation(store, hanoi, kari, "home", "head")

    project = add_project(
        store, "Legal aid pilot in three provinces", china, topics=[legal_aid], partners=[academy],
        implementing_institution=academy, budget=decimal.Decimal("1000000.00"), currency="NOK",
        start_date=day(2021, 1, 1), end_date=day(2025, 12, 31), status="active",
    )
    add_donor(store, project, "Norwegian Ministry of Foreign Affairs", decimal.Decimal("750000.5"))
    add_donor(store, project, "Partner contribution")
    record_result(store, project, "Public prosecutors trained", baseline=0, target=2000, actual=1234.5,
                  as_of=day(2024, 3, 31))
    record_result(store, project, "Share of suspects with counsel", baseline=0.125, target=0.6)

    case = open_case(store, CONFIDENTIAL_NAME, vietnam, topic=defenders, category="woman_human_rights_defender",
                     summary="Detained since 2022")
    open_case(store, "A shareable case", china, sensitivity="shareable", situation="released")
    raise_case(store, case, hanoi, "No answer")

    follow_up = add_follow_up(store, beijing, "Send the legal-aid study", topic=legal_aid, due_date=day(2024, 9, 1))
    complete_follow_up(store, follow_up.id, on=day(2024, 8, 15))
    add_follow_up(store, hanoi, "Visit to a pre-trial detention centre", owner="partner")

    add_multilateral_item(
        store, "Resolution on human rights defenders", topics=[defenders], forum="unga_third_committee",
        session="2015", held_on=day(2015, 11, 25), our_role="lead", outcome="adopted 117-14-40, 74 co-sponsors",
        positions={china.id: "voted_no", vietnam.id: "abstained"},
    )
    add_multilateral_item(store, "UPR of Vietnam", forum="upr", positions={vietnam.id: "noted"})

    discarded = add_topic(store, "A topic added by mistake")
    records.delete(store, m.Topic, discarded.id)
    records.update(store, m.Country, norway.id, {"name": "Norge"})


def all_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row of every table as Python values (the same on SQLite and PostgreSQL), by id."""
    with store.db.bind_ctx(m.ALL_MODELS):
        return {
            model._meta.table_name: list(model.select(*model._meta.sorted_fields).order_by(model.id).tuples())
            for model in m.ALL_MODELS
        }


def dump(store: Store) -> str:
    """The database's whole content (and, on SQLite, its schema) as text."""
    if not store.is_sqlite:
        return repr(all_rows(store))
    connection = sqlite3.connect(store.path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def exported_text(store: Store) -> str:
    return json.dumps(export_data(store), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> dict[str, Any]:
    """A complete database built through the services, its export file and its stored rows."""
    folder = tmp_path_factory.mktemp("source")
    store = open_database(str(folder / "source.sqlite"), user="desk officer")
    try:
        build_complete_data(store)
        export_json(store, folder / "export.json")
        rows = all_rows(store)
    finally:
        store.close()
    path = folder / "export.json"
    return {"path": path, "text": path.read_text(encoding="utf-8"), "rows": rows}


@pytest.fixture
def target(store, source) -> Store:
    """The empty database to import into, with the models bound to it."""
    return use(store)


def exported(source) -> dict[str, Any]:
    """A fresh, mutable copy of the exported data."""
    return json.loads(source["text"])


def row(data: dict[str, Any], table: str, index: int = 0) -> dict[str, Any]:
    return data["tables"][table][index]


# --- export ------------------------------------------------------------------------------------


def test_export_holds_every_table_in_the_documented_shape(source):
    data = exported(source)

    assert set(data) == {"format", "version", "schema_version", "tables"}
    assert (data["format"], data["version"], data["schema_version"]) == (FORMAT_NAME, FORMAT_VERSION, 11)
    assert set(data["tables"]) == {model._meta.table_name for model in m.ALL_MODELS}
    for table, rows in data["tables"].items():
        assert rows, f"{table} is empty: the test data should fill every table"
        assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
        assert set(rows[0]) == set(m.MODELS_BY_TABLE[table]._meta.fields)


def test_export_writes_canonical_values(source):
    data = exported(source)
    project = row(data, "joint_project")
    first_round = row(data, "round")

    assert project["budget"] == "1000000.00"
    assert [donor["amount"] for donor in data["tables"]["project_donor"]] == ["750000.50", None]
    assert project["country"] == 2 and project["implementing_institution"] == 2
    assert (first_round["start_date"], first_round["city"], first_round["dialogue"]) == ("2024-06-10", "北京", 1)
    assert [result["actual"] for result in data["tables"]["project_result"]] == [1234.5, None]
    assert row(data, "project_result", 1)["baseline"] == 0.125
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}", first_round["created_at"])
    assert row(data, "country")["is_home"] is True
    assert row(data, "country")["version"] == 2
    assert row(data, "country")["changed_by"] == "desk officer"
    # Written as themselves, not as \u escapes.
    assert "Nguyễn Thị Hồng" in source["text"] and "北京" in source["text"]
    assert source["text"].endswith("}\n")


def test_export_import_export_gives_identical_text(source, target, tmp_path):
    summary = import_json(target, source["path"])
    export_json(target, tmp_path / "again.json")

    assert (tmp_path / "again.json").read_bytes() == source["path"].read_bytes()
    assert isinstance(summary, ImportSummary)
    assert summary.counts == {table: len(rows) for table, rows in exported(source)["tables"].items()}
    assert summary.total == sum(summary.counts.values())
    assert summary.records == summary.total - summary.counts["change_record"]


def test_imported_records_equal_the_originals(source, target):
    import_json(target, source["path"])

    assert all_rows(target) == source["rows"]
    person = m.Person.get(m.Person.name == "Nguyễn Thị Hồng")
    assert person.institution.name == "Bộ Ngoại giao"
    project = m.JointProject.get()
    assert project.budget == decimal.Decimal("1000000.00")
    assert m.Round.get(m.Round.number == 24).created_at.year >= 2024
    norway = m.Country.get(m.Country.iso_code == "NO")
    assert (norway.name, norway.version, norway.changed_by) == ("Norge", 2, "desk officer")


def test_change_history_is_preserved(source, target):
    import_json(target, source["path"])

    deleted = records.history(target, m.Topic, 4)
    assert [entry["action"] for entry in deleted] == ["create", "delete"]
    assert deleted[1]["changes"]["name"] == ["A topic added by mistake", None]
    actions = {entry.action for entry in m.ChangeRecord.select()}
    assert actions == {"create", "update", "delete"}
    assert m.ChangeRecord.select().count() == len(exported(source)["tables"]["change_record"])


def test_records_added_after_an_import_get_new_ids(source, target):
    import_json(target, source["path"])
    highest = m.Topic.select(peewee.fn.MAX(m.Topic.id)).scalar()

    assert add_topic(target, "Business and human rights").id == highest + 1


# --- refused imports ---------------------------------------------------------------------------


def assert_refused(store: Store, action, where: str, *fragments: str) -> ValidationError:
    """`action` raises a ValidationError reporting `where`, leaves the database as it was, quotes no secret."""
    before = dump(store)
    with pytest.raises(ValidationError) as caught:
        action()
    error = caught.value
    assert where in error.errors, error.errors
    for fragment in fragments:
        assert fragment in error.errors[where]
    assert where in str(error)
    assert "\n" not in str(error)
    assert CONFIDENTIAL_NAME not in str(error) and CONFIDENTIAL_NAME not in repr(error.errors)
    assert dump(store) == before
    return error


def test_malformed_json_is_refused_with_line_and_column(source, target, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(source["text"].replace('"format": ', '"format" ', 1), encoding="utf-8")

    assert_refused(target, lambda: import_json(target, broken), "file", "line 2, column 12")


def test_a_file_that_is_not_utf8_is_refused(target, tmp_path):
    broken = tmp_path / "latin1.json"
    broken.write_bytes('{"format": "Dialog für Menschenrechte"}'.encode("latin-1"))

    assert_refused(target, lambda: import_json(target, broken), "file", "UTF-8")


def test_a_missing_file_is_a_storage_error(target, tmp_path):
    with pytest.raises(StorageError, match="no-such.json: no such file"):
        import_json(target, tmp_path / "no-such.json")


def _set(table: str, index: int, field: str, value: Any):
    def change(data):
        data["tables"][table][index][field] = value

    return change


def _delete_field(table: str, field: str):
    def change(data):
        del data["tables"][table][0][field]

    return change


def _duplicate_first_topic(data):
    data["tables"]["topic"].append(copy.deepcopy(data["tables"]["topic"][0]))


def _second_norway(data):
    clone = copy.deepcopy(data["tables"]["country"][0])
    clone.update(id=99, iso_code="NX")
    data["tables"]["country"].append(clone)


def _replace(key: str, value: Any):
    def change(data):
        data[key] = value

    return change


REFUSALS = [
    pytest.param(_replace("format", "some-other-format"), "format", "not a Dialogue Planner exchange file",
                 id="wrong format name"),
    pytest.param(lambda data: data.pop("format"), "format", "is missing", id="no format name"),
    pytest.param(_replace("version", 2), "version", "version 1", id="unknown version"),
    pytest.param(_replace("version", "1"), "version", "version 1", id="version as text"),
    pytest.param(_replace("exported_at", "2024-01-01"), "exported_at", "not part", id="unknown top-level key"),
    pytest.param(_replace("tables", []), "tables", "must be an object", id="tables not an object"),
    pytest.param(lambda data: data["tables"].update(colour=[]), "tables.colour", "not a table", id="unknown table"),
    pytest.param(lambda data: data["tables"].update(round={}), "tables.round", "must be a list", id="table not a list"),
    pytest.param(lambda data: data["tables"]["topic"].append([1, 2]), "tables.topic[3]", "must be an object",
                 id="row not an object"),
    pytest.param(_delete_field("round", "city"), "round[id=1].city", "is missing", id="missing field"),
    pytest.param(_set("person", 0, "colour", "blue"), "person[id=1].colour", "is not a field of a person",
                 id="unknown field"),
    pytest.param(_set("round", 0, "status", "finished"), "round[id=1].status", "must be one of", id="bad enum value"),
    pytest.param(_set("agenda_item", 0, "minutes", -5), "agenda_item[id=1].minutes", "must not be negative",
                 id="negative minutes"),
    pytest.param(_set("agenda_item", 0, "minutes", "ninety"), "agenda_item[id=1].minutes", "whole number",
                 id="minutes as words"),
    pytest.param(_set("round", 0, "end_date", "2024-06-01"), "round[id=1].end_date", "before the start date",
                 id="end date before start"),
    pytest.param(_set("round", 0, "start_date", "10.06.2024"), "round[id=1].start_date", "YYYY-MM-DD",
                 id="date in another notation"),
    pytest.param(_set("joint_project", 0, "budget", "1000000.001"), "joint_project[id=1].budget",
                 "decimal places", id="budget with three decimals"),
    pytest.param(_set("country", 1, "iso_code", "cn"), "country[id=2].iso_code", "capital letters",
                 id="cross-field rule"),
    pytest.param(_set("topic", 0, "name", "   "), "topic[id=1].name", "must not be empty", id="empty name"),
    pytest.param(_set("agenda_item", 0, "round", 999), "agenda_item[id=1].round",
                 "refers to a round that is not in the file", id="dangling reference"),
    pytest.param(_set("agenda_item", 0, "topic", "3"), "agenda_item[id=1].topic", "must be the id of a topic",
                 id="reference as text"),
    pytest.param(_set("dialogue", 0, "country", None), "dialogue[id=1].country", "is required",
                 id="missing reference"),
    pytest.param(_duplicate_first_topic, "tables.topic[3].id", "each id may appear once", id="duplicate id"),
    pytest.param(_set("topic", 0, "id", 0), "tables.topic[0].id", "whole number", id="id zero"),
    pytest.param(_set("topic", 0, "id", True), "tables.topic[0].id", "whole number", id="id as boolean"),
    pytest.param(_second_norway, "country[id=99].name", "already used", id="duplicate unique name"),
    pytest.param(_set("agenda_item", 1, "topic", 2), "agenda_item[id=2].topic", "already on the round's agenda",
                 id="duplicate in a unique index"),
    pytest.param(_set("round", 0, "created_at", "yesterday"), "round[id=1].created_at", "date and time",
                 id="bad timestamp"),
    pytest.param(_set("round", 0, "version", 0), "round[id=1].version", "whole number", id="version zero"),
    pytest.param(_set("round", 0, "changed_by", None), "round[id=1].changed_by", "text", id="changed_by null"),
    pytest.param(_set("change_record", 0, "action", "rename"), "change_record[id=1].action", "must be one of",
                 id="bad history action"),
    pytest.param(_set("change_record", 0, "changes", "{not json"), "change_record[id=1].changes", "JSON object",
                 id="history changes not json"),
    pytest.param(_set("individual_case", 0, "person_name", CONFIDENTIAL_NAME + "\n" + CONFIDENTIAL_NAME),
                 "individual_case[id=1].person_name", "single line", id="confidential value"),
    pytest.param(_set("individual_case", 0, "summary", CONFIDENTIAL_NAME * 2000),
                 "individual_case[id=1].summary", "longer than 20000", id="confidential text too long"),
    pytest.param(_set("individual_case", 0, "sensitivity", CONFIDENTIAL_NAME), "individual_case[id=1].sensitivity",
                 "must be one of", id="confidential enum value"),
    pytest.param(_set("topic", 0, "bad\nkey", CONFIDENTIAL_NAME), "topic[id=1].bad?key", "is not a field",
                 id="unknown field named on one line"),
]


@pytest.mark.parametrize(("change", "where", "fragment"), REFUSALS)
def test_a_bad_file_is_refused_whole_naming_record_and_field(source, target, tmp_path, change, where, fragment):
    data = exported(source)
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    assert_refused(target, lambda: import_json(target, path), where, fragment)
    assert m.ChangeRecord.select().count() == 0


def test_a_planted_confidential_name_never_reaches_the_message(source, target):
    data = exported(source)
    case = row(data, "individual_case")
    case["person_name"] = CONFIDENTIAL_NAME * 200  # too long, and the case refers to a missing country
    case["country"] = 404

    error = assert_refused(target, lambda: import_data(target, data), "individual_case[id=1].person_name")
    assert error.errors["individual_case[id=1].country"] == "refers to a country that is not in the file"
    assert CONFIDENTIAL_NAME not in str(error)


def test_import_needs_an_empty_database(source, target):
    add_topic(target, "Already here")

    assert_refused(target, lambda: import_json(target, source["path"]), "database", "not empty")


def test_import_needs_an_empty_change_history(source, target):
    topic = add_topic(target, "Already here")
    records.delete(target, m.Topic, topic.id)

    assert_refused(target, lambda: import_json(target, source["path"]), "database", "not empty")


def test_an_error_late_in_a_large_file_rejects_everything(source, target):
    data = exported(source)
    template = row(data, "topic")
    for number in range(1000, 2500):
        data["tables"]["topic"].append({**template, "id": number, "name": f"Topic {number}"})
    data["tables"]["change_record"][-1]["action"] = "rename"
    last = data["tables"]["change_record"][-1]["id"]

    assert_refused(target, lambda: import_data(target, data), f"change_record[id={last}].action")


def test_a_failure_after_every_row_was_written_rolls_the_whole_import_back(source, target, monkeypatch):
    data = exported(source)
    written: list[int] = []

    def fail_at_the_end(store):
        written.append(m.ChangeRecord.select().count())
        raise peewee.OperationalError("disk I/O error")

    monkeypatch.setattr(json_exchange, "reset_sequences", fail_at_the_end)
    before = dump(target)

    # The storage's refusal reaches the caller as a StorageError with the database's reason.
    with pytest.raises(StorageError, match=r"could not save, nothing was changed \(disk I/O error\)$"):
        import_data(target, data)

    assert written == [len(data["tables"]["change_record"])]
    assert dump(target) == before


def test_many_errors_are_capped(source, target):
    data = exported(source)
    for rows in data["tables"].values():
        for record in rows:
            record["colour"] = "blue"
    assert sum(len(rows) for rows in data["tables"].values()) > MAX_ERRORS

    error = assert_refused(target, lambda: import_data(target, data), "more", f"stopped after {MAX_ERRORS}")
    assert len(error.errors) == MAX_ERRORS + 1


def test_data_that_is_not_an_object_is_refused(target):
    assert_refused(target, lambda: import_data(target, ["format"]), "file", "JSON object")


# --- failed exports ----------------------------------------------------------------------------


def test_export_into_a_missing_folder_fails_and_leaves_nothing(target, tmp_path):
    destination = tmp_path / "no-such-folder" / "export.json"

    with pytest.raises(StorageError) as caught:
        export_json(target, destination)

    assert str(destination) in str(caught.value) and "does not exist" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not destination.parent.exists()


def test_export_into_a_read_only_folder_fails_and_leaves_nothing(target, tmp_path, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    if os.geteuid() == 0:
        # Root may write anywhere (CI runs as root): the refusal a user meets is simulated, not skipped.
        real_open = os.open

        def refuse(path, flags, *arguments, **options):
            if Path(path).parent == folder:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *arguments, **options)

        monkeypatch.setattr(json_exchange.os, "open", refuse)
    try:
        with pytest.raises(StorageError, match="export.json: cannot write"):
            export_json(target, folder / "export.json")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@pytest.fixture
def earlier_export(target, tmp_path) -> Path:
    path = tmp_path / "export.json"
    path.write_bytes(b"an earlier export: keep me\n")
    return path


def assert_untouched(path: Path) -> None:
    assert path.read_bytes() == b"an earlier export: keep me\n"
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".export.json")) == []


def test_a_failure_while_encoding_leaves_an_existing_export_untouched(target, earlier_export, monkeypatch):
    def broken_dumps(*args, **kwargs):
        raise RuntimeError("encoder broke")

    monkeypatch.setattr(json_exchange.json, "dumps", broken_dumps)

    with pytest.raises(RuntimeError):
        export_json(target, earlier_export)
    assert_untouched(earlier_export)


def test_a_failure_while_writing_leaves_an_existing_export_untouched(target, earlier_export, monkeypatch):
    def broken_fsync(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json_exchange.os, "fsync", broken_fsync)

    with pytest.raises(StorageError, match="export.json: cannot write .No space left on device."):
        export_json(target, earlier_export)
    assert_untouched(earlier_export)


def test_a_failure_while_renaming_leaves_an_existing_export_untouched(target, earlier_export, monkeypatch):
    def broken_replace(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(json_exchange.os, "replace", broken_replace)

    with pytest.raises(StorageError, match="export.json: cannot write"):
        export_json(target, earlier_export)
    assert_untouched(earlier_export)


def test_export_replaces_an_existing_file(source, target, earlier_export):
    import_json(target, source["path"])
    export_json(target, earlier_export)

    assert earlier_export.read_bytes() == source["path"].read_bytes()
    assert [p.name for p in earlier_export.parent.iterdir() if p.name.endswith(".partial")] == []


# --- any text the services accept survives the round trip ------------------------------------------

LINE_FORBIDDEN = "".join(chr(code) for code in (*range(0x20), 0x7F))
TEXT_FORBIDDEN = "".join(chr(code) for code in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
line_text = st.text(st.characters(codec="utf-8", exclude_characters=LINE_FORBIDDEN), max_size=30)
required_line_text = line_text.filter(str.strip)
long_text = st.text(st.characters(codec="utf-8", exclude_characters=TEXT_FORBIDDEN), max_size=80)

TEXT_FIELDS = {
    "country": {"name": required_line_text},
    "dialogue": {"title": required_line_text, "counterpart_ministry": line_text, "notes": long_text},
    "round": {"city": line_text, "purpose": long_text, "outcome_summary": long_text, "confidential_notes": long_text},
    "agenda_item": {
        "objectives": long_text, "talking_points": long_text, "critical_questions": long_text,
        "partner_priorities": long_text, "outcome_notes": long_text, "confidential_notes": long_text,
    },
    "topic": {"name": required_line_text, "description": long_text},
    "person": {
        "name": required_line_text, "title": line_text, "email": line_text, "phone": line_text, "notes": long_text,
    },
    "individual_case": {"person_name": required_line_text, "summary": long_text},
}
texts = st.fixed_dictionaries(
    {table: st.fixed_dictionaries(fields) for table, fields in TEXT_FIELDS.items()}
)


def build_from_texts(store: Store, values: dict[str, dict[str, str]]) -> None:
    country = add_country(store, values["country"]["name"], "CN")
    dialogue = start_dialogue(store, country, **values["dialogue"])
    topic = add_topic(store, **values["topic"])
    round_ = plan_round(store, dialogue, number=1, **values["round"])
    add_agenda_item(store, round_, topic, **values["agenda_item"])
    add_person(store, **values["person"])
    open_case(store, country=country, **values["individual_case"])


def stored(value: str, field: peewee.Field) -> str:
    """What the services keep of typed text: single lines lose surrounding blanks."""
    return value if isinstance(field, m.LongTextField) else value.strip()


@settings(max_examples=25, deadline=None)
@given(values=texts)
def test_any_text_the_services_accept_survives_export_and_import(tmp_path_factory, values):
    folder = tmp_path_factory.mktemp("texts")
    source_store = open_database(str(folder / "source.sqlite"), user="tester")
    try:
        try:
            build_from_texts(source_store, values)
        except ValidationError:
            assume(False)
        export_json(source_store, folder / "first.json")
    finally:
        source_store.close()
    target_store = open_database(str(folder / "target.sqlite"), user="tester")
    try:
        import_json(target_store, folder / "first.json")
        export_json(target_store, folder / "second.json")
    finally:
        target_store.close()

    assert (folder / "second.json").read_bytes() == (folder / "first.json").read_bytes()
    data = json.loads((folder / "second.json").read_text(encoding="utf-8"))
    for table, fields in values.items():
        model = m.MODELS_BY_TABLE[table]
        for name, value in fields.items():
            assert data["tables"][table][0][name] == stored(value, model._meta.fields[name])


# --- the documentation -------------------------------------------------------------------------


def test_the_format_documentation_lists_every_table_and_field():
    text = (ROOT / "docs" / "exchange-format.md").read_text(encoding="utf-8")
    sections = re.split(r"^### (.+)$", text, flags=re.MULTILINE)[1:]
    documented = {
        heading.strip("`"): set(re.findall(r"^\| `(\w+)` \|", body, flags=re.MULTILINE))
        for heading, body in zip(sections[::2], sections[1::2], strict=True)
        if re.fullmatch(r"`\w+`|Every record", heading)
    }
    common = documented.pop("Every record")

    assert common == set(m.Record._meta.fields)
    assert documented == {
        model._meta.table_name: set(model._meta.fields) - (common if issubclass(model, m.Record) else set())
        for model in m.ALL_MODELS
    }


def test_export_reports_each_table_and_a_cancelled_export_writes_no_file(store, tmp_path):
    import threading

    from dialogue_planner.errors import Cancelled
    from dialogue_planner.exchange.json_exchange import EXCHANGED_MODELS, export_json

    steps = []
    export_json(store, tmp_path / "all.json", progress=lambda done, total, what: steps.append((done, total)))
    assert steps[0] == (0, len(EXCHANGED_MODELS)) and steps[-1] == (len(EXCHANGED_MODELS), len(EXCHANGED_MODELS))

    stop = threading.Event()

    def cancel_after_three(done, total, what):
        if done == 3:
            stop.set()

    target = tmp_path / "cancelled.json"
    with pytest.raises(Cancelled):
        export_json(store, target, progress=cancel_after_three, cancel=stop)
    assert not target.exists()
    assert list(tmp_path.glob("*cancelled*")) == []  # no partial file either


def test_a_cancelled_import_rolls_back_every_table(demo_copy, tmp_path):
    import threading

    from dialogue_planner.errors import Cancelled
    from dialogue_planner.exchange.json_exchange import export_json, import_json
    from dialogue_planner.storage.database import open_database

    store = demo_copy()  # the demo dated today (on SQLite a copy of the session's build)
    export_json(store, tmp_path / "demo.json")
    target = open_database(str(tmp_path / "copy.sqlite"), user="tester")
    stop = threading.Event()
    try:
        with pytest.raises(Cancelled):
            import_json(target, tmp_path / "demo.json", progress=lambda done, total, what: done == 5 and stop.set(),
                        cancel=stop)
        assert sum(model.select().count() for model in m.RECORD_MODELS) == 0
    finally:
        target.close()
        store.db.bind(m.ALL_MODELS)
