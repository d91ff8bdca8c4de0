"""The records behind each figure of the review: what a click on a number lists.

Each function returns exactly the records its figure counted, as RecordRef
(table, id, label), built on the same CTEs as the figures (`review.scope`), so
that a number and its list always agree. Labels never show a confidential
case's person name.
"""

from __future__ import annotations

from typing import Literal

from peewee import Case, Select, fn

from dialogue_planner.review.figures import as_date, rounds_and_totals
from dialogue_planner.review.model import DialogueInReview
from dialogue_planner.review.queries import review_queries
from dialogue_planner.review.scope import (
    HELD_STATUSES,
    RecordRef,
    ReviewScope,
    agenda_rounds,
    date_text,
    priority_in_force_at,
    scope_agenda,
    scope_rounds,
)
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store

FollowUpKind = Literal["all", "done", "open", "dropped", "overdue"]
RaisingKind = Literal["raised", "with_response", "without_response", "planned"]
RunKind = Literal["on_agenda", "longest", "current"]


def _round_label(country: str, number: int) -> str:
    return f"{country} {number}"


def _agenda_refs(store: Store, scope: ReviewScope, condition=None) -> list[RecordRef]:
    """Agenda items of the review matching `condition(agenda, scope_round)` (over the two CTEs), in round order."""
    scope_round = scope_rounds(scope)
    agenda = scope_agenda(scope_round)
    item = m.AgendaItem
    query = (
        Select(
            (agenda,),
            (
                agenda.c.id,
                m.Country.name,
                scope_round.c.number,
                scope_round.c.start_date,
                m.Topic.name,
                agenda.c.minutes,
                agenda.c.is_priority,
            ),
        )
        .join(scope_round, on=(scope_round.c.id == agenda.c.round_id))
        .join(m.Dialogue, on=(m.Dialogue.id == agenda.c.dialogue_id))
        .join(m.Country, on=(m.Country.id == m.Dialogue.country))
        .join(m.Topic, on=(m.Topic.id == agenda.c.topic_id))
        .join(item, on=(item.id == agenda.c.id))
        .order_by(m.Country.name, scope_round.c.number, item.position, item.id)
        .with_cte(scope_round, agenda)
        .bind(store.db)
    )
    if condition is not None:
        query = query.where(condition(agenda, scope_round))
    return [
        RecordRef(
            "agenda_item",
            item_id,
            f"{_round_label(country, number)} ({date_text(as_date(start))}): {topic}, "
            f"{minutes} min{' (priority topic)' if priority else ''}",
        )
        for item_id, country, number, start, topic, minutes, priority in query.tuples()
    ]


def agenda_items_behind_minutes(
    store: Store, scope: ReviewScope, *, dialogue_id: int | None = None, priority_only: bool = False
) -> list[RecordRef]:
    """The agenda items summed into `minutes` (and counted as agenda_items) of a dialogue's focus, or of all.

    With priority_only: those summed into `priority_minutes` (and priority topic counts).
    """

    def condition(agenda, scope_round):
        result = True
        if dialogue_id is not None:
            result = agenda.c.dialogue_id == dialogue_id
        if priority_only:
            result = (agenda.c.is_priority == 1) & result
        return result

    return _agenda_refs(store, scope, condition)


def agenda_items_of_round(
    store: Store, scope: ReviewScope, round_id: int, *, priority_only: bool = False
) -> list[RecordRef]:
    """The agenda items behind a round's topic_count and minutes (priority_only: its priority figures)."""
    return _agenda_refs(
        store,
        scope,
        lambda agenda, _: (agenda.c.round_id == round_id) & ((agenda.c.is_priority == 1) if priority_only else True),
    )


