"""Every figure of the review on the hand-made data set (tests/review/conftest.py), worked out by hand.

For each figure the drill-down must return exactly the records the figure counted.
"""

from __future__ import annotations

import datetime

import pytest

from dialogue_planner.review import ReviewScope, compute_review, grid_cells
from dialogue_planner.review import drilldown as drill
from dialogue_planner.review.model import CaseFigures, Continuity, CoveredTopic, DialogueFocus, FollowUpFigures
from tests.review.data_set import TODAY


def ids(refs, table=None):
    return sorted(ref.id for ref in refs if table is None or ref.table == table)


def tables(refs):
    return {ref.table for ref in refs}


@pytest.fixture
def scope() -> ReviewScope:
    return ReviewScope(today=TODAY)


@pytest.fixture
def review(store, fixture_data, scope):
    return compute_review(store, scope)


def test_rounds_in_review_leave_out_the_cancelled_round(review, fixture_data):
    d = fixture_data
    # China 1..5 (6 is cancelled), then Vietnam 1..2; grouped by country name, by number.
    assert [r.round_id for r in review.rounds] == [d.c1.id, d.c2.id, d.c3.id, d.c4.id, d.c5.id, d.v1.id, d.v2.id]
    assert [r.label for r in review.rounds] == ["China 1", "China 2", "China 3", "China 4", "China 5",
                                                "Vietnam 1", "Vietnam 2"]


def test_topics_per_round_against_the_focus_target(review, store, scope, fixture_data):
    d = fixture_data
    figures = {r.label: (r.topic_count, r.focus_target, r.over_target, r.priority_topic_count, r.minutes,
                         r.priority_minutes) for r in review.rounds}
    assert figures == {
        # C1 2019: before any priority topic. 60+30+30+20 = 140 minutes, 4 topics > 2.
        "China 1": (4, 2, True, 0, 140, 0),
        # C2 2020: Death (P_death) is a priority, Labour not. 90+60 = 150; priority 90.
        "China 2": (2, 2, False, 1, 150, 90),
        # C3 2021: Legal (P_legal, to 2021-12-31) priority; HRD not yet (from 2022). 45+45+30 = 120; priority 45.
        "China 3": (3, 2, True, 1, 120, 45),
        # C4 2022: Death and HRD priorities. 60+30 = 90, all priority.
        "China 4": (2, 2, False, 2, 90, 90),
        # C5: no agenda yet.
        "China 5": (0, 2, False, 0, 0, 0),
        # V1: Labour and Legal both priorities. 60+40 = 100.
        "Vietnam 1": (2, 3, False, 2, 100, 100),
        # V2: Death not a Vietnam priority, Labour is. 20+30 = 50; priority 30.
        "Vietnam 2": (2, 3, False, 1, 50, 30),
    }
    assert [r.label for r in review.rounds_over_target] == ["China 1", "China 3"]
    assert ids(drill.rounds_in_review(store, scope, over_target_only=True)) == sorted([d.c1.id, d.c3.id])
    assert ids(drill.agenda_items_of_round(store, scope, d.c3.id)) == sorted(i.id for i in d.c3_items.values())
    assert ids(drill.agenda_items_of_round(store, scope, d.c3.id, priority_only=True)) == [d.c3_items[d.legal.name].id]
    assert drill.agenda_items_of_round(store, scope, d.c5.id) == []


def test_focus_per_dialogue_and_in_total(review, store, scope, fixture_data):
    d = fixture_data
    # China: 5 rounds, 4 with an agenda, C1 and C3 over target; 4+2+3+2 = 11 items;
    # minutes 140+150+120+90 = 500; priority minutes 0+90+45+90 = 225.
    china = DialogueFocus(d.china.id, "China", 5, 4, 2, 11, 500, 225)
    # Vietnam: 2 rounds with agenda, none over 3; 2+2 = 4 items; minutes 100+50 = 150; priority 100+30 = 130.
    vietnam = DialogueFocus(d.vietnam.id, "Vietnam", 2, 2, 0, 4, 150, 130)
    assert review.focus_by_dialogue == (china, vietnam)
    # Total: 7 rounds, 6 with agenda, 2 over, 15 items, 650 minutes, 355 priority minutes.
    assert review.focus_total == DialogueFocus(None, "All chosen dialogues", 7, 6, 2, 15, 650, 355)
    assert china.average_topics == 11 / 4  # 2.75 topics per round with an agenda
    assert vietnam.average_topics == 2.0
    assert review.focus_total.average_topics == 15 / 6  # 2.5
    assert china.priority_share.value == 225 / 500  # 45 %
    assert china.priority_share.percent_text() == "45 % (225 of 500)"
    assert review.focus_total.priority_share.value == 355 / 650
    # Drill-downs: the rounds, the items summed into minutes, those summed into priority minutes.
    assert ids(drill.rounds_in_review(store, scope, dialogue_id=d.china.id)) == sorted(
        [d.c1.id, d.c2.id, d.c3.id, d.c4.id, d.c5.id])
    assert ids(drill.rounds_in_review(store, scope, dialogue_id=d.china.id, with_agenda_only=True)) == sorted(
        [d.c1.id, d.c2.id, d.c3.id, d.c4.id])
    china_items = [i.id for items in (d.c1_items, d.c2_items, d.c3_items, d.c4_items) for i in items.values()]
    assert ids(drill.agenda_items_behind_minutes(store, scope, dialogue_id=d.china.id)) == sorted(china_items)
    china_priority = [d.c2_items[d.death.name].id, d.c3_items[d.legal.name].id, d.c4_items[d.death.name].id,
                      d.c4_items[d.hrd.name].id]  # 90 + 45 + 60 + 30 = 225
    assert ids(drill.agenda_items_behind_minutes(store, scope, dialogue_id=d.china.id, priority_only=True)) == sorted(
        china_priority)
    vietnam_priority = [d.v1_items[d.labour.name].id, d.v1_items[d.legal.name].id, d.v2_items[d.labour.name].id]
    assert ids(drill.agenda_items_behind_minutes(store, scope, priority_only=True)) == sorted(
        china_priority + vietnam_priority)
    assert len(drill.agenda_items_behind_minutes(store, scope)) == 15


