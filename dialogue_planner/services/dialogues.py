"""Partner countries, their dialogues, engagement levels and priority topics."""

from __future__ import annotations

import datetime
from typing import Any

from peewee import fn

from dialogue_planner.errors import ValidationError
from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def add_country(store: Store, name: str, iso_code: str, *, is_home: bool = False) -> m.Country:
    """A country; the ISO code is taken in capitals whatever case it is typed in."""
    code = iso_code.strip().upper() if isinstance(iso_code, str) else iso_code
    return records.create(store, m.Country, {"name": name, "iso_code": code, "is_home": is_home})


def start_dialogue(store: Store, country: int | m.Country, title: str, **values: Any) -> m.Dialogue:
    """A dialogue with a partner country, its engagement level recorded as its first history entry."""
    with store.atomic():
        dialogue = records.create(store, m.Dialogue, {"country": country, "title": title, **values})
        start = datetime.date(dialogue.start_year, 1, 1) if dialogue.start_year else datetime.date.today()
        records.create(
            store,
            m.EngagementChange,
            {
                "dialogue": dialogue.id,
                "changed_on": start,
                "level": dialogue.engagement_level,
                "reason": "Dialogue started",
            },
        )
    return dialogue


def set_engagement_level(
    store: Store,
    dialogue_id: int,
    level: str,
    reason: str,
    *,
    on: datetime.date | str | None = None,
    expected_version: int | None = None,
) -> m.Dialogue:
    """Scale the dialogue up or down: the new level and its reason enter the engagement history."""
    if not isinstance(reason, str) or not reason.strip():
        raise ValidationError({"reason": "say why the engagement level changes"}, record="engagement change")
    with store.atomic():
        dialogue = records.update(
            store, m.Dialogue, dialogue_id, {"engagement_level": level}, expected_version=expected_version
        )
        records.create(
            store,
            m.EngagementChange,
            {"dialogue": dialogue_id, "changed_on": on or datetime.date.today(), "level": level, "reason": reason},
        )
    return dialogue


def engagement_history(store: Store, dialogue_id: int) -> list[dict[str, Any]]:
    """The dialogue's engagement levels over time, oldest first."""
    change = m.EngagementChange
    return list(
        change.select(change.id, change.changed_on, change.level, change.reason)
        .where(change.dialogue == dialogue_id)
        .order_by(change.changed_on, change.id)
        .dicts()
    )


def list_dialogues(store: Store) -> list[dict[str, Any]]:
    """Every dialogue with its country, engagement level and number of rounds, by country name."""
    # Counted per dialogue through the index on round.dialogue_id, not grouped over every round.
    round_count = m.Round.select(fn.COUNT(m.Round.id)).where(m.Round.dialogue == m.Dialogue.id)
    query = (
        m.Dialogue.select(
            m.Dialogue.id,
            m.Dialogue.title,
            m.Dialogue.engagement_level,
            m.Dialogue.focus_target,
            m.Dialogue.version,
            m.Country.name.alias("country"),
            m.Country.iso_code,
            round_count.alias("round_count"),
        )
        .join(m.Country)
        .order_by(m.Country.name)
    )
    return list(query.dicts())


def add_priority_topic(
    store: Store,
    dialogue: int | m.Dialogue,
    topic: int | m.Topic,
    valid_from: datetime.date | str,
    valid_to: datetime.date | str | None = None,
) -> m.PriorityTopic:
    """Mark a topic as a priority of the dialogue from a date (until `valid_to`, or open-ended)."""
    return records.create(
        store,
        m.PriorityTopic,
        {"dialogue": dialogue, "topic": topic, "valid_from": valid_from, "valid_to": valid_to},
    )


def priority_topics_on(store: Store, dialogue_id: int, day: datetime.date) -> list[dict[str, Any]]:
    """The dialogue's priority topics in force on `day`."""
    priority = m.PriorityTopic
    return list(
        priority.select(priority.id, priority.valid_from, priority.valid_to, m.Topic.id.alias("topic_id"), m.Topic.name)
        .join(m.Topic)
        .where(
            (priority.dialogue == dialogue_id)
            & (priority.valid_from <= day)
            & ((priority.valid_to.is_null()) | (priority.valid_to >= day))
        )
        .order_by(m.Topic.name)
        .dicts()
    )


def latest_engagement_change(store: Store, dialogue_id: int) -> int | None:
    """The id of the dialogue's most recently recorded engagement change, if any."""
    change = m.EngagementChange
    return change.select(change.id).where(change.dialogue == dialogue_id).order_by(change.id.desc()).scalar()


def withdraw_engagement_change(store: Store, change_id: int, previous_level: str) -> None:
    """Take back a recorded engagement change (undo): the entry goes, the dialogue returns to `previous_level`."""
    with store.atomic():
        change = records.get(store, m.EngagementChange, change_id)
        records.delete(store, m.EngagementChange, change_id)
        records.update(store, m.Dialogue, change.dialogue_id, {"engagement_level": previous_level})


def home_country_name(store: Store) -> str:
    """The name of our own country (the one marked `is_home`), or "" when none is marked."""
    home = m.Country.select(m.Country.name).where(m.Country.is_home == True).order_by(m.Country.id).first()  # noqa: E712
    return home.name if home else ""


def start_dialogue_with_country(
    store: Store, country_name: str, iso_code: str, title: str, **values: Any
) -> tuple[m.Dialogue, bool]:
    """A dialogue with a partner country, adding the country unless one with that ISO code exists.

    Returns the dialogue and whether the country was added. All or nothing: a refused
    dialogue leaves no new country behind. Errors name `name`, `iso_code` or `title`.
    """
    code = iso_code.strip().upper() if isinstance(iso_code, str) else iso_code
    with store.atomic():
        country = m.Country.get_or_none(m.Country.iso_code == code) if isinstance(code, str) else None
        added = country is None
        if country is None:
            country = add_country(store, country_name, code)
        elif m.Dialogue.select().where(m.Dialogue.country == country.id).exists():
            raise ValidationError({"iso_code": "already has a dialogue"}, record="dialogue")
        return start_dialogue(store, country, title, **values), added
