"""Schema version 7: an index on joint projects' country and status.

The topic focus review counts, for each country of a chosen dialogue, its
active projects (coverage, and the active projects on none of the dialogue's
priority topics). With only the country indexed it read every project of the
country to test its status; at demo x100 (30,010 projects) the index saves
about 25 ms of the review's 600 (benchmarks/bench_review.py).
"""

COLUMNS = ("country_id", "status")


def up(migrator, db):
    migrator.migrate(migrator.add_index("joint_project", COLUMNS, False))


def down(migrator, db):
    migrator.migrate(migrator.drop_index("joint_project", "joint_project_" + "_".join(COLUMNS)))
