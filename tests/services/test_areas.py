"""What each area of the services does: dialogues, rounds, agendas, projects, network, cases, follow-ups..."""

from __future__ import annotations

import datetime
import decimal

import pytest

from dialogue_planner.errors import ConflictError, NotFoundError, ValidationError
from dialogue_planner.services import records
from dialogue_planner.services.agenda import (
    FocusStatus,
    add_agenda_item,
    agenda_of,
    move_agenda_item,
    round_focus,
    total_minutes,
)
from dialogue_planner.services.cases import cases_for_round, open_case, raise_case
from dialogue_planner.services.dialogues import (
    add_country,
    add_priority_topic,
    engagement_history,
    list_dialogues,
    priority_topics_on,
    set_engagement_level,
    start_dialogue,
)
from dialogue_planner.services.followups import (
    add_follow_up,
    complete_follow_up,
    open_followups_before,
    overdue_followups,
)
from dialogue_planner.services.multilateral import add_multilateral_item, items_on_topic
from dialogue_planner.services.network import add_institution, add_person, add_to_delegation, delegation_of, list_people
from dialogue_planner.services.projects import (
    add_donor,
    add_project,
    list_projects,
    projects_on_topic,
    record_result,
    set_project_topics,
)
from dialogue_planner.services.rounds import list_rounds, next_round_number, plan_round, previous_round
from dialogue_planner.services.topics import list_topics, topic_by_name
from dialogue_planner.storage import models as m

day = datetime.date


# --- dialogues and engagement ------------------------------------------------------------------


def test_starting_a_dialogue_records_its_first_engagement_level(store, china_country):
    dialogue = start_dialogue(store, china_country, "Norway–China human rights dialogue", start_year=1997)

    assert engagement_history(store, dialogue.id) == [
        {"id": 1, "changed_on": day(1997, 1, 1), "level": "active", "reason": "Dialogue started"}
    ]
    stored = m.Dialogue.get_by_id(dialogue.id)
    assert (stored.engagement_level, stored.focus_target, stored.country_id) == ("active", 4, china_country.id)


def test_a_dialogue_without_a_start_year_starts_today(store, china_country):
    dialogue = start_dialogue(store, china_country, "Norway–China human rights dialogue", engagement_level="paused")

    (first,) = engagement_history(store, dialogue.id)
    assert (first["changed_on"], first["level"]) == (datetime.date.today(), "paused")


def test_scaling_down_updates_the_level_and_appends_the_reason(store, china):
    dialogue = set_engagement_level(
        store, china.id, "scaled_down", "Political relations frozen after the 2010 Peace Prize", on="2010-12-10"
    )

    assert (dialogue.engagement_level, dialogue.version) == ("scaled_down", 2)
    assert m.Dialogue.get_by_id(china.id).engagement_level == "scaled_down"
    assert [(row["changed_on"], row["level"], row["reason"]) for row in engagement_history(store, china.id)] == [
        (day(1997, 1, 1), "active", "Dialogue started"),
        (day(2010, 12, 10), "scaled_down", "Political relations frozen after the 2010 Peace Prize"),
    ]
    assert records.history(store, "dialogue", china.id)[-1]["changes"] == {
        "engagement_level": ["active", "scaled_down"]
    }


def test_engagement_history_is_in_date_order_whatever_the_order_of_entry(store, china):
    set_engagement_level(store, china.id, "active", "Normalisation of relations", on="2016-12-19")
    set_engagement_level(store, china.id, "paused", "Back-dated: talks paused", on=day(2010, 12, 10))

    levels = [(row["changed_on"], row["level"]) for row in engagement_history(store, china.id)]

    assert levels == [(day(1997, 1, 1), "active"), (day(2010, 12, 10), "paused"), (day(2016, 12, 19), "active")]


def test_engagement_change_with_a_stale_version_is_a_conflict(store, china):
    set_engagement_level(store, china.id, "paused", "Talks paused", on="2010-12-10")

    with pytest.raises(ConflictError):
        set_engagement_level(store, china.id, "active", "Talks resumed", on="2016-12-19", expected_version=1)

    assert len(engagement_history(store, china.id)) == 2


