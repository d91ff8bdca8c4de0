"""Dialogue Planner: plan bilateral human rights dialogue rounds, their briefs and their review."""

# First of all: the regular expressions compiled while the app starts come from a cache (the app
# finishes it once its window has painted, the command line once it knows the command).
from dialogue_planner.pattern_cache import START_UP

START_UP.start()

# isort: split
from dialogue_planner.storage.drivers import import_peewee  # noqa: E402

# First, before any module imports peewee: without psycopg2 unless a server database is opened.
import_peewee()
