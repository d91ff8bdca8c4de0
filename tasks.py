#!/usr/bin/env python3
"""Set up and run Dialogue Planner with nothing but python3.

    python3 tasks.py run [ARGS...]    set up .venv, install, launch the app (ARGS go to dialogue-planner)
    python3 tasks.py test [ARGS...]   set up .venv with the test tools, check layers and style, run pytest
    python3 tasks.py bench [NAMES...] run the benchmarks in benchmarks/ (all, or those named: brief review ...)
                                      and write their figures to benchmarks/results.json
    python3 tasks.py screenshots      remake docs/screenshots/*.png from a fresh demo database (offscreen)

The virtual environment lives in .venv beside this file and is refreshed
whenever pyproject.toml changes. Only the standard library is used here, so
this works on a fresh machine before anything is installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

# Shared libraries PySide6 needs from the system on Debian, and the packages that ship them.
QT_DEBIAN_PACKAGES = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libnss3",
    "libxcomposite1",
    "libxdamage1",
    "libxrandr2",
    "libxtst6",
    "libxi6",
    "libasound2",
    "fonts-dejavu-core",
]


def say(message: str) -> None:
    print(f"[tasks] {message}", flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None) -> int:
    return subprocess.call([str(part) for part in command], cwd=ROOT, env=env)


def _bootstrap_pip() -> None:
    """Install pip into a venv made without it (Debian's python3 lacks ensurepip without python3-venv)."""
    say("ensurepip is missing; fetching pip from PyPI")
    with urllib.request.urlopen("https://pypi.org/pypi/pip/json", timeout=60) as response:
        release = json.load(response)
    wheel = next(item for item in release["urls"] if item["filename"].endswith(".whl"))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / wheel["filename"]
        urllib.request.urlretrieve(wheel["url"], target)
        subprocess.check_call([str(PYTHON), str(target / "pip"), "install", "--quiet", str(target)])


def ensure_venv() -> None:
    if PYTHON.exists():
        return
    say(f"creating virtual environment in {VENV}")
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
    except (subprocess.CalledProcessError, OSError):
        shutil.rmtree(VENV, ignore_errors=True)
        venv.EnvBuilder(with_pip=False).create(VENV)
        _bootstrap_pip()


def ensure_installed(extras: str) -> None:
    """pip install the project (editable) unless the same pyproject and extras are already installed."""
    stamp = VENV / f".installed-{extras or 'app'}"
    fingerprint = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    if stamp.exists() and stamp.read_text(encoding="utf-8") == fingerprint:
        return
    target = f".[{extras}]" if extras else "."
    say(f"installing {target} into {VENV}")
    subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], cwd=ROOT)
    subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT)
    stamp.write_text(fingerprint, encoding="utf-8")


def ensure_qt_libraries() -> None:
    """Qt needs a few system libraries; install them when we may (root), else say how."""
    probe = subprocess.run(
        [str(PYTHON), "-c", "from PySide6 import QtWidgets, QtGui"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if probe.returncode == 0:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *QT_DEBIAN_PACKAGES]
    if sys.platform.startswith("linux") and shutil.which("apt-get") and os.geteuid() == 0:
        say("installing the system libraries Qt needs")
        subprocess.check_call(["apt-get", "update", "-q"])
        subprocess.check_call(command, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        return
    say("Qt cannot load: " + (probe.stderr.strip().splitlines() or ["unknown error"])[-1])
    say("install its system libraries, then try again:\n    sudo " + " ".join(command))
    sys.exit(1)


def task_run(arguments: list[str]) -> int:
    ensure_venv()
    ensure_installed("")
    ensure_qt_libraries()
    return run(BIN / "dialogue-planner", *(arguments or ["gui"]))


def task_test(arguments: list[str]) -> int:
    ensure_venv()
    ensure_installed("test")
    ensure_qt_libraries()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    say("checking layer contracts (import-linter)")
    if run(BIN / "lint-imports", "--no-cache", env=env):
        return 1
    say("checking style (ruff)")
    if run(BIN / "ruff", "check", "dialogue_planner", "tests", "benchmarks", "main.py", "tasks.py", env=env):
        return 1
    say("running the tests (pytest, Qt offscreen)")
    return run(BIN / "pytest", *arguments, env=env)


def ensure_valgrind() -> None:
    """The start-up benchmark counts instructions with valgrind: install it when we may (root), else say so."""
    if shutil.which("valgrind"):
        return
    if sys.platform.startswith("linux") and shutil.which("apt-get") and os.geteuid() == 0:
        say("installing valgrind, which counts the instructions of a start-up")
        subprocess.check_call(["apt-get", "update", "-q"])
        subprocess.check_call(["apt-get", "install", "-y", "--no-install-recommends", "valgrind"],
                              env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        return
    say("valgrind not found: start-up is judged on CPU time instead (sudo apt-get install valgrind)")


def task_bench(arguments: list[str]) -> int:
    """Each benchmarks/bench_NAME.py measures against a baseline in the same run and prints the ratio."""
    ensure_venv()
    ensure_installed("test")
    ensure_qt_libraries()
    if not arguments or "startup" in arguments:
        ensure_valgrind()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    scripts = sorted((ROOT / "benchmarks").glob("bench_*.py"))
    chosen = [path for path in scripts if not arguments or path.stem.removeprefix("bench_") in arguments]
    if not chosen:
        say("no benchmark matches " + " ".join(arguments))
        return 2
    failures = 0
    with tempfile.TemporaryDirectory() as results, tempfile.TemporaryDirectory() as data:
        # The benchmarks of one run share the demo databases they build, and leave their figures here.
        env.update(BENCH_RESULTS_DIR=results, BENCH_DATA_DIR=data)
        env.pop("PYTHONDONTWRITEBYTECODE")  # start-up is measured with bytecode cached, as installed
        for script in chosen:
            say(f"benchmark {script.stem.removeprefix('bench_')}")
            failures += run(PYTHON, "-m", f"benchmarks.{script.stem}", env=env) != 0
        written = run(PYTHON, "-m", "benchmarks.report", results, str(ROOT / "benchmarks" / "results.json"), env=env)
    return 1 if failures or written else 0


SCREENSHOT_VIEWS = ("overview", "round", "topics", "projects", "network", "cases", "multilateral", "follow-ups",
                    "history", "review")


def task_screenshots(arguments: list[str]) -> int:
    """The README's pictures: every view of a fresh demo database, rendered offscreen."""
    ensure_venv()
    ensure_installed("")
    ensure_qt_libraries()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    target = ROOT / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = str(Path(folder) / "demo.sqlite")
        if run(BIN / "dialogue-planner", "demo", "--db", database, env=env):
            return 1
        for view in arguments or SCREENSHOT_VIEWS:
            say(f"screenshot of {view}")
            shot = target / f"{view}.png"
            command = ("gui", "--db", database, "--screenshot", str(shot), "--view", view)
            if run(BIN / "dialogue-planner", *command, env=env):
                return 1
    return 0


def main() -> int:
    tasks = {"run": task_run, "test": task_test, "bench": task_bench, "screenshots": task_screenshots}
    if len(sys.argv) < 2 or sys.argv[1] not in tasks:
        print(__doc__)
        return 2
    return tasks[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
