"""The demo N times over: bulk copies that keep their links, one history entry per table."""

from __future__ import annotations

import datetime
import json

import pytest

from dialogue_planner.errors import ValidationError
from dialogue_planner.services import demo
from dialogue_planner.services.demo_scale import SCALED_MODELS, scale_demo
from dialogue_planner.services.maintenance import check_database
from dialogue_planner.services.search import search_records
from dialogue_planner.storage import models as m

TODAY = datetime.date(2026, 11, 22)
pytestmark = pytest.mark.sqlite_only  # building the demo on PostgreSQL takes seconds (see test_demo.py)


@pytest.fixture
def demo_counts(store) -> dict[str, int]:
    demo.build_demo(store, today=TODAY)
    return {model._meta.table_name: model.select().count() for model in (*SCALED_MODELS, m.Topic)}


def test_three_times_over_triples_every_table_but_the_topic_catalogue(store, demo_counts):
    history_before = m.ChangeRecord.select().count()

    counts = scale_demo(store, 3)

    assert {table: counts[table] for table in demo_counts} == {
        table: count if table == "topic" else 3 * count for table, count in demo_counts.items()
    }
    copied_tables = [table for table, count in demo_counts.items() if count and table != "topic"]
    assert counts["change_record"] == history_before + len(copied_tables)
    assert check_database(store).ok


def test_copies_keep_their_links_and_names_of_their_own(store, demo_counts):
    scale_demo(store, 2)
    rounds = demo_counts["round"]

    copied = m.Round.get_by_id(rounds + 1)
    original = m.Round.get_by_id(1)
    assert (copied.number, copied.city, copied.start_date) == (original.number, original.city, original.start_date)
    assert copied.dialogue.country.name == f"{original.dialogue.country.name} 2"
    assert copied.dialogue.title == f"{original.dialogue.title} (copy 2)"
    assert not copied.dialogue.country.is_home
    assert [(item.topic_id, item.minutes) for item in copied.agenda_items.order_by(m.AgendaItem.id)] == [
        (item.topic_id, item.minutes) for item in original.agenda_items.order_by(m.AgendaItem.id)
    ]
    assert {member.person.institution.country_id for member in copied.delegation_members} <= {
        country.id for country in m.Country.select().where(m.Country.name.endswith(" 2"))
    }
    codes = [country.iso_code for country in m.Country.select()]
    assert len(set(codes)) == len(codes) and all(len(code) == 2 for code in codes)


def test_each_copied_table_gets_one_history_entry_naming_the_ids(store, demo_counts):
    scale_demo(store, 4)
    rounds = demo_counts["round"]

    entry = m.ChangeRecord.get((m.ChangeRecord.table_name == "round") & (m.ChangeRecord.record_id == rounds + 1))

    assert entry.action == "create"
    assert json.loads(entry.changes) == {
        "demo copies": [None, f"3 copies of the demo: ids {rounds + 1} to {4 * rounds}, copies of ids 1 to {rounds}"]
    }


def test_the_copies_are_found_by_search(store, demo_counts):
    scale_demo(store, 2)

    titles = {hit.title for hit in search_records(store, "(copy 2)") if hit.table == "dialogue"}
    assert len(titles) == demo_counts["dialogue"]


def test_a_scale_out_of_range_is_refused_and_changes_nothing(store):
    for scale in (0, -1, 251, 2.5):
        with pytest.raises(ValidationError, match="scale: must be a whole number from 1 to 250"):
            scale_demo(store, scale)

    assert demo.is_empty(store) and m.ChangeRecord.select().count() == 0
