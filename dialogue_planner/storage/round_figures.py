"""Each round's agenda figures stored with it (migration 0009; SQLite only), as a peewee table to query.

`round_figures` has one row per round: round_id, topic_count, minutes, max_minutes,
priority_topic_count and priority_minutes, kept in step with the agenda items and
priority topics by triggers (their definitions are in the migration's docstring).
A PostgreSQL database has no such table: queries count the same figures there.
"""

from __future__ import annotations

from peewee import Table

from dialogue_planner.storage.database import Store

FIGURES = ("topic_count", "minutes", "max_minutes", "priority_topic_count", "priority_minutes")
ROUND_FIGURES = Table("round_figures", ("round_id", *FIGURES))


def has_round_figures(store: Store) -> bool:
    """Whether the store keeps round_figures (an SQLite file, at schema version 9 or later)."""
    return store.is_sqlite
