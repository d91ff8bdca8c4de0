"""The network as the network view lists it: institutions, people, and the delegations a person was in."""

from __future__ import annotations

from typing import Any

from peewee import JOIN, fn

from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def list_institutions(store: Store, country_id: int | None = None) -> list[dict[str, Any]]:
    """Institutions (of one country if given) by name, with country, sector and `people_count`."""
    institution = m.Institution
    people = (
        m.Person.select(m.Person.institution, fn.COUNT(m.Person.id).alias("n"))
        .group_by(m.Person.institution)
        .alias("people")
    )
    query = (
        institution.select(
            institution.id, institution.name, institution.sector, m.Country.name.alias("country"),
            fn.COALESCE(people.c.n, 0).alias("people_count"),
        )
        .join(m.Country)
        .switch(institution)
        .join(people, JOIN.LEFT_OUTER, on=(people.c.institution_id == institution.id))
        .order_by(institution.name)
    )
    if country_id is not None:
        query = query.where(institution.country == country_id)
    return list(query.dicts())


def people_directory(store: Store, country_id: int | None = None) -> list[dict[str, Any]]:
    """People by name with title, institution, its country and contact details; with `country_id`,
    only those at an institution of that country."""
    person = m.Person
    query = (
        person.select(
            person.id, person.name, person.title, person.email, person.phone,
            m.Institution.name.alias("institution"), m.Country.name.alias("country"),
        )
        .join(m.Institution, JOIN.LEFT_OUTER)
        .join(m.Country, JOIN.LEFT_OUTER)
        .order_by(person.name)
    )
    if country_id is not None:
        query = query.where(m.Institution.country == country_id)
    return list(query.dicts())


def delegations_of_person(store: Store, person_id: int) -> list[dict[str, Any]]:
    """The rounds the person was in a delegation at, newest first: country, round number, dates, side, role."""
    member = m.DelegationMember
    return list(
        member.select(
            member.id, member.side, member.role, m.Round.id.alias("round_id"), m.Round.number,
            m.Round.start_date, m.Round.city, m.Country.name.alias("country"),
        )
        .join(m.Round)
        .join(m.Dialogue)
        .join(m.Country)
        .where(member.person == person_id)
        .order_by(m.Round.start_date.desc(nulls="FIRST"), m.Country.name, m.Round.number.desc())
        .dicts()
    )
