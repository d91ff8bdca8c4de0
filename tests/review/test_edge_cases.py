"""The review on an empty database, a dialogue with one round, and rounds without agenda items."""

from __future__ import annotations

import datetime

import pytest

from dialogue_planner.errors import ValidationError
from dialogue_planner.review import ReviewScope, compute_review, grid_cells, resolve_dialogues
from dialogue_planner.review import drilldown as drill
from dialogue_planner.review.figures import rounds_and_totals
from dialogue_planner.review.model import Continuity, DialogueFocus, DialogueInReview
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.dialogues import add_country, add_priority_topic, start_dialogue
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic

TODAY = datetime.date(2024, 1, 1)


def test_empty_database_gives_words_not_division_by_zero(store):
    scope = ReviewScope(today=TODAY)
    review = compute_review(store, scope)
    assert review.dialogues == review.rounds == review.continuity == review.coverage == review.cases == ()
    assert review.focus_total == DialogueFocus(None, "All chosen dialogues", 0, 0, 0, 0, 0, 0)
    assert review.focus_total.average_topics is None
    assert review.focus_total.average_topics_reason == "no round in the review has an agenda"
    assert review.focus_total.priority_share.value is None
    assert review.focus_total.priority_share.reason == "no agenda minutes recorded"
    assert review.focus_total.priority_share.percent_text() == "no agenda minutes recorded"
    assert review.follow_ups_total.share_done.value is None
    assert review.follow_ups_total.share_done.reason == "no follow-ups recorded"
    assert review.grid.topics == () and review.grid.max_minutes == 0 and grid_cells(store, scope).cells == {}
    assert drill.agenda_items_behind_minutes(store, scope) == []
    assert drill.rounds_in_review(store, scope) == []
    assert drill.follow_up_records(store, scope) == []
    assert drill.uncovered_priority_topics(store, scope) == []
    assert drill.case_raising_records(store, scope) == []


def test_choosing_no_dialogue_reviews_nothing(store):
    china = start_dialogue(store, add_country(store, "China", "CN"), "China dialogue")
    plan_round(store, china, 1, start_date=datetime.date(2020, 1, 1))
    review = compute_review(store, ReviewScope((), today=TODAY))
    assert review.dialogues == () and review.rounds == ()


def test_a_dialogue_with_one_round(store):
    china = start_dialogue(store, add_country(store, "China", "CN"), "China dialogue")
    death, legal = add_topic(store, "Death penalty"), add_topic(store, "Legal aid")
    add_priority_topic(store, china, death, "2020-01-01")
    only = plan_round(store, china, 1, start_date=datetime.date(2021, 5, 1), status="held")
    add_agenda_item(store, only, death, minutes=30)
    add_agenda_item(store, only, legal, minutes=0)
    review = compute_review(store, ReviewScope(today=TODAY))
    # One round, 2 topics (not over 4), 30 minutes, all of them on the priority topic.
    assert review.focus_total == DialogueFocus(None, "All chosen dialogues", 1, 1, 0, 2, 30, 30)
    assert review.focus_total.priority_share.value == 1.0
    assert review.continuity == (Continuity(china.id, "China", death.id, "Death penalty", 1, 1, 1, 1, 1, 1),)
    # The priority topic has no project behind it.
    assert [(t.topic_name, t.active_projects) for t in review.coverage] == [("Death penalty", 0)]


def test_rounds_without_agenda_items(store):
    china = start_dialogue(store, add_country(store, "China", "CN"), "China dialogue")
    death = add_topic(store, "Death penalty")
    add_priority_topic(store, china, death, "2020-01-01")
    first = plan_round(store, china, 1, start_date=datetime.date(2021, 5, 1))
    second = plan_round(store, china, 2)  # no date either
    scope = ReviewScope(today=TODAY)
    review = compute_review(store, scope)
    assert [(r.round_id, r.topic_count, r.minutes) for r in review.rounds] == [(first.id, 0, 0), (second.id, 0, 0)]
    assert review.focus_total == DialogueFocus(None, "All chosen dialogues", 2, 0, 0, 0, 0, 0)
    assert review.focus_total.average_topics is None
    assert review.rounds[0].priority_share.reason == "no agenda minutes recorded"
    # The priority topic was in force at round 1 but never on an agenda: listed, with no run at all.
    assert review.continuity == (Continuity(china.id, "China", death.id, "Death penalty", 0, 0, 0, None, None, 0),)
    assert drill.continuity_records(store, scope, china.id, death.id, "longest") == []
    # The grid shows the priority topic's row with a priority mark on round 1 only (round 2 has no date).
    assert [t.name for t in review.grid.topics] == ["Death penalty"]
    cells = grid_cells(store, scope)
    assert cells.cell(death.id, first.id).is_priority and not cells.cell(death.id, first.id).on_agenda
    assert cells.cell(death.id, second.id) is None
    assert review.grid.max_minutes == 0
    # A round without a date is in an open review only.
    dated = compute_review(store, ReviewScope(start=datetime.date(2000, 1, 1), today=TODAY))
    assert [r.round_id for r in dated.rounds] == [first.id]


