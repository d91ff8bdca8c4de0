"""The lists the record views show: joins and aggregates, exact rows, built through the services."""

from __future__ import annotations

import datetime
import decimal

import pytest

from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.case_register import list_cases, raisings_of_case, rounds_to_raise_case_at
from dialogue_planner.services.cases import open_case, raise_case
from dialogue_planner.services.dialogues import add_priority_topic
from dialogue_planner.services.followup_tracking import track_follow_ups
from dialogue_planner.services.followups import add_follow_up, complete_follow_up
from dialogue_planner.services.multilateral import add_multilateral_item
from dialogue_planner.services.multilateral_register import (
    countries_without_position,
    item_topic_ids,
    list_multilateral_items,
    positions_of_item,
    set_item_topics,
)
from dialogue_planner.services.network import add_institution, add_person, add_to_delegation
from dialogue_planner.services.network_directory import delegations_of_person, list_institutions, people_directory
from dialogue_planner.services.project_portfolio import (
    donors_of_project,
    project_partner_ids,
    project_portfolio,
    project_topic_ids,
    results_of_project,
    set_project_partners,
)
from dialogue_planner.services.projects import add_donor, add_project, record_result, set_project_topics
from dialogue_planner.services.reference_lists import (
    country_rows,
    dialogue_country_id,
    institution_rows,
    person_rows,
    round_rows,
)
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topic_catalogue import priority_topics_of, topic_catalogue

day = datetime.date


@pytest.fixture
def court(store, china_country):
    return add_institution(store, "最高人民法院", china_country, "judiciary")


@pytest.fixture
def ministry(store, norway):
    return add_institution(store, "Ministry of Foreign Affairs", norway, "ministry")


def test_topic_catalogue_counts_every_use_and_sums_them(store, china, round24, death_penalty, legal_aid, defenders):
    add_agenda_item(store, round24, death_penalty)
    add_priority_topic(store, china, death_penalty, day(2020, 1, 1))
    add_project(store, "Legal aid", china.country_id, topics=[legal_aid, death_penalty])
    add_follow_up(store, round24, "Seminar", topic=death_penalty.id)

    rows = {row["name"]: row for row in topic_catalogue(store)}

    assert [row["name"] for row in topic_catalogue(store)] == [
        "Death penalty", "Human rights defenders", "Legal aid and pre-trial detention",
    ]
    death = rows["Death penalty"]
    assert (death["agenda_count"], death["priority_count"], death["project_count"], death["follow_up_count"]) == (
        1, 1, 1, 1,
    )
    assert (death["case_count"], death["multilateral_count"], death["use_count"]) == (0, 0, 4)
    assert rows["Legal aid and pre-trial detention"]["use_count"] == 1
    assert rows["Human rights defenders"]["use_count"] == 0


def test_priority_topics_of_lists_every_period_by_topic_and_latest_first(
    store, china, vietnam, death_penalty, legal_aid
):
    add_priority_topic(store, china, legal_aid, day(2010, 1, 1), day(2015, 12, 31))
    add_priority_topic(store, china, legal_aid, day(2018, 1, 1))
    add_priority_topic(store, china, death_penalty, day(2012, 1, 1))
    add_priority_topic(store, vietnam, death_penalty, day(2012, 1, 1))

    rows = priority_topics_of(store, china.id)

    assert [(row["topic"], row["valid_from"], row["valid_to"]) for row in rows] == [
        ("Death penalty", day(2012, 1, 1), None),
        ("Legal aid and pre-trial detention", day(2018, 1, 1), None),
        ("Legal aid and pre-trial detention", day(2010, 1, 1), day(2015, 12, 31)),
    ]


def test_project_portfolio_has_topics_implementer_and_the_latest_result(
    store, china_country, vietnam_country, court, death_penalty, legal_aid
):
    project = add_project(
        store, "Pháp luật", vietnam_country, topics=[legal_aid, death_penalty], budget="2500000", currency="NOK",
        implementing_institution=court.id,
    )
    record_result(store, project, "Prosecutors trained", baseline=0, target=2000, actual=800, as_of=day(2020, 1, 1))
    record_result(store, project, "Prosecutors trained", baseline=0, target=2000, actual=2000, as_of=day(2023, 1, 1))
    record_result(store, project, "Lawyers trained", actual=10)
    add_project(store, "法律援助", china_country)

    rows = project_portfolio(store)

    assert [(row["country"], row["title"]) for row in rows] == [("China", "法律援助"), ("Vietnam", "Pháp luật")]
    assert rows[0]["topics"] == "" and rows[0]["latest_result"] is None and rows[0]["implementer"] == ""
    vietnam_row = rows[1]
    assert vietnam_row["topics"] == "Death penalty, Legal aid and pre-trial detention"
    assert vietnam_row["implementer"] == "最高人民法院"
    assert vietnam_row["budget"] == decimal.Decimal("2500000.00")
    assert (vietnam_row["latest_result"]["actual"], vietnam_row["latest_result"]["as_of"]) == (2000.0, day(2023, 1, 1))
    assert [row["title"] for row in project_portfolio(store, vietnam_country.id)] == ["Pháp luật"]


