"""Global search across every kind of record, in any script.

Matching ignores case and diacritics ("ha noi" finds "Hà Nội"): on SQLite through
the full-text index `search_text` (storage.search_index: the searched fields
folded, trigram-tokenized, kept in step by triggers), on PostgreSQL through
translate() with the same character table. Chinese text matches as typed.
"""

from __future__ import annotations

import functools
import operator
from typing import NamedTuple

import peewee
from peewee import fn

from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.search_index import (
    INDEX_TABLE,
    INDEXED_KINDS,
    KIND_OF_TABLE,
    fold,
    rowid_range,
    short_needle_key,
)

__all__ = ["SearchHit", "dialogue_of_record", "fold", "folded_contains", "index_finds", "indexed_ids",
           "indexed_ids_sql", "leading_fields_hold", "record_title", "round_of_record", "search_records"]

RESULTS_PER_KIND = 50
# The trigram index finds needles of three characters or more (and one or two Chinese characters by
# their keys, see storage.search_index); other short ones are scanned for.
TRIGRAM = 3


class SearchHit(NamedTuple):
    """One record that matched: what it is, how to show it, and which field matched."""

    table: str
    record_id: int
    title: str
    field: str
    excerpt: str


# Each kind of record: the fields searched, in the order they are tried for the excerpt.
SEARCHED_FIELDS: dict[type[m.Record], tuple[str, ...]] = {
    m.Dialogue: ("title", "counterpart_ministry", "notes"),
    m.Topic: ("name", "description"),
    m.Round: ("city", "purpose", "outcome_summary", "confidential_notes"),
    m.AgendaItem: (
        "objectives", "talking_points", "critical_questions", "partner_priorities", "outcome_notes",
        "confidential_notes",
    ),
    m.Institution: ("name", "notes"),
    m.Person: ("name", "title", "email", "phone", "notes"),
    m.JointProject: ("title", "description"),
    m.IndividualCase: ("person_name", "summary"),
    m.FollowUp: ("description", "notes"),
    m.MultilateralItem: ("title", "session", "outcome", "notes"),
    m.EngagementChange: ("reason",),
}


@functools.cache  # only PostgreSQL needs it: not computed at every start of the app
def _single_character_folds() -> tuple[str, str]:
    """Characters (Latin, Vietnamese, Greek, Cyrillic) whose folded form is one other character.

    PostgreSQL has no `fold` of ours and its lower() depends on the server's collation;
    translate() with these two strings does the same folding in plain SQL.
    """
    ranges = ((0x41, 0x5A), (0xC0, 0x24F), (0x370, 0x52F), (0x1E00, 0x1EFF))
    pairs = [
        (char, fold(char))
        for low, high in ranges
        for char in map(chr, range(low, high + 1))
        if len(fold(char)) == 1 and fold(char) != char
    ]
    return "".join(char for char, _ in pairs), "".join(folded for _, folded in pairs)


def folded_contains(field: peewee.Field, needle: str) -> peewee.Expression:
    """The field holds `needle`, case and diacritics ignored, folded in SQL (for PostgreSQL, which has no index)."""
    return fn.translate(field, *_single_character_folds()).contains(fold(needle))


def indexed_ids(table: str, needle: str, *, leading_fields: int | None = None) -> peewee.Node:
    """A subquery (SQLite only) of the ids of `table`'s records whose indexed text holds `needle` folded.

    With `leading_fields`, only in the first that many of the table's searched fields (in the order of
    storage.search_index.INDEXED_KINDS; fewer than all of them): a list filters on what it shows.
    """
    sql, params = indexed_ids_sql(table, needle, leading_fields=leading_fields)
    return peewee.SQL(f"({sql})", params)


def indexed_ids_sql(table: str, needle: str, *, leading_fields: int | None = None) -> tuple[str, tuple]:
    """`indexed_ids` as SQL text and its parameters, to be combined with other SQL (a UNION)."""
    low, high = rowid_range(table)
    folded = fold(needle)
    condition, argument = _index_condition(folded)
    found = f"SELECT rowid - ? FROM {INDEX_TABLE} WHERE {condition} AND rowid BETWEEN ? AND ?"
    if leading_fields is None:
        return found, (low, argument, low, high)
    if not 0 < leading_fields < len(INDEXED_KINDS[KIND_OF_TABLE[table]][1]):
        raise ValueError(f"{table} has no {leading_fields} leading fields short of all of them")
    # The needle's first place in the text lies before the end of the leading fields. Each hit's text
    # is read once (LIMIT -1 keeps the subquery from being merged into the outer one, which would
    # read the text from the index again for every mention of it: ten times slower).
    hits = (f"SELECT rowid - ? AS id, body FROM {INDEX_TABLE} WHERE {condition} AND rowid BETWEEN ? AND ? "
            f"LIMIT -1")
    return f"SELECT id FROM ({hits}) WHERE {leading_fields_hold(leading_fields)}", (low, argument, low, high, folded)


