"""Benchmarks: each compares the app against a bare baseline measured in the same run (python3 tasks.py bench)."""
