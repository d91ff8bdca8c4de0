"""Follow-ups across the rounds of a dialogue, filtered by state, as the follow-ups view tracks them."""

from __future__ import annotations

import datetime
from typing import Any

from peewee import JOIN

from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store

FOLLOW_UP_STATES = ("open", "overdue", "all")


def track_follow_ups(
    store: Store, dialogue_id: int | None, state: str = "open", *, today: datetime.date | None = None
) -> list[dict[str, Any]]:
    """Follow-ups of the dialogue's rounds (of every dialogue with None), soonest due first (undated last).

    `state` is 'open', 'overdue' (open and due before `today`) or 'all'. Each row has the round's
    number and country, the topic name ('' if none) and `overdue` (open and due before today).
    """
    if state not in FOLLOW_UP_STATES:
        raise ValueError(f"unknown follow-up state {state!r}")
    today = today or datetime.date.today()
    follow_up = m.FollowUp
    query = (
        follow_up.select(
            follow_up.id, follow_up.description, follow_up.owner, follow_up.due_date, follow_up.status,
            follow_up.completed_on, m.Round.id.alias("round_id"), m.Round.number.alias("round_number"),
            m.Country.name.alias("country"), m.Topic.name.alias("topic"),
        )
        .join(m.Round, on=(follow_up.round == m.Round.id))
        .join(m.Dialogue)
        .join(m.Country)
        .switch(follow_up)
        .join(m.Topic, JOIN.LEFT_OUTER, on=(follow_up.topic == m.Topic.id))
        .order_by(follow_up.due_date.asc(nulls="LAST"), m.Round.number, follow_up.id)
    )
    if dialogue_id is not None:
        query = query.where(m.Round.dialogue == dialogue_id)
    if state in ("open", "overdue"):
        query = query.where(follow_up.status == "open")
    if state == "overdue":
        query = query.where(follow_up.due_date < today)
    rows = list(query.dicts())
    for row in rows:
        row["topic"] = row["topic"] or ""
        row["overdue"] = row["status"] == "open" and row["due_date"] is not None and row["due_date"] < today
    return rows
