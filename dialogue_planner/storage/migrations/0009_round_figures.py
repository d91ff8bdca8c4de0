"""Schema version 9: each round's agenda figures stored with it, kept in step by triggers (SQLite only).

`round_figures` holds, per round (round_id, its primary key):
topic_count (its agenda items), minutes (their minutes summed), max_minutes
(the most minutes of one of them, 0 without items), priority_topic_count and
priority_minutes (the same for the items whose topic was a priority topic of
the round's dialogue on the round's start date: a PriorityTopic of that
dialogue and topic with valid_from <= start date and valid_to empty or
>= start date; a round without a start date has none).

They depend on the round alone, not on what a review looks at, so the topic
focus review reads them instead of counting 150,000 agenda items (demo x100:
the rounds' figures took about 110 ms of a review, reading them 15 ms).
Triggers on round, agenda_item and priority_topic keep them in step whatever
writes (the services, the JSON import, the demo's bulk scaling, undo); an item
added is counted by a lookup or two, anything else makes the rounds it
touches be counted again. Existing rounds are counted here. PostgreSQL
computes the same figures in the review's query and needs nothing.
"""

import peewee

TABLE = "round_figures"

# A priority topic of the round `r` (an alias of round in the statement) covers `{topic}`.
_IS_PRIORITY = (
    "EXISTS (SELECT 1 FROM priority_topic p WHERE p.dialogue_id = r.dialogue_id AND p.topic_id = {topic} "
    "AND p.valid_from <= r.start_date AND (p.valid_to IS NULL OR p.valid_to >= r.start_date))"
)
# Every figure of round `{round_id}` counted afresh from its items.
_COUNTED = (
    "SELECT COUNT(i.id), COALESCE(SUM(i.minutes), 0), COALESCE(MAX(i.minutes), 0), "
    f"COALESCE(SUM({_IS_PRIORITY.format(topic='i.topic_id')}), 0), "
    f"COALESCE(SUM(CASE WHEN {_IS_PRIORITY.format(topic='i.topic_id')} THEN i.minutes ELSE 0 END), 0) "
    "FROM \"round\" r LEFT JOIN agenda_item i ON i.round_id = r.id WHERE r.id = {round_id}"
)
_FIGURES = "topic_count, minutes, max_minutes, priority_topic_count, priority_minutes"


def _recount(where: str) -> str:
    """UPDATE counting again the rounds of round_figures matched by `where`."""
    return f"UPDATE {TABLE} SET ({_FIGURES}) = ({_COUNTED.format(round_id=f'{TABLE}.round_id')}) WHERE {where};"


def _rounds_with_topic(row: str) -> str:
    """The rounds where the PriorityTopic `row` (new or old) could make an agenda item a priority one."""
    return (
        f"round_id IN (SELECT r.id FROM \"round\" r JOIN agenda_item i ON i.round_id = r.id AND i.topic_id = {row}.topic_id "
        f"WHERE r.dialogue_id = {row}.dialogue_id AND r.start_date >= {row}.valid_from "
        f"AND ({row}.valid_to IS NULL OR r.start_date <= {row}.valid_to))"
    )


TRIGGERS = {
    "round_figures_round_insert": (
        "AFTER INSERT ON \"round\" BEGIN "
        f"INSERT OR REPLACE INTO {TABLE} (round_id, {_FIGURES}) SELECT new.id, * "
        f"FROM ({_COUNTED.format(round_id='new.id')}); END"
    ),
    "round_figures_round_delete": f"AFTER DELETE ON \"round\" BEGIN DELETE FROM {TABLE} WHERE round_id = old.id; END",
    "round_figures_round_update": (
        "AFTER UPDATE OF dialogue_id, start_date ON \"round\" "
        "WHEN new.dialogue_id IS NOT old.dialogue_id OR new.start_date IS NOT old.start_date BEGIN "
        f"{_recount('round_id = new.id')} END"
    ),
    # An item added (one at a time or by the thousand): its round's figures grow by it.
    "round_figures_item_insert": (
        "AFTER INSERT ON agenda_item BEGIN "
        f"UPDATE {TABLE} SET topic_count = topic_count + 1, minutes = minutes + new.minutes, "
        "max_minutes = MAX(max_minutes, new.minutes), "
        f"priority_topic_count = priority_topic_count + (SELECT {_IS_PRIORITY.format(topic='new.topic_id')} "
        "FROM \"round\" r WHERE r.id = new.round_id), "
        f"priority_minutes = priority_minutes + (SELECT CASE WHEN {_IS_PRIORITY.format(topic='new.topic_id')} "
        "THEN new.minutes ELSE 0 END FROM \"round\" r WHERE r.id = new.round_id) "
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
    "round_figures_priority_insert": (
        f"AFTER INSERT ON priority_topic BEGIN {_recount(_rounds_with_topic('new'))} END"
    ),
    "round_figures_priority_delete": (
        f"AFTER DELETE ON priority_topic BEGIN {_recount(_rounds_with_topic('old'))} END"
    ),
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
    db.execute_sql(
        f"CREATE TABLE {TABLE} (round_id INTEGER NOT NULL PRIMARY KEY, topic_count INTEGER NOT NULL, "
        "minutes INTEGER NOT NULL, max_minutes INTEGER NOT NULL, priority_topic_count INTEGER NOT NULL, "
        "priority_minutes INTEGER NOT NULL)"
    )
    for name, body in TRIGGERS.items():
        db.execute_sql(f"CREATE TRIGGER {name} {body}")
    db.execute_sql(f'INSERT INTO {TABLE} (round_id, {_FIGURES}) SELECT id, 0, 0, 0, 0, 0 FROM "round"')
    db.execute_sql(_recount("1"))


def down(migrator, db):
    if not isinstance(db, peewee.SqliteDatabase):
        return
    for name in TRIGGERS:
        db.execute_sql(f"DROP TRIGGER {name}")
    db.execute_sql(f"DROP TABLE {TABLE}")
