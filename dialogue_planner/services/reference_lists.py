"""What the record forms offer to choose from: countries, topics, institutions, people and rounds.

Each function is one query, ordered as a person looks for an entry in a list;
the UI words the labels (translated), so these return plain rows.
"""

from __future__ import annotations

from typing import Any

from peewee import JOIN

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def country_rows(store: Store) -> list[dict[str, Any]]:
    """Every country by name: id, name, iso_code, is_home."""
    country = m.Country
    query = country.select(country.id, country.name, country.iso_code, country.is_home).order_by(country.name)
    return list(query.dicts())


def institution_rows(store: Store) -> list[dict[str, Any]]:
    """Every institution by name: id, name, country (name)."""
    return list(
        m.Institution.select(m.Institution.id, m.Institution.name, m.Country.name.alias("country"))
        .join(m.Country)
        .order_by(m.Institution.name, m.Country.name)
        .dicts()
    )


def person_rows(store: Store) -> list[dict[str, Any]]:
    """Everyone in the network by name: id, name, institution (name or None)."""
    return list(
        m.Person.select(m.Person.id, m.Person.name, m.Institution.name.alias("institution"))
        .join(m.Institution, JOIN.LEFT_OUTER)
        .order_by(m.Person.name)
        .dicts()
    )


def round_rows(
    store: Store, *, dialogue_id: int | None = None, country_id: int | None = None
) -> list[dict[str, Any]]:
    """Rounds (of one dialogue, or of the dialogue with one country) by country and newest first:
    id, number, start_date, country."""
    query = (
        m.Round.select(m.Round.id, m.Round.number, m.Round.start_date, m.Country.name.alias("country"))
        .join(m.Dialogue)
        .join(m.Country)
        .order_by(m.Country.name, m.Round.number.desc())
    )
    if dialogue_id is not None:
        query = query.where(m.Round.dialogue == dialogue_id)
    if country_id is not None:
        query = query.where(m.Dialogue.country == country_id)
    return list(query.dicts())


def dialogue_country_id(store: Store, dialogue_id: int) -> int:
    """The partner country of the dialogue (NotFoundError if there is no such dialogue)."""
    return records.get(store, m.Dialogue, dialogue_id).country_id