def test_a_projects_partners_donors_and_results_are_listed_and_partners_set(
    store, china_country, court, ministry, death_penalty
):
    project = add_project(store, "Courts", china_country, topics=[death_penalty], partners=[court])
    add_donor(store, project, "Norad", "100.50")
    add_donor(store, project, "Ford Foundation", "900")
    add_donor(store, project, "Anonymous")
    record_result(store, project, "Judges trained", actual=5, as_of=day(2021, 5, 1))
    record_result(store, project, "Judges trained", actual=1)

    set_project_partners(store, project.id, [ministry.id])

    assert project_topic_ids(store, project.id) == [death_penalty.id]
    assert project_partner_ids(store, project.id) == [ministry.id]
    assert [(row["name"], row["amount"]) for row in donors_of_project(store, project.id)] == [
        ("Ford Foundation", decimal.Decimal("900.00")), ("Norad", decimal.Decimal("100.50")), ("Anonymous", None),
    ]
    assert [(row["actual"], row["as_of"]) for row in results_of_project(store, project.id)] == [
        (1.0, None), (5.0, day(2021, 5, 1)),
    ]
    set_project_topics(store, project.id, [])
    assert project_topic_ids(store, project.id) == []


def test_network_lists_institutions_with_head_counts_and_people_by_country(store, china_country, court, ministry):
    add_person(store, "Lê Văn Minh", institution=court.id, email="le@example.org")
    add_person(store, "王芳", institution=court.id)
    add_person(store, "Kari Nordmann", institution=ministry.id)
    add_person(store, "Independent Expert")

    assert [(row["name"], row["country"], row["sector"], row["people_count"]) for row in list_institutions(store)] == [
        ("Ministry of Foreign Affairs", "Norway", "ministry", 1), ("最高人民法院", "China", "judiciary", 2),
    ]
    assert [row["name"] for row in list_institutions(store, china_country.id)] == ["最高人民法院"]
    everyone = people_directory(store)
    assert [(row["name"], row["institution"], row["country"]) for row in everyone] == [
        ("Independent Expert", None, None),
        ("Kari Nordmann", "Ministry of Foreign Affairs", "Norway"),
        ("Lê Văn Minh", "最高人民法院", "China"),
        ("王芳", "最高人民法院", "China"),
    ]
    assert [row["name"] for row in people_directory(store, china_country.id)] == ["Lê Văn Minh", "王芳"]


def test_delegations_of_a_person_newest_first(store, china, vietnam, round24, ministry):
    person = add_person(store, "Kari Nordmann", institution=ministry.id)
    hanoi = plan_round(store, vietnam, city="Hà Nội", start_date=day(2025, 3, 1))
    add_to_delegation(store, round24, person, "home", "head")
    add_to_delegation(store, hanoi, person, "home", "expert")

    rows = delegations_of_person(store, person.id)

    assert [(row["country"], row["number"], row["city"], row["side"], row["role"]) for row in rows] == [
        ("Vietnam", 1, "Hà Nội", "home", "expert"), ("China", 24, "Beijing", "home", "head"),
    ]


def test_case_register_counts_raisings_and_offers_the_rounds_not_yet_used(
    store, china, china_country, vietnam_country, round24, defenders
):
    earlier = plan_round(store, china, number=23, start_date=day(2023, 5, 1))
    later = plan_round(store, china, number=25)
    case = open_case(store, "Trần Thị Lan", vietnam_country, topic=defenders.id)
    china_case = open_case(store, "李明", china_country, situation="sentenced", sensitivity="shareable")
    raise_case(store, china_case, earlier, "No information given")
    raise_case(store, china_case, round24, "Said to be in good health")

    rows = list_cases(store)

    keys = ("person_name", "country", "topic", "raised_count", "last_raised")
    assert [tuple(row[key] for key in keys) for row in rows] == [
        ("Trần Thị Lan", "Vietnam", "Human rights defenders", 0, None),
        ("李明", "China", "", 2, day(2024, 6, 10)),
    ]
    assert [row["person_name"] for row in list_cases(store, china_country.id)] == ["李明"]
    assert [(row["number"], row["response"]) for row in raisings_of_case(store, china_case.id)] == [
        (24, "Said to be in good health"), (23, "No information given"),
    ]
    assert [row["id"] for row in rounds_to_raise_case_at(store, china_case.id)] == [later.id]
    assert rounds_to_raise_case_at(store, case.id) == []


