"""The demo N times over: bulk copies that keep their links, each copy with a generated archive, more
projects and more staff; one history entry per bulk-filled table."""

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

# What the demo holds (demo.py): 3 dialogues, 27 institutions, 13 catalogue topics.
DIALOGUES, INSTITUTIONS = 3, 27
ARCHIVE_PER_DIALOGUE = 40  # rounds: two a year for 20 years
ARCHIVE_ITEMS_PER_DIALOGUE = 10 * (10 + 11 + 12 + 13)  # agendas of 10, 11, 12, 13 topics in turn, 40 rounds
EXTRA_PROJECTS = 290
STAFF = 73


@pytest.fixture
def demo_store(demo_copy):
    """The demo dated TODAY: on SQLite the test's own copy of the session's build, on PostgreSQL built in `store`."""
    return demo_copy(TODAY)


@pytest.fixture
def demo_counts(demo_store) -> dict[str, int]:
    return {model._meta.table_name: model.select().count() for model in (*SCALED_MODELS, m.Topic)}


def test_scale_one_is_exactly_the_plain_demo(demo_store, demo_counts):
    history_before = m.ChangeRecord.select().count()

    counts = scale_demo(demo_store, 1)

    assert {table: counts[table] for table in demo_counts} == demo_counts
    assert counts["change_record"] == history_before


def test_three_times_over_copies_every_table_and_adds_the_generated_volume_to_each_copy(demo_store, demo_counts):
    assert (demo_counts["dialogue"], demo_counts["institution"]) == (DIALOGUES, INSTITUTIONS)
    copies = 2
    generated = {
        "round": DIALOGUES * ARCHIVE_PER_DIALOGUE,
        "agenda_item": DIALOGUES * ARCHIVE_ITEMS_PER_DIALOGUE,
        "joint_project": EXTRA_PROJECTS, "project_topic": EXTRA_PROJECTS, "project_partner": EXTRA_PROJECTS,
        "project_donor": EXTRA_PROJECTS,
        "person": INSTITUTIONS * STAFF,
    }

    counts = scale_demo(demo_store, 3)

    assert {table: counts[table] for table in demo_counts} == {
        table: count if table == "topic" else 3 * count + copies * generated.get(table, 0)
        for table, count in demo_counts.items()
    }
    assert (counts["round"], counts["agenda_item"], counts["joint_project"], counts["person"]) == (
        3 * 33 + 2 * 120, 3 * 142 + 2 * 1380, 3 * 13 + 2 * 290, 3 * 42 + 2 * 1971
    )
    assert check_database(demo_store).ok


def test_copies_keep_their_links_and_names_of_their_own_and_number_their_rounds_after_the_archive(
        demo_store, demo_counts):
    scale_demo(demo_store, 2)
    rounds = demo_counts["round"]

    copied = m.Round.get_by_id(rounds + 1)
    original = m.Round.get_by_id(1)
    assert (copied.number, copied.city, copied.start_date) == (original.number + 40, original.city,
                                                                original.start_date)
    assert (original.number, original.dialogue.start_year) == (1, 1997)
    assert copied.dialogue.start_year == 1977
    assert copied.dialogue.notes == original.dialogue.notes + (
        " Rounds 1 to 40 are a generated archive (demo --scale test data): two broad rounds a year for the "
        "20 years before the dialogue's first round."
    )
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


def test_each_copied_dialogue_has_an_archive_of_broad_rounds_in_date_order_before_its_own(demo_store, demo_counts):
    scale_demo(demo_store, 2)
    china_copy = m.Dialogue.get(m.Dialogue.title == "Norway–China human rights dialogue (copy 2)")

    rounds = list(china_copy.rounds.order_by(m.Round.number))

    assert [round_.number for round_ in rounds] == list(range(1, 40 + 15 + 1))
    assert [round_.start_date for round_ in rounds] == sorted(round_.start_date for round_ in rounds)
    archive = rounds[:40]
    assert (archive[0].start_date, archive[1].start_date, archive[-1].start_date) == (
        datetime.date(1977, 4, 20), datetime.date(1977, 10, 12), datetime.date(1996, 10, 12))
    assert [(round_.city, round_.host_side, round_.status) for round_ in archive[:2]] == [
        ("Beijing (北京)", "partner", "concluded"), ("Oslo", "home", "concluded")]
    agendas = [[item.topic_id for item in round_.agenda_items.order_by(m.AgendaItem.position)] for round_ in archive]
    assert [len(topics) for topics in agendas[:5]] == [10, 11, 12, 13, 10]
    assert all(len(set(topics)) == len(topics) for topics in agendas)
    assert agendas[0] == [m.Topic.select(m.Topic.id).order_by(m.Topic.id)[(1 + position) % 13].id
                          for position in range(10)]
    # The original dialogue is untouched: no archive, its own numbers.
    original = m.Dialogue.get(m.Dialogue.title == "Norway–China human rights dialogue")
    assert [round_.number for round_ in original.rounds.order_by(m.Round.number)] == list(range(1, 16))


