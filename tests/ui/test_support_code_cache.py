"""PySide6's support modules come from the app's cache at a start after the first, and work alike."""

from __future__ import annotations

import builtins
import json
import marshal
import os
import subprocess
import sys
from importlib.util import MAGIC_NUMBER

from dialogue_planner.ui import support_code_cache
from dialogue_planner.ui.support_code_cache import compiled_once

# A fresh interpreter: in this one PySide6 has long been imported.
PROBE = """
import importlib.util, json, sys
from pathlib import Path
# The module alone: the ui package itself imports PySide6 on import.
spec = importlib.util.spec_from_file_location("support_code_cache", sys.argv[2])
cache = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cache)
with cache.compiled_once(Path(sys.argv[1])) as use:
    from PySide6 import QtCore
from shibokensupport.signature import get_signature
try:
    QtCore.QSize("wrong")
except TypeError as error:  # worded by the support modules from the signatures
    wrong_call = str(error)
print(json.dumps({
    "reused": use.reused, "compiled": use.compiled, "written": use.written,
    "signature": str(get_signature(QtCore.QSize.scaled)), "wrong_call": wrong_call,
    "feature": sys.modules["shibokensupport.feature"].__name__,
}))
"""

# The app's own path: the ui package, with the cache beside its bytecode. A compile() installed
# first sees the support modules that were not taken from the cache.
APP_PROBE = """
import builtins, json
real = builtins.compile
compiled = []
def counting(source, filename, *args, **kwargs):
    compiled.append(filename)
    return real(source, filename, *args, **kwargs)
builtins.compile = counting
import dialogue_planner.ui
from PySide6 import QtWidgets
print(json.dumps([name for name in compiled if name.startswith(("shibokensupport/", "signature_bootstrap"))]))
"""


def run_python(*arguments, **env):
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # the test command sets it
    result = subprocess.run(
        [sys.executable, "-c", *arguments], capture_output=True, text=True, check=True, timeout=120,
        env={**environment, **env},
    )
    return json.loads(result.stdout)


def start(cache_file, **env):
    return run_python(PROBE, str(cache_file), support_code_cache.__file__, **env)


def test_the_app_compiles_no_support_module_from_its_second_start_on():
    run_python(APP_PROBE)
    assert run_python(APP_PROBE) == []


def test_the_second_start_compiles_none_of_the_support_modules_and_they_work_alike(tmp_path):
    cache_file = tmp_path / "support.bin"
    first = start(cache_file)
    assert first["reused"] == [] and first["written"]
    assert "signature_bootstrap.py" in first["compiled"]
    assert "shibokensupport/signature/loader.py" in first["compiled"]

    second = start(cache_file)
    assert second["compiled"] == [] and not second["written"]
    assert second["reused"] == first["compiled"]
    assert second["signature"] == first["signature"] and "Qt.AspectRatioMode" in first["signature"]
    assert second["wrong_call"] == first["wrong_call"] and "QSize" in first["wrong_call"]
    assert second["feature"] == "shibokensupport.feature"


def test_a_damaged_cache_is_compiled_again_and_rewritten(tmp_path):
    cache_file = tmp_path / "support.bin"
    cache_file.write_bytes(MAGIC_NUMBER + b"\x00 not marshal data")
    first = start(cache_file)
    assert first["reused"] == [] and first["written"]
    assert start(cache_file)["compiled"] == []


def test_no_cache_is_written_where_python_writes_no_bytecode(tmp_path):
    cache_file = tmp_path / "support.bin"
    assert not start(cache_file, PYTHONDONTWRITEBYTECODE="1")["written"]
    assert not cache_file.exists()


def test_an_entry_is_used_only_for_the_same_source_and_flags(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    cache_file = tmp_path / "support.bin"
    source = b"answer = 42\n"
    with compiled_once(cache_file) as use:
        code = compile(source, "shibokensupport/probe.py", "exec")
    assert use.compiled == ["shibokensupport/probe.py"] and use.written

    with compiled_once(cache_file) as use:
        same = compile(source, "shibokensupport/probe.py", "exec")
        other = compile(b"answer = 43\n", "shibokensupport/probe.py", "exec")
    assert use.reused == ["shibokensupport/probe.py"] and use.compiled == ["shibokensupport/probe.py"]
    namespace: dict[str, int] = {}
    exec(same, namespace)
    assert namespace["answer"] == 42 and same.co_filename == code.co_filename
    exec(other, namespace)
    assert namespace["answer"] == 43

    # This module's `from __future__ import annotations` is inherited as compile() would: another key.
    with compiled_once(cache_file) as use:
        compile(b"answer = 43\n", "shibokensupport/probe.py", "exec", dont_inherit=True)
    assert use.compiled == ["shibokensupport/probe.py"]
    entries = marshal.loads(cache_file.read_bytes()[len(MAGIC_NUMBER):])
    assert entries["shibokensupport/probe.py"][0] == 0


def test_other_compiles_pass_through_with_the_callers_future_switches(tmp_path):
    source = "def f(x: undefined_name) -> None: pass\nannotations = f.__annotations__\n"
    with compiled_once(tmp_path / "support.bin") as use:
        inherited = compile(source, "elsewhere.py", "exec")
        plain = compile(source, "elsewhere.py", "exec", dont_inherit=True)
    assert builtins.compile is compile.__self__.compile  # the built-in is back
    assert use.compiled == [] and use.reused == [] and not use.written
    namespace: dict[str, object] = {}
    exec(inherited, namespace)  # postponed annotations: the undefined name is only text
    assert namespace["annotations"] == {"x": "undefined_name", "return": "None"}
    assert inherited.co_flags == compile(source, "elsewhere.py", "exec").co_flags
    assert plain.co_flags != inherited.co_flags
