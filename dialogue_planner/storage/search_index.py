"""The full-text index behind global search on SQLite, and the text folding it stores.

`search_text` (migration 0004) is an FTS5 table with the trigram tokenizer:
one row per searchable record, whose `body` is the record's searched fields
folded (case and diacritics removed) and joined by FIELD_SEPARATOR. Triggers
on each searched table keep it in step with every insert, update and delete,
whoever writes (services, import, bulk demo copies), by calling the folding
function that `register_functions` puts on every connection `open_database`
makes. A connection without it (the sqlite3 shell, say) can read the
database but not change a searched table.

A row's rowid says what it indexes: `kind * KIND_STRIDE + record id`, so one
kind's rows are one rowid range, in record-id order. The kind numbers are
stored in the index: never renumber them (a new kind takes the next number).
PostgreSQL has no such index: search there folds with translate() in SQL.
"""

from __future__ import annotations

import unicodedata

import peewee

FOLD_FUNCTION = "dialogue_planner_fold"
INDEX_TABLE = "search_text"
FIELD_SEPARATOR = "\x1f"  # never typed (services refuse control characters), so a query never spans two fields
KIND_STRIDE = 1 << 40
# Letters that carry no combining mark to strip but that people type without their stroke.
_PLAIN_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ł": "l", "Ł": "l"})

# kind number -> (table, searched columns in order). Frozen: migration 0004 holds the same list.
INDEXED_KINDS: dict[int, tuple[str, tuple[str, ...]]] = {
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
KIND_OF_TABLE = {table: kind for kind, (table, _columns) in INDEXED_KINDS.items()}


def fold(text: str | None) -> str:
    """Text as search compares it: case and diacritics removed ("Hà Nội" -> "ha noi"); Chinese unchanged."""
    if not text:
        return ""
    if text.isascii():  # most text: nothing to decompose, and casefold() is lower() there
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def register_functions(db: peewee.SqliteDatabase) -> None:
    """Put the folding function on every connection `db` opens (the index's triggers call it)."""
    db.register_function(fold, FOLD_FUNCTION, 1, deterministic=True)


def rowid_range(table: str) -> tuple[int, int]:
    """The first and last rowid the index may use for records of `table`."""
    kind = KIND_OF_TABLE[table]
    return kind * KIND_STRIDE, (kind + 1) * KIND_STRIDE - 1