def grid_cell_records(store: Store, scope: ReviewScope, topic_id: int, round_id: int) -> list[RecordRef]:
    """What a topic x round cell shows: the agenda item (minutes) and the priority topic record (the mark)."""
    refs = _agenda_refs(
        store, scope, lambda agenda, _: (agenda.c.round_id == round_id) & (agenda.c.topic_id == topic_id)
    )
    scope_round = scope_rounds(scope)
    priority = m.PriorityTopic
    query = (
        Select((scope_round,), (fn.MIN(priority.id), m.Country.name, m.Topic.name, scope_round.c.number))
        .join(priority, on=priority_in_force_at(priority, scope_round))
        .join(m.Dialogue, on=(m.Dialogue.id == priority.dialogue))
        .join(m.Country, on=(m.Country.id == m.Dialogue.country))
        .join(m.Topic, on=(m.Topic.id == priority.topic))
        .where((scope_round.c.id == round_id) & (priority.topic == topic_id))
        .group_by(m.Country.name, m.Topic.name, scope_round.c.number)
        .with_cte(scope_round)
        .bind(store.db)
    )
    for priority_id, country, topic, number in query.tuples():
        refs.append(
            RecordRef("priority_topic", priority_id, f"{country}: {topic} was a priority topic at round {number}")
        )
    return refs


def rounds_in_review(
    store: Store,
    scope: ReviewScope,
    *,
    dialogue_id: int | None = None,
    over_target_only: bool = False,
    with_agenda_only: bool = False,
) -> list[RecordRef]:
    """The rounds counted as `rounds` (or rounds_over_target, rounds_with_agenda) of a dialogue's focus, or of all."""
    queries = review_queries(store, scope)
    dialogues = tuple(DialogueInReview(*row) for row in queries["dialogues"].tuples())
    rounds, _ = rounds_and_totals(dialogues, list(queries["rounds"].tuples()))
    refs = []
    for round_ in rounds:
        if dialogue_id is not None and round_.dialogue_id != dialogue_id:
            continue
        if (over_target_only and not round_.over_target) or (with_agenda_only and round_.topic_count == 0):
            continue
        refs.append(
            RecordRef(
                "round",
                round_.round_id,
                f"{round_.label} ({date_text(round_.start_date)}): {round_.topic_count} topics, "
                f"target {round_.focus_target}",
            )
        )
    return refs


def continuity_records(
    store: Store, scope: ReviewScope, dialogue_id: int, topic_id: int, run: RunKind
) -> list[RecordRef]:
    """The agenda items behind a continuity figure: all rounds on the agenda, the longest run, or the current run."""
    rows = [
        row
        for row in review_queries(store, scope)["continuity"].tuples()
        if row[0] == dialogue_id and row[2] == topic_id
    ]
    if not rows:
        return []
    *_, in_review, _on_agenda, longest, first, last, current = rows[0]

    if (run == "longest" and not longest) or (run == "current" and not current):
        return []
    current_rounds = _last_agenda_rounds(store, scope, dialogue_id, in_review - current) if run == "current" else []

    def selected(agenda, scope_round):
        chosen = (agenda.c.dialogue_id == dialogue_id) & (agenda.c.topic_id == topic_id)
        if run == "longest":
            return chosen & scope_round.c.number.between(first, last)
        if run == "current":
            return chosen & agenda.c.round_id.in_(current_rounds)
        return chosen

    return _agenda_refs(store, scope, selected)


def _last_agenda_rounds(store: Store, scope: ReviewScope, dialogue_id: int, after_seq: int) -> list[int]:
    """Ids of the dialogue's rounds with an agenda whose seq is above `after_seq` (see review.scope)."""
    ranked = agenda_rounds(scope)
    query = (
        Select((ranked,), (ranked.c.id,))
        .where((ranked.c.dialogue_id == dialogue_id) & (ranked.c.seq > after_seq))
        .with_cte(ranked)
        .bind(store.db)
    )
    return [round_id for (round_id,) in query.tuples()]


def projects_behind_priority_topic(store: Store, scope: ReviewScope, priority_topic_id: int) -> list[RecordRef]:
    """The active joint projects counted for one priority topic in the coverage table."""
    priority, project, link = m.PriorityTopic, m.JointProject, m.ProjectTopic
    query = (
        project.select(project.id, project.title, m.Country.name)
        .join(link, on=(link.project == project.id))
        .join(priority, on=(priority.topic == link.topic))
        .join(m.Dialogue, on=((m.Dialogue.id == priority.dialogue) & (m.Dialogue.country == project.country)))
        .join(m.Country, on=(m.Country.id == project.country))
        .where((priority.id == priority_topic_id) & (project.status == "active"))
        .order_by(project.title, project.id)
    )
    return [RecordRef("joint_project", pid, f"{title} ({country}, active)") for pid, title, country in query.tuples()]


