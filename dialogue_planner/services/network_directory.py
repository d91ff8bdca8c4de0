"""The network as the network view lists it: institutions, people, and the delegations a person was in."""

from __future__ import annotations

import functools
import operator
from typing import Any

import peewee
from peewee import JOIN, SQL, fn

from dialogue_planner.services.paged_lists import PagedList, SortField
from dialogue_planner.services.search import folded_contains, indexed_ids
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
    column it shows; a filter is narrowed by the search index (names, titles, emails, institutions)."""
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

    def candidates(words: list[str]) -> peewee.Select:
        query = _people_query(country_id)
        for word in words:
            query = query.where(_person_may_hold(store, word))
        return query

    return PagedList(store, lambda: _people_query(country_id), person.id, sort_fields, "name", count=count,
                     candidates=candidates)


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


def _person_may_hold(store: Store, word: str) -> peewee.Expression:
    """People whose name, title, email, phone, institution or its country may hold the folded word.

    On SQLite through the search index (a superset: the index also holds notes); on PostgreSQL by
    folding the columns in SQL.
    """
    countries = [country_id for country_id, name in m.Country.select(m.Country.id, m.Country.name).tuples()
                 if fold(word) in fold(name)]
    in_country = m.Institution.country.in_(countries) if countries else SQL("0 = 1")
    if not store.is_sqlite:
        columns = (m.Person.name, m.Person.title, m.Person.email, m.Person.phone, m.Institution.name)
        return functools.reduce(operator.or_, (folded_contains(column, word) for column in columns), in_country)
    return (m.Person.id.in_(indexed_ids("person", word))
            | m.Person.institution.in_(indexed_ids("institution", word))
            | in_country)


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
