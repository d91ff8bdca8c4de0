"""What a start of the app does the quick way, from the package's first line until the start is over.

- `pattern_cache`: the regular expressions compiled as modules load come from a cache file.
- `quick_enums`: the enums PySide6 makes of Qt's are made the standard library's quick way.

The package starts both before anything else (`dialogue_planner/__init__.py`). The app finishes
them once its window has painted; the command line once it knows the command is not the window,
or when the window's command ends without a paint (a screenshot, a failure).
"""

from __future__ import annotations

from dialogue_planner import pattern_cache, quick_enums


def start() -> None:
    pattern_cache.START_UP.start()
    quick_enums.START_UP.start()


def finish() -> None:
    quick_enums.START_UP.finish()
    pattern_cache.START_UP.finish()
