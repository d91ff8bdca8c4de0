"""A round's agenda: the focused topics, their order, minutes and briefing notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import fn

from dialogue_planner.errors import ValidationError
from dialogue_planner.services import records
from dialogue_planner.services.dialogues import priority_topics_on
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


@dataclass(frozen=True)
class FocusStatus:
    """How focused a round's agenda is against its dialogue's target."""

    topic_count: int
    target: int
    priority_count: int

    @property
    def over_target(self) -> bool:
        return self.topic_count > self.target

    def warning(self) -> str | None:
        """A sentence to show the user when the agenda has more topics than the target."""
        if not self.over_target:
            return None
        return (
            f"The agenda has {self.topic_count} topics; the dialogue's focus target is "
            f"{self.target}. Consider fewer topics in more depth."
        )


def agenda_of(store: Store, round_id: int) -> list[dict[str, Any]]:
    """The round's agenda items in order, with topic names."""
    item = m.AgendaItem
    return list(
        item.select(item, m.Topic.name.alias("topic_name"))
        .join(m.Topic)
        .where(item.round == round_id)
        .order_by(item.position, item.id)
        .dicts()
    )


@dataclass(frozen=True)
class PlannedAgenda:
    """A round's agenda as the planner shows it: items in order, which topics are priorities, the focus."""

    items: list[dict[str, Any]]
    priority_topic_ids: frozenset[int]
    focus: FocusStatus


def planned_agenda(store: Store, round_id: int) -> PlannedAgenda:
    """The agenda, the dialogue's priority topics in force on the round's start date (today if it
    has none), and the focus against the target, read together."""
    current = records.get(store, m.Round, round_id)
    dialogue = records.get(store, m.Dialogue, current.dialogue_id)
    items = agenda_of(store, round_id)
    day = current.start_date or m.utc_now().date()
    priorities = frozenset(row["topic_id"] for row in priority_topics_on(store, dialogue.id, day))
    topic_ids = {row["topic"] for row in items}
    focus = FocusStatus(len(topic_ids), dialogue.focus_target, len(topic_ids & priorities))
    return PlannedAgenda(items, priorities, focus)


def round_focus(store: Store, round_id: int) -> FocusStatus:
    """Topics on the agenda, the focus target, and how many of the topics are priorities."""
    return planned_agenda(store, round_id).focus


def add_agenda_item(
    store: Store, round: int | m.Round, topic: int | m.Topic, **values: Any
) -> tuple[m.AgendaItem, list[str]]:
    """Put a topic on the round's agenda (at the end unless `position` is given).

    Returns the item and any warnings to show: exceeding the focus target is
    allowed but worth saying.
    """
    round_id = round.id if isinstance(round, m.Round) else round
    with store.atomic():
        if "position" not in values:
            last = m.AgendaItem.select(fn.MAX(m.AgendaItem.position)).where(m.AgendaItem.round == round_id).scalar()
            values["position"] = 0 if last is None else last + 1
        elif type(values["position"]) is int:
            _make_room(store, round_id, values["position"])
        item = records.create(store, m.AgendaItem, {"round": round_id, "topic": topic, **values})
    warning = round_focus(store, round_id).warning()
    return item, [warning] if warning else []


def _make_room(store: Store, round_id: int, position: int) -> None:
    """Shift the items from an occupied `position` on one place down, so a new item goes before them."""
    item = m.AgendaItem
    if not item.select().where((item.round == round_id) & (item.position == position)).exists():
        return
    later = item.select(item.id, item.position).where((item.round == round_id) & (item.position >= position))
    for other in later.order_by(item.position.desc()):
        records.update(store, item, other.id, {"position": other.position + 1})


def move_agenda_item(store: Store, item_id: int, new_index: int) -> list[int]:
    """Move an item to `new_index` in its round's order; returns the item ids in their new order."""
    item = records.get(store, m.AgendaItem, item_id)
    with store.atomic():
        order = [row["id"] for row in agenda_of(store, item.round_id)]
        if not 0 <= new_index < len(order):
            raise ValidationError({"position": f"must be between 1 and {len(order)}"}, record="agenda item")
        order.remove(item_id)
        order.insert(new_index, item_id)
        for position, other_id in enumerate(order):
            if records.get(store, m.AgendaItem, other_id).position != position:
                records.update(store, m.AgendaItem, other_id, {"position": position})
    return order


def total_minutes(store: Store, round_id: int) -> int:
    return (
        m.AgendaItem.select(fn.COALESCE(fn.SUM(m.AgendaItem.minutes), 0)).where(m.AgendaItem.round == round_id).scalar()
    )
