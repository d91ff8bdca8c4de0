"""The demo database: what a new user sees at first start."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from dialogue_planner.errors import PlannerError
from dialogue_planner.services import demo
from dialogue_planner.services.dialogues import engagement_history, list_dialogues
from dialogue_planner.services.followups import overdue_followups
from dialogue_planner.services.rounds import list_rounds
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import open_database

TODAY = datetime.date(2026, 11, 22)

# The demo's content does not depend on the backend, and building it on PostgreSQL takes seconds:
# tests/safety/test_postgresql.py builds it there once and compares its export with SQLite's.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def demo_store(demo_copy):
    """The test's own copy of the demo dated TODAY (built once per session through the services)."""
    return demo_copy(TODAY)


@pytest.fixture
def built(demo_store, demo_templates):
    """What build_demo returned when it built demo_store's records."""
    return demo_templates.get(TODAY).summary


def test_demo_fills_an_empty_database_with_the_expected_counts(store):
    assert demo.is_empty(store)

    summary = demo.build_demo(store, today=TODAY)

    assert summary == demo.DemoSummary(
        dialogues=3, rounds=33, agenda_items=142, projects=13, people=42, cases=8, follow_ups=25,
        multilateral_items=10,
    )
    assert not demo.is_empty(store)


def test_three_dialogues_with_at_least_eight_rounds_each(demo_store, built):
    dialogues = list_dialogues(demo_store)

    assert [row["country"] for row in dialogues] == ["China", "Indonesia", "Vietnam"]
    assert all(row["round_count"] >= 8 and row["focus_target"] == 4 for row in dialogues)
    home = m.Country.get(m.Country.is_home)
    assert (home.name, home.iso_code) == ("Norway", "NO")


def test_china_was_scaled_down_and_then_active_again(demo_store, built):
    china = m.Dialogue.select().join(m.Country).where(m.Country.iso_code == "CN").get()

    levels = [row["level"] for row in engagement_history(demo_store, china.id)]

    assert "scaled_down" in levels
    assert levels[-1] == "active"


def test_agendas_show_broad_rounds_before_the_evaluation_and_focused_ones_after(demo_store, built):
    rounds = list_rounds(demo_store)
    broad = [row for row in rounds if row["topic_count"] > 4]
    focused = [row for row in rounds if 0 < row["topic_count"] <= 4]

    assert broad and focused
    assert all(row["start_date"] < datetime.date(2002, 5, 1) for row in broad if row["topic_count"] >= 7)
    assert all(row["start_date"] > datetime.date(2002, 5, 31) for row in focused)


def test_every_dialogue_has_a_coming_round(demo_store, built):
    coming = {row["country"] for row in list_rounds(demo_store)
              if row["start_date"] > TODAY and row["status"] in ("planned", "in_preparation")}

    assert coming == {"China", "Indonesia", "Vietnam"}


def test_round_numbers_are_unique_within_each_dialogue(demo_store, built):
    numbers = Counter((row["dialogue_id"], row["number"]) for row in list_rounds(demo_store))

    assert max(numbers.values()) == 1


def test_some_open_follow_ups_are_overdue_on_the_given_day(demo_store, built):
    overdue = overdue_followups(demo_store, TODAY)

    assert overdue
    assert all(row["status"] == "open" and row["due_date"] < TODAY for row in overdue)
    statuses = {row.status for row in m.FollowUp.select()}
    assert statuses == {"open", "done", "dropped"}


def test_chinese_and_vietnamese_text_survives_exactly(demo_store, built):
    assert m.Person.get(m.Person.name == "王建国").title.startswith("Director General")
    assert m.Person.select().where(m.Person.name == "Nguyễn Thị Hồng").exists()
    assert m.Person.select().where(m.Person.name == "Trần Văn Đức").exists()
    assert m.Round.select().where(m.Round.city == "Beijing (北京)").count() >= 3
    assert m.Round.select().where(m.Round.city == "Hanoi (Hà Nội)").exists()
    assert m.Institution.select().where(m.Institution.name.contains("最高人民法院")).exists()
    assert m.Institution.select().where(m.Institution.name.contains("Bộ Ngoại giao")).exists()


def test_cases_are_invented_and_mostly_confidential(demo_store, built):
    cases = list(m.IndividualCase.select())
    sensitivities = Counter(case.sensitivity for case in cases)

    assert sensitivities["confidential"] > sensitivities["shareable"] >= 1
    assert all(case.summary.startswith("Illustrative case.") for case in cases)
    assert m.CaseRaising.select().count() > len(cases)


def test_the_defenders_resolution_of_2015_is_there(demo_store, built):
    item = m.MultilateralItem.get(m.MultilateralItem.outcome.contains("117-14-40"))

    assert (item.forum, item.our_role) == ("unga_third_committee", "lead")
    assert "74 co-sponsors" in item.outcome
    assert {position.country.iso_code for position in item.positions} == {"CN", "ID", "VN"}


def test_projects_carry_the_results_from_the_background_documents(demo_store, built):
    results = {result.indicator: result for result in m.ProjectResult.select()}

    prosecutors = results["Public prosecutors trained"]
    assert (prosecutors.baseline, prosecutors.actual) == (0, 2000)
    assert results["Defence lawyers trained in human rights"].actual == 15000
    assert results["Supported cases dropped or ending in acquittal (%)"].actual == 46
    assert results["Supported cases ending in a custodial sentence (%)"].actual == 20
    assert {project.currency for project in m.JointProject.select()} == {"NOK"}


def test_every_held_round_has_both_delegations(demo_store, built):
    for round_ in m.Round.select().where(m.Round.status.in_(("held", "concluded"))):
        sides = {member.side: member.role for member in round_.delegation_members if member.role == "head"}
        assert set(sides) == {"home", "partner"}, round_.number


def test_building_twice_the_same_day_gives_the_same_rounds(tmp_path):
    listings = []
    for name in ("first.sqlite", "second.sqlite"):
        other = open_database(str(tmp_path / name), user="tester")
        try:
            demo.build_demo(other, today=TODAY)
            listings.append(list_rounds(other))
        finally:
            other.close()

    assert listings[0] == listings[1]


def test_a_database_with_records_is_refused(demo_store, built):
    with pytest.raises(PlannerError, match="already holds records"):
        demo.build_demo(demo_store, today=TODAY)


def test_clear_all_empties_the_database_and_its_history(demo_store, built):
    demo.clear_all(demo_store)

    assert demo.is_empty(demo_store)
    assert m.ChangeRecord.select().count() == 0
    assert demo.build_demo(demo_store, today=TODAY) == built
