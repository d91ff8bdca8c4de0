"""The network as the network view lists it: institutions, people, and the delegations a person was in."""

from __future__ import annotations

import functools
import operator
from typing import Any

import peewee
from peewee import JOIN, SQL, fn

from dialogue_planner.services.list_order import SortField
from dialogue_planner.services.paged_lists import PagedList
from dialogue_planner.services.search import (
    ascii_lowered_holds,
    folded_contains,
    index_finds,
    indexed_ids_sql,
    leading_fields_hold,
)
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.search_index import FOLD_FUNCTION, INDEX_TABLE, fold, rowid_range

PERSON_SHOWN_FIELDS = 3  # name, title, email: the leading fields of a person's row of the search index
TRIGRAMS = "search_trigrams"  # the search index's trigrams, listed by SQLite's fts5vocab (connection's own)


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
        SortField("name", person.name, may_be_empty=False, indexed=True),  # the person_name index (migration 0005)
        SortField("title", person.title), SortField("email", person.email), SortField("phone", person.phone),
        SortField("institution", m.Institution.name), SortField("country", m.Country.name),
    ]

    def count() -> int:
        counted = person.select(fn.COUNT(person.id))
        if country_id is None:
            return counted.scalar()  # every person, with or without an institution: no join needed
        return counted.join(m.Institution).where(m.Institution.country == country_id).scalar()

    def counted() -> peewee.Select:  # the people without the columns joined to them (LEFT JOINs: 0.5 s at x100)
        listed = person.select(person.id)
        return listed if country_id is None else listed.join(m.Institution).where(m.Institution.country == country_id)

    if not store.is_sqlite:  # a filter tests the joined columns there: it is counted with them
        return PagedList(store, lambda: _people_query(country_id), person.id, sort_fields, "name",
                         functools.partial(_person_holds, store), count=count)
    return PagedList(store, lambda: _people_query(country_id), person.id, sort_fields, "name",
                     functools.partial(_person_holds, store), count=count, counted=counted,
                     matching_ids=functools.partial(_people_holding, store, country_id=country_id),
                     holds_here=functools.partial(_person_holds_here, store),
                     matches_at_most=functools.partial(_people_holding_at_most, store))


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

    On SQLite through the search index (see `_people_holding`), on PostgreSQL by folding the
    columns in SQL.
    """
    word = fold(word)
    if not store.is_sqlite:
        shown = (m.Person.name, m.Person.title, m.Person.email, m.Institution.name, m.Country.name)
        return functools.reduce(operator.or_, (folded_contains(column, word) for column in shown))
    sql, params = _people_holding(store, word)
    return m.Person.id.in_(SQL(f"({sql})", params))


def _people_holding(store: Store, word: str, country_id: int | None = None) -> tuple[str, list]:
    """SQL and parameters (SQLite) of the ids of the people (at an institution of the country, if
    given) whose shown text holds the folded word, some perhaps twice: found through the search index,
    whose rows for people start with name, title and email, those for institutions with the name
    (only those leading fields are compared); the few countries are folded here."""
    word = fold(word)
    parts: list[str] = []
    params: list = []
    if _may_be_indexed(store, word):
        by_person, person_params = indexed_ids_sql("person", word, leading_fields=PERSON_SHOWN_FIELDS)
        by_institution, institution_params = indexed_ids_sql("institution", word, leading_fields=1)
        parts += [by_person, f'SELECT id FROM "person" WHERE institution_id IN ({by_institution})']
        params += [*person_params, *institution_params]
    countries = _countries_holding(store, word)
    if countries:
        in_countries, country_params = (
            m.Person.select(m.Person.id).join(m.Institution).where(m.Institution.country.in_(countries)).sql()
        )
        parts.append(in_countries)
        params.extend(country_params)
    sql = " UNION ALL ".join(parts) or 'SELECT id FROM "person" WHERE 0'
    if country_id is None:
        return sql, params
    in_country, in_country_params = (
        m.Person.select(m.Person.id).join(m.Institution).where(m.Institution.country == country_id).sql()
    )
    return f"SELECT * FROM ({sql}) WHERE id IN ({in_country})", [*params, *in_country_params]


def _may_be_indexed(store: Store, word: str) -> bool:
    """False if no text of the search index holds the folded word of two characters within its shown
    fields, told by the index's own list of trigrams: a word that the index cannot find ("qx") was
    looked for in the text of every person (60-130 ms at demo x100), though it matched nobody.

    The shown fields of a person or an institution are followed by others in its index row, so the
    word there is followed by a character: some trigram starts with it. Other words, and a connection
    that cannot make the (temporary) list of trigrams, are looked for as before.
    """
    if len(word) != 2 or index_finds(word):
        return True
    try:
        store.db.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{TRIGRAMS} "
                             f"USING fts5vocab(main, '{INDEX_TABLE}', 'row')")
        found = store.db.execute_sql(f"SELECT 1 FROM temp.{TRIGRAMS} WHERE term >= ? AND term < ? LIMIT 1",
                                     (word, word + "\U0010ffff")).fetchone()
    except peewee.DatabaseError:  # a read-only connection makes no table, not even a temporary one
        return True
    return found is not None


def _people_holding_at_most(store: Store, word: str) -> int | None:
    """At least as many as the people whose shown text holds the folded word, counted cheaply through
    the search index (every person or institution whose row holds it anywhere), or None if the index
    cannot find the word (one or two Latin letters: only reading every row would tell)."""
    word = fold(word)
    if not index_finds(word):
        return None
    by_person, person_params = indexed_ids_sql("person", word)
    by_institution, institution_params = indexed_ids_sql("institution", word)
    countries = _countries_holding(store, word)
    return store.db.execute_sql(
        f'SELECT (SELECT count(*) FROM ({by_person})) + (SELECT count(*) FROM "person" WHERE institution_id IN '
        f'({by_institution}) OR institution_id IN (SELECT id FROM "institution" WHERE country_id IN '
        f'({", ".join("?" * len(countries)) or "NULL"})))',
        [*person_params, *institution_params, *countries],
    ).fetchone()[0]


def _person_holds_here(store: Store, word: str) -> peewee.Expression:
    """`_person_holds` on SQLite tested row by row: the person's own row of the search index read by
    its rowid, no set of matches read first (a filter matching 200,000 people reads only a page)."""
    word = fold(word)
    low, _high = rowid_range("person")
    by_institution, institution_params = indexed_ids_sql("institution", word, leading_fields=1)
    own_text = peewee.NodeList((
        SQL(f"(SELECT {leading_fields_hold(PERSON_SHOWN_FIELDS)} FROM {INDEX_TABLE} WHERE rowid = ? + ",
            [word, low]),
        m.Person.id, SQL(")"),
    ))
    person = m.Person
    shown = peewee.NodeList((person.name, SQL("|| char(31) ||"), person.title, SQL("|| char(31) ||"), person.email),
                            parens=True)
    own = ascii_lowered_holds(shown, word, own_text == 1)
    # The cheap tests first: a row that passes one is not tested further (most rows, for "a").
    condition = person.institution.in_(SQL(f"({by_institution})", institution_params))
    countries = _countries_holding(store, word)
    if countries:
        condition |= m.Institution.country.in_(countries)
    return condition | own


def _countries_holding(store: Store, folded: str) -> list[int]:
    """The ids of the countries whose folded name holds the folded word (SQLite: folded by the function
    the search index registers, in one query: a filter asks this several times; read through the cursor,
    as peewee's rows cost 5 ms for the 300 countries of demo x100)."""
    query = (m.Country.select(m.Country.id).where(fn.instr(getattr(fn, FOLD_FUNCTION)(m.Country.name), folded) > 0)
             .order_by(m.Country.id))
    return [country_id for (country_id,) in store.db.execute(query).fetchall()]


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
