"""Opening an SQLite file reads it through one read-only connection before the store's own."""

from __future__ import annotations

import pytest

from dialogue_planner.errors import DamagedDatabaseError
from dialogue_planner.services.dialogues import list_dialogues
from dialogue_planner.storage import backups
from dialogue_planner.storage.database import LATEST_SCHEMA_VERSION, open_database


@pytest.fixture
def read_only_opens(monkeypatch) -> list[str]:
    """Every read-only connection opened (their URIs), counted where backups opens them."""
    opened: list[str] = []
    real = backups.connect

    def counting(target: str, *, uri: bool = False, **options):
        if uri:
            opened.append(target)
        return real(target, uri=uri, **options)

    monkeypatch.setattr(backups, "connect", counting)
    return opened


def test_the_light_check_and_the_schema_version_share_one_read_only_connection(tmp_path, read_only_opens):
    path = tmp_path / "planner.sqlite"
    open_database(str(path)).close()  # created: nothing to check yet
    assert read_only_opens == []

    store = open_database(str(path), defer_checks=True)  # as the app opens it
    try:
        assert len(read_only_opens) == 1 and "mode=ro" in read_only_opens[0]
        assert store.schema_version == LATEST_SCHEMA_VERSION
        assert store.checks_pending
        assert list_dialogues(store) == []  # the models are bound to it
    finally:
        store.close()


def test_a_file_that_fails_the_light_check_is_refused_before_its_version_is_read(tmp_path, read_only_opens):
    path = tmp_path / "planner.sqlite"
    open_database(str(path)).close()
    data = bytearray(path.read_bytes())
    path.write_bytes(bytes(data[: len(data) // 2]))  # truncated: shorter than its header says

    with pytest.raises(DamagedDatabaseError):
        open_database(str(path), defer_checks=True)
    assert len(read_only_opens) == 1
