"""The full-text index behind global search on SQLite, and the text folding it stores.

`search_text` (migration 0004) is an FTS5 table with the trigram tokenizer:
one row per searchable record, whose `body` is the record's searched fields
folded (case and diacritics removed) and joined by FIELD_SEPARATOR. Triggers
on each searched table keep it in step with every insert, update and delete,
whoever writes (services, import, bulk demo copies), by calling the folding
function that `register_functions` puts on every connection `open_database`
makes. A connection without it (the sqlite3 shell, say) can read the
database but not change a searched table.

The trigram tokenizer finds needles of three characters or more. Chinese (and
Japanese, Korean) is written without spaces and searched for in one or two
characters, so `index_body` (migration 0006) appends to the folded fields a key
section: each such character followed by two KEY_MARKs and each pair followed
by one, so that `short_needle_key` turns a one- or two-character needle into a
trigram the index holds (a scan of every row's text cost 0.2 s at demo x100).

A row's rowid says what it indexes: `kind * KIND_STRIDE + record id`, so one
kind's rows are one rowid range, in record-id order. The kind numbers are
stored in the index: never renumber them (a new kind takes the next number).
PostgreSQL has no such index: search there folds with translate() in SQL.
"""

from __future__ import annotations

import unicodedata

import peewee

FOLD_FUNCTION = "dialogue_planner_fold"
INDEX_BODY_FUNCTION = "dialogue_planner_index_body"
INDEX_TABLE = "search_text"
FIELD_SEPARATOR = "\x1f"  # never typed (services refuse control characters), so a query never spans two fields
KEY_MARK = "\x1e"  # never typed either: a needle of text never matches in the key section
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


def _unspaced(char: str) -> bool:
    """A character of a script written without spaces between words (Chinese, Japanese, Korean)."""
    return ("\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af"
            or "\uf900" <= char <= "\ufaff" or char >= "\U00020000")


def index_body(text: str | None) -> str:
    """What the index stores for a record's joined fields: the text folded, then its key section."""
    folded = fold(text)
    if folded.isascii():
        return folded
    keys: dict[str, None] = {}  # each key once, in order
    for at, char in enumerate(folded):
        if _unspaced(char):
            keys[char + KEY_MARK * 2] = None
            following = folded[at + 1:at + 2]
            if following and _unspaced(following):
                keys[char + following + KEY_MARK] = None
    return folded + FIELD_SEPARATOR + "".join(keys) if keys else folded


def short_needle_key(folded: str) -> str | None:
    """The trigram of the key section that finds a folded needle of one or two unspaced characters, or None."""
    if 1 <= len(folded) <= 2 and all(_unspaced(char) for char in folded):
        return folded + KEY_MARK * (3 - len(folded))
    return None


def register_functions(db: peewee.SqliteDatabase) -> None:
    """Put the folding functions on every connection `db` opens (the index's triggers call them)."""
    db.register_function(fold, FOLD_FUNCTION, 1, deterministic=True)
    db.register_function(index_body, INDEX_BODY_FUNCTION, 1, deterministic=True)


def rowid_range(table: str) -> tuple[int, int]:
    """The first and last rowid the index may use for records of `table`."""
    kind = KIND_OF_TABLE[table]
    return kind * KIND_STRIDE, (kind + 1) * KIND_STRIDE - 1

