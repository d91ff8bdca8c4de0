"""Dialogue Planner: plan bilateral human rights dialogue rounds, their briefs and their review."""

from dialogue_planner.storage.drivers import import_peewee

# First, before any module imports peewee: without psycopg2 unless a server database is opened.
import_peewee()
