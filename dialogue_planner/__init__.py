"""Dialogue Planner: plan bilateral human rights dialogue rounds, their briefs and their review."""

# First of all: the start's regular expressions come from a cache and PySide6's enums are made the
# quick way (the app finishes both once its window has painted, the command line once it knows the command).
from dialogue_planner import start_up

start_up.start()

# isort: split
from dialogue_planner.storage.drivers import import_peewee  # noqa: E402

# First, before any module imports peewee: without psycopg2 unless a server database is opened.
import_peewee()
