"""Regular expressions compiled once, instead of at every start of the app.

Python's `re` parses and compiles every pattern in pure Python, and keeps nothing between runs.
A start of the app compiles some 40 patterns as its modules and libraries load (peewee, logging,
json, argparse, our validation), three of them large ones of PySide6's support modules (its
parser of signatures, its .pyi formatter): together about 130 M instructions (callgrind), 30 to
40 ms, of every start.

From `start()` (the first thing the package does) until `finish()` (the app calls it once its
window has painted; the command line once it knows the command is not the window), the patterns
`re` compiles come from a cache file beside the package's bytecode: what compiling yields (the
pattern's program for the regex engine, its groups) is kept, and the same pattern is built from it
with the engine's own constructor, `_sre.compile`, as `re` itself does last. An entry is kept
only when the pattern it builds equals the one `re` compiled (same text, flags and program), and
only for the same Python release and regex engine; a missing, damaged or foreign file is only a
slower start, and is rewritten. Python 3.10, whose `re` works otherwise, simply compiles.
"""

from __future__ import annotations

import _sre
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

try:  # the regex compiler's modules, Python 3.11 on
    from re import _compiler, _constants, _parser
except ImportError:  # pragma: no cover - Python 3.10
    _compiler = _constants = _parser = None  # type: ignore[assignment]

CACHE_FILE = Path(__file__).with_name("__pycache__") / f"regex_patterns.{sys.implementation.cache_tag}.bin"

# The rest of the arguments of `_sre.compile` after the pattern: flags, program, groups, group names.
Arguments = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
Patterns = dict[tuple[str | bytes, int], Arguments]

# The file's first entry: the patterns are kept only for the release and regex engine that compiled them.
_ENGINE = (sys.hexversion, getattr(_constants, "MAGIC", None))


class PatternCache:
    """Serves `re`'s compiling from `cache_file` while started; `finish()` writes what it compiled anew."""

    def __init__(self, cache_file: Path = CACHE_FILE) -> None:
        self.cache_file = cache_file
        self.reused: list[str | bytes] = []
        self.compiled: list[str | bytes] = []
        self.written = False
        self._patterns: Patterns = {}
        self._compile: Any = None  # what compiled before start(): re's own, or another's stand-in
        self.started = False

    def start(self) -> PatternCache:
        if _compiler is None or self.started:
            return self
        self._patterns = _read(self.cache_file)
        self._compile = _compiler.compile
        _compiler.compile = self._compile_cached
        self.started = True
        return self

    def finish(self, *, write: bool = True) -> None:
        """re compiles by itself again; with `write`, the cache takes the patterns compiled meanwhile
        (unless Python writes no bytecode)."""
        if not self.started:
            return
        if _compiler.compile == self._compile_cached:
            _compiler.compile = self._compile
        # else a stand-in installed since holds this one, which passes everything on from now on
        self.started = False
        if write and self.compiled and not sys.dont_write_bytecode:
            self.written = _write(self.cache_file, self._patterns)
        self._patterns = {}

    def _compile_cached(self, pattern: Any, flags: Any = 0) -> Any:
        if not self.started or type(pattern) not in (str, bytes) or type(flags) is not int or flags & re.DEBUG:
            return self._compile(pattern, flags)  # finished; a parsed pattern (re.Scanner); debug output
        key = (pattern, flags)
        cached = self._patterns.get(key)
        if cached is not None:
            try:
                built = _sre.compile(pattern, *cached)
            except (RuntimeError, TypeError, ValueError, OverflowError):  # a damaged entry: the engine refuses it
                del self._patterns[key]
            else:
                self.reused.append(pattern)
                return built
        compiled = self._compile(pattern, flags)
        arguments = _engine_arguments(pattern, flags)
        if arguments is not None and _sre.compile(pattern, *arguments) == compiled:
            self._patterns[key] = arguments
            self.compiled.append(pattern)
        return compiled


def _engine_arguments(pattern: str | bytes, flags: int) -> Arguments | None:
    """What `re` hands the regex engine's constructor for the pattern, worked out as
    `re._compiler.compile` does; None where this Python's `re` works otherwise."""
    try:
        parsed = _parser.parse(pattern, flags)
        # Plain ints: marshal takes no subclass of int, and the opcodes are named ints.
        program = [int(word) for word in _compiler._code(parsed, flags)]
        group_index = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
        index_group: list[str | None] = [None] * parsed.state.groups
        for name, index in group_index.items():
            index_group[index] = name
        return int(flags | parsed.state.flags), program, int(parsed.state.groups - 1), group_index, tuple(index_group)
    except Exception:  # noqa: BLE001 - another release's internals: compiling as usual is all that is lost
        return None


def _read(cache_file: Path) -> Patterns:
    try:
        content = marshal.loads(cache_file.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}  # none yet, or damaged: compile again and rewrite it
    if not (isinstance(content, tuple) and len(content) == 2 and content[0] == _ENGINE):
        return {}
    patterns = content[1]
    if not isinstance(patterns, dict):
        return {}
    return {
        key: arguments for key, arguments in patterns.items()
        if isinstance(key, tuple) and len(key) == 2 and type(key[0]) in (str, bytes) and type(key[1]) is int
        and isinstance(arguments, tuple) and len(arguments) == 5
    }


def _write(cache_file: Path, patterns: Patterns) -> bool:
    try:
        data = marshal.dumps((_ENGINE, patterns))
    except ValueError:  # an entry marshal cannot write
        return False
    return write_whole(cache_file, data)


def write_whole(cache_file: Path, data: bytes) -> bool:
    """Write a start-up cache whole, through a temporary file, so that a start running at the same
    time reads either the old file or the new one. False where it cannot be written (a read-only
    installation): the app then simply compiles at every start. (PySide6's support code cache too.)"""
    partial = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
    try:
        cache_file.parent.mkdir(exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, cache_file)
    except OSError:
        partial.unlink(missing_ok=True)
        return False
    return True


# The app's own, started by the package at its first import.
START_UP = PatternCache()
