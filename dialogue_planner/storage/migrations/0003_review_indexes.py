"""Schema version 3: covering indexes for the topic focus review.

The review reads a few narrow columns of rounds, agenda items and priority
topics, whose rows also carry long briefing texts. These indexes hold exactly
those columns, so the review's aggregates never read the texts
(benchmarks/bench_review.py: about four times faster on the demo scaled x100).
"""

ROUND_COLUMNS = ("dialogue_id", "number", "start_date", "status")
AGENDA_COLUMNS = ("round_id", "topic_id", "minutes")
PRIORITY_COLUMNS = ("dialogue_id", "topic_id", "valid_from", "valid_to")


def up(migrator, db):
    migrator.migrate(
        migrator.add_index("round", ROUND_COLUMNS, False),
        migrator.add_index("agenda_item", AGENDA_COLUMNS, False),
        migrator.add_index("priority_topic", PRIORITY_COLUMNS, False),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index("round", "round_" + "_".join(ROUND_COLUMNS)),
        migrator.drop_index("agenda_item", "agenda_item_" + "_".join(AGENDA_COLUMNS)),
        migrator.drop_index("priority_topic", "priority_topic_" + "_".join(PRIORITY_COLUMNS)),
    )
