"""Schema version 4: a full-text index for global search, kept in step by triggers (SQLite only).

`search_text` is an FTS5 table with the trigram tokenizer, so any part of a
word (and Chinese, which has no spaces) is found through the index. Each row
holds one record's searched fields, folded by the `dialogue_planner_fold`
function (registered on every connection by `storage.search_index`), joined
by U+001F; its rowid is `kind * 2**40 + record id`. Triggers after insert,
update and delete on each searched table keep it in step; existing records
are indexed here. PostgreSQL keeps searching with translate() and needs
nothing. The kinds and columns below are a frozen copy of
`storage.search_index.INDEXED_KINDS`.
"""

import peewee

FOLD = "dialogue_planner_fold"
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


def _body(row: str, columns) -> str:
    joined = " || char(31) || ".join(f'coalesce({row}."{column}", \'\')' for column in columns)
    return f"{FOLD}({joined})"


def up(migrator, db):
    if not isinstance(db, peewee.SqliteDatabase):
        return
    db.execute_sql("CREATE VIRTUAL TABLE search_text USING fts5(body, tokenize = 'trigram case_sensitive 1')")
    for kind, (table, columns) in KINDS.items():
        rowid = f"{kind * STRIDE} + {{row}}.id"
        changed = " OR ".join(f'new."{column}" IS NOT old."{column}"' for column in columns)
        db.execute_sql(
            f'CREATE TRIGGER search_text_{table}_insert AFTER INSERT ON "{table}" BEGIN '
            f"INSERT INTO search_text (rowid, body) VALUES ({rowid.format(row='new')}, {_body('new', columns)}); END"
        )
        db.execute_sql(
            f'CREATE TRIGGER search_text_{table}_update AFTER UPDATE ON "{table}" WHEN {changed} BEGIN '
            f"UPDATE search_text SET body = {_body('new', columns)} WHERE rowid = {rowid.format(row='new')}; END"
        )
        db.execute_sql(
            f'CREATE TRIGGER search_text_{table}_delete AFTER DELETE ON "{table}" BEGIN '
            f"DELETE FROM search_text WHERE rowid = {rowid.format(row='old')}; END"
        )
        db.execute_sql(
            f"INSERT INTO search_text (rowid, body) SELECT {rowid.format(row=table)}, {_body(table, columns)} "
            f'FROM "{table}"'
        )


def down(migrator, db):
    if not isinstance(db, peewee.SqliteDatabase):
        return
    for _kind, (table, _columns) in KINDS.items():
        for event in ("insert", "update", "delete"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS search_text_{table}_{event}")
    db.execute_sql("DROP TABLE IF EXISTS search_text")
