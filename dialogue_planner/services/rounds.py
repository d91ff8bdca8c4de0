"""Rounds of a dialogue: planning them, listing them, finding the one before."""

from __future__ import annotations

from typing import Any

from peewee import fn

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def plan_round(store: Store, dialogue: int | m.Dialogue, number: int | None = None, **values: Any) -> m.Round:
    """A new round of the dialogue; without a number it takes the next free one."""
    dialogue_id = dialogue.id if isinstance(dialogue, m.Dialogue) else dialogue
    if number is None:
        number = next_round_number(store, dialogue_id)
    return records.create(store, m.Round, {"dialogue": dialogue_id, "number": number, **values})


def next_round_number(store: Store, dialogue_id: int) -> int:
    highest = m.Round.select(fn.MAX(m.Round.number)).where(m.Round.dialogue == dialogue_id).scalar()
    return (highest or 0) + 1


def list_rounds(store: Store, dialogue_id: int | None = None) -> list[dict[str, Any]]:
    """Rounds with their dialogue's country and agenda size, newest first within each dialogue."""
    # Counted per round through the index on agenda_item.round_id: a grouped count of the whole
    # agenda table took longer the more rounds all dialogues had, even for one dialogue's rounds.
    agenda_size = m.AgendaItem.select(fn.COUNT(m.AgendaItem.id)).where(m.AgendaItem.round == m.Round.id)
    query = (
        m.Round.select(
            m.Round.id,
            m.Round.dialogue.alias("dialogue_id"),
            m.Round.number,
            m.Round.start_date,
            m.Round.end_date,
            m.Round.city,
            m.Round.host_side,
            m.Round.level,
            m.Round.status,
            m.Country.name.alias("country"),
            agenda_size.alias("topic_count"),
        )
        .join(m.Dialogue)
        .join(m.Country)
        .switch(m.Round)
        .order_by(m.Country.name, m.Round.number.desc())
    )
    if dialogue_id is not None:
        query = query.where(m.Round.dialogue == dialogue_id)
    return list(query.dicts())


def previous_round(store: Store, round_id: int) -> m.Round | None:
    """The round of the same dialogue with the next lower number, if any."""
    current = records.get(store, m.Round, round_id)
    return (
        m.Round.select()
        .where((m.Round.dialogue == current.dialogue_id) & (m.Round.number < current.number))
        .order_by(m.Round.number.desc())
        .first()
    )


def earlier_rounds(store: Store, round_id: int) -> list[dict[str, Any]]:
    """The dialogue's rounds before this one, oldest first, each with its agenda's topic names in order."""
    current = records.get(store, m.Round, round_id)
    rows = list(
        m.Round.select(
            m.Round.id, m.Round.number, m.Round.start_date, m.Round.end_date, m.Round.city, m.Round.host_side,
            m.Round.level, m.Round.status, m.Round.outcome_summary,
        )
        .where((m.Round.dialogue == current.dialogue_id) & (m.Round.number < current.number))
        .order_by(m.Round.number)
        .dicts()
    )
    topics: dict[int, list[str]] = {row["id"]: [] for row in rows}
    if topics:
        agenda = (
            m.AgendaItem.select(m.AgendaItem.round, m.Topic.name)
            .join(m.Topic)
            .where(m.AgendaItem.round.in_(list(topics)))
            .order_by(m.AgendaItem.round, m.AgendaItem.position, m.AgendaItem.id)
            .tuples()
        )
        for earlier_round_id, name in agenda:
            topics[earlier_round_id].append(name)
    return [{**row, "topics": topics[row["id"]]} for row in rows]
