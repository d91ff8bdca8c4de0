"""Run a module as a program and end the process the moment it reports its window shown.

    python -m benchmarks.until_shown MODULE [ARGUMENTS...]

The start-up benchmark counts the instructions a start executes (valgrind's callgrind)
up to the first paint, where `--exit-when-shown` itself would go on to what follows it
(the collector resumed, the deferred checks started, the event loop ended). The marker
line is passed on to the real standard output, then the process ends at once.
"""

from __future__ import annotations

import os
import runpy
import sys

from benchmarks import MARKER


class _EndAtMarker:
    """Standard output that ends the process once the marker has been written through it."""

    def __init__(self, real) -> None:
        self._real = real

    def write(self, text: str) -> int:
        if MARKER not in text:
            return self._real.write(text)
        self._real.write(text if text.endswith("\n") else f"{text}\n")  # print() writes its newline apart
        self._real.flush()
        os._exit(0)

    def flush(self) -> None:
        self._real.flush()


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    module = sys.argv[1]
    sys.argv = [module, *sys.argv[2:]]
    sys.stdout = _EndAtMarker(sys.stdout)
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    sys.exit(f"{module} ended without reporting its window shown")


if __name__ == "__main__":
    main()
