"""The service queries the delegation brief reads through: projects, raisings, follow-ups, people, earlier rounds."""

from __future__ import annotations

import datetime

from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.cases import earlier_raisings, open_case, raise_case
from dialogue_planner.services.followups import add_follow_up, followups_agreed_at
from dialogue_planner.services.network import add_institution, add_person, people_at_institutions
from dialogue_planner.services.projects import add_project, project_details, record_result
from dialogue_planner.services.rounds import earlier_rounds, plan_round


def test_project_details_gives_partners_topics_and_the_latest_result_per_indicator(
    store, china_country, legal_aid, death_penalty
):
    court = add_institution(store, "Supreme People's Court (最高人民法院)", china_country, "judiciary")
    university = add_institution(store, "China University of Political Science and Law", china_country, "academia")
    project = add_project(store, "Legal aid pilot", china_country, topics=[legal_aid, death_penalty],
                          partners=[university, court], implementing_institution=court, status="active")
    record_result(store, project, "Lawyers trained", baseline=0, target=500, actual=100, as_of="2023-12-31")
    record_result(store, project, "Lawyers trained", baseline=0, target=500, actual=350, as_of="2024-12-31")
    record_result(store, project, "Centres opened", target=10)

    details = project_details(store, [project.id])[project.id]
    assert details["implementer"] == "Supreme People's Court (最高人民法院)"
    assert details["partners"] == ["China University of Political Science and Law",
                                   "Supreme People's Court (最高人民法院)"]
    assert details["topics"] == ["Death penalty", "Legal aid and pre-trial detention"]
    assert sorted(details["institution_ids"]) == sorted([court.id, court.id, university.id])
    latest = {row["indicator"]: (row["actual"], row["as_of"]) for row in details["latest_results"]}
    assert latest == {"Lawyers trained": (350.0, datetime.date(2024, 12, 31)), "Centres opened": (None, None)}
    assert project_details(store, []) == {}


def test_earlier_raisings_are_those_of_lower_rounds_of_the_same_dialogue(store, china, vietnam, china_country):
    rounds = [plan_round(store, china, number=number) for number in (22, 23, 24)]
    other = plan_round(store, vietnam, number=5)
    case = open_case(store, "陈雪梅 (Chen Xuemei)", china_country)
    raise_case(store, case, rounds[1], "Handled according to law.")
    raise_case(store, case, rounds[0], "No information.")
    raise_case(store, case, rounds[2])
    raise_case(store, case, other, "Not our matter.")
    found = earlier_raisings(store, [case.id], rounds[2].id)
    assert [(row["round_number"], row["response"]) for row in found[case.id]] == [
        (22, "No information."), (23, "Handled according to law.")]
    assert earlier_raisings(store, [], rounds[2].id) == {}


def test_followups_agreed_at_one_round_whatever_their_status(store, china, round24, legal_aid):
    later = plan_round(store, china, number=25)
    add_follow_up(store, round24, "Send the legal-aid study", topic=legal_aid, due_date="2024-09-01", status="done")
    add_follow_up(store, round24, "Propose a seminar")
    add_follow_up(store, later, "Not this round")
    assert [row["description"] for row in followups_agreed_at(store, round24.id)] == [
        "Send the legal-aid study", "Propose a seminar"]


def test_people_at_institutions_by_institution_then_name(store, china_country):
    court = add_institution(store, "Supreme People's Court", china_country, "judiciary")
    bar = add_institution(store, "All China Lawyers Association", china_country, "civil_society")
    other = add_institution(store, "Ministry of Justice", china_country, "ministry")
    add_person(store, "杨志强", title="Vice President", institution=bar, email="yang@example.org")
    add_person(store, "刘洋", title="Judge", institution=court)
    add_person(store, "陈静", title="Judge", institution=court)
    add_person(store, "Not listed", institution=other)
    rows = people_at_institutions(store, [court.id, bar.id])
    assert [(row["institution"], row["name"]) for row in rows] == [
        ("All China Lawyers Association", "杨志强"), ("Supreme People's Court", "刘洋"),
        ("Supreme People's Court", "陈静")]
    assert rows[0]["email"] == "yang@example.org"
    assert people_at_institutions(store, []) == []


def test_earlier_rounds_oldest_first_with_their_topics_in_agenda_order(store, china, vietnam, legal_aid, death_penalty):
    first = plan_round(store, china, number=1, city="北京", outcome_summary="Agreed to meet yearly.")
    add_agenda_item(store, first, death_penalty)
    add_agenda_item(store, first, legal_aid, position=0)
    plan_round(store, china, number=2, city="Oslo")
    current = plan_round(store, china, number=3)
    plan_round(store, vietnam, number=1)
    rows = earlier_rounds(store, current.id)
    assert [(row["number"], row["city"], row["topics"]) for row in rows] == [
        (1, "北京", ["Legal aid and pre-trial detention", "Death penalty"]), (2, "Oslo", [])]
    assert rows[0]["outcome_summary"] == "Agreed to meet yearly."
