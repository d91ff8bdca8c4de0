"""Schema version 6: the search index finds one or two Chinese characters without reading every row.

The trigram index (migration 0004) finds needles of three characters or more;
shorter ones were found by reading every indexed row (0.2 s at demo x100).
The triggers now store each record's text through `dialogue_planner_index_body`
(storage.search_index.index_body: the folded text and a key section for
characters of scripts written without spaces), and every record is indexed
again. PostgreSQL has no such index and needs nothing. The kinds and columns
below are a frozen copy of `storage.search_index.INDEXED_KINDS`.
"""

import peewee

BODY = "dialogue_planner_index_body"
FOLD = "dialogue_planner_fold"  # what migration 0004 stored
STRIDE = 1 << 40
KINDS = {
    1: ("dialogue", ("title", "counterpart_ministry", "notes")),
    2: ("topic", ("name", "description")),
    3: ("round", ("city", "purpose", "outcome_summary", "confidential_notes")),
    4: ("agenda_item", ("objectives", "talking_points", "critical_questions", "partner_priorities",
                        "outcome_notes", "confidential_notes")),
    5: ("institution", ("name", "notes")),
    6: ("person", ("name", "title", "email", "phone", "notes")),
    7: ("joint_project", ("title", "description")),
    8: ("individual_case", ("person_name", "summary")),
    9: ("follow_up", ("description", "notes")),
    10: ("multilateral_item", ("title", "session", "outcome", "notes")),
    11: ("engagement_change", ("reason",)),
}


def _body(function: str, row: str, columns) -> str:
    joined = " || char(31) || ".join(f'coalesce({row}."{column}", \'\')' for column in columns)
    return f"{function}({joined})"


def _index_through(db, function: str) -> None:
    """Triggers that store each record's text through `function`, and every record indexed again by it."""
    db.execute_sql("DELETE FROM search_text")
    for kind, (table, columns) in KINDS.items():
        rowid = f"{kind * STRIDE} + {{row}}.id"
        changed = " OR ".join(f'new."{column}" IS NOT old."{column}"' for column in columns)
        for event in ("insert", "update"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS search_text_{table}_{event}")
        db.execute_sql(
            f'CREATE TRIGGER search_text_{table}_insert AFTER INSERT ON "{table}" BEGIN '
            f"INSERT INTO search_text (rowid, body) VALUES ({rowid.format(row='new')}, "
            f"{_body(function, 'new', columns)}); END"
        )
        db.execute_sql(
            f'CREATE TRIGGER search_text_{table}_update AFTER UPDATE ON "{table}" WHEN {changed} BEGIN '
            f"UPDATE search_text SET body = {_body(function, 'new', columns)} WHERE rowid = {rowid.format(row='new')}; "
            f"END"
        )
        db.execute_sql(
            f"INSERT INTO search_text (rowid, body) SELECT {rowid.format(row=table)}, "
            f'{_body(function, table, columns)} FROM "{table}"'
        )
    # One segment, and the old bodies gone from the file's pages (they may hold confidential text).
    db.execute_sql("INSERT INTO search_text (search_text) VALUES ('optimize')")


def up(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        _index_through(db, BODY)


def down(migrator, db):
    if isinstance(db, peewee.SqliteDatabase):
        _index_through(db, FOLD)
