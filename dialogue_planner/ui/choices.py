"""The choices of reference fields, worded for people: (id, label) pairs over the services' rows.

Each function returns a callable for `FieldSpec.options`, so a form reads the
choices again whenever it loads a record (records added meanwhile appear).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from dialogue_planner.services.reference_lists import country_rows, institution_rows, person_rows, round_rows
from dialogue_planner.services.topics import list_topics
from dialogue_planner.storage.database import Store

Options = Callable[[], list[tuple[int, str]]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("choices", text)


def round_label(row: dict[str, Any], *, with_country: bool = True) -> str:
    """'China, round 24 (2024)', or 'Round 24 (2024)' without the country; no year while undated."""
    if with_country:
        text = _tr("{country}, round {number}").format(country=row["country"], number=row["number"])
    else:
        text = _tr("Round {number}").format(number=row["number"])
    start = row.get("start_date")
    return f"{text} ({start.year})" if start else text


def country_options(store: Store) -> Options:
    """Every country by name."""
    return lambda: [(row["id"], row["name"]) for row in country_rows(store)]


def topic_options(store: Store) -> Options:
    """Every topic of the catalogue by name."""
    return lambda: [(row["id"], row["name"]) for row in list_topics(store)]


def institution_options(store: Store) -> Options:
    """Every institution as 'name (country)'."""
    def options() -> list[tuple[int, str]]:
        return [
            (row["id"], _tr("{name} ({country})").format(name=row["name"], country=row["country"]))
            for row in institution_rows(store)
        ]

    return options


def person_options(store: Store) -> Options:
    """Everyone as 'name, institution'."""
    def options() -> list[tuple[int, str]]:
        return [
            (row["id"], _tr("{name}, {institution}").format(**row) if row["institution"] else row["name"])
            for row in person_rows(store)
        ]

    return options


def round_options(store: Store, dialogue_id: Callable[[], int | None]) -> Options:
    """The rounds of the dialogue `dialogue_id()` names at the time of asking (all rounds for None)."""

    def options() -> list[tuple[int, str]]:
        return [(row["id"], round_label(row)) for row in round_rows(store, dialogue_id=dialogue_id())]

    return options
