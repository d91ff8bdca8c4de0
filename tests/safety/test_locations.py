"""A database on a network share or in a cloud-synced folder: opened, with a warning before the first write."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogue_planner.storage.database import open_database
from dialogue_planner.storage.locations import location_warning, risky_location

pytestmark = pytest.mark.sqlite_only

MOUNTS = """\
sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw 0 0
fileserver:/export/team /mnt/team nfs4 rw 0 0
//ministry/share /mnt/ministry\\040share cifs rw 0 0
/dev/sdb1 /mnt/team/local ext4 rw 0 0
"""


@pytest.fixture
def mounts(tmp_path) -> Path:
    path = tmp_path / "mounts"
    path.write_text(MOUNTS, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("database", "reason"),
    [
        ("/mnt/team/planner.sqlite", "the database lies on a network share (nfs4)"),
        ("/mnt/ministry share/dialogues/planner.sqlite", "the database lies on a network share (cifs)"),
        ("/mnt/team/local/planner.sqlite", None),  # a local disk mounted inside the share
        ("/home/kari/Dropbox/planner.sqlite", "the database lies in a cloud-synced folder (Dropbox)"),
        ("/home/kari/OneDrive - Ministry/Dialogues/planner.sqlite",
         "the database lies in a cloud-synced folder (OneDrive - Ministry)"),
        ("/home/kari/.local/share/dialogue-planner/planner.sqlite", None),
    ],
)
def test_network_shares_and_synced_folders_are_recognised(mounts, database, reason):
    assert risky_location(Path(database), mounts_file=mounts) == reason


def test_opening_a_database_in_a_synced_folder_warns_and_works(tmp_path):
    folder = tmp_path / "OneDrive"
    folder.mkdir()

    store = open_database(str(folder / "planner.sqlite"), user="tester")
    store.close()

    assert store.warnings == [location_warning(folder / "planner.sqlite")]
    assert store.warnings[0].startswith("the database lies in a cloud-synced folder (OneDrive): such locations can")


def test_a_local_folder_gives_no_warning(store):
    assert store.warnings == []