def ascii_lowered_holds(text: peewee.Node, folded: str, otherwise: peewee.Node) -> peewee.Expression:
    """SQLite: `text` holds the folded word, tested on its lower case where the text is ASCII (whose folded
    form that is: storage.search_index.fold), and by `otherwise` where it is not. A tenth of the cost of
    the folding function or the index, for a test a filter may make on thousands of rows."""
    ascii_text = fn.LENGTH(text) == fn.LENGTH(peewee.Cast(text, "BLOB"))
    return peewee.Case(None, [(ascii_text, fn.INSTR(fn.LOWER(text), folded) > 0)], otherwise)


def leading_fields_hold(fields: int) -> str:
    """SQL condition that an index row's `body` holds a folded needle (its parameter) in its first `fields` fields."""
    return f"instr(body, ?) BETWEEN 1 AND {_end_of_fields(fields)}"


def _end_of_fields(fields: int) -> str:
    """SQL for where an index row's first `fields` fields end: the place of the separator after them."""
    end = "0"
    for _ in range(fields):
        end = f"({end} + instr(substr(body, {end} + 1), char(31)))"
    return end


def index_finds(needle: str) -> bool:
    """Whether the search index finds the needle's matches (else they are scanned for in every row's text)."""
    folded = fold(needle)
    return len(folded) >= TRIGRAM or short_needle_key(folded) is not None


def _index_condition(folded: str) -> tuple[str, str]:
    """SQL condition on the index and its argument for a folded needle: a trigram match when the index
    can answer it (three characters or more, or one or two Chinese characters: their key), else a scan."""
    key = short_needle_key(folded)
    if index_finds(folded):
        phrase = key if key is not None else folded
        return f"{INDEX_TABLE} MATCH ?", '"' + phrase.replace('"', '""') + '"'
    return "instr(body, ?) > 0", folded


def _indexed_matches(store: Store, model: type[m.Record], folded: str, limit: int) -> list[tuple[int, str]]:
    """(record id, folded body) of the first `limit` records of `model` whose indexed text holds `folded`."""
    low, high = rowid_range(model._meta.table_name)
    condition, argument = _index_condition(folded)
    cursor = store.db.execute_sql(
        f"SELECT rowid - ?, body FROM {INDEX_TABLE} WHERE {condition} AND rowid BETWEEN ? AND ? ORDER BY rowid LIMIT ?",
        (low, argument, low, high, limit),
    )
    return cursor.fetchall()


def _matching_rows(store: Store, model: type[m.Record], names: tuple[str, ...], needle: str, limit: int) -> list:
    """(id, *searched field values) of the first `limit` matching records of `model`, by id."""
    fields = [model._meta.fields[name] for name in names]
    if not store.is_sqlite:
        condition = functools.reduce(operator.or_, (folded_contains(field, needle) for field in fields))
        return list(model.select(model.id, *fields).where(condition).order_by(model.id).limit(limit).tuples())
    ids = [record_id for record_id, _body in _indexed_matches(store, model, fold(needle), limit)]
    if not ids:
        return []
    return list(model.select(model.id, *fields).where(model.id.in_(ids)).order_by(model.id).tuples())


