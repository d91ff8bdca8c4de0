"""Benchmark: cold start of the app to its main window shown, and its peak memory, against bare PySide6.

Four kinds of process, each started afresh several times (interleaved, after one
warm-up run of each so that bytecode and the page cache are as a user's are on a
second start): a bare PySide6 process showing an empty QMainWindow with a QTableView
(benchmarks/bare_window.py), the same after importing what any start of the app must
(the storage layer with peewee, and Qt's namespace: printed for comparison, as the
floor of the app's start-up), and `dialogue-planner gui --exit-when-shown` on the demo
database and on the demo x100. Each prints a marker at its window's first paint and
quits.

Judged on the instructions each executes from launch to the window's first paint, counted
by valgrind's callgrind in one more run of each (`benchmarks/until_shown.py` ends it at the
marker; string hashing fixed, PYTHONHASHSEED=0): the count does not change with the machine's
load, where the CPU time of the same start on a shared machine varied by a third between
whole runs. Without valgrind, judged on the median CPU time from launch to the window shown
instead (user + system, every thread, as the process itself reports it at its first paint).
The CPU time, the wall time to the marker and the CPU time of the whole process up to its exit
are printed either way, and peak resident memory (ru_maxrss) is judged from the timed runs.

Targets: start-up at most 1.5x the bare process with the demo, at most 2x with the
demo x100; peak memory at most 2x the bare process with the demo x100.

    python -m benchmarks.bench_startup
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import MARKER
from benchmarks.data import SCALE, demo_database
from benchmarks.report import Figure, report

RUNS = 9


@dataclass(frozen=True)
class Run:
    cpu: float  # seconds of CPU, user + system, from launch to the window shown
    process_cpu: float  # seconds of CPU of the whole process, up to its exit
    wall: float  # seconds from launch to the marker
    peak_kb: int  # peak resident set size


def run_once(command: list[str], env: dict[str, str]) -> Run:
    """Start the process, wait for the marker and the exit; CPU to the marker as it reports it, the rest from wait4."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    shown = shown_cpu = None
    for line in process.stdout:
        if MARKER in line and shown is None:
            shown = time.perf_counter() - started
            shown_cpu = float(line.rsplit("cpu_ms=", 1)[1]) / 1000
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if shown is None or process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode} before showing its window")
    return Run(shown_cpu, usage.ru_utime + usage.ru_stime, shown, usage.ru_maxrss)


def environment(folder: Path) -> dict[str, str]:
    """Offscreen Qt, settings and data in `folder` (never the user's), bytecode cached as after installing."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, list[Run]]:
    for command in commands.values():
        run_once(command, env)  # warm-up: bytecode written, files in the page cache, today's backup taken
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(run_once(command, env))
    return results


def count_instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions `command` (python -m MODULE ...) executes up to its marker, counted by callgrind."""
    python, _m, module, *arguments = command
    ended = [python, "-m", "benchmarks.until_shown", module, *arguments]
    env = {**env, "PYTHONHASHSEED": "0"}
    subprocess.run(ended, capture_output=True, env=env, check=True)  # warm-up: until_shown's own bytecode
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *ended],
                          capture_output=True, text=True, env=env, check=False)
    collected = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if MARKER not in done.stdout or collected is None:
        raise RuntimeError(f"{' '.join(command)} showed no window under valgrind (exit {done.returncode})")
    return int(collected.group(1))


def cpu_note(paired_ratio: float, runs: int, counted: bool) -> str:
    """What a CPU figure's line adds: the median ratio of the runs taken in pairs, and which figure is judged."""
    note = f"median of the {runs} runs' ratios to the bare run before each: {paired_ratio:.2f}x"
    return f"{note}; judged in instructions below" if counted else note


def main(runs: int = RUNS, scale: int = SCALE, *, count: bool = True) -> int:
    """With `count` (and valgrind installed), the targets are judged on instructions, else on CPU time."""
    count = count and shutil.which("valgrind") is not None
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        databases = {"demo": demo_database(folder, 1).path, f"demo x{scale}": demo_database(folder, scale).path}
        app = [sys.executable, "-m", "dialogue_planner.cli", "gui", "--exit-when-shown", "--db"]
        bare = [sys.executable, "-m", "benchmarks.bare_window"]
        commands = {"bare": bare, "floor": [*bare, "--with-data-layer"]}
        commands.update({label: [*app, str(path)] for label, path in databases.items()})
        results = measure(commands, environment(folder), runs)
        counted = {label: count_instructions(command, environment(folder)) / 1e6
                   for label, command in commands.items()} if count else {}
    cpu = {label: statistics.median(run.cpu for run in rows) for label, rows in results.items()}
    # Each run against the bare window's run just before it: a busy spell slows both of a pair alike.
    paired = {label: statistics.median(run.cpu / bare.cpu for run, bare in zip(rows, results["bare"], strict=True))
              for label, rows in results.items()}
    whole = {label: statistics.median(run.process_cpu for run in rows) for label, rows in results.items()}
    wall = {label: statistics.median(run.wall for run in rows) for label, rows in results.items()}
    peak = {label: max(run.peak_kb for run in rows) / 1024 for label, rows in results.items()}
    for label in results:
        print(f"{label:<12} to window shown: CPU {cpu[label] * 1000:5.0f} ms, wall {wall[label] * 1000:5.0f} ms   "
              f"whole process CPU {whole[label] * 1000:5.0f} ms   peak memory {peak[label]:6.1f} MB")
        if count:
            print(f"{label:<12} to window shown: {counted[label]:7.1f} M instructions")
    scaled = f"demo x{scale}"
    floor_note = "the least any start of the app can cost: peewee, the models and Qt's enums"
    figures = [
        Figure("start-up to window shown, demo database (CPU)", cpu["demo"] * 1000, "ms", 1.5,
               baseline=cpu["bare"] * 1000, judge_ratio=True, is_target=not count,
               note=cpu_note(paired["demo"], runs, count)),
        Figure(f"start-up to window shown, {scaled} (CPU)", cpu[scaled] * 1000, "ms", 2.0,
               baseline=cpu["bare"] * 1000, judge_ratio=True, is_target=not count,
               note=cpu_note(paired[scaled], runs, count)),
    ]
    if count:
        figures += [
            Figure("start-up to window shown, demo database (instructions)", counted["demo"], "M", 1.5,
                   baseline=counted["bare"], judge_ratio=True),
            Figure(f"start-up to window shown, {scaled} (instructions)", counted[scaled], "M", 2.0,
                   baseline=counted["bare"], judge_ratio=True),
            Figure("bare window after the app's data layer and Qt namespace (instructions)", counted["floor"], "M",
                   1.5, baseline=counted["bare"], judge_ratio=True, is_target=False, note=floor_note),
        ]
    return report("startup", [
        *figures,
        Figure(f"peak memory, {scaled}", peak[scaled], "MB", 2.0, baseline=peak["bare"], judge_ratio=True),
        Figure("bare window after the app's data layer and Qt namespace (CPU)", cpu["floor"] * 1000, "ms", 1.5,
               baseline=cpu["bare"] * 1000, judge_ratio=True, is_target=False, note=floor_note),
        Figure("peak memory, demo database", peak["demo"], "MB", 2.0, baseline=peak["bare"], judge_ratio=True,
               is_target=False, note="not a target of the issue"),
    ])


if __name__ == "__main__":
    sys.exit(main())
