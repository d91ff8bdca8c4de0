"""Migrations 0009 and 0011: each round's stored agenda figures stay equal to the figures counted from its items.

Whatever writes (the demo through the services, its bulk scaling in SQL, edits,
deletes and their undo, moves of items between rounds, priority topics added,
changed and removed, a JSON import), `round_figures` must hold for every round
exactly what counting its agenda items gives.
"""

from __future__ import annotations

import datetime

import pytest

from dialogue_planner.exchange.json_exchange import export_data, import_data
from dialogue_planner.services import records
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.demo_scale import scale_demo
from dialogue_planner.services.dialogues import add_country, add_priority_topic, start_dialogue
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import open_database

TODAY = datetime.date(2026, 11, 22)
IS_PRIORITY = (
    "EXISTS (SELECT 1 FROM priority_topic p WHERE p.dialogue_id = r.dialogue_id AND p.topic_id = i.topic_id "
    "AND p.valid_from <= r.start_date AND (p.valid_to IS NULL OR p.valid_to >= r.start_date))"
)
COUNTED = (
    "SELECT r.id, COUNT(i.id), COALESCE(SUM(i.minutes), 0), COALESCE(MAX(i.minutes), 0), "
    f"COALESCE(SUM({IS_PRIORITY}), 0), COALESCE(SUM(CASE WHEN {IS_PRIORITY} THEN i.minutes ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN i.topic_id < 63 THEN 1 << i.topic_id ELSE 0 END), 0) "
    'FROM "round" r LEFT JOIN agenda_item i ON i.round_id = r.id GROUP BY r.id ORDER BY r.id'
)
STORED = (
    "SELECT round_id, topic_count, minutes, max_minutes, priority_topic_count, priority_minutes, topic_mask "
    "FROM round_figures ORDER BY round_id"
)


def assert_in_step(store) -> list[tuple]:
    counted = store.db.execute_sql(COUNTED).fetchall()
    assert store.db.execute_sql(STORED).fetchall() == counted
    return counted


@pytest.fixture
def demo_store(demo_copy):
    """The test's own copy of the demo dated TODAY (built once per session through the services)."""
    return demo_copy(TODAY)


def test_the_demo_and_its_scaling_keep_the_figures_in_step(demo_store):
    counted = assert_in_step(demo_store)
    assert sum(row[4] for row in counted) > 0  # some items on priority topics: the case is exercised
    scale_demo(demo_store, 3)
    assert len(assert_in_step(demo_store)) == m.Round.select().count()


def test_edits_deletes_and_undo_keep_the_figures_in_step(demo_store):
    store = demo_store
    item = m.AgendaItem.select().order_by(m.AgendaItem.minutes.desc(), m.AgendaItem.id).first()
    records.update(store, m.AgendaItem, item.id, {"minutes": 1})  # the round's most minutes go down
    assert_in_step(store)
    other_round = m.Round.select().where(m.Round.id != item.round_id).order_by(m.Round.id).first()
    taken = {row.topic_id for row in m.AgendaItem.select().where(m.AgendaItem.round == other_round.id)}
    free_topic = m.Topic.select().where(m.Topic.id.not_in(taken or {-1})).order_by(m.Topic.id).first()
    records.update(store, m.AgendaItem, item.id, {"round": other_round.id, "topic": free_topic.id})
    assert_in_step(store)
    deleted = records.delete(store, m.AgendaItem, item.id)
    assert_in_step(store)
    records.restore(store, deleted)
    assert_in_step(store)

    round_ = m.Round.get_by_id(item.round_id)
    records.update(store, m.Round, round_.id, {"start_date": None})  # no start date: no priority topics
    assert_in_step(store)
    records.update(store, m.Round, round_.id, {"start_date": round_.end_date - datetime.timedelta(days=400)})
    assert_in_step(store)
    deleted_round = records.delete(store, m.Round, round_.id)  # with its agenda
    assert_in_step(store)
    records.restore(store, deleted_round)
    assert_in_step(store)


def test_priority_topics_added_changed_and_removed_keep_the_figures_in_step(demo_store):
    store = demo_store
    dialogue = start_dialogue(store, add_country(store, "Kiribati", "KI"), "Kiribati dialogue")
    round_ = plan_round(store, dialogue, start_date=datetime.date(2030, 3, 1))
    topics = list(m.Topic.select().order_by(m.Topic.id).limit(3))
    for minutes, topic in zip((30, 45, 20), topics, strict=True):
        add_agenda_item(store, round_, topic, minutes=minutes)
    assert_in_step(store)
    priority = add_priority_topic(store, round_.dialogue_id, topics[1], datetime.date(2030, 1, 1))
    stored = dict((row[0], row[1:]) for row in assert_in_step(store))
    assert stored[round_.id][3:5] == (1, 45)
    records.update(store, m.PriorityTopic, priority.id, {"valid_to": datetime.date(2030, 2, 1)})  # ends before
    assert_in_step(store)
    records.update(store, m.PriorityTopic, priority.id, {"valid_to": None, "topic": topics[0].id})
    stored = dict((row[0], row[1:]) for row in assert_in_step(store))
    assert stored[round_.id][3:5] == (1, 30)
    records.delete(store, m.PriorityTopic, priority.id)
    stored = dict((row[0], row[1:]) for row in assert_in_step(store))
    assert stored[round_.id] == (3, 95, 45, 0, 0, sum(1 << topic.id for topic in topics))


def test_a_topic_id_beyond_the_mask_counts_but_has_no_bit(demo_store):
    store = demo_store
    while (topic := add_topic(store, f"Topic {m.Topic.select().count()}")).id < 64:
        pass
    round_ = m.Round.select().order_by(m.Round.id).first()
    add_agenda_item(store, round_, topic, minutes=5)
    stored = dict((row[0], row[1:]) for row in assert_in_step(store))
    assert stored[round_.id][0] == m.AgendaItem.select().where(m.AgendaItem.round == round_.id).count()
    assert stored[round_.id][5] < 1 << 63 and not stored[round_.id][5] >> 63


def test_a_json_import_and_a_whole_dialogue_deleted_keep_the_figures_in_step(demo_store, tmp_path):
    exported = export_data(demo_store)
    copy = open_database(str(tmp_path / "imported.sqlite"), user="tester")
    try:
        import_data(copy, exported)
        assert assert_in_step(copy) == assert_in_step(demo_store)
        records.delete(copy, m.Dialogue, m.Dialogue.select().order_by(m.Dialogue.id).first().id)
        assert_in_step(copy)
    finally:
        copy.close()
