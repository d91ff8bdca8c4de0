"""Labels for people for the stored vocabulary values (storage.vocabulary), translated.

The stored values ("senior_officials", "in_preparation") are stable identifiers;
what a person reads comes from here, through Qt's translation context "labels".
The tables mark the source strings with QT_TRANSLATE_NOOP so that lupdate finds
them; each lookup translates at call time, so a translator installed after
start-up still takes effect.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "labels"

ENGAGEMENT_LEVELS = {
    "active": QT_TRANSLATE_NOOP("labels", "Active"),
    "scaled_down": QT_TRANSLATE_NOOP("labels", "Scaled down"),
    "paused": QT_TRANSLATE_NOOP("labels", "Paused"),
    "suspended": QT_TRANSLATE_NOOP("labels", "Suspended"),
}

# The same levels inside running text ("China — scaled down"); kept apart from the
# labels above because lower-casing a translated label is wrong in many languages.
ENGAGEMENT_LEVELS_IN_TEXT = {
    "active": QT_TRANSLATE_NOOP("labels", "active"),
    "scaled_down": QT_TRANSLATE_NOOP("labels", "scaled down"),
    "paused": QT_TRANSLATE_NOOP("labels", "paused"),
    "suspended": QT_TRANSLATE_NOOP("labels", "suspended"),
}

HOST_SIDES = {
    "partner": QT_TRANSLATE_NOOP("labels", "Partner"),
    "home": QT_TRANSLATE_NOOP("labels", "Home"),
}

ROUND_LEVELS = {
    "political": QT_TRANSLATE_NOOP("labels", "Political"),
    "senior_officials": QT_TRANSLATE_NOOP("labels", "Senior officials"),
    "expert": QT_TRANSLATE_NOOP("labels", "Expert"),
}

ROUND_STATUSES = {
    "planned": QT_TRANSLATE_NOOP("labels", "Planned"),
    "in_preparation": QT_TRANSLATE_NOOP("labels", "In preparation"),
    "held": QT_TRANSLATE_NOOP("labels", "Held"),
    "concluded": QT_TRANSLATE_NOOP("labels", "Concluded"),
    "postponed": QT_TRANSLATE_NOOP("labels", "Postponed"),
    "cancelled": QT_TRANSLATE_NOOP("labels", "Cancelled"),
}


def _label(table: dict[str, str], value: str | None) -> str:
    if value is None:
        return ""
    source = table.get(value)
    if source is None:
        # A value newer than this table: readable rather than blank, and a test
        # over storage.vocabulary catches the missing entry.
        return value.replace("_", " ").capitalize()
    return QCoreApplication.translate(CONTEXT, source)


def engagement_level_label(value: str | None) -> str:
    """'scaled_down' -> 'Scaled down': for headings, lists of choices and table cells."""
    return _label(ENGAGEMENT_LEVELS, value)


def engagement_level_in_text(value: str | None) -> str:
    """'scaled_down' -> 'scaled down': the level as it reads inside a phrase."""
    return _label(ENGAGEMENT_LEVELS_IN_TEXT, value)


def host_side_label(value: str | None) -> str:
    """'partner' -> 'Partner': which side hosts a round."""
    return _label(HOST_SIDES, value)


def round_level_label(value: str | None) -> str:
    """'senior_officials' -> 'Senior officials'."""
    return _label(ROUND_LEVELS, value)


def round_status_label(value: str | None) -> str:
    """'in_preparation' -> 'In preparation'."""
    return _label(ROUND_STATUSES, value)
