"""The databases the benchmarks measure: the demo, and the demo 100 times over.

Built with the command line (`dialogue-planner demo --scale N`), as a user would, into
BENCH_DATA_DIR when `python3 tasks.py bench` sets it (so the benchmarks of one run share
them), else into a temporary folder of the calling benchmark's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_VARIABLE = "BENCH_DATA_DIR"
SCALE = 100


@dataclass(frozen=True)
class Built:
    path: Path
    seconds: float | None  # how long `demo --scale N` took (wall), None when built by an earlier benchmark


def demo_database(folder: Path, scale: int = 1) -> Built:
    """The demo database `scale` times over in `folder` (or BENCH_DATA_DIR), built unless already there."""
    shared = os.environ.get(DATA_DIR_VARIABLE)
    target = Path(shared or folder) / f"demo-x{scale}.sqlite"
    if target.exists():
        return Built(target, None)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dialogue_planner.cli", "demo", "--db", str(target), "--scale", str(scale),
         "--user", "bench"],
        check=True, stdout=subprocess.DEVNULL,
    )
    return Built(target, time.perf_counter() - started)
