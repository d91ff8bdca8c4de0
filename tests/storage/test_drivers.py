"""peewee imported without its server drivers or the modules it uses only inside functions (storage/drivers.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
{first}
import dialogue_planner  # imports peewee through storage.drivers.import_peewee
import peewee
from dialogue_planner.storage.drivers import DEFERRED_MODULES, SERVER_DRIVERS

print("imported:", sorted(name for name in (*DEFERRED_MODULES, *SERVER_DRIVERS, "platform") if name in sys.modules))
print("stand-in:", type(peewee.uuid).__name__)
import uuid
print("elsewhere:", type(uuid).__name__, "stand-in" if uuid is peewee.uuid else "real")
value = uuid.UUID("12345678-1234-5678-1234-567812345678")
print("uuid field:", peewee.UUIDField().db_value(value), peewee.uuid is uuid)
print("ip field:", peewee.IPField().db_value("10.0.0.1"), peewee.socket is sys.modules["socket"])
print("md5:", peewee.hashlib.md5(b"x").hexdigest(), peewee.hashlib is sys.modules["hashlib"])
"""


@pytest.mark.parametrize(
    "first",
    [
        "",
        # PySide6 reads the source of every module imported after it, the stand-ins too (shibokensupport.feature)
        "import PySide6.QtCore",
    ],
)
def test_peewee_gets_the_modules_it_uses_inside_functions_when_it_first_uses_them(first):
    probe = PROBE.format(first=first)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "imported: []",
        "stand-in: _OnFirstUse",
        "elsewhere: module real",  # everything but peewee imports the real module
        "uuid field: 12345678123456781234567812345678 True",  # and peewee's stand-in gives way to it
        "ip field: 167772161 True",
        "md5: 9dd4e461268c8034f5c8564e155c67a6 True",
    ]