def test_the_topic_round_grid(review, store, scope, fixture_data):
    d = fixture_data
    grid = review.grid
    # Priority topics (of any round in the review) first, by name; then the rest.
    assert [(t.name, t.is_priority) for t in grid.topics] == [
        ("Death penalty", True), ("Human rights defenders", True), ("Labour rights", True),
        ("Legal aid and pre-trial detention", True), ("Freedom of expression", False),
    ]
    assert [r.round_id for r in grid.rounds] == [r.round_id for r in review.rounds]

    cells = grid_cells(store, scope)

    def row(topic):
        return [(cell.minutes, cell.is_priority) if (cell := cells.cell(topic.id, r.round_id)) else None
                for r in grid.rounds]

    #                    C1            C2           C3             C4           C5            V1           V2
    assert row(d.death) == [(60, False), (90, True), (None, True), (60, True), (None, True), None, (20, False)]
    assert row(d.hrd) == [None, None, (30, False), (30, True), (None, True), None, None]
    assert row(d.labour) == [(30, False), (60, False), (45, False), None, None, (60, True), (30, True)]
    assert row(d.legal) == [(30, False), (None, True), (45, True), None, None, (40, True), (None, True)]
    assert row(d.expression) == [(20, False), None, None, None, None, None, None]
    assert len(cells) == 20  # 6 + 3 + 5 + 5 + 1
    assert grid.max_minutes == 90
    # Read for some rounds, the cells are exactly those of the whole grid in those rounds.
    some = [d.c2.id, d.c4.id, d.v1.id]
    assert grid_cells(store, scope, some).cells == {key: value for key, value in cells.cells.items() if key[1] in some}
    assert grid_cells(store, scope, []).cells == {}
    # A round outside the scope has no cells, even when asked for.
    china_only = ReviewScope(dialogue_ids=(d.china.id,), today=scope.today)
    assert grid_cells(store, china_only, [d.v1.id, d.c1.id]).cells == {
        key: value for key, value in cells.cells.items() if key[1] == d.c1.id}
    # A cell lists its agenda item and the priority topic record that marks it.
    death_c4 = drill.grid_cell_records(store, scope, d.death.id, d.c4.id)
    assert [(ref.table, ref.id) for ref in death_c4] == [("agenda_item", d.c4_items[d.death.name].id),
                                                         ("priority_topic", d.p_death.id)]
    assert [(r.table, r.id) for r in drill.grid_cell_records(store, scope, d.legal.id, d.c2.id)] == [
        ("priority_topic", d.p_legal.id)]
    assert [(r.table, r.id) for r in drill.grid_cell_records(store, scope, d.expression.id, d.c1.id)] == [
        ("agenda_item", d.c1_items[d.expression.name].id)]
    assert drill.grid_cell_records(store, scope, d.expression.id, d.c2.id) == []
    assert death_c4[0].label == "China 4 (2022-06-01): Death penalty, 60 min (priority topic)"


