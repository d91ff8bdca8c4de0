"""Benchmark: global search on the demo x100, through the full-text index, against the scan it replaced.

Queries a desk officer types (Latin with and without diacritics, Vietnamese, Chinese
of two characters, a word found everywhere, a word found nowhere) are searched with
`search_records` on the demo database built 100 times over. Target: under 50 ms per
query (the slowest query's median, CPU time of this process: the machine is shared).
The baseline, measured in the same run on the same file, is what search did before
the index (migration 0004): every searched field of every record folded by a Python
function and compared with LIKE.

    python -m benchmarks.bench_search
"""

from __future__ import annotations

import functools
import operator
import statistics
import sys
import tempfile
import time
from pathlib import Path

from peewee import fn

from benchmarks.data import SCALE, demo_database
from benchmarks.report import Figure, report
from dialogue_planner.services.search import SEARCHED_FIELDS, search_records
from dialogue_planner.storage.database import Store, open_database
from dialogue_planner.storage.search_index import fold

TARGET_MS = 50.0
RUNS = 7
QUERIES = ("ha noi", "Hà Nội", "legal aid", "prosecutors", "Nguyễn", "đức", "北京", "死刑", "the", "zzzq")


def scan_search(store: Store, query: str, per_kind: int = 50) -> int:
    """The search as it was before the index: LIKE over each field folded by a registered Python function."""
    needle = fold(" ".join(query.split()))
    found = 0
    for model, names in SEARCHED_FIELDS.items():
        fields = [model._meta.fields[name] for name in names]
        matches = (fn.dialogue_planner_fold(field).contains(needle) for field in fields)
        condition = functools.reduce(operator.or_, matches)
        rows = list(model.select(model.id, *fields).where(condition).order_by(model.id).limit(per_kind).tuples())
        found += len(rows)
    return found


def cpu_ms(run, runs: int = RUNS) -> float:
    """Median CPU time of `runs` calls, in ms."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        run()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def main(scale: int = SCALE) -> int:
    with tempfile.TemporaryDirectory() as folder:
        store = open_database(str(demo_database(Path(folder), scale).path), user="bench")
        try:
            indexed, scanned, hits = {}, {}, {}
            for query in QUERIES:
                hits[query] = len(search_records(store, query))  # warm the page cache
                indexed[query] = cpu_ms(lambda query=query: search_records(store, query))
                scanned[query] = cpu_ms(lambda query=query: scan_search(store, query), runs=3)
        finally:
            store.close()
    for query in QUERIES:
        print(f"{query!r:>16}: {hits[query]:4} hits  indexed {indexed[query]:6.1f} ms  scan {scanned[query]:7.1f} ms")
    slowest = max(QUERIES, key=indexed.get)
    return report("search", [
        Figure(f"global search, demo x{scale}, slowest query ({slowest!r})", indexed[slowest], "ms", TARGET_MS,
               baseline=scanned[slowest], note="CPU; baseline: the LIKE scan it replaced"),
        Figure(f"global search, demo x{scale}, mean of {len(QUERIES)} queries", statistics.mean(indexed.values()),
               "ms", TARGET_MS, baseline=statistics.mean(scanned.values())),
    ])


if __name__ == "__main__":
    sys.exit(main())
