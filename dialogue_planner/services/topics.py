"""The thematic catalogue of topics a dialogue can take up."""

from __future__ import annotations

from typing import Any

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def add_topic(store: Store, name: str, description: str = "") -> m.Topic:
    return records.create(store, m.Topic, {"name": name, "description": description})


def list_topics(store: Store) -> list[dict[str, Any]]:
    """Every topic of the catalogue, by name."""
    return list(m.Topic.select(m.Topic.id, m.Topic.name, m.Topic.description).order_by(m.Topic.name).dicts())


def topic_by_name(store: Store, name: str) -> m.Topic | None:
    return m.Topic.get_or_none(m.Topic.name == name)
