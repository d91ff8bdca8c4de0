"""Thin launcher: `python main.py ...` behaves exactly like the `dialogue-planner` command."""

import sys

from dialogue_planner.cli import main

if __name__ == "__main__":
    sys.exit(main())