def test_continuity_of_priority_topics(review, store, scope, fixture_data):
    d = fixture_data
    # China's rounds with an agenda: C1..C4 (seq 1..4); C5 has none and does not break a run.
    # Death on C1, C2, C4: runs [1-2] and [4]; longest 2 (rounds 1-2); current 1 (round 4).
    # Legal on C1, C3: runs [1] and [3]; longest 1, the earliest (round 1); current 0.
    # HRD on C3, C4: one run [3-4]: longest 2, current 2.
    # Vietnam V1, V2: Labour on both (2, 2); Legal on V1 only (longest 1, current 0).
    assert review.continuity == (
        Continuity(d.china.id, "China", d.death.id, "Death penalty", 4, 3, 2, 1, 2, 1),
        Continuity(d.china.id, "China", d.hrd.id, "Human rights defenders", 4, 2, 2, 3, 4, 2),
        Continuity(d.china.id, "China", d.legal.id, "Legal aid and pre-trial detention", 4, 2, 1, 1, 1, 0),
        Continuity(d.vietnam.id, "Vietnam", d.labour.id, "Labour rights", 2, 2, 2, 1, 2, 2),
        Continuity(d.vietnam.id, "Vietnam", d.legal.id, "Legal aid and pre-trial detention", 2, 1, 1, 1, 1, 0),
    )

    def behind(dialogue, topic, run):
        return ids(drill.continuity_records(store, scope, dialogue.id, topic.id, run))

    assert behind(d.china, d.death, "longest") == sorted([d.c1_items[d.death.name].id, d.c2_items[d.death.name].id])
    assert behind(d.china, d.death, "current") == [d.c4_items[d.death.name].id]
    assert behind(d.china, d.death, "on_agenda") == sorted(
        [d.c1_items[d.death.name].id, d.c2_items[d.death.name].id, d.c4_items[d.death.name].id])
    assert behind(d.china, d.legal, "longest") == [d.c1_items[d.legal.name].id]
    assert behind(d.china, d.legal, "current") == []
    assert behind(d.china, d.hrd, "current") == sorted([d.c3_items[d.hrd.name].id, d.c4_items[d.hrd.name].id])
    assert behind(d.vietnam, d.labour, "longest") == sorted(
        [d.v1_items[d.labour.name].id, d.v2_items[d.labour.name].id])
    assert behind(d.china, d.labour, "longest") == []  # Labour is no priority topic of China


def test_coverage_priority_topics_without_active_projects_and_projects_off_priority(review, store, scope,
                                                                                   fixture_data):
    d = fixture_data
    # In force on today (2024-01-01): China Death and HRD (Legal ended 2021-12-31); Vietnam Labour and Legal.
    # China Death: J1 and J6 (active, China). China HRD: only J3, completed. Vietnam Labour: J4 (J6 is
    # China's). Vietnam Legal: only J5, proposed. J8 is Norway's: no dialogue.
    assert review.coverage == (
        CoveredTopic(d.p_death.id, d.china.id, "China", d.death.id, "Death penalty", datetime.date(2020, 1, 1),
                     None, 2),
        CoveredTopic(d.p_hrd.id, d.china.id, "China", d.hrd.id, "Human rights defenders",
                     datetime.date(2022, 1, 1), None, 0),
        CoveredTopic(d.pv_labour.id, d.vietnam.id, "Vietnam", d.labour.id, "Labour rights",
                     datetime.date(2015, 1, 1), None, 1),
        CoveredTopic(d.pv_legal.id, d.vietnam.id, "Vietnam", d.legal.id, "Legal aid and pre-trial detention",
                     datetime.date(2015, 1, 1), None, 0),
    )
    assert [t.priority_topic_id for t in review.uncovered_topics] == [d.p_hrd.id, d.pv_legal.id]
    assert ids(drill.uncovered_priority_topics(store, scope)) == sorted([d.p_hrd.id, d.pv_legal.id])
    assert ids(drill.projects_behind_priority_topic(store, scope, d.p_death.id)) == sorted([d.j1.id, d.j6.id])
    assert ids(drill.projects_behind_priority_topic(store, scope, d.pv_labour.id)) == [d.j4.id]
    assert drill.projects_behind_priority_topic(store, scope, d.p_hrd.id) == []
    # Active projects on no priority topic in force: J2 (Legal, China's priority only until 2021).
    assert [(p.project_id, p.title) for p in review.projects_off_priority] == [(d.j2.id, "Defence lawyers' training")]
    assert ids(drill.projects_off_priority(store, scope)) == [d.j2.id]


