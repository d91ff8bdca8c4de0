"""A deleted confidential case leaves nothing of its name in the search index's pages on disk."""

from __future__ import annotations

from dialogue_planner.services import records
from dialogue_planner.services.cases import open_case
from dialogue_planner.services.dialogues import add_country
from dialogue_planner.storage.database import open_database


def file_bytes(path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_deleting_a_confidential_case_purges_its_trigrams_from_the_search_index(tmp_path):
    path = tmp_path / "planner.sqlite"
    store = open_database(str(path), user="tester")
    try:
        china = add_country(store, "China", "CN")
        secret = open_case(store, "Qzxvbn Wkjhgf", china)
        for number in range(30):
            open_case(store, f"Other person {number}", china)
        assert b"qzx" in file_bytes(path)  # the index holds the folded name's trigrams

        records.delete(store, "individual_case", secret.id)

        assert b"qzx" not in file_bytes(path) and b"kjh" not in file_bytes(path)
    finally:
        store.close()


def test_replacing_a_confidential_summary_purges_the_old_text_too(tmp_path):
    path = tmp_path / "planner.sqlite"
    store = open_database(str(path), user="tester")
    try:
        china = add_country(store, "China", "CN")
        case = open_case(store, "Li Ming", china, summary="Held at Pqwzxj facility")
        records.update(store, "individual_case", case.id, {"summary": "Released"})

        assert b"pqw" not in file_bytes(path) and b"wzx" not in file_bytes(path)
    finally:
        store.close()
