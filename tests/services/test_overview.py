"""The dialogue overview: figures a desk officer sees first, checked against the records."""

from __future__ import annotations

import datetime

from dialogue_planner.services.dialogues import add_priority_topic, set_engagement_level
from dialogue_planner.services.followups import add_follow_up, complete_follow_up
from dialogue_planner.services.overview import dialogue_overview
from dialogue_planner.services.rounds import plan_round

TODAY = datetime.date(2026, 11, 23)


def test_overview_of_a_dialogue_with_history_priorities_rounds_and_follow_ups(store, china, death_penalty, legal_aid):
    held = plan_round(store, china, number=23, city="Oslo", start_date="2025-05-02", status="concluded")
    later = plan_round(store, china, number=25, city="Beijing", start_date="2027-09-01", status="planned")
    soon = plan_round(store, china, number=24, city="北京", start_date="2027-02-06", status="in_preparation")
    add_priority_topic(store, china, death_penalty, "2020-01-01")
    add_priority_topic(store, china, legal_aid, "2018-01-01", "2024-12-31")  # no longer in force
    overdue = add_follow_up(store, held, "Send the list of detained lawyers", due_date="2025-09-01")
    add_follow_up(store, held, "Invite prosecutors to Oslo", due_date="2027-01-01")
    done = add_follow_up(store, held, "Share the legal-aid report", due_date="2025-06-01")
    complete_follow_up(store, done.id, "2025-05-30")
    set_engagement_level(store, china.id, "scaled_down", "Political climate", on="2026-03-01")

    overview = dialogue_overview(store, china.id, TODAY)

    assert (overview.country, overview.engagement_level, overview.focus_target) == ("China", "scaled_down", 4)
    assert [row["level"] for row in overview.engagement_history] == ["scaled_down", "active"]
    assert [row["name"] for row in overview.priority_topics] == ["Death penalty"]
    assert overview.next_round["id"] == soon.id
    assert overview.open_follow_ups == 2
    assert [row["id"] for row in overview.overdue_follow_ups] == [overdue.id]
    assert [row["id"] for row in overview.latest_rounds] == [later.id, soon.id, held.id]


def test_overview_of_a_new_dialogue_has_nothing_to_show_but_does_not_fail(store, china):
    overview = dialogue_overview(store, china.id, TODAY)

    assert overview.next_round is None
    assert (overview.open_follow_ups, overview.overdue_follow_ups, overview.latest_rounds) == (0, [], [])


def test_an_engagement_change_can_be_withdrawn_leaving_the_previous_level(store, china):
    from dialogue_planner.services.dialogues import (
        engagement_history,
        latest_engagement_change,
        withdraw_engagement_change,
    )

    set_engagement_level(store, china.id, "paused", "Talks suspended by the partner", on="2026-10-01")
    change_id = latest_engagement_change(store, china.id)

    withdraw_engagement_change(store, change_id, "active")

    assert dialogue_overview(store, china.id, TODAY).engagement_level == "active"
    assert [row["level"] for row in engagement_history(store, china.id)] == ["active"]


def test_a_new_partner_country_and_its_dialogue_start_together_or_not_at_all(store, norway):
    import pytest

    from dialogue_planner.errors import ValidationError
    from dialogue_planner.services.dialogues import list_dialogues, start_dialogue_with_country
    from dialogue_planner.storage import models as m

    dialogue, added = start_dialogue_with_country(store, "Laos", "la", "Norway–Laos dialogue", focus_target=3)
    assert added and (dialogue.focus_target, m.Country.get_by_id(dialogue.country_id).iso_code) == (3, "LA")

    with pytest.raises(ValidationError) as refused:
        start_dialogue_with_country(store, "Laos", "LA", "A second one")
    assert refused.value.errors == {"iso_code": "already has a dialogue"}

    with pytest.raises(ValidationError) as empty_title:
        start_dialogue_with_country(store, "Myanmar", "MM", "  ")
    assert "title" in empty_title.value.errors
    assert m.Country.get_or_none(m.Country.iso_code == "MM") is None
    assert [row["country"] for row in list_dialogues(store)] == ["Laos"]


def test_the_planned_agenda_reads_items_priorities_and_focus_together(store, china, round24, death_penalty, legal_aid):
    from dialogue_planner.services.agenda import add_agenda_item, planned_agenda
    from dialogue_planner.services.dialogues import add_priority_topic

    add_priority_topic(store, china, death_penalty, "2020-01-01")
    add_priority_topic(store, china, legal_aid, "2025-01-01")  # not yet in force on 10 June 2024
    add_agenda_item(store, round24, legal_aid, minutes=45)
    add_agenda_item(store, round24, death_penalty, minutes=60)

    planned = planned_agenda(store, round24.id)

    assert [row["topic_name"] for row in planned.items] == ["Legal aid and pre-trial detention", "Death penalty"]
    assert planned.priority_topic_ids == frozenset({death_penalty.id})
    assert (planned.focus.topic_count, planned.focus.target, planned.focus.priority_count) == (2, 4, 1)