def test_a_zero_minute_agenda_has_no_share(store):
    china = start_dialogue(store, add_country(store, "China", "CN"), "China dialogue")
    only = plan_round(store, china, 1, start_date=datetime.date(2021, 5, 1))
    add_agenda_item(store, only, add_topic(store, "Death penalty"))
    review = compute_review(store, ReviewScope(today=TODAY))
    assert review.focus_total.average_topics == 1.0
    assert review.focus_total.priority_share.value is None


def test_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError, match="ends before it starts"):
        ReviewScope(start=datetime.date(2024, 1, 2), end=datetime.date(2024, 1, 1))


def test_dialogues_are_found_by_country_code_or_title_in_any_case(store):
    china = start_dialogue(store, add_country(store, "China", "CN"), "Norway–China dialogue")
    vietnam = start_dialogue(store, add_country(store, "Vietnam", "VN"), "Norway–Vietnam dialogue")
    assert resolve_dialogues(store, ["china", "VN", "Norway–China dialogue"]) == (china.id, vietnam.id)
    with pytest.raises(ValidationError, match=r"no dialogue named 'Chna' \(known: China, Vietnam\)"):
        resolve_dialogues(store, ["Chna"])


def test_overlapping_priority_records_count_once(store):
    china = start_dialogue(store, add_country(store, "China", "CN"), "China dialogue")
    death = add_topic(store, "Death penalty")
    first = add_priority_topic(store, china, death, "2020-01-01")
    add_priority_topic(store, china, death, "2021-01-01")  # overlaps the first one
    held = plan_round(store, china, 1, start_date=datetime.date(2021, 5, 1))
    item, _ = add_agenda_item(store, held, death, minutes=40)
    scope = ReviewScope(today=TODAY)
    review = compute_review(store, scope)
    # 40 priority minutes, not 80; one cell naming the older record.
    assert (review.focus_total.minutes, review.focus_total.priority_minutes) == (40, 40)
    assert grid_cells(store, scope).cell(death.id, held.id) == (item.id, 40, first.id)
    assert [(r.table, r.id) for r in drill.grid_cell_records(store, scope, death.id, held.id)] == [
        ("agenda_item", item.id), ("priority_topic", first.id)]


def test_rounds_come_in_the_dialogues_order_and_a_dialogue_read_later_is_left_out():
    # The database orders the dialogues (by its collation); the rounds query's rows come in any order.
    dialogues = (DialogueInReview(7, "alpha", "A", 2, "AL"), DialogueInReview(3, "Beta", "B", 4, "BE"))
    rows = [
        (31, 3, 2, "2021-01-01", "held", 1, 0, 10, 0, None, None, None),
        (72, 7, 2, None, "planned", 0, 0, 0, 0, None, None, None),
        (99, 9, 1, "2021-01-01", "held", 5, 5, 50, 50, None, None, None),  # dialogue 9 started meanwhile
        (None, 3, None, None, None, 3, None, 30, 20, 2, 2, 0, 15),
        (30, 3, 1, "2020-01-01", "held", 2, 1, 20, 20, None, None, None),
        (71, 7, 1, "2020-05-01", "held", 3, 0, 45, 0, None, None, None),
        (None, 7, None, None, None, 3, None, 45, 0, 2, 1, 1, 20),
    ]
    rounds, totals = rounds_and_totals(dialogues, rows)
    assert [(r.round_id, r.label, r.focus_target) for r in rounds] == [
        (71, "alpha 1", 2), (72, "alpha 2", 2), (30, "Beta 1", 4), (31, "Beta 2", 4)]
    assert rounds[0].start_date == datetime.date(2020, 5, 1) and rounds[1].start_date is None
    # rounds, with an agenda, over target, agenda items, minutes, priority minutes, most minutes
    assert totals == {3: (2, 2, 0, 3, 30, 20, 15), 7: (2, 1, 1, 3, 45, 0, 20)}
