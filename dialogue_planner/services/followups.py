"""Follow-ups: what was agreed at a round, who does it, by when, and whether it was done."""

from __future__ import annotations

import datetime
from typing import Any

from peewee import JOIN

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def add_follow_up(store: Store, round: int | m.Round, description: str, **values: Any) -> m.FollowUp:
    return records.create(store, m.FollowUp, {"round": round, "description": description, **values})


def complete_follow_up(store: Store, follow_up_id: int, on: datetime.date | str | None = None) -> m.FollowUp:
    return records.update(
        store, m.FollowUp, follow_up_id, {"status": "done", "completed_on": on or datetime.date.today()}
    )


def _follow_up_rows(condition) -> list[dict[str, Any]]:
    """Follow-ups matching `condition` (over FollowUp and its Round), soonest due first."""
    follow_up = m.FollowUp
    return list(
        follow_up.select(
            follow_up.id, follow_up.description, follow_up.owner, follow_up.due_date, follow_up.status,
            m.Round.id.alias("round_id"), m.Round.number.alias("round_number"),
            m.Topic.name.alias("topic_name"),
        )
        .join(m.Round, on=(follow_up.round == m.Round.id))
        .switch(follow_up)
        .join(m.Topic, join_type=JOIN.LEFT_OUTER, on=(follow_up.topic == m.Topic.id))
        .where(condition)
        .order_by(follow_up.due_date.asc(nulls="LAST"), follow_up.id)
        .dicts()
    )


def open_followups_before(store: Store, round_id: int) -> list[dict[str, Any]]:
    """Open follow-ups from the dialogue's earlier rounds: what to check when preparing this one."""
    current = records.get(store, m.Round, round_id)
    return _follow_up_rows(
        (m.Round.dialogue == current.dialogue_id)
        & (m.Round.number < current.number)
        & (m.FollowUp.status == "open")
    )


def overdue_followups(store: Store, today: datetime.date, dialogue_id: int | None = None) -> list[dict[str, Any]]:
    """Open follow-ups whose due date has passed."""
    condition = (m.FollowUp.status == "open") & (m.FollowUp.due_date < today)
    if dialogue_id is not None:
        condition &= m.Round.dialogue == dialogue_id
    return _follow_up_rows(condition)


def followups_agreed_at(store: Store, round_id: int) -> list[dict[str, Any]]:
    """The follow-ups agreed at one round, whatever their status now."""
    return _follow_up_rows(m.FollowUp.round == round_id)