def _excerpt(text: str, needle: str, width: int = 90) -> str:
    """The part of `text` around the first match, on one line."""
    flat = " ".join(text.split())
    at = fold(flat).find(fold(needle))
    if at < 0 or len(flat) <= width:
        return flat[:width] + ("…" if len(flat) > width else "")
    start = max(0, at - width // 3)
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def _titles(model: type[m.Record], ids: list[int]) -> dict[int, str]:
    """A short title for each record, read in one query per kind."""
    if not ids:
        return {}
    if model is m.Round:
        rows = (
            m.Round.select(m.Round.id, m.Round.number, m.Round.city, m.Country.name)
            .join(m.Dialogue).join(m.Country).where(m.Round.id.in_(ids)).tuples()
        )
        return {rid: f"{country}, round {number} ({city})" if city else f"{country}, round {number}"
                for rid, number, city, country in rows}
    if model is m.AgendaItem:
        rows = (
            m.AgendaItem.select(m.AgendaItem.id, m.Topic.name, m.Round.number, m.Country.name)
            .join(m.Topic).switch(m.AgendaItem).join(m.Round).join(m.Dialogue).join(m.Country)
            .where(m.AgendaItem.id.in_(ids)).tuples()
        )
        return {rid: f"{topic} — {country}, round {number}" for rid, topic, number, country in rows}
    if model is m.EngagementChange:
        rows = (
            m.EngagementChange.select(m.EngagementChange.id, m.Country.name, m.EngagementChange.changed_on)
            .join(m.Dialogue).join(m.Country).where(m.EngagementChange.id.in_(ids)).tuples()
        )
        return {rid: f"{country}: engagement change {day}" for rid, country, day in rows}
    if model is m.FollowUp:
        rows = (
            m.FollowUp.select(m.FollowUp.id, m.FollowUp.description, m.Round.number, m.Country.name)
            .join(m.Round).join(m.Dialogue).join(m.Country).where(m.FollowUp.id.in_(ids)).tuples()
        )
        return {rid: f"{' '.join(text.split())[:60]} — {country}, round {number}"
                for rid, text, number, country in rows}
    name_field = {
        m.Dialogue: m.Dialogue.title, m.Topic: m.Topic.name, m.Institution: m.Institution.name,
        m.Person: m.Person.name, m.JointProject: m.JointProject.title,
        m.IndividualCase: m.IndividualCase.person_name, m.MultilateralItem: m.MultilateralItem.title,
    }[model]
    return dict(model.select(model.id, name_field).where(model.id.in_(ids)).tuples())


def search_records(store: Store, query: str, *, per_kind: int = RESULTS_PER_KIND) -> list[SearchHit]:
    """Records whose searched fields contain `query`, grouped by kind, at most `per_kind` of each.

    Blank queries find nothing. The excerpt shows the matched field's text around the match.
    """
    needle = " ".join(query.split())
    if not needle:
        return []
    hits: list[SearchHit] = []
    for model, names in SEARCHED_FIELDS.items():
        rows = _matching_rows(store, model, names, needle, per_kind)
        titles = _titles(model, [row[0] for row in rows])
        for record_id, *values in rows:
            pairs = zip(names, values, strict=True)
            matched = next(
                ((name, value) for name, value in pairs if value and fold(needle) in fold(value)),
                (names[0], values[0] or ""),
            )
            hits.append(
                SearchHit(
                    table=model._meta.table_name,
                    record_id=record_id,
                    title=titles.get(record_id, ""),
                    field=matched[0],
                    excerpt=_excerpt(matched[1] or "", needle),
                )
            )
    return hits


def dialogue_of_record(store: Store, table: str, record_id: int) -> int | None:
    """The dialogue a record belongs to (rounds and what hangs off them), so the app can show it in context."""
    if table == "dialogue":
        return record_id
    if table in ("round", "engagement_change", "priority_topic"):
        model = m.MODELS_BY_TABLE[table]
        column = model.dialogue if table != "round" else m.Round.dialogue
        return model.select(column).where(model.id == record_id).scalar()
    if table in ("agenda_item", "follow_up", "delegation_member", "case_raising"):
        model = m.MODELS_BY_TABLE[table]
        return (
            m.Round.select(m.Round.dialogue).join(model, on=(model.round == m.Round.id))
            .where(model.id == record_id).scalar()
        )
    return None


def round_of_record(store: Store, table: str, record_id: int) -> int | None:
    """The round a record belongs to (an agenda item, follow-up, delegation member, case raising), if any."""
    if table == "round":
        return record_id
    if table in ("agenda_item", "follow_up", "delegation_member", "case_raising"):
        model = m.MODELS_BY_TABLE[table]
        return model.select(model.round).where(model.id == record_id).scalar()
    return None


def record_title(store: Store, table: str, record_id: int) -> str:
    """A short title for any record ("China, round 15 (Hangzhou)"), or its kind and id if it has none."""
    model = m.MODELS_BY_TABLE.get(table)
    title = None
    if model in SEARCHED_FIELDS:
        title = _titles(model, [record_id]).get(record_id)
    elif model is not None:
        named = model._meta.fields.get("name") or model._meta.fields.get("title")
        if named is not None:
            title = model.select(named).where(model.id == record_id).scalar()
    return title or f"{table.replace('_', ' ')} {record_id}"