def test_generated_projects_and_staff_belong_to_their_copy(demo_store, demo_counts):
    scale_demo(demo_store, 3)
    copy_three = {country.id for country in m.Country.select().where(m.Country.name.endswith(" 3"))}
    first = 3 * demo_counts["joint_project"] + EXTRA_PROJECTS + 1  # copy 3's first generated project

    project = m.JointProject.get_by_id(first)

    assert project.country_id in copy_three
    assert project.implementing_institution.country_id in copy_three
    assert [partner.institution.country_id for partner in project.partners] == [project.country_id]
    assert (project.project_topics.count(), project.donors.count(), project.donors[0].amount) == (
        1, 1, project.budget)
    assert project.title.endswith("(archive)")
    staff = (m.Person.select(m.Institution.id, m.Country.name)
             .join(m.Institution).join(m.Country).where(m.Person.id > 3 * demo_counts["person"]))
    people_per_institution: dict[int, int] = {}
    for institution_id, _country in staff.tuples():
        people_per_institution[institution_id] = people_per_institution.get(institution_id, 0) + 1
    assert len(people_per_institution) == 2 * INSTITUTIONS
    assert set(people_per_institution.values()) == {STAFF}
    assert min(people_per_institution) > INSTITUTIONS  # none at an original institution


def test_each_bulk_filled_table_gets_one_history_entry_naming_the_ids(demo_store, demo_counts):
    scale_demo(demo_store, 4)
    rounds = demo_counts["round"]

    copies = m.ChangeRecord.get((m.ChangeRecord.table_name == "round") & (m.ChangeRecord.record_id == rounds + 1))
    archive = m.ChangeRecord.get((m.ChangeRecord.table_name == "round")
                                 & (m.ChangeRecord.record_id == 4 * rounds + 1))

    assert copies.action == archive.action == "create"
    assert json.loads(copies.changes) == {
        "demo copies": [None, f"3 copies of the demo: ids {rounds + 1} to {4 * rounds}, copies of ids 1 to {rounds}"]
    }
    assert json.loads(archive.changes) == {
        "demo archive": [None, f"120 generated records in each of 3 copies of the demo: ids {4 * rounds + 1} to "
                               f"{4 * rounds + 360}"]
    }
    generated_tables = {"round", "agenda_item", "joint_project", "project_topic", "project_partner",
                        "project_donor", "person"}
    entries = m.ChangeRecord.select().where(m.ChangeRecord.changes.contains("demo archive"))
    assert sorted(entry.table_name for entry in entries) == sorted(generated_tables)


def test_the_copies_and_the_archive_are_found_by_search(demo_store, demo_counts):
    scale_demo(demo_store, 2)

    titles = {hit.title for hit in search_records(demo_store, "(copy 2)") if hit.table == "dialogue"}
    assert len(titles) == demo_counts["dialogue"]
    archive_items = [hit for hit in search_records(demo_store, "archive round, broad") if hit.table == "agenda_item"]
    assert len(archive_items) == 50  # of 3 * 460, one page
    assert archive_items[0].title == "Death penalty — China 2, round 1"
    people = {hit.title for hit in search_records(demo_store, "nguyen thi hong") if hit.table == "person"}
    assert people == {"Nguyễn Thị Hồng"}


def test_a_scale_out_of_range_is_refused_and_changes_nothing(store):
    for scale in (0, -1, 251, 2.5):
        with pytest.raises(ValidationError, match="scale: must be a whole number from 1 to 250"):
            scale_demo(store, scale)

    assert demo.is_empty(store) and m.ChangeRecord.select().count() == 0


@pytest.mark.postgresql_only
def test_the_same_bulk_sql_builds_the_copies_and_the_archive_on_postgresql(demo_store, demo_counts):
    counts = scale_demo(demo_store, 2)

    assert (counts["round"], counts["agenda_item"], counts["joint_project"], counts["person"]) == (
        2 * 33 + 120, 2 * 142 + 1380, 2 * 13 + 290, 2 * 42 + 1971
    )
    archive_round = m.Round.get((m.Round.dialogue == DIALOGUES + 1) & (m.Round.number == 1))
    assert archive_round.start_date == datetime.date(1977, 4, 20)
    assert check_database(demo_store).ok
    # The sequences moved past the generated ids: the services can add records after them.
    assert m.Person.create(name="After the archive", institution=None).id == counts["person"] + 1
