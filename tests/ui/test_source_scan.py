"""The faster "does this module use PySide6?" check gives PySide6's own answers (ui/source_scan.py)."""

from __future__ import annotations

import json
import sqlite3
import sys
import types

import dialogue_planner.storage.models as storage_models
import dialogue_planner.ui.main_window as main_window
from dialogue_planner.ui import source_scan


def test_the_check_is_replaced_once_and_keeps_the_original():
    feature = sys.modules["shibokensupport.feature"]
    installed = feature._mod_uses_pyside
    assert hasattr(installed, "replaces")
    assert source_scan.install() is True
    assert feature._mod_uses_pyside is installed  # a second install does not wrap it again


def test_answers_match_pysides_own_check(tmp_path):
    feature = sys.modules["shibokensupport.feature"]
    fast, original = feature._mod_uses_pyside, feature._mod_uses_pyside.replaces
    unreadable = types.ModuleType("gone")
    unreadable.__file__ = str(tmp_path / "gone.py")
    mentions = tmp_path / "mentions.py"
    mentions.write_text("# nothing but a comment naming PySide6\n", encoding="utf-8")
    mentioning = types.ModuleType("mentions")
    mentioning.__file__ = str(mentions)
    cases = {
        main_window: True,
        storage_models: False,
        json: False,
        sqlite3.dbapi2: False,
        sys: False,  # built in, no source
        unreadable: False,  # its file is missing
        mentioning: True,
    }
    assert {module.__name__: fast(module) for module in cases} == {
        module.__name__: expected for module, expected in cases.items()
    }
    assert {module.__name__: original(module) for module in cases} == {
        module.__name__: expected for module, expected in cases.items()
    }
