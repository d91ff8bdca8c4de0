"""Each round's agenda figures stored with it (migration 0009; SQLite only), as a peewee table to query.

`round_figures` has one row per round: round_id, topic_count, minutes, max_minutes,
priority_topic_count, priority_minutes and topic_mask (migration 0011: the bits
2**topic_id of the topics on its agenda with ids below MASKED_BELOW), kept in step
with the agenda items and priority topics by triggers (their definitions are in the
migrations' docstrings).
A PostgreSQL database has no such table: queries count the same figures there.
"""

from __future__ import annotations

from peewee import Table

from dialogue_planner.storage.database import Store

FIGURES = ("topic_count", "minutes", "max_minutes", "priority_topic_count", "priority_minutes", "topic_mask")
MASKED_BELOW = 63  # topic ids from this one on have no bit in topic_mask (2**63 overflows SQLite's integers)
ROUND_FIGURES = Table("round_figures", ("round_id", *FIGURES))


def has_round_figures(store: Store) -> bool:
    """Whether the store keeps round_figures (an SQLite file; every open one is at the latest schema version)."""
    return store.is_sqlite