def test_list_dialogues_counts_rounds_by_country_name(store, china, vietnam, round24):
    plan_round(store, china, number=25)
    indonesia = add_country(store, "Indonesia", "ID")
    start_dialogue(store, indonesia, "Norway–Indonesia human rights dialogue")

    listed = list_dialogues(store)

    assert [(row["country"], row["iso_code"], row["round_count"]) for row in listed] == [
        ("China", "CN", 2),
        ("Indonesia", "ID", 0),
        ("Vietnam", "VN", 0),
    ]
    assert listed[0]["title"] == "Norway–China human rights dialogue"
    assert (listed[0]["engagement_level"], listed[0]["focus_target"], listed[0]["version"]) == ("active", 4, 1)


def test_priority_topics_respect_their_validity(store, china, vietnam, death_penalty, legal_aid, defenders):
    add_priority_topic(store, china, death_penalty, "2000-01-01", "2010-12-31")
    add_priority_topic(store, china, legal_aid, day(2005, 1, 1))
    add_priority_topic(store, vietnam, defenders, "1990-01-01")

    def names_on(when: datetime.date) -> list[str]:
        return [row["name"] for row in priority_topics_on(store, china.id, when)]

    assert names_on(day(1999, 12, 31)) == []
    assert names_on(day(2000, 1, 1)) == ["Death penalty"]
    assert names_on(day(2008, 6, 1)) == ["Death penalty", "Legal aid and pre-trial detention"]
    assert names_on(day(2010, 12, 31)) == ["Death penalty", "Legal aid and pre-trial detention"]
    assert names_on(day(2011, 1, 1)) == ["Legal aid and pre-trial detention"]
    (row,) = priority_topics_on(store, china.id, day(2030, 1, 1))
    assert (row["topic_id"], row["valid_from"], row["valid_to"]) == (legal_aid.id, day(2005, 1, 1), None)


# --- topics ------------------------------------------------------------------------------------


def test_topics_are_listed_by_name_and_found_by_name(store, death_penalty, legal_aid, defenders):
    assert [row["name"] for row in list_topics(store)] == [
        "Death penalty",
        "Human rights defenders",
        "Legal aid and pre-trial detention",
    ]
    assert topic_by_name(store, "Human rights defenders").id == defenders.id
    assert topic_by_name(store, "Prevention of torture") is None


# --- rounds ------------------------------------------------------------------------------------


def test_a_round_without_a_number_takes_the_next_one(store, china, vietnam, round24):
    round25 = plan_round(store, china, city="Oslo", host_side="home")
    first_vietnam_round = plan_round(store, vietnam, city="Hanoi")

    assert round25.number == 25
    assert first_vietnam_round.number == 1
    assert next_round_number(store, china.id) == 26


def test_the_next_number_follows_the_highest_even_after_a_gap(store, china):
    plan_round(store, china, number=3)
    plan_round(store, china, number=7)

    assert plan_round(store, china).number == 8


def test_rounds_are_listed_newest_first_within_each_dialogue(store, china, vietnam, round24, death_penalty,
                                                            legal_aid):
    round25 = plan_round(store, china, number=25, city="Oslo")
    vietnam_round = plan_round(store, vietnam, number=1, city="Hanoi")
    add_agenda_item(store, round24, death_penalty)
    add_agenda_item(store, round24, legal_aid)
    add_agenda_item(store, vietnam_round, legal_aid)

    listed = list_rounds(store)

    assert [(row["country"], row["number"], row["topic_count"]) for row in listed] == [
        ("China", 25, 0),
        ("China", 24, 2),
        ("Vietnam", 1, 1),
    ]
    assert [row["id"] for row in list_rounds(store, china.id)] == [round25.id, round24.id]
    assert listed[1] == {
        "id": round24.id,
        "dialogue_id": china.id,
        "number": 24,
        "start_date": day(2024, 6, 10),
        "end_date": day(2024, 6, 11),
        "city": "Beijing",
        "host_side": "partner",
        "level": "senior_officials",
        "status": "planned",
        "country": "China",
        "topic_count": 2,
    }


def test_previous_round_is_the_next_lower_number_of_the_same_dialogue(store, china, vietnam, round24):
    round22 = plan_round(store, china, number=22)
    round26 = plan_round(store, china, number=26)
    plan_round(store, vietnam, number=25)

    assert previous_round(store, round26.id).id == round24.id
    assert previous_round(store, round24.id).id == round22.id
    assert previous_round(store, round22.id) is None


