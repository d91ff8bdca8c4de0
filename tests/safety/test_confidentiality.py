"""Confidentiality: case names, case summaries and confidential notes never leak, and deleting really deletes.

Secrets are planted in every confidential field; then every kind of refusal is
provoked and the messages, the log output (caplog at DEBUG) and the command
line's output are searched for them. Deleted text is searched for in the bytes
of the database file and its WAL.
"""

from __future__ import annotations

import datetime
import json
import logging
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from dialogue_planner.errors import PlannerError
from dialogue_planner.exchange.json_exchange import export_data, import_data
from dialogue_planner.services import records
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.cases import open_case, raise_case
from dialogue_planner.services.dialogues import add_country, start_dialogue
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store, open_database

SECRET_NAME = "Phạm Đoàn Kín"
SECRET_SUMMARY = "Held at detention centre B-14 since 3 March"
SECRET_NOTE = "Source: the ambassador's driver"
SECRET_ITEM_NOTE = "Partner privately conceded 1,200 cases"
SECRETS = (SECRET_NAME, SECRET_SUMMARY, SECRET_NOTE, SECRET_ITEM_NOTE)
COMMAND = Path(sys.executable).with_name("dialogue-planner")


def folded(text: str) -> str:
    """The text as a search index may keep it: lower case, without diacritics."""
    decomposed = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def traces(secret: str) -> set[bytes]:
    """The byte sequences that would betray `secret` on disk: as typed, and folded for a search index."""
    return {secret.encode("utf-8"), folded(secret).encode("utf-8")}


def plant(store: Store) -> dict[str, m.Record]:
    vietnam = add_country(store, "Vietnam", "VN")
    dialogue = start_dialogue(store, vietnam, "Norway–Vietnam human rights dialogue")
    topic = add_topic(store, "Human rights defenders")
    round_ = plan_round(store, dialogue, number=12, city="Hà Nội", confidential_notes=SECRET_NOTE,
                        start_date=datetime.date(2026, 12, 1))
    item, _ = add_agenda_item(store, round_, topic, minutes=45, confidential_notes=SECRET_ITEM_NOTE)
    case = open_case(store, SECRET_NAME, vietnam, topic=topic, summary=SECRET_SUMMARY)
    raise_case(store, case, round_, "No answer")
    return {"round": round_, "item": item, "case": case, "country": vietnam}


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text
        assert secret.encode("unicode_escape").decode("ascii") not in text


def test_the_history_says_a_confidential_field_changed_but_never_to_what(store: Store):
    planted = plant(store)
    records.update(store, m.IndividualCase, planted["case"].id, {"summary": "Released on bail"})

    entries = records.history(store, m.IndividualCase, planted["case"].id)

    assert [entry["action"] for entry in entries] == ["create", "update"]
    assert entries[0]["changes"]["person_name"] == [None, records.WITHHELD]
    assert entries[1]["changes"] == {"summary": [records.WITHHELD, records.WITHHELD]}
    assert_no_secret(json.dumps(export_data(store)["tables"]["change_record"], ensure_ascii=False))


@pytest.mark.sqlite_only
def test_deleted_confidential_text_is_gone_from_the_database_file_and_its_wal(tmp_path):
    path = tmp_path / "planner.sqlite"
    store = open_database(str(path), user="tester")
    try:
        planted = plant(store)
        records.delete(store, m.IndividualCase, planted["case"].id)
        records.delete(store, m.Round, planted["round"].id)  # its agenda item goes with it

        for file in (path, Path(f"{path}-wal")):
            content = file.read_bytes() if file.exists() else b""
            for secret in SECRETS:
                for trace in traces(secret):
                    assert trace not in content, f"{trace!r} is still in {file.name}"
    finally:
        store.close()
    for secret in SECRETS:
        assert not any(trace in path.read_bytes() for trace in traces(secret))


def provoke_refusals(store: Store, planted: dict[str, m.Record]) -> list[PlannerError]:
    """Every way a write with confidential text can be refused; returns the errors raised."""
    case_id = planted["case"].id
    attempts = [
        lambda: open_case(store, SECRET_NAME + "\x07", planted["country"]),
        lambda: open_case(store, SECRET_NAME * 40, planted["country"]),
        lambda: open_case(store, SECRET_NAME, planted["country"], summary=SECRET_SUMMARY + "\x00"),
        lambda: open_case(store, SECRET_NAME, planted["country"], sensitivity=SECRET_SUMMARY),
        lambda: open_case(store, SECRET_NAME, 999_999),
        lambda: records.update(store, m.IndividualCase, case_id, {"summary": SECRET_SUMMARY * 2_000}),
        lambda: records.update(store, m.IndividualCase, case_id, {"person_name": SECRET_NAME}, expected_version=9),
        lambda: records.update(store, m.Round, planted["round"].id, {"confidential_notes": ["not text", SECRET_NOTE]}),
        lambda: records.delete(store, m.Country, planted["country"].id),
        lambda: import_data(store, export_data(store)),
        lambda: import_data(store, {"format": SECRET_NAME, "tables": {SECRET_NOTE: [SECRET_SUMMARY]}}),
    ]
    errors = []
    for attempt in attempts:
        with pytest.raises(PlannerError) as caught:
            attempt()
        errors.append(caught.value)
    return errors


def test_no_error_message_and_no_log_line_holds_a_secret(store: Store, caplog):
    caplog.set_level(logging.DEBUG)
    planted = plant(store)

    errors = provoke_refusals(store, planted)

    assert len(errors) == 11
    for error in errors:
        assert_no_secret(str(error))
        assert_no_secret(repr(getattr(error, "errors", {})))
    assert_no_secret(caplog.text)
    assert_no_secret("\n".join(str(record.args) for record in caplog.records))


@pytest.mark.sqlite_only
def test_no_command_line_output_holds_a_secret(tmp_path):
    path = tmp_path / "planner.sqlite"
    store = open_database(str(path), user="tester")
    try:
        planted = plant(store)
        bad_export = export_data(store)
    finally:
        store.close()
    bad_export["tables"]["individual_case"][0]["person_name"] = SECRET_NAME + "\x00"
    bad_export["tables"]["round"][0]["confidential_notes"] = [SECRET_NOTE]
    (tmp_path / "bad.json").write_text(json.dumps(bad_export, ensure_ascii=False), encoding="utf-8")
    commands = [
        ["rounds", "--db", str(path)],
        ["check", "--db", str(path)],
        ["export-json", "--db", str(path), "-o", str(tmp_path / "out.json")],
        ["import-json", "--db", str(tmp_path / "new.sqlite"), str(tmp_path / "bad.json")],
        ["import-json", "--db", str(path), str(tmp_path / "out.json")],
        ["backup", "--db", str(path)],
        ["brief", "--db", str(path), str(planted["round"].id), "-o", str(tmp_path / "brief.pdf")],
    ]
    outputs = []
    for arguments in commands:
        result = subprocess.run([str(COMMAND), *arguments], capture_output=True, text=True, timeout=120)
        outputs.append(result.stdout + result.stderr)
        assert "Traceback" not in result.stderr

    assert outputs[3].startswith("dialogue-planner: error: import refused:")
    assert_no_secret("\n".join(outputs))
