"""Benchmark: `dialogue-planner demo --scale 100` builds the demo 100 times over in under a minute.

The demo is written through the services (with its change history), then copied
99 times in bulk SQL in the same transaction (`services/demo_scale.py`), each copy
with generated volume of its own (`services/demo_archive.py`). Measured
as the wall time of the whole command, process start to exit; the plain demo
(`demo`, scale 1) is the baseline printed beside it.

    python -m benchmarks.bench_demo
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from benchmarks.data import SCALE, demo_database
from benchmarks.report import Figure, report

TARGET_SECONDS = 60.0


def main(scale: int = SCALE) -> int:
    with tempfile.TemporaryDirectory() as folder:
        plain = demo_database(Path(folder), 1)
        scaled = demo_database(Path(folder), scale)
        with sqlite3.connect(scaled.path) as connection:
            counts = {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                      for table in ("dialogue", "round", "agenda_item", "joint_project", "person", "change_record")}
        connection.close()
    print(f"demo x{scale}: " + ", ".join(f"{count} {table}" for table, count in counts.items()))
    if scaled.seconds is None:
        print("(built by an earlier benchmark of this run; not timed again)")
        return 0
    return report("demo", [
        Figure(f"demo --scale {scale} (whole command)", scaled.seconds, "s", TARGET_SECONDS,
               baseline=plain.seconds, note="wall time; baseline: the plain demo"),
    ])


if __name__ == "__main__":
    sys.exit(main())
