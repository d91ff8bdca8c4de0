"""Multilateral items as the multilateral view lists them, with their topics and partners' positions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from peewee import JOIN

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def list_multilateral_items(
    store: Store, country_id: int | None = None, *, only_with_position: bool = False
) -> list[dict[str, Any]]:
    """Items newest first (undated last), each with `topics` (names joined by ', ') and, with
    `country_id`, that country's `position` (None where none is recorded); `only_with_position`
    keeps the items where it has one. Two queries whatever the number of items."""
    item = m.MultilateralItem
    position = m.MultilateralPosition
    columns = [item.id, item.forum, item.title, item.session, item.held_on, item.our_role, item.outcome]
    query = item.select(*columns)
    if country_id is not None:
        on = (position.item == item.id) & (position.country == country_id)
        join_type = JOIN.INNER if only_with_position else JOIN.LEFT_OUTER
        query = item.select(*columns, position.position).join(position, join_type, on=on)
    rows = list(query.order_by(item.held_on.desc(nulls="LAST"), item.title).dicts())
    topics: dict[int, list[str]] = {row["id"]: [] for row in rows}
    if topics:
        links = (
            m.MultilateralTopic.select(m.MultilateralTopic.item, m.Topic.name)
            .join(m.Topic)
            .where(m.MultilateralTopic.item.in_(list(topics)))
            .order_by(m.Topic.name)
            .tuples()
        )
        for item_id, name in links:
            topics[item_id].append(name)
    for row in rows:
        row["topics"] = ", ".join(topics[row["id"]])
        row.setdefault("position", None)
    return rows


def positions_of_item(store: Store, item_id: int) -> list[dict[str, Any]]:
    """The partners' positions on the item by country name: id, country, position, note."""
    position = m.MultilateralPosition
    return list(
        position.select(position.id, position.position, position.note, m.Country.name.alias("country"))
        .join(m.Country)
        .where(position.item == item_id)
        .order_by(m.Country.name)
        .dicts()
    )


def countries_without_position(store: Store, item_id: int) -> list[dict[str, Any]]:
    """Countries other than the home country with no position recorded on the item yet: id, name."""
    taken = m.MultilateralPosition.select(m.MultilateralPosition.country).where(m.MultilateralPosition.item == item_id)
    return list(
        m.Country.select(m.Country.id, m.Country.name)
        .where((m.Country.is_home == False) & m.Country.id.not_in(taken))  # noqa: E712 - SQL comparison
        .order_by(m.Country.name)
        .dicts()
    )


def item_topic_ids(store: Store, item_id: int) -> list[int]:
    """The ids of the item's topics."""
    link = m.MultilateralTopic
    return sorted(link.select(link.topic).where(link.item == item_id).scalars())


def set_item_topics(store: Store, item_id: int, topics: Iterable[int]) -> None:
    """Make the item's topics exactly `topics`, adding and removing links as needed."""
    wanted = set(topics)
    with store.atomic():
        records.get(store, m.MultilateralItem, item_id)
        existing = m.MultilateralTopic.select().where(m.MultilateralTopic.item == item_id)
        links = {link.topic_id: link.id for link in existing}
        for topic_id, link_id in links.items():
            if topic_id not in wanted:
                records.delete(store, m.MultilateralTopic, link_id)
        for topic_id in sorted(wanted - set(links)):
            records.create(store, m.MultilateralTopic, {"item": item_id, "topic": topic_id})
