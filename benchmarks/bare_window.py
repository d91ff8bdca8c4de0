"""The start-up baseline: a bare PySide6 process showing an empty QMainWindow with a QTableView.

With `--with-data-layer` it first imports what every start of the app must (the storage layer and
Qt's namespace): bench_startup prints that as the floor the app's start-up cannot go below.

It prints the same marker as `dialogue-planner gui --exit-when-shown` at the window's
first paint, with the CPU time used until then, and quits, so benchmarks/bench_startup.py
times both the same way.
"""

from __future__ import annotations

import resource
import sys

if "--with-data-layer" in sys.argv:
    # PySide6 loaded as the app loads it: through the ui package, which caches its support modules' code.
    import dialogue_planner.ui  # noqa: F401

# isort: split
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

from benchmarks import MARKER


class QuitWhenPainted(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            usage = resource.getrusage(resource.RUSAGE_SELF)
            print(f"{MARKER} cpu_ms={(usage.ru_utime + usage.ru_stime) * 1000:.1f}", flush=True)
            QTimer.singleShot(0, QCoreApplication.quit)
        return False


def main() -> int:
    if "--with-data-layer" in sys.argv:
        # The least any window of the app can cost: the storage layer (peewee, its models) and Qt's
        # namespace of enums, which nearly every widget of the app uses, loaded before the same window
        # (and PySide6 loaded the app's way, above).
        from PySide6.QtCore import Qt  # noqa: F401

        import dialogue_planner.storage.database  # noqa: F401
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    quitter = QuitWhenPainted(window)
    window.installEventFilter(quitter)
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
