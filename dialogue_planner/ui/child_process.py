"""A command of the program run in a child process, with progress lines, Cancel and one outcome signal.

    child = ChildCommand(["brief", "12", "-o", "brief.pdf", "--progress-lines"], store, parent, output=path)
    child.progress.connect(...); child.succeeded.connect(...); child.start()

The child is `python -m dialogue_planner.cli COMMAND --db LOCATION ...` (sys.executable): it
opens the same database by itself and only reads it, so its Python (reportlab layout, a full
garbage collection) never holds the window's GIL. It speaks on stdout in the lines of
`cli._ProgressLines` (`progress<TAB>done<TAB>total<TAB>text`, `result<TAB>name<TAB>value`) and,
when it fails, one line `dialogue-planner: error: <reason>` on stderr, which becomes `failed`.

A child never outlives its window: when the window it was started from closes (or the app quits),
it is stopped like a Cancel, so the window's database can close and no export finishes unseen.

Secrets never go on the command line (other users can list it): an encrypted database's
passphrase goes through DIALOGUE_PLANNER_PASSPHRASE, a server URL's password through PGPASSWORD.
"""

from __future__ import annotations

import sys
import urllib.parse
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QProcess, QProcessEnvironment, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from dialogue_planner.cli import PASSPHRASE_VARIABLE, PROGRAM
from dialogue_planner.storage.database import Store, is_url

ERROR_PREFIX = f"{PROGRAM}: error: "
STOP_WAIT_MS = 5000


class ChildCommand(QObject):
    """One run of a command in a child process: progress, then exactly one of succeeded, failed or cancelled."""

    progress = Signal(int, int, str)  # done, total, what is happening
    succeeded = Signal(dict)  # the `result` lines, name to text ({"pages": "51"})
    failed = Signal(str)  # a one-line reason, fit to show
    cancelled = Signal()

    def __init__(self, arguments: list[str], database: Store | str, parent: QObject | None = None, *,
                 output: Path | None = None) -> None:
        """`database`: the open store the child reads (same location, same passphrase), or a new file's path."""
        super().__init__(parent)
        self.output = output  # the file the command writes: its temporary file must not stay behind
        self.results: dict[str, str] = {}
        self._cancel_requested = False
        self._ended = False
        self._pending = b""
        self._window: QWidget | None = None
        self.process = QProcess(self)
        location, environment = _database_for_child(database)
        self.process.setProgram(sys.executable)
        self.process.setArguments(["-m", "dialogue_planner.cli", *arguments, "--db", location])
        self.process.setProcessEnvironment(environment)
        self.process.readyReadStandardOutput.connect(self._read_lines)
        self.process.finished.connect(self._on_finished)
        self.process.errorOccurred.connect(self._on_error)

    def start(self) -> None:
        """Start the child; the outcome arrives by signal."""
        self._window = _window_of(self)
        if self._window is not None:
            self._window.installEventFilter(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self.process.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """The window closing stops the child (see the module's docstring); the event goes on as usual."""
        if event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def is_running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def cancel(self) -> None:
        """Stop the child at once; `cancelled` follows and the output file stays as it was."""
        if self.is_running():
            self._cancel_requested = True
            self.process.kill()

    def stop(self) -> None:
        """Cancel and wait until the child has ended (for a window that closes): its outcome is reported now."""
        self.cancel()
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.waitForFinished(STOP_WAIT_MS)

    def _read_lines(self) -> None:
        self._pending += bytes(self.process.readAllStandardOutput().data())
        *complete, self._pending = self._pending.split(b"\n")
        for raw in complete:
            fields = raw.decode("utf-8", "replace").rstrip("\r").split("\t")
            if fields[0] == "progress" and len(fields) == 4 and fields[1].isdigit() and fields[2].isdigit():
                self.progress.emit(int(fields[1]), int(fields[2]), fields[3])
            elif fields[0] == "result" and len(fields) == 3:
                self.results[fields[1]] = fields[2]

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_lines()
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            self._end(self.succeeded, dict(self.results))
            return
        self._remove_partial_output()
        if self._cancel_requested:
            self._end(self.cancelled)
        elif status == QProcess.ExitStatus.CrashExit:
            self._end(self.failed, "the work stopped unexpectedly")
        else:
            self._end(self.failed, self._reason(code))

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:  # no `finished` follows this one
            self._end(self.failed, "the program could not be started")

    def _end(self, signal, *arguments: object) -> None:  # noqa: ANN001 - a SignalInstance
        if self._ended:
            return
        self._ended = True
        if self._window is not None:
            self._window.removeEventFilter(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.disconnect(self.stop)
        signal.emit(*arguments)

    def _reason(self, code: int) -> str:
        """The child's one-line reason; anything else it said (a traceback) could quote records: not shown."""
        said = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace").splitlines()
        reasons = [line.removeprefix(ERROR_PREFIX) for line in said if line.startswith(ERROR_PREFIX)]
        return reasons[-1] if reasons else f"the work stopped on an unexpected error (exit code {code})"

    def _remove_partial_output(self) -> None:
        # A killed child cannot clean up: the temporary file of storage.files.write_file_atomically stays.
        if self.output is not None:
            for leftover in self.output.parent.glob(f".{self.output.name}.*.partial"):
                leftover.unlink(missing_ok=True)


def _window_of(child: QObject) -> QWidget | None:
    """The window of the first widget among `child`'s parents (None when it has none)."""
    owner = child.parent()
    while owner is not None and not isinstance(owner, QWidget):
        owner = owner.parent()
    return owner.window() if owner is not None else None


def _database_for_child(database: Store | str) -> tuple[str, QProcessEnvironment]:
    """The location to pass on the command line, and the environment carrying the secrets it must not show."""
    environment = QProcessEnvironment.systemEnvironment()
    environment.remove(PASSPHRASE_VARIABLE)
    if isinstance(database, str):
        return database, environment
    if database.passphrase is not None:
        environment.insert(PASSPHRASE_VARIABLE, database.passphrase)
    location = database.location
    if is_url(location):
        parts = urllib.parse.urlsplit(location)
        if parts.password is not None:
            environment.insert("PGPASSWORD", urllib.parse.unquote(parts.password))
            host = parts.netloc.rsplit("@", 1)[1]
            user = parts.username or ""
            location = urllib.parse.urlunsplit(parts._replace(netloc=f"{user}@{host}" if user else host))
    return location, environment


def show_progress(child: ChildCommand, parent: QWidget | None, label: str, title: str | None = None) -> QProgressDialog:
    """A window-modal progress dialog for `child`: shows its steps, Cancel stops it, it closes when the child ends."""
    dialog = QProgressDialog(label, QCoreApplication.translate("ChildCommand", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title or label)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)  # quick work finishes without a flash of dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(child.cancel)
    child.progress.connect(lambda done, total, text: _show_step(dialog, done, total, text))
    for end in (child.succeeded, child.failed, child.cancelled):
        end.connect(dialog.close)
        end.connect(dialog.deleteLater)
    return dialog


def _show_step(dialog: QProgressDialog, done: int, total: int, text: str) -> None:
    dialog.setMaximum(total)
    dialog.setValue(done)
    if text:
        dialog.setLabelText(text)
