"""Multilateral items: resolutions and recommendations, our role, the partners' positions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from peewee import JOIN

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def add_multilateral_item(
    store: Store,
    title: str,
    *,
    topics: Iterable[int | m.Topic] = (),
    positions: Mapping[int, str] | None = None,
    **values: Any,
) -> m.MultilateralItem:
    """A resolution or recommendation with its topics and each partner country's position."""
    with store.atomic():
        item = records.create(store, m.MultilateralItem, {"title": title, **values})
        for topic in topics:
            records.create(store, m.MultilateralTopic, {"item": item.id, "topic": topic})
        for country_id, position in (positions or {}).items():
            records.create(
                store, m.MultilateralPosition, {"item": item.id, "country": country_id, "position": position}
            )
    return item


def items_on_topic(store: Store, topic_id: int, country_id: int | None = None) -> list[dict[str, Any]]:
    """Items on a topic with the given country's position (None where it has none)."""
    item = m.MultilateralItem
    position = m.MultilateralPosition
    on = position.item == item.id
    if country_id is not None:
        on &= position.country == country_id
    return list(
        item.select(
            item.id, item.forum, item.title, item.session, item.held_on, item.our_role, item.outcome, position.position
        )
        .join(m.MultilateralTopic)
        .switch(item)
        .join(position, join_type=JOIN.LEFT_OUTER, on=on)
        .where(m.MultilateralTopic.topic == topic_id)
        .order_by(item.held_on.desc(nulls="LAST"), item.title)
        .dicts()
    )
