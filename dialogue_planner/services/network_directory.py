"""The network as the network view lists it: institutions, people, and the delegations a person was in."""

from __future__ import annotations

import functools
import operator
from typing import Any

import peewee
from peewee import JOIN, SQL, fn

from dialogue_planner.services.paged_lists import PagedList, SortField
from dialogue_planner.services.search import folded_contains, indexed_ids_sql
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.search_index import fold


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
    return list(_people_query(country_id).order_by(m.Person.name).dicts())


def people_pages(store: Store, country_id: int | None = None) -> PagedList:
    """The people directory (the same rows as `people_directory`) a page at a time, sortable by every
    column; filtered on what the People list shows (name, title, institution, country, email), case
    and diacritics ignored."""
    person = m.Person
    sort_fields = [
        SortField("name", person.name, may_be_empty=False),  # by the person_name index (migration 0005)
        SortField("title", person.title), SortField("email", person.email), SortField("phone", person.phone),
        SortField("institution", m.Institution.name), SortField("country", m.Country.name),
    ]

    def count() -> int:
        counted = person.select(fn.COUNT(person.id))
        if country_id is None:
            return counted.scalar()  # every person, with or without an institution: no join needed
        return counted.join(m.Institution).where(m.Institution.country == country_id).scalar()

    return PagedList(store, lambda: _people_query(country_id), person.id, sort_fields, "name",
                     functools.partial(_person_holds, store), count=count)


def _people_query(country_id: int | None) -> peewee.Select:
    person = m.Person
    query = (
        person.select(
            person.id, person.name, person.title, person.email, person.phone,
            m.Institution.name.alias("institution"), m.Country.name.alias("country"),
        )
        .join(m.Institution, JOIN.LEFT_OUTER)
        .join(m.Country, JOIN.LEFT_OUTER)
    )
    if country_id is not None:
        query = query.where(m.Institution.country == country_id)
    return query


def _person_holds(store: Store, word: str) -> peewee.Expression:
    """The person's name, title, email, institution or its country holds the folded word.

    On SQLite through the search index: its rows for people start with name, title and email, those
    for institutions with the name, and only those leading fields are compared (the few countries
    are folded here); the ids found make one set, read by id. On PostgreSQL the columns are folded
    in SQL.
    """
    word = fold(word)
    if not store.is_sqlite:
        shown = (m.Person.name, m.Person.title, m.Person.email, m.Institution.name, m.Country.name)
        return functools.reduce(operator.or_, (folded_contains(column, word) for column in shown))
    by_person, person_params = indexed_ids_sql("person", word, leading_fields=3)
    by_institution, institution_params = indexed_ids_sql("institution", word, leading_fields=1)
    parts = [by_person, f'SELECT id FROM "person" WHERE institution_id IN ({by_institution})']
    params = [*person_params, *institution_params]
    countries = [country_id for country_id, name in m.Country.select(m.Country.id, m.Country.name).tuples()
                 if word in fold(name)]
    if countries:
        in_countries, country_params = (
            m.Person.select(m.Person.id).join(m.Institution).where(m.Institution.country.in_(countries)).sql()
        )
        parts.append(in_countries)
        params.extend(country_params)
    return m.Person.id.in_(SQL("(" + " UNION ALL ".join(parts) + ")", params))


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
