"""PySide6 only: windows, views, Qt models, dialogs, workers."""

import sys as _sys

from dialogue_planner.ui import support_code_cache as _support_code_cache

if "shiboken6" in _sys.modules:  # PySide6 came first (a test, a tool): its support is compiled already
    from PySide6 import QtCore as _QtCore  # noqa: F401
else:
    with _support_code_cache.compiled_once():
        from PySide6 import QtCore as _QtCore  # noqa: F401 - loads shibokensupport, which source_scan speeds up

from dialogue_planner.ui import source_scan as _source_scan  # noqa: E402 - after PySide6 has loaded its support

_source_scan.install()