def uncovered_priority_topics(store: Store, scope: ReviewScope) -> list[RecordRef]:
    """The priority topics in force on the reference date without an active joint project."""
    rows = review_queries(store, scope)["coverage"].tuples()
    return [
        RecordRef("priority_topic", priority_id, f"{country}: {topic}, priority from {date_text(as_date(start))}")
        for priority_id, _dialogue, country, _topic, topic, start, _end, projects in rows
        if projects == 0
    ]


def projects_off_priority(store: Store, scope: ReviewScope) -> list[RecordRef]:
    """The active joint projects on none of their dialogue's priority topics in force."""
    rows = review_queries(store, scope)["projects_off_priority"].tuples()
    return [RecordRef("joint_project", pid, f"{title} ({country}, {status})") for pid, title, country, status in rows]


def follow_up_records(
    store: Store, scope: ReviewScope, kind: FollowUpKind = "all", *, dialogue_id: int | None = None
) -> list[RecordRef]:
    """The follow-ups behind a follow-up figure (done, open, dropped, overdue or all) of a dialogue, or of all."""
    scope_round = scope_rounds(scope)
    follow_up = m.FollowUp
    condition = True
    if kind == "overdue":
        condition = (follow_up.status == "open") & (follow_up.due_date < scope.today)
    elif kind != "all":
        condition = follow_up.status == kind
    if dialogue_id is not None:
        condition = (scope_round.c.dialogue_id == dialogue_id) & condition
    query = (
        follow_up.select(
            follow_up.id,
            m.Country.name,
            scope_round.c.number,
            follow_up.description,
            follow_up.status,
            follow_up.due_date,
        )
        .join(scope_round, on=(scope_round.c.id == follow_up.round))
        .join(m.Dialogue, on=(m.Dialogue.id == scope_round.c.dialogue_id))
        .join(m.Country, on=(m.Country.id == m.Dialogue.country))
        .where(condition)
        .order_by(m.Country.name, scope_round.c.number, follow_up.id)
        .with_cte(scope_round)
    )
    return [
        RecordRef("follow_up", fid, f"{_round_label(country, number)}: {description} ({status}, due {date_text(due)})")
        for fid, country, number, description, status, due in query.tuples()
    ]


def case_raising_records(
    store: Store, scope: ReviewScope, kind: RaisingKind = "raised", *, case_id: int | None = None
) -> list[RecordRef]:
    """The case raisings behind a case figure (times raised, with or without response, planned), of one case or all."""
    scope_round = scope_rounds(scope)
    case, raising = m.IndividualCase, m.CaseRaising
    held = scope_round.c.status.in_(HELD_STATUSES)
    answered = fn.TRIM(raising.response) != ""
    condition = {
        "raised": held,
        "with_response": held & answered,
        "without_response": held & ~answered,
        "planned": ~held,
    }[kind]
    if case_id is not None:
        condition &= raising.case == case_id
    shown_name = Case(None, [(case.sensitivity == "shareable", case.person_name)], "")
    query = (
        raising.select(raising.id, case.id, shown_name, m.Country.name, scope_round.c.number, held, answered)
        .join(case, on=(case.id == raising.case))
        .join(scope_round, on=(scope_round.c.id == raising.round))
        .join(m.Dialogue, on=(m.Dialogue.id == scope_round.c.dialogue_id))
        .join(m.Country, on=(m.Country.id == m.Dialogue.country))
        .where(condition)
        .order_by(m.Country.name, case.id, scope_round.c.number)
        .with_cte(scope_round)
    )
    refs = []
    for raising_id, found_case, name, country, number, was_held, has_response in query.tuples():
        what = ("response recorded" if has_response else "no response recorded") if was_held else "to be raised"
        refs.append(
            RecordRef(
                "case_raising",
                raising_id,
                f"{name or f'Confidential case #{found_case}'} at {_round_label(country, number)}: {what}",
            )
        )
    return refs
