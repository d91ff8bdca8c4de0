"""Benchmarks: each compares the app against a bare baseline measured in the same run (python3 tasks.py bench)."""

# What the app prints at its window's first paint (dialogue_planner.app.SHOWN_MARKER, without importing
# the app), and benchmarks/bare_window.py at its own.
MARKER = "dialogue-planner: main window shown"
