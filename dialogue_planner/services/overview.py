"""What a desk officer sees first for a dialogue: level, priorities, next round, follow-ups due."""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from dialogue_planner.services import records
from dialogue_planner.services.dialogues import engagement_history, priority_topics_on
from dialogue_planner.services.followups import overdue_followups
from dialogue_planner.services.rounds import list_rounds
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store

UPCOMING_STATUSES = ("planned", "in_preparation", "postponed")


class DialogueOverview(NamedTuple):
    """One dialogue at a glance, as plain values."""

    dialogue_id: int
    title: str
    country: str
    counterpart_ministry: str
    start_year: int | None
    focus_target: int
    engagement_level: str
    version: int
    engagement_history: list[dict[str, Any]]
    priority_topics: list[dict[str, Any]]
    next_round: dict[str, Any] | None
    open_follow_ups: int
    overdue_follow_ups: list[dict[str, Any]]
    latest_rounds: list[dict[str, Any]]


def next_round_of(rounds: list[dict[str, Any]], today: datetime.date) -> dict[str, Any] | None:
    """The round being prepared: the earliest not yet held that starts today or later (or has no date)."""
    upcoming = [
        row
        for row in rounds
        if row["status"] in UPCOMING_STATUSES and (row["start_date"] is None or row["start_date"] >= today)
    ]
    upcoming.sort(key=lambda row: (row["start_date"] is None, row["start_date"] or today, row["number"]))
    return upcoming[0] if upcoming else None


def dialogue_overview(store: Store, dialogue_id: int, today: datetime.date | None = None) -> DialogueOverview:
    """Level and its history, priority topics in force today, the next round, open and overdue follow-ups."""
    today = today or datetime.date.today()
    dialogue = records.get(store, m.Dialogue, dialogue_id)
    country = records.get(store, m.Country, dialogue.country_id)
    rounds = list_rounds(store, dialogue_id)
    open_count = (
        m.FollowUp.select()
        .join(m.Round)
        .where((m.Round.dialogue == dialogue_id) & (m.FollowUp.status == "open"))
        .count()
    )
    return DialogueOverview(
        dialogue_id=dialogue.id,
        title=dialogue.title,
        country=country.name,
        counterpart_ministry=dialogue.counterpart_ministry,
        start_year=dialogue.start_year,
        focus_target=dialogue.focus_target,
        engagement_level=dialogue.engagement_level,
        version=dialogue.version,
        engagement_history=list(reversed(engagement_history(store, dialogue_id))),
        priority_topics=priority_topics_on(store, dialogue_id, today),
        next_round=next_round_of(rounds, today),
        open_follow_ups=open_count,
        overdue_follow_ups=overdue_followups(store, today, dialogue_id),
        latest_rounds=rounds[:5],
    )