# --- agenda ------------------------------------------------------------------------------------


@pytest.fixture
def agenda24(store, round24, death_penalty, legal_aid, defenders) -> list[m.AgendaItem]:
    """Round 24's agenda: death penalty (60 min), legal aid (45), human rights defenders (30)."""
    return [
        add_agenda_item(store, round24, death_penalty, minutes=60)[0],
        add_agenda_item(store, round24, legal_aid, minutes=45)[0],
        add_agenda_item(store, round24, defenders, minutes=30)[0],
    ]


def agenda_topics(store, round_id: int) -> list[str]:
    return [row["topic_name"] for row in agenda_of(store, round_id)]


def test_agenda_items_go_to_the_end_in_order(store, round24, agenda24):
    rows = agenda_of(store, round24.id)

    assert [(row["topic_name"], row["position"], row["minutes"]) for row in rows] == [
        ("Death penalty", 0, 60),
        ("Legal aid and pre-trial detention", 1, 45),
        ("Human rights defenders", 2, 30),
    ]


def test_an_agenda_item_placed_at_a_taken_position_goes_before_the_item_there(store, round24, agenda24, expression):
    first, second, third = agenda24

    added, _ = add_agenda_item(store, round24, expression, position=1)

    rows = agenda_of(store, round24.id)
    assert [(row["id"], row["position"]) for row in rows] == [
        (first.id, 0),
        (added.id, 1),
        (second.id, 2),
        (third.id, 3),
    ]
    assert records.history(store, "agenda_item", third.id)[-1]["changes"] == {"position": [2, 3]}


def test_an_agenda_item_placed_at_a_free_position_moves_nothing(store, round24, agenda24, expression):
    before = [row["position"] for row in agenda_of(store, round24.id)]

    added, _ = add_agenda_item(store, round24, expression, position=10)

    assert [row["position"] for row in agenda_of(store, round24.id)] == [*before, 10]
    assert all(m.AgendaItem.get_by_id(item.id).version == 1 for item in agenda24)
    assert agenda_of(store, round24.id)[-1]["id"] == added.id


def test_a_refused_agenda_item_at_a_taken_position_moves_nothing(store, round24, agenda24, death_penalty):
    history_before = m.ChangeRecord.select().count()

    with pytest.raises(ValidationError) as caught:
        add_agenda_item(store, round24, death_penalty, position=0)

    assert caught.value.errors == {"topic": "this topic is already on the round's agenda"}
    assert [row["position"] for row in agenda_of(store, round24.id)] == [0, 1, 2]
    assert m.ChangeRecord.select().count() == history_before


def test_moving_an_item_to_the_front(store, round24, agenda24):
    first, second, third = agenda24

    order = move_agenda_item(store, third.id, 0)

    assert order == [third.id, first.id, second.id]
    assert agenda_topics(store, round24.id) == [
        "Human rights defenders",
        "Death penalty",
        "Legal aid and pre-trial detention",
    ]
    assert [row["position"] for row in agenda_of(store, round24.id)] == [0, 1, 2]


def test_moving_an_item_to_the_end(store, round24, agenda24):
    first, second, third = agenda24

    assert move_agenda_item(store, first.id, 2) == [second.id, third.id, first.id]
    assert [row["id"] for row in agenda_of(store, round24.id)] == [second.id, third.id, first.id]
    assert records.history(store, "agenda_item", first.id)[-1]["changes"] == {"position": [0, 2]}


@pytest.mark.parametrize("index", [-1, 3, 100])
def test_moving_an_item_out_of_range_is_refused(store, round24, agenda24, index):
    with pytest.raises(ValidationError) as caught:
        move_agenda_item(store, agenda24[0].id, index)

    assert caught.value.errors == {"position": "must be between 1 and 3"}
    assert [row["id"] for row in agenda_of(store, round24.id)] == [item.id for item in agenda24]


def test_total_minutes_of_the_agenda(store, china, round24, agenda24):
    empty_round = plan_round(store, china, number=25)

    assert total_minutes(store, round24.id) == 135
    assert total_minutes(store, empty_round.id) == 0


