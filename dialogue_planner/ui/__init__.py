"""PySide6 only: windows, views, Qt models, dialogs, workers."""

from PySide6 import QtCore as _QtCore  # noqa: F401 - loads shibokensupport, whose check source_scan speeds up

from dialogue_planner.ui import source_scan as _source_scan

_source_scan.install()