def test_follow_ups(review, store, scope, fixture_data):
    d = fixture_data
    # China (F6 on the cancelled round left out): done F1; open F3, F4, F5; dropped F2; overdue F3 only
    # (F4 is due today, F5 has no due date). Share done 1 / 5.
    china = FollowUpFigures(d.china.id, "China", 1, 3, 1, 1)
    # Vietnam: done F7; open F8, overdue. Share 1 / 2.
    vietnam = FollowUpFigures(d.vietnam.id, "Vietnam", 1, 1, 0, 1)
    assert review.follow_ups_by_dialogue == (china, vietnam)
    assert review.follow_ups_total == FollowUpFigures(None, "All chosen dialogues", 2, 4, 1, 2)
    assert china.share_done.value == 1 / 5
    assert review.follow_ups_total.share_done.value == 2 / 7
    assert ids(drill.follow_up_records(store, scope, "done")) == sorted([d.f1.id, d.f7.id])
    assert ids(drill.follow_up_records(store, scope, "open")) == sorted([d.f3.id, d.f4.id, d.f5.id, d.f8.id])
    assert ids(drill.follow_up_records(store, scope, "dropped")) == [d.f2.id]
    assert ids(drill.follow_up_records(store, scope, "overdue")) == sorted([d.f3.id, d.f8.id])
    assert ids(drill.follow_up_records(store, scope, "overdue", dialogue_id=d.china.id)) == [d.f3.id]
    assert ids(drill.follow_up_records(store, scope, "all", dialogue_id=d.vietnam.id)) == sorted([d.f7.id, d.f8.id])


def test_cases_raised_and_responses(review, store, scope, fixture_data):
    d = fixture_data
    # K1: held at C2 (answer), C3 (blank answer), C4 (answer) = raised 3, 2 with a response; C5 planned = 1.
    # Latest response: C4's. K2: V1 with a response. K3: only at the cancelled C6, so not in the review.
    assert review.cases == (
        CaseFigures(d.k1.id, f"Confidential case #{d.k1.id}", "China", "lawyer", "detained", False, 3, 2, 1,
                    "Released on bail.", 4),
        CaseFigures(d.k2.id, "Lê Quang Vinh", "Vietnam", "journalist", "detained", True, 1, 1, 0,
                    "Under investigation.", 1),
    )
    assert review.cases[0].without_response == 1
    assert (review.cases_total.times_raised, review.cases_total.with_response, review.cases_total.planned) == (4, 3, 1)
    assert ids(drill.case_raising_records(store, scope, "raised")) == sorted([d.k1_c2.id, d.k1_c3.id, d.k1_c4.id,
                                                                              d.k2_v1.id])
    assert ids(drill.case_raising_records(store, scope, "with_response", case_id=d.k1.id)) == sorted(
        [d.k1_c2.id, d.k1_c4.id])
    assert ids(drill.case_raising_records(store, scope, "without_response")) == [d.k1_c3.id]
    assert ids(drill.case_raising_records(store, scope, "planned")) == [d.k1_c5.id]
    # A confidential case's person is never named, in figures or drill-downs.
    labels = [ref.label for ref in drill.case_raising_records(store, scope, "raised")]
    assert not any("陈雪梅" in label for label in labels)
    assert labels[0] == f"Confidential case #{d.k1.id} at China 2: response recorded"


def test_a_period_and_one_dialogue(store, fixture_data):
    d = fixture_data
    scope = ReviewScope((d.china.id,), datetime.date(2020, 1, 1), datetime.date(2021, 12, 31), TODAY)
    review = compute_review(store, scope)
    assert [r.round_id for r in review.rounds] == [d.c2.id, d.c3.id]
    # C2 + C3: 2 rounds, 1 over target, 2+3 = 5 items, 150+120 = 270 minutes, 90+45 = 135 priority.
    assert review.focus_total == DialogueFocus(None, "All chosen dialogues", 2, 2, 1, 5, 270, 135)
    assert review.focus_total.priority_share.value == 0.5
    # seq: C2 = 1, C3 = 2. Death on C2 only: longest 1 (round 2), current 0. Legal on C3: longest 1, current 1.
    assert review.continuity == (
        Continuity(d.china.id, "China", d.death.id, "Death penalty", 2, 1, 1, 2, 2, 0),
        Continuity(d.china.id, "China", d.legal.id, "Legal aid and pre-trial detention", 2, 1, 1, 3, 3, 1),
    )
    # Coverage looks at the end of the period, 2021-12-31: China Death (J1, J6) and Legal (J2) in force.
    assert [(t.topic_name, t.active_projects) for t in review.coverage] == [
        ("Death penalty", 2), ("Legal aid and pre-trial detention", 1)]
    assert review.projects_off_priority == ()
    # F2 dropped, F3 open and overdue: share done 0 of 2.
    assert review.follow_ups_total == FollowUpFigures(None, "All chosen dialogues", 0, 1, 1, 1)
    assert review.follow_ups_total.share_done.percent_text() == "0 % (0 of 2)"
    # K1 at C2 (answer) and C3 (blank).
    assert [(c.case_id, c.times_raised, c.with_response, c.planned, c.latest_response_round)
            for c in review.cases] == [(d.k1.id, 2, 1, 0, 2)]
    assert ids(drill.follow_up_records(store, scope, "all")) == sorted([d.f2.id, d.f3.id])
    assert ids(drill.continuity_records(store, scope, d.china.id, d.legal.id, "current")) == [
        d.c3_items[d.legal.name].id]