def test_round_focus_counts_the_priority_topics_in_force_at_the_round(store, china, round24, agenda24,
                                                                       death_penalty, legal_aid, defenders):
    add_priority_topic(store, china, death_penalty, "2020-01-01")
    add_priority_topic(store, china, legal_aid, "2020-01-01", "2024-06-10")
    add_priority_topic(store, china, defenders, "2015-01-01", "2024-06-09")

    focus = round_focus(store, round24.id)

    assert focus == FocusStatus(topic_count=3, target=4, priority_count=2)
    assert not focus.over_target
    assert focus.warning() is None


def test_a_smaller_focus_target_makes_the_round_over_target(store, china, round24, agenda24):
    records.update(store, "dialogue", china.id, {"focus_target": 2})

    focus = round_focus(store, round24.id)

    assert focus.over_target
    assert focus.warning() == (
        "The agenda has 3 topics; the dialogue's focus target is 2. Consider fewer topics in more depth."
    )


def test_reaching_the_focus_target_exactly_gives_no_warning(store, round24, agenda24, expression):
    _, warnings = add_agenda_item(store, round24, expression)

    assert warnings == []
    assert round_focus(store, round24.id).topic_count == 4


# --- joint projects ----------------------------------------------------------------------------


@pytest.fixture
def prosecutors(store, china_country) -> m.Institution:
    return add_institution(store, "Supreme People's Procuratorate", china_country, "prosecution")


@pytest.fixture
def lawyers_association(store, china_country) -> m.Institution:
    return add_institution(store, "All China Lawyers Association", china_country, "civil_society")


def test_a_project_is_stored_with_its_topics_and_partners(store, china_country, norway, death_penalty, legal_aid,
                                                          prosecutors, lawyers_association):
    centre = add_institution(store, "Norwegian Centre for Human Rights", norway, "academia")

    project = add_project(
        store,
        "Training of public prosecutors",
        china_country,
        topics=[death_penalty, legal_aid.id],
        partners=[prosecutors, lawyers_association.id],
        implementing_institution=centre,
        budget="12000000",
        currency="NOK",
        start_date="2005-01-01",
        end_date="2012-12-31",
        status="completed",
    )

    stored = m.JointProject.get_by_id(project.id)
    assert (stored.implementing_institution_id, stored.budget, stored.currency) == (
        centre.id,
        decimal.Decimal("12000000.00"),
        "NOK",
    )
    assert {link.topic_id for link in stored.project_topics} == {death_penalty.id, legal_aid.id}
    assert {link.institution_id for link in stored.partners} == {prosecutors.id, lawyers_association.id}
    assert m.ChangeRecord.select().where(m.ChangeRecord.table_name == "project_topic").count() == 2
    assert m.ChangeRecord.select().where(m.ChangeRecord.table_name == "project_partner").count() == 2


def test_setting_project_topics_adds_and_removes_links_with_history(store, china_country, death_penalty, legal_aid,
                                                                    defenders):
    project = add_project(store, "Legal aid pilot", china_country, topics=[death_penalty, legal_aid])
    kept_link = m.ProjectTopic.get(m.ProjectTopic.topic == legal_aid.id)
    removed_link = m.ProjectTopic.get(m.ProjectTopic.topic == death_penalty.id)

    set_project_topics(store, project.id, [legal_aid, defenders.id])

    links = {link.topic_id: link.id for link in m.ProjectTopic.select().where(m.ProjectTopic.project == project.id)}
    assert set(links) == {legal_aid.id, defenders.id}
    assert links[legal_aid.id] == kept_link.id
    assert [entry["action"] for entry in records.history(store, "project_topic", removed_link.id)] == [
        "create",
        "delete",
    ]
    (added,) = records.history(store, "project_topic", links[defenders.id])
    assert added["changes"] == {"project": [None, project.id], "topic": [None, defenders.id]}
    assert records.history(store, "project_topic", kept_link.id)[-1]["action"] == "create"


def test_setting_the_same_project_topics_again_changes_nothing(store, china_country, death_penalty):
    project = add_project(store, "Legal aid pilot", china_country, topics=[death_penalty])
    before = m.ChangeRecord.select().count()

    set_project_topics(store, project.id, [death_penalty])

    assert m.ChangeRecord.select().count() == before


