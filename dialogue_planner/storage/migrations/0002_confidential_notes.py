"""Schema version 2: confidential notes on rounds and agenda items.

Kept apart from the shareable fields so that the shareable brief can leave
them out at the data level.
"""

from peewee import TextField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("round", "confidential_notes", TextField(default="")),
        migrator.add_column("agenda_item", "confidential_notes", TextField(default="")),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("round", "confidential_notes"),
        migrator.drop_column("agenda_item", "confidential_notes"),
    )
