"""Regular expressions come from the app's cache at a start after the first, and match exactly as compiled ones."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dialogue_planner import pattern_cache
from dialogue_planner.pattern_cache import PatternCache

# Patterns of every kind the engine knows: named and numbered groups, flags inline and given,
# verbose text, look-arounds, back-references, bytes, Unicode classes and case folding.
PATTERNS = [
    (r"^(?P<reason>[a-z0-9-]+?)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite$", 0),
    (r"(?i)ngày\s+(\d+)\s+tháng", 0),
    (r"""
        (?P<word>\b\w+\b)   # a word
        \s+(?P=word)        # said twice
     """, re.VERBOSE),
    (r"(?<=\()[^)]*(?=\))", 0),
    (r"人权|对话", 0),
    (rb"SQLite format 3\x00", 0),
    (r"[\ud800-\udfff]", 0),
    (r"ß", re.IGNORECASE),
    (r"^\s*$", re.MULTILINE),
]
SUBJECTS = [
    "daily-20261123-210000-2.sqlite", "NGÀY 12 tháng 3", "the the dialogue", "f(x, y)", "中美人权对话",
    "\ud83d", "SS", "line\n   \nnext", "manual-2026-1.sqlite",
]

# A fresh interpreter (this one has long compiled the app's patterns), with the module alone:
# the package itself starts the app's own cache on import.
PROBE = """
import importlib.util, json, sys
from pathlib import Path
spec = importlib.util.spec_from_file_location("pattern_cache", sys.argv[2])
cache_module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cache_module)
cache = cache_module.PatternCache(Path(sys.argv[1])).start()
import argparse, json, logging, string, textwrap, gettext
parser = argparse.ArgumentParser(prog="probe")
parser.add_argument("--count", type=int)
logging.Formatter("%(levelname)s %(message)s")
cache.finish()
import re
print(json.dumps({
    "reused": len(cache.reused), "compiled": len(cache.compiled), "written": cache.written,
    "restored": re._compiler.compile.__module__ == "re._compiler",
    "parsed": vars(parser.parse_args(["--count", "3"])), "wrapped": textwrap.fill("a b c", width=3),
}))
"""


def run_python(code: str, *arguments: str, **env: str) -> dict:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    if "PYTHONDONTWRITEBYTECODE" not in env:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)  # the test command sets it
    done = subprocess.run([sys.executable, "-c", code, *arguments], capture_output=True, text=True, timeout=120,
                          env=environment, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def start(cache_file: Path, **env: str) -> dict:
    return run_python(PROBE, str(cache_file), pattern_cache.__file__, **env)


@pytest.fixture
def writes_bytecode(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def compile_all(cache: PatternCache) -> list[re.Pattern]:
    re.purge()  # else re answers from its own cache, before the compiler is asked
    cache.start()
    try:
        return [re.compile(pattern, flags) for pattern, flags in PATTERNS]
    finally:
        cache.finish()


def test_the_second_start_compiles_no_pattern_and_everything_works_alike(tmp_path):
    cache_file = tmp_path / "patterns.bin"
    first = start(cache_file)
    assert first["compiled"] > 5 and first["written"] and first["restored"]
    second = start(cache_file)
    assert second["compiled"] == 0 and second["reused"] == first["compiled"] + first["reused"]
    assert not second["written"] and second["restored"]
    assert second["parsed"] == first["parsed"] == {"count": 3}
    assert second["wrapped"] == first["wrapped"] == "a b\nc"


def test_patterns_built_from_the_cache_equal_compiled_ones_and_match_alike(tmp_path, writes_bytecode):
    cache_file = tmp_path / "patterns.bin"
    first = PatternCache(cache_file)
    compiled = compile_all(first)
    assert len(first.compiled) == len(PATTERNS) and first.written and not first.reused

    second = PatternCache(cache_file)
    cached = compile_all(second)
    assert len(second.reused) == len(PATTERNS) and not second.compiled and not second.written

    for made, built in zip(compiled, cached, strict=True):
        assert built == made  # same text, flags and program for the engine
        assert (built.groups, built.groupindex, built.flags) == (made.groups, made.groupindex, made.flags)
        for subject in SUBJECTS:
            if isinstance(made.pattern, bytes):
                subject = subject.encode("utf-8", "surrogatepass")
            found = [match.group(0, *range(1, made.groups + 1)) for match in made.finditer(subject)]
            assert [match.group(0, *range(1, built.groups + 1)) for match in built.finditer(subject)] == found
            assert built.sub(lambda match: "<>", subject) == made.sub(lambda match: "<>", subject)
    assert cached[0].match("daily-20261123-210000-2.sqlite").groupdict() == {
        "reason": "daily", "stamp": "20261123-210000", "n": "2",
    }


def test_a_damaged_or_foreign_cache_is_compiled_again_and_rewritten(tmp_path, writes_bytecode):
    cache_file = tmp_path / "patterns.bin"
    for content in (b"\x00 not marshal data", marshal.dumps(((0, 0), {})), marshal.dumps(["a list"])):
        cache_file.write_bytes(content)
        cache = PatternCache(cache_file)
        compile_all(cache)
        assert not cache.reused and cache.written
    again = PatternCache(cache_file)
    compile_all(again)
    assert len(again.reused) == len(PATTERNS)


def test_an_entry_the_regex_engine_refuses_is_compiled_again(tmp_path, writes_bytecode):
    cache_file = tmp_path / "patterns.bin"
    compile_all(PatternCache(cache_file))
    engine, patterns = marshal.loads(cache_file.read_bytes())
    pattern, flags = PATTERNS[0]
    arguments = patterns[(pattern, flags)]
    patterns[(pattern, flags)] = (arguments[0], [999_999, 1, 2], *arguments[2:])  # no program of the engine's
    cache_file.write_bytes(marshal.dumps((engine, patterns)))

    cache = PatternCache(cache_file)
    compiled = compile_all(cache)
    assert cache.compiled == [pattern] and len(cache.reused) == len(PATTERNS) - 1 and cache.written
    assert compiled[0].match("daily-20261123-210000.sqlite")["stamp"] == "20261123-210000"
    again = PatternCache(cache_file)
    compile_all(again)
    assert len(again.reused) == len(PATTERNS)  # rewritten whole


def test_nothing_is_written_where_python_writes_no_bytecode(tmp_path):
    cache_file = tmp_path / "patterns.bin"
    assert not start(cache_file, PYTHONDONTWRITEBYTECODE="1")["written"]
    assert not cache_file.exists()


def test_finishing_gives_re_its_own_compiler_back_and_is_done_once(tmp_path, writes_bytecode):
    own = re._compiler.compile
    cache = PatternCache(tmp_path / "patterns.bin").start()
    assert re._compiler.compile != own and cache.started
    cache.finish()
    cache.finish()
    assert re._compiler.compile is own and not cache.started
    re.purge()
    assert re.compile("after (finish)").groups == 1 and not cache.compiled


def test_caches_finished_out_of_order_leave_re_compiling_correctly(tmp_path, writes_bytecode):
    own = re._compiler.compile
    try:
        outer = PatternCache(tmp_path / "outer.bin").start()
        inner = PatternCache(tmp_path / "inner.bin").start()
        outer.finish()  # inner still stands in front of it: outer passes everything on from now on
        re.purge()
        assert re.compile("(out) of (order)").groups == 2 and len(inner.compiled) == 1 and not outer.compiled
        inner.finish()
        assert re._compiler.compile == outer._compile_cached  # what inner found, now passing straight through
        re.purge()
        assert re.compile("(after) both").groups == 1 and len(inner.compiled) == 1
    finally:
        re._compiler.compile = own


def test_debug_output_and_parsed_patterns_go_to_re_itself(tmp_path, capsys, writes_bytecode):
    cache = PatternCache(tmp_path / "patterns.bin").start()
    try:
        re.purge()
        re.compile("a+b", re.DEBUG)
        scanner = re.Scanner([(r"\d+", lambda scanner, token: int(token)), (r"\s+", None)])
    finally:
        cache.finish()
    assert "MAX_REPEAT" in capsys.readouterr().out
    assert scanner.scan("1 22 333") == ([1, 22, 333], "")
    assert cache.compiled == [] and not cache.written


APP_PROBE = """
import json, re, sys
from dialogue_planner import app
from dialogue_planner.cli import main
from dialogue_planner.pattern_cache import START_UP
report = app._report_shown_and_quit
seen = {}
def at_first_paint():
    seen.update(reused=len(START_UP.reused), compiled=len(START_UP.compiled))
    report()
app._report_shown_and_quit = at_first_paint
code = main(["gui", "--exit-when-shown", "--db", sys.argv[1]])
seen.update(code=code, finished=not START_UP.started, restored=re._compiler.compile.__module__ == "re._compiler")
print(json.dumps(seen))
"""


def test_the_app_compiles_no_pattern_from_its_second_start_on_and_finishes_at_its_first_paint(store, tmp_path):
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    run_python(APP_PROBE, store.location, **env)
    second = run_python(APP_PROBE, store.location, **env)
    assert second["code"] == 0 and second["finished"] and second["restored"]
    assert second["compiled"] == 0 and second["reused"] > 20  # shiboken's parser, peewee, logging, json, ours


def test_a_command_line_command_finishes_the_cache_before_it_runs(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", "import re, sys; from dialogue_planner.cli import main; "
         "from dialogue_planner.pattern_cache import START_UP; code = main(sys.argv[1:]); "
         "print(code, START_UP.started, re._compiler.compile.__module__)",
         "demo", "--db", str(tmp_path / "demo.sqlite")],
        capture_output=True, text=True, timeout=120, check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "0 False re._compiler"
