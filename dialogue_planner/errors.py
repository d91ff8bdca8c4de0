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
