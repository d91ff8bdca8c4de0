"""Schema version 8: an index on rounds' dialogue, start date and status.

The topic focus review finds the rounds at which each priority topic was in
force: the rounds of its dialogue whose start date lies in its validity. With
the rounds indexed by number only, every round of the dialogue was read for
each priority topic; at demo x100 (15,180 rounds, 2,200 priority topics) this
index saves about 60 ms of the review's 600 (benchmarks/bench_review.py).
"""

COLUMNS = ("dialogue_id", "start_date", "status")


def up(migrator, db):
    migrator.migrate(migrator.add_index("round", COLUMNS, False))


def down(migrator, db):
    migrator.migrate(migrator.drop_index("round", "round_" + "_".join(COLUMNS)))
