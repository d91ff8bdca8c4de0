"""The user's settings as the app reads them at start-up: keys, the user's name, the marking, recent databases,
and how a database's location is shown.

Kept apart from the settings dialog, so that starting the app does not load the dialog and its widgets.
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from dialogue_planner.storage.database import Store

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
        from PySide6.QtCore import QUrl  # here: its type costs some 5 M instructions to set up, at every start

        return QUrl(location).toDisplayString(QUrl.UrlFormattingOption.RemovePassword)
    return location


def location_for_title(store: Store) -> str:
    """The database file's name, or its URL without the password."""
    return store.path.name if store.path is not None else display_location(store.location)


def location_for_status(store: Store) -> str:
    """The database file's full path (a Path's text has the system's separators), or its URL without the password."""
    return str(store.path) if store.path is not None else display_location(store.location)