def test_setting_topics_of_a_missing_project_is_not_found(store, death_penalty):
    with pytest.raises(NotFoundError, match="no joint project with id 99"):
        set_project_topics(store, 99, [death_penalty])


def test_results_and_donors_of_a_project(store, china_country):
    project = add_project(store, "Training of public prosecutors", china_country)

    result = record_result(
        store, project, "Public prosecutors trained", baseline=0, target=2000, actual=2000, as_of="2012-12-31"
    )
    donor = add_donor(store, project, "Norwegian Ministry of Foreign Affairs", "4500000.25")

    stored = m.ProjectResult.get_by_id(result.id)
    assert (stored.indicator, stored.baseline, stored.target, stored.actual, stored.as_of) == (
        "Public prosecutors trained",
        0.0,
        2000.0,
        2000.0,
        day(2012, 12, 31),
    )
    assert m.ProjectDonor.get_by_id(donor.id).amount == decimal.Decimal("4500000.25")
    assert [row.id for row in m.JointProject.get_by_id(project.id).results] == [result.id]


def test_projects_on_a_topic_filtered_by_country(store, china_country, vietnam_country, death_penalty, legal_aid):
    china_training = add_project(store, "Training of public prosecutors", china_country, topics=[death_penalty])
    china_aid = add_project(store, "Legal aid centres", china_country, topics=[legal_aid, death_penalty])
    vietnam_project = add_project(store, "Criminal procedure reform", vietnam_country, topics=[death_penalty])
    add_project(store, "Unrelated", china_country, topics=[legal_aid])

    assert [row["id"] for row in projects_on_topic(store, death_penalty.id)] == [
        vietnam_project.id,
        china_aid.id,
        china_training.id,
    ]
    china_rows = projects_on_topic(store, death_penalty.id, china_country.id)
    assert [row["title"] for row in china_rows] == ["Legal aid centres", "Training of public prosecutors"]
    assert set(china_rows[0]) == {"id", "title", "status", "start_date", "end_date"}


def test_projects_are_listed_by_country_and_title(store, china_country, vietnam_country):
    add_project(store, "Legal aid centres", vietnam_country, budget="100.5", currency="USD")
    add_project(store, "Training of public prosecutors", china_country, status="active")
    add_project(store, "Criminal procedure reform", china_country)

    rows = list_projects(store)

    assert [(row["country"], row["title"]) for row in rows] == [
        ("China", "Criminal procedure reform"),
        ("China", "Training of public prosecutors"),
        ("Vietnam", "Legal aid centres"),
    ]
    assert (rows[2]["budget"], rows[2]["currency"]) == (decimal.Decimal("100.50"), "USD")
    assert [row["title"] for row in list_projects(store, vietnam_country.id)] == ["Legal aid centres"]


# --- network and delegations -------------------------------------------------------------------


def test_delegations_list_heads_first_on_each_side(store, round24, norway, china_country, prosecutors):
    ministry = add_institution(store, "Ministry of Foreign Affairs", norway, "ministry")
    interpreter = add_person(store, "Anne Interpreter", institution=ministry)
    home_member = add_person(store, "Bjørn Member", institution=ministry)
    home_head = add_person(store, "Zara Head", title="Director General", institution=ministry)
    expert = add_person(store, "Carl Expert")
    partner_head = add_person(store, "Li Qiang", title="Director-General", institution=prosecutors)
    partner_member = add_person(store, "Wang Fang", institution=prosecutors)
    add_to_delegation(store, round24, interpreter, "home", "interpreter")
    add_to_delegation(store, round24, partner_member, "partner")
    add_to_delegation(store, round24, home_member, "home", "member")
    add_to_delegation(store, round24, expert, "home", "expert")
    add_to_delegation(store, round24, partner_head, "partner", "head")
    add_to_delegation(store, round24, home_head, "home", "head")

    rows = delegation_of(store, round24.id)

    assert [(row["side"], row["role"], row["name"]) for row in rows] == [
        ("home", "head", "Zara Head"),
        ("home", "member", "Bjørn Member"),
        ("home", "expert", "Carl Expert"),
        ("home", "interpreter", "Anne Interpreter"),
        ("partner", "head", "Li Qiang"),
        ("partner", "member", "Wang Fang"),
    ]
    assert (rows[0]["title"], rows[0]["institution"], rows[0]["person_id"]) == (
        "Director General",
        "Ministry of Foreign Affairs",
        home_head.id,
    )
    assert rows[2]["institution"] is None
    assert [row["name"] for row in delegation_of(store, round24.id, side="partner")] == ["Li Qiang", "Wang Fang"]


