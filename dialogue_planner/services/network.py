"""The network: institutions, people, and the delegations they form at each round."""

from __future__ import annotations

from typing import Any

from peewee import JOIN, Case

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def add_institution(store: Store, name: str, country: int | m.Country, sector: str, **values: Any) -> m.Institution:
    return records.create(store, m.Institution, {"name": name, "country": country, "sector": sector, **values})


def add_person(store: Store, name: str, **values: Any) -> m.Person:
    return records.create(store, m.Person, {"name": name, **values})


def add_to_delegation(
    store: Store, round: int | m.Round, person: int | m.Person, side: str, role: str = "member"
) -> m.DelegationMember:
    """Put a person on our (`home`) or the partner's delegation for a round, with a role."""
    return records.create(store, m.DelegationMember, {"round": round, "person": person, "side": side, "role": role})


def delegation_of(store: Store, round_id: int, side: str | None = None) -> list[dict[str, Any]]:
    """The round's delegation members with name, title and institution; heads first."""
    member = m.DelegationMember
    role_order = Case(member.role, [("head", 0), ("member", 1), ("expert", 2), ("interpreter", 3)], 4)
    query = (
        member.select(
            member.id, member.side, member.role, m.Person.id.alias("person_id"), m.Person.name,
            m.Person.title, m.Institution.name.alias("institution"),
        )
        .join(m.Person)
        .join(m.Institution, join_type=JOIN.LEFT_OUTER)
        .where(member.round == round_id)
        .order_by(member.side, role_order, m.Person.name)
    )
    if side is not None:
        query = query.where(member.side == side)
    return list(query.dicts())


def list_people(store: Store) -> list[dict[str, Any]]:
    """Everyone in the network with their institution, by name."""
    person = m.Person
    return list(
        person.select(person.id, person.name, person.title, person.email, person.phone,
                      m.Institution.name.alias("institution"))
        .join(m.Institution, join_type=JOIN.LEFT_OUTER)
        .order_by(person.name)
        .dicts()
    )


def people_at_institutions(store: Store, institution_ids: list[int]) -> list[dict[str, Any]]:
    """Everyone working at the given institutions, with contact details, by institution and name."""
    if not institution_ids:
        return []
    person = m.Person
    return list(
        person.select(person.id, person.name, person.title, person.email, person.phone,
                      m.Institution.name.alias("institution"))
        .join(m.Institution)
        .where(person.institution.in_(institution_ids))
        .order_by(m.Institution.name, person.name)
        .dicts()
    )
