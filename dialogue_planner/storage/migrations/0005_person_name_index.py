"""Schema version 5: an index on people's names.

The People list reads 200,000 people (demo x100) a page at a time in name
order (services/paged_lists.py); with this index a page, the first or the
last, is read without sorting the whole table first.
"""


def up(migrator, db):
    migrator.migrate(migrator.add_index("person", ("name",), False))


def down(migrator, db):
    migrator.migrate(migrator.drop_index("person", "person_name"))