def test_people_are_listed_by_name_with_their_institution(store, prosecutors):
    add_person(store, "Wang Fang", institution=prosecutors, email="wang@example.org")
    add_person(store, "Nguyễn Thị Hồng")

    assert [(row["name"], row["institution"]) for row in list_people(store)] == [
        ("Nguyễn Thị Hồng", None),
        ("Wang Fang", "Supreme People's Procuratorate"),
    ]


# --- individual cases --------------------------------------------------------------------------


def test_cases_are_confidential_by_default(store, china_country):
    case = open_case(store, "Li Wei", china_country)

    assert m.IndividualCase.get_by_id(case.id).sensitivity == "confidential"


def test_the_shareable_view_leaves_confidential_cases_out(store, china, china_country, round24, defenders):
    confidential = open_case(store, "Li Wei", china_country, category="lawyer", situation="detained")
    public = open_case(
        store, "Ding Jiaxi", china_country, topic=defenders, sensitivity="shareable", situation="sentenced"
    )
    elsewhere = open_case(store, "Chen Ming", china_country, sensitivity="shareable")
    raise_case(store, confidential, round24)
    raising = raise_case(store, public, round24, response="The case is handled according to law.")
    raise_case(store, elsewhere, plan_round(store, china, number=25))

    everything = cases_for_round(store, round24.id)
    shareable = cases_for_round(store, round24.id, include_confidential=False)

    assert [row["person_name"] for row in everything] == ["Ding Jiaxi", "Li Wei"]
    assert shareable == [
        {
            "id": public.id,
            "person_name": "Ding Jiaxi",
            "category": "human_rights_defender",
            "situation": "sentenced",
            "summary": "",
            "sensitivity": "shareable",
            "topic_id": defenders.id,
            "raising_id": raising.id,
            "response": "The case is handled according to law.",
        }
    ]
    assert all("Li Wei" not in str(row) for row in shareable)


def test_a_case_is_raised_once_per_round(store, china, china_country, round24):
    case = open_case(store, "Li Wei", china_country)
    raise_case(store, case, round24)

    with pytest.raises(ValidationError) as caught:
        raise_case(store, case, round24, response="Second time")

    assert caught.value.errors == {"round": "this case is already to be raised at this round"}
    assert raise_case(store, case, plan_round(store, china, number=25)).case_id == case.id
    assert m.CaseRaising.select().count() == 2


# --- follow-ups --------------------------------------------------------------------------------


@pytest.fixture
def followups(store, china, vietnam, round24, legal_aid):
    """Follow-ups from China rounds 22, 23, 24 and 25 and from a Vietnam round, in various states."""
    round22 = plan_round(store, china, number=22)
    round23 = plan_round(store, china, number=23)
    round25 = plan_round(store, china, number=25)
    vietnam_round = plan_round(store, vietnam, number=1)
    return {
        "old_open": add_follow_up(store, round22, "Exchange on legal aid statistics", due_date="2023-01-31",
                                  topic=legal_aid, owner="partner"),
        "open_no_date": add_follow_up(store, round23, "Visit to a detention centre"),
        "open_soon": add_follow_up(store, round23, "Send list of detained lawyers", due_date="2023-10-01"),
        "done": add_follow_up(store, round23, "Seminar on the death penalty", status="done",
                              completed_on="2023-09-01"),
        "dropped": add_follow_up(store, round23, "Joint report", status="dropped", due_date="2023-02-01"),
        "same_round": add_follow_up(store, round24, "Reply on individual cases", due_date="2024-08-01"),
        "later_round": add_follow_up(store, round25, "Expert seminar", due_date="2025-03-01"),
        "other_dialogue": add_follow_up(store, vietnam_round, "Labour law workshop", due_date="2022-01-01"),
        "rounds": {22: round22, 23: round23, 25: round25},
    }


