"""PySide6's support modules compiled once, instead of at every start of the app.

At its first import, shiboken6 (PySide6's binding layer) runs 14 Python modules that it carries
as source inside its library (signature_bootstrap.py and the shibokensupport package: its
signature and `__feature__` support, about 130 KB) through the built-in `compile()`, with nothing
cached between runs: some 120 M instructions, 20 to 25 ms, at every start of any PySide6
program (a bare PySide6 window spends a fifth of its start-up there).

While PySide6 is first imported, `compiled_once()` answers those calls from a cache file kept
like a .pyc: beside the package's bytecode, tagged with the interpreter's bytecode magic number,
each entry holding the file name, the compiler flags and the whole source it was compiled from.
A different PySide6 (other source), Python (other magic) or flags simply compiles again and
rewrites the file; every other call of `compile()` meanwhile goes through unchanged.
"""

from __future__ import annotations
import __future__

import builtins
import marshal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

from dialogue_planner.pattern_cache import write_whole

CACHE_FILE = Path(__file__).with_name("__pycache__") / f"shiboken_support.{sys.implementation.cache_tag}.bin"

# The names shiboken6 compiles its embedded modules under.
_SUPPORT_NAMES = ("signature_bootstrap.py", "shibokensupport/")

# The caller's `from __future__` switches, which compile() inherits unless told not to.
_FUTURE_FLAGS = sum(getattr(__future__, name).compiler_flag for name in __future__.all_feature_names)

Entries = dict[str, tuple[int, bytes, CodeType]]  # file name: (flags, source, code)


class CacheUse:
    """What one `compiled_once()` did: the support modules it took from the cache and those it compiled.

    (A plain class: a dataclass would cost every start-up 3 M instructions to make.)"""

    def __init__(self) -> None:
        self.reused: list[str] = []
        self.compiled: list[str] = []
        self.written = False


@contextmanager
def compiled_once(cache_file: Path = CACHE_FILE) -> Iterator[CacheUse]:
    """Within the block, shiboken6's support modules compile from the cache where it holds their
    exact source; those compiled anew are added to it afterwards (unless Python writes no bytecode)."""
    use = CacheUse()
    entries = _read(cache_file)
    original = builtins.compile

    def compile_cached(
        source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False, optimize: int = -1,
        **options: Any,
    ) -> Any:
        if not dont_inherit:  # as compile() itself would: the calling code's __future__ switches
            flags |= sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
        if not (
            isinstance(source, bytes) and isinstance(filename, str) and filename.startswith(_SUPPORT_NAMES)
            and mode == "exec" and optimize == -1 and not options
        ):
            return original(source, filename, mode, flags, True, optimize, **options)
        cached = entries.get(filename)
        if cached is not None and cached[0] == flags and cached[1] == source:
            use.reused.append(filename)
            return cached[2]
        code = original(source, filename, mode, flags, True)
        entries[filename] = (flags, source, code)
        use.compiled.append(filename)
        return code

    builtins.compile = compile_cached
    try:
        yield use
    finally:
        builtins.compile = original
    if use.compiled and not sys.dont_write_bytecode:
        use.written = _write(cache_file, entries)


def _read(cache_file: Path) -> Entries:
    try:
        data = cache_file.read_bytes()
    except OSError:
        return {}
    if not data.startswith(MAGIC_NUMBER):
        return {}
    try:
        entries = marshal.loads(data[len(MAGIC_NUMBER):])
    except (EOFError, ValueError, TypeError):
        return {}  # a damaged cache is only a slower start: compile again and rewrite it
    if not isinstance(entries, dict):
        return {}
    return {
        name: entry for name, entry in entries.items()
        if isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 3
        and isinstance(entry[0], int) and isinstance(entry[1], bytes) and isinstance(entry[2], CodeType)
    }


def _write(cache_file: Path, entries: Entries) -> bool:
    return write_whole(cache_file, MAGIC_NUMBER + marshal.dumps(entries))
