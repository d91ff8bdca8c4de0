"""The topic catalogue with how much each topic is used, and a dialogue's priority topics over time."""

from __future__ import annotations

from typing import Any

from peewee import JOIN, fn

from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store

# The records that refer to a topic, each counted per topic in one grouped subquery.
_USES = (
    ("agenda_count", m.AgendaItem, m.AgendaItem.topic),
    ("project_count", m.ProjectTopic, m.ProjectTopic.topic),
    ("priority_count", m.PriorityTopic, m.PriorityTopic.topic),
    ("case_count", m.IndividualCase, m.IndividualCase.topic),
    ("follow_up_count", m.FollowUp, m.FollowUp.topic),
    ("multilateral_count", m.MultilateralTopic, m.MultilateralTopic.topic),
)


def topic_catalogue(store: Store) -> list[dict[str, Any]]:
    """Every topic by name with how many agenda items, projects, priorities, cases, follow-ups and
    multilateral items refer to it, and `use_count`, their sum (a topic can be deleted only at 0)."""
    topic = m.Topic
    columns = [topic.id, topic.name, topic.description]
    query = topic.select()
    for alias, model, field in _USES:
        counts = model.select(field.alias("topic_ref"), fn.COUNT(model.id).alias("n")).group_by(field).alias(alias)
        columns.append(fn.COALESCE(counts.c.n, 0).alias(alias))
        query = query.join_from(topic, counts, JOIN.LEFT_OUTER, on=(counts.c.topic_ref == topic.id))
    rows = list(query.select(*columns).order_by(topic.name).dicts())
    for row in rows:
        row["use_count"] = sum(row[alias] for alias, _, _ in _USES)
    return rows


def priority_topics_of(store: Store, dialogue_id: int) -> list[dict[str, Any]]:
    """All the dialogue's priority topics, current and past, by topic name and latest period first;
    `valid_to` None means open-ended."""
    priority = m.PriorityTopic
    return list(
        priority.select(
            priority.id, priority.valid_from, priority.valid_to, priority.version,
            m.Topic.id.alias("topic_id"), m.Topic.name.alias("topic"),
        )
        .join(m.Topic)
        .where(priority.dialogue == dialogue_id)
        .order_by(m.Topic.name, priority.valid_from.desc())
        .dicts()
    )
