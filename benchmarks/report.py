"""What every benchmark reports: a table of figures against their targets, printed and kept as JSON.

Each benchmark builds a list of `Figure`s and hands it to `report`, which
prints one line per figure and, when `python3 tasks.py bench` runs it (it sets
BENCH_RESULTS_DIR), writes them to NAME.json there; tasks.py gathers those
into benchmarks/results.json with the machine they were measured on.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS_DIR_VARIABLE = "BENCH_RESULTS_DIR"


@dataclass(frozen=True)
class Figure:
    """One measured figure: `value` in `unit`, the baseline it is compared with (if any), and the target.

    `limit` is the most (or, with `at_least`, the least) the judged quantity may be: the ratio
    value / baseline when `judge_ratio`, else the value itself. A figure with `is_target` False is
    printed beside the targets for comparison and never fails the run.
    """

    name: str
    value: float
    unit: str
    limit: float
    baseline: float | None = None
    judge_ratio: bool = False
    at_least: bool = False
    note: str = ""
    is_target: bool = True

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    @property
    def judged(self) -> float:
        return self.ratio if self.judge_ratio and self.ratio is not None else self.value

    @property
    def met(self) -> bool:
        return self.judged >= self.limit if self.at_least else self.judged <= self.limit

    def line(self) -> str:
        compare = ">=" if self.at_least else "<="
        target = f"{'ratio' if self.judge_ratio else 'value'} {compare} {self.limit:g}"
        baseline = f"  baseline {self.baseline:.1f} {self.unit}  ratio {self.ratio:.2f}x" if self.baseline else ""
        verdict = f"target {target}  {'met' if self.met else 'MISSED'}" if self.is_target else "for comparison"
        note = f"  ({self.note})" if self.note else ""
        return f"{self.name:<44} {self.value:9.1f} {self.unit:<5}{baseline}  {verdict}{note}"


def machine() -> dict[str, object]:
    """The machine the figures were measured on: cores, CPU model, Python and platform."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                      if line.startswith("model name")), "")
    return {"nproc": os.cpu_count(), "cpu": model or platform.processor(), "python": platform.python_version(),
            "platform": platform.platform()}


def report(benchmark: str, figures: list[Figure]) -> int:
    """Print the figures, keep them for tasks.py if asked, and return 0 if every target is met, else 1."""
    for figure in figures:
        print(figure.line())
    folder = os.environ.get(RESULTS_DIR_VARIABLE)
    if folder:
        rows = [{**asdict(figure), "ratio": figure.ratio, "met": figure.met} for figure in figures]
        Path(folder, f"{benchmark}.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    missed = [figure.name for figure in figures if figure.is_target and not figure.met]
    sys.stdout.flush()
    if missed:
        print(f"TARGET MISSED: {', '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


def gather(folder: Path, target: Path) -> None:
    """The figures of the benchmarks just run (in `folder`) into `target` (JSON), with the machine.

    Benchmarks not run this time keep their earlier figures in `target`. Prints the whole table.
    """
    benchmarks = json.loads(target.read_text(encoding="utf-8"))["benchmarks"] if target.exists() else {}
    for path in sorted(folder.glob("*.json")):
        benchmarks[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    document = {"measured_on": machine(), "benchmarks": dict(sorted(benchmarks.items()))}
    target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nfigures written to {target}")
    for name, rows in benchmarks.items():
        for row in rows:
            print(f"{name:<8} {Figure(**{key: row[key] for key in Figure.__dataclass_fields__ if key in row}).line()}")


if __name__ == "__main__":  # python -m benchmarks.report RESULTS_DIR TARGET.json (tasks.py bench)
    gather(Path(sys.argv[1]), Path(sys.argv[2]))