def test_multilateral_items_with_topics_and_a_countrys_position(
    store, china_country, vietnam_country, defenders, expression
):
    resolution = add_multilateral_item(
        store, "Human rights defenders", forum="unga_third_committee", held_on=day(2015, 11, 25), our_role="lead",
        outcome="adopted 117-14-40", topics=[defenders, expression],
        positions={china_country.id: "voted_no", vietnam_country.id: "abstained"},
    )
    upr = add_multilateral_item(store, "UPR of Vietnam", forum="upr", topics=[defenders])

    rows = list_multilateral_items(store, china_country.id)

    assert [(row["title"], row["topics"], row["position"]) for row in rows] == [
        ("Human rights defenders", "Freedom of expression, Human rights defenders", "voted_no"),
        ("UPR of Vietnam", "Human rights defenders", None),
    ]
    assert [row["title"] for row in list_multilateral_items(store, china_country.id, only_with_position=True)] == [
        "Human rights defenders"
    ]
    assert [row["position"] for row in list_multilateral_items(store)] == [None, None]
    assert [(row["country"], row["position"]) for row in positions_of_item(store, resolution.id)] == [
        ("China", "voted_no"), ("Vietnam", "abstained"),
    ]
    assert [row["name"] for row in countries_without_position(store, upr.id)] == ["China", "Vietnam"]
    assert countries_without_position(store, resolution.id) == []

    set_item_topics(store, upr.id, [expression.id])
    assert item_topic_ids(store, upr.id) == [expression.id]


def test_follow_ups_are_tracked_open_overdue_or_all(store, china, vietnam, round24, death_penalty):
    today = day(2025, 1, 10)
    late = add_follow_up(store, round24, "Send the seminar report", due_date=day(2024, 12, 1), topic=death_penalty.id)
    coming = add_follow_up(store, round24, "Invite judges", due_date=day(2025, 3, 1), owner="joint")
    undated = add_follow_up(store, round24, "Share statistics", owner="partner")
    done = add_follow_up(store, round24, "Thank the hosts", due_date=day(2024, 7, 1))
    complete_follow_up(store, done.id, on=day(2024, 6, 20))
    other = add_follow_up(store, plan_round(store, vietnam), "Not China's", due_date=day(2024, 1, 1))

    open_rows = track_follow_ups(store, china.id, "open", today=today)
    assert [row["id"] for row in open_rows] == [late.id, coming.id, undated.id]
    assert [row["overdue"] for row in open_rows] == [True, False, False]
    assert (open_rows[0]["topic"], open_rows[0]["round_number"], open_rows[0]["country"]) == (
        "Death penalty", 24, "China",
    )
    assert [row["id"] for row in track_follow_ups(store, china.id, "overdue", today=today)] == [late.id]
    assert [row["id"] for row in track_follow_ups(store, china.id, "all", today=today)] == [
        done.id, late.id, coming.id, undated.id,
    ]
    assert [row["id"] for row in track_follow_ups(store, None, "overdue", today=today)] == [other.id, late.id]
    with pytest.raises(ValueError):
        track_follow_ups(store, china.id, "late")


def test_reference_lists_offer_countries_institutions_people_and_rounds(
    store, china, vietnam, round24, court, ministry
):
    person = add_person(store, "王芳", institution=court.id)
    loner = add_person(store, "Anh Nguyễn")
    hanoi = plan_round(store, vietnam, start_date=day(2025, 3, 1))

    assert [row["name"] for row in country_rows(store)] == ["China", "Norway", "Vietnam"]
    assert [(row["name"], row["country"]) for row in institution_rows(store)] == [
        ("Ministry of Foreign Affairs", "Norway"), ("最高人民法院", "China"),
    ]
    assert [(row["id"], row["institution"]) for row in person_rows(store)] == [
        (loner.id, None), (person.id, "最高人民法院"),
    ]
    assert [(row["country"], row["number"]) for row in round_rows(store)] == [("China", 24), ("Vietnam", 1)]
    assert [row["id"] for row in round_rows(store, dialogue_id=vietnam.id)] == [hanoi.id]
    assert [row["id"] for row in round_rows(store, country_id=china.country_id)] == [round24.id]
    assert dialogue_country_id(store, china.id) == china.country_id
