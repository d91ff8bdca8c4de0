"""The errors the app raises on purpose: each carries a message fit for a person.

Messages never quote confidential text (case names, notes): they name the
record type, its id and the field, never the value.
"""

from __future__ import annotations

from collections.abc import Mapping


class PlannerError(Exception):
    """Base of every expected failure; `str()` is a one-line reason."""


class ValidationError(PlannerError):
    """Bad input: `errors` maps each offending field to why it was refused."""

    def __init__(self, errors: Mapping[str, str], record: str = "") -> None:
        self.errors = dict(errors)
        self.record = record
        super().__init__(self._summary())

    def _summary(self) -> str:
        parts = [f"{field}: {message}" for field, message in self.errors.items()]
        prefix = f"{self.record}: " if self.record else ""
        return prefix + "; ".join(parts)


class NotFoundError(PlannerError):
    """A record asked for by id does not exist (any more)."""


class ConflictError(PlannerError):
    """Someone else changed the record since it was loaded; saving would lose their change."""


class StorageError(PlannerError):
    """The database cannot be opened or written: names the file and what is wrong."""


class DamagedDatabaseError(StorageError):
    """The database file is damaged or not a database; it was left exactly as it was.

    `path` is the file, `problems` what the check found, and `newest_backup` the
    newest backup that passes the check (None when there is none), so the app
    can offer to restore it. An encrypted file's `passphrase` is the key it was
    opened with, which opens that backup too; it is never part of the message.
    """

    def __init__(self, message: str, *, path, problems: list[str], newest_backup=None,
                 passphrase: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.problems = list(problems)
        self.newest_backup = newest_backup
        self.passphrase = passphrase


class PassphraseError(StorageError):
    """An encrypted database did not open: no passphrase was given, or the one given does not open it.

    `path` is the file; `wrong` is True when a passphrase (or recovery key) was
    tried and refused, False when none was given. The message names the file,
    never the passphrase, so the app can ask for it (again) and the command line
    can say where it goes. A file that is not a database at all is a
    DamagedDatabaseError, not this.
    """

    def __init__(self, message: str, *, path, wrong: bool) -> None:
        super().__init__(message)
        self.path = path
        self.wrong = wrong


class ReadOnlyError(PlannerError):
    """The database was opened read-only (a read-only file, folder or database role): nothing can be changed."""


class Cancelled(PlannerError):
    """The user stopped long work (an export, an import) before it finished; nothing was written."""
