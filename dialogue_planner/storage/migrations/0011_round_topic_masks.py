"""Schema version 11: each round's stored figures (migration 0009) also hold the topics on its agenda as bits.

round_figures.topic_mask is the sum of 2**topic_id over the round's agenda items
whose topic id is below 63 (a topic is on an agenda at most once, so the sum is
a set of bits; larger ids do not fit a 64-bit integer and are left out). The
review's continuity tells whether a priority topic was on the agenda of a round
and of the round before and after it by a bit of these, where it looked each
agenda item up three times (demo x100: 1,349 -> 962 M instructions, about 60 ms);
a topic id of 63 or more is still looked up. The triggers of 0009 are made again
with the mask among the figures they keep; the masks of existing rounds are
counted here. PostgreSQL has no round_figures and needs nothing.
"""

import importlib.util
from pathlib import Path

import peewee

TABLE = "round_figures"
MASKED_BELOW = 63

_IS_PRIORITY = (
    "EXISTS (SELECT 1 FROM priority_topic p WHERE p.dialogue_id = r.dialogue_id AND p.topic_id = {topic} "
    "AND p.valid_from <= r.start_date AND (p.valid_to IS NULL OR p.valid_to >= r.start_date))"
)
_BIT = "(CASE WHEN {topic} < " + str(MASKED_BELOW) + " THEN 1 << {topic} ELSE 0 END)"
_COUNTED = (
    "SELECT COUNT(i.id), COALESCE(SUM(i.minutes), 0), COALESCE(MAX(i.minutes), 0), "
    f"COALESCE(SUM({_IS_PRIORITY.format(topic='i.topic_id')}), 0), "
    f"COALESCE(SUM(CASE WHEN {_IS_PRIORITY.format(topic='i.topic_id')} THEN i.minutes ELSE 0 END), 0), "
    f"COALESCE(SUM({_BIT.format(topic='i.topic_id')}), 0) "
    'FROM "round" r LEFT JOIN agenda_item i ON i.round_id = r.id WHERE r.id = {round_id}'
)
_FIGURES = "topic_count, minutes, max_minutes, priority_topic_count, priority_minutes, topic_mask"


def _recount(where: str) -> str:
    """UPDATE counting again the rounds of round_figures matched by `where`."""
    return f"UPDATE {TABLE} SET ({_FIGURES}) = ({_COUNTED.format(round_id=f'{TABLE}.round_id')}) WHERE {where};"


def _rounds_with_topic(row: str) -> str:
    """The rounds where the PriorityTopic `row` (new or old) could make an agenda item a priority one."""
    return (
        f'round_id IN (SELECT r.id FROM "round" r JOIN agenda_item i ON i.round_id = r.id '
        f"AND i.topic_id = {row}.topic_id WHERE r.dialogue_id = {row}.dialogue_id "
        f"AND r.start_date >= {row}.valid_from AND ({row}.valid_to IS NULL OR r.start_date <= {row}.valid_to))"
    )


TRIGGERS = {
    "round_figures_round_insert": (
        'AFTER INSERT ON "round" BEGIN '
        f"INSERT OR REPLACE INTO {TABLE} (round_id, {_FIGURES}) SELECT new.id, * "
        f"FROM ({_COUNTED.format(round_id='new.id')}); END"
    ),
    "round_figures_round_delete": f'AFTER DELETE ON "round" BEGIN DELETE FROM {TABLE} WHERE round_id = old.id; END',
    "round_figures_round_update": (
        'AFTER UPDATE OF dialogue_id, start_date ON "round" '
        "WHEN new.dialogue_id IS NOT old.dialogue_id OR new.start_date IS NOT old.start_date BEGIN "
        f"{_recount('round_id = new.id')} END"
    ),
    # An item added (one at a time or by the thousand): its round's figures grow by it.
    "round_figures_item_insert": (
        "AFTER INSERT ON agenda_item BEGIN "
        f"UPDATE {TABLE} SET topic_count = topic_count + 1, minutes = minutes + new.minutes, "
        "max_minutes = MAX(max_minutes, new.minutes), "
        f"priority_topic_count = priority_topic_count + (SELECT {_IS_PRIORITY.format(topic='new.topic_id')} "
        'FROM "round" r WHERE r.id = new.round_id), '
        f"priority_minutes = priority_minutes + (SELECT CASE WHEN {_IS_PRIORITY.format(topic='new.topic_id')} "
        'THEN new.minutes ELSE 0 END FROM "round" r WHERE r.id = new.round_id), '
        f"topic_mask = topic_mask + {_BIT.format(topic='new.topic_id')} "
        "WHERE round_id = new.round_id; END"
    ),
    # Removed, the most minutes may be gone with it: counted again.
    "round_figures_item_delete": f"AFTER DELETE ON agenda_item BEGIN {_recount('round_id = old.round_id')} END",
    "round_figures_item_update": (
        "AFTER UPDATE OF round_id, topic_id, minutes ON agenda_item "
        "WHEN new.round_id IS NOT old.round_id OR new.topic_id IS NOT old.topic_id "
        "OR new.minutes IS NOT old.minutes BEGIN "
        f"{_recount('round_id IN (old.round_id, new.round_id)')} END"
    ),
    "round_figures_priority_insert": f"AFTER INSERT ON priority_topic BEGIN {_recount(_rounds_with_topic('new'))} END",
    "round_figures_priority_delete": f"AFTER DELETE ON priority_topic BEGIN {_recount(_rounds_with_topic('old'))} END",
    "round_figures_priority_update": (
        "AFTER UPDATE OF dialogue_id, topic_id, valid_from, valid_to ON priority_topic "
        "WHEN new.dialogue_id IS NOT old.dialogue_id OR new.topic_id IS NOT old.topic_id "
        "OR new.valid_from IS NOT old.valid_from OR new.valid_to IS NOT old.valid_to BEGIN "
        f"{_recount(_rounds_with_topic('old'))} {_recount(_rounds_with_topic('new'))} END"
    ),
}


def up(migrator, db):
    if not isinstance(db, peewee.SqliteDatabase):
        return
    for name in TRIGGERS:
        db.execute_sql(f"DROP TRIGGER {name}")
    db.execute_sql(f"ALTER TABLE {TABLE} ADD COLUMN topic_mask INTEGER NOT NULL DEFAULT 0")
    for name, body in TRIGGERS.items():
        db.execute_sql(f"CREATE TRIGGER {name} {body}")
    db.execute_sql(
        f"UPDATE {TABLE} SET topic_mask = (SELECT COALESCE(SUM({_BIT.format(topic='i.topic_id')}), 0) "
        f"FROM agenda_item i WHERE i.round_id = {TABLE}.round_id)"
    )


def down(migrator, db):
    if not isinstance(db, peewee.SqliteDatabase):
        return
    for name in TRIGGERS:
        db.execute_sql(f"DROP TRIGGER {name}")
    db.execute_sql(f"ALTER TABLE {TABLE} DROP COLUMN topic_mask")
    # The triggers of schema version 9, as its migration made them.
    path = Path(__file__).with_name("0009_round_figures.py")
    spec = importlib.util.spec_from_file_location("round_figures_0009", path)
    version_9 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(version_9)
    for name, body in version_9.TRIGGERS.items():
        db.execute_sql(f"CREATE TRIGGER {name} {body}")