def test_open_followups_before_a_round_come_from_its_earlier_rounds_only(store, round24, followups, legal_aid):
    rows = open_followups_before(store, round24.id)

    assert [row["id"] for row in rows] == [
        followups["old_open"].id,
        followups["open_soon"].id,
        followups["open_no_date"].id,
    ]
    assert rows[0] == {
        "id": followups["old_open"].id,
        "description": "Exchange on legal aid statistics",
        "owner": "partner",
        "due_date": day(2023, 1, 31),
        "status": "open",
        "round_id": followups["rounds"][22].id,
        "round_number": 22,
        "topic_name": "Legal aid and pre-trial detention",
    }
    assert rows[2]["topic_name"] is None


def test_the_next_round_also_sees_this_rounds_open_followups(store, followups):
    rows = open_followups_before(store, followups["rounds"][25].id)

    assert followups["same_round"].id in [row["id"] for row in rows]
    assert followups["later_round"].id not in [row["id"] for row in rows]


def test_the_first_round_has_no_earlier_followups(store, followups):
    assert open_followups_before(store, followups["rounds"][22].id) == []


def test_overdue_followups_relative_to_today(store, vietnam, followups):
    overdue = overdue_followups(store, today=day(2024, 8, 1))

    assert [row["id"] for row in overdue] == [
        followups["other_dialogue"].id,
        followups["old_open"].id,
        followups["open_soon"].id,
    ]
    assert [row["id"] for row in overdue_followups(store, today=day(2024, 8, 2))][-1] == followups["same_round"].id
    assert [row["id"] for row in overdue_followups(store, day(2024, 8, 1), dialogue_id=vietnam.id)] == [
        followups["other_dialogue"].id
    ]
    assert overdue_followups(store, day(2021, 12, 31)) == []


def test_completing_a_follow_up(store, followups):
    completed = complete_follow_up(store, followups["open_soon"].id, on="2023-09-30")

    assert (completed.status, completed.completed_on, completed.version) == ("done", day(2023, 9, 30), 2)
    assert records.history(store, "follow_up", completed.id)[-1]["changes"] == {
        "status": ["open", "done"],
        "completed_on": [None, "2023-09-30"],
    }
    assert followups["open_soon"].id not in [row["id"] for row in overdue_followups(store, day(2024, 1, 1))]


def test_completing_a_follow_up_today_by_default(store, followups):
    completed = complete_follow_up(store, followups["open_no_date"].id)

    assert completed.completed_on == datetime.date.today()


# --- multilateral items ------------------------------------------------------------------------


def test_items_on_a_topic_show_the_partners_position(store, china_country, vietnam_country, defenders, death_penalty):
    resolution = add_multilateral_item(
        store,
        "Human rights defenders resolution",
        forum="unga_third_committee",
        session="70th session",
        held_on="2015-11-26",
        our_role="lead",
        outcome="adopted 117-14-40, 74 co-sponsors",
        topics=[defenders.id],
        positions={china_country.id: "voted_no", vietnam_country.id: "abstained"},
    )
    upr = add_multilateral_item(
        store,
        "Recommendation to ratify the ICCPR",
        forum="upr",
        held_on="2018-11-06",
        topics=[defenders.id, death_penalty.id],
        positions={china_country.id: "noted"},
    )
    add_multilateral_item(store, "Moratorium on the death penalty", topics=[death_penalty.id])

    china_rows = items_on_topic(store, defenders.id, china_country.id)
    vietnam_rows = items_on_topic(store, defenders.id, vietnam_country.id)

    assert [(row["id"], row["position"]) for row in china_rows] == [(upr.id, "noted"), (resolution.id, "voted_no")]
    assert [(row["id"], row["position"]) for row in vietnam_rows] == [(upr.id, None), (resolution.id, "abstained")]
    assert china_rows[1] == {
        "id": resolution.id,
        "forum": "unga_third_committee",
        "title": "Human rights defenders resolution",
        "session": "70th session",
        "held_on": day(2015, 11, 26),
        "our_role": "lead",
        "outcome": "adopted 117-14-40, 74 co-sponsors",
        "position": "voted_no",
    }
    assert [row["title"] for row in items_on_topic(store, death_penalty.id, china_country.id)] == [
        "Recommendation to ratify the ICCPR",
        "Moratorium on the death penalty",
    ]
