"""The user's settings as the app reads them at start-up: keys, the user's name, the marking, recent databases.

Kept apart from the settings dialog, so that starting the app does not load the dialog and its widgets.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QSettings, QUrl

USER_NAME_KEY = "user/name"
CLASSIFICATION_KEY = "brief/classification"
RECENT_KEY = "databases/recent"
DEFAULT_CLASSIFICATION = "CONFIDENTIAL"  # the brief's own default: a full brief is never unmarked
RECENT_LIMIT = 8


def user_name(settings: QSettings) -> str:
    """The name recorded in the change history: as set, else the login name."""
    return str(settings.value(USER_NAME_KEY, "") or "") or getpass.getuser()


def classification_marking(settings: QSettings) -> str:
    """The marking printed on every page of a brief unless the user chooses another."""
    return str(settings.value(CLASSIFICATION_KEY, "") or "") or DEFAULT_CLASSIFICATION


def recent_databases(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings gives a lone string for a one-item list in INI files
        value = [value]
    return [str(item) for item in value or [] if item]


def remember_database(settings: QSettings, location: str) -> None:
    """Put the location first in the recent list (at most RECENT_LIMIT, no duplicates)."""
    recent = [location] + [item for item in recent_databases(settings) if item != location]
    settings.setValue(RECENT_KEY, recent[:RECENT_LIMIT])


def display_location(location: str) -> str:
    """A location as shown to people: URLs without their password."""
    if "://" in location:
        return QUrl(location).toDisplayString(QUrl.UrlFormattingOption.RemovePassword)
    return location
