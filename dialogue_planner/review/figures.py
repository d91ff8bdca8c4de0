"""compute_review: every figure of the topic focus review, from the SQL aggregates of `review.queries`.

Python only reshapes rows the database already aggregated (one row per round,
per dialogue, per priority topic, per case), puts the rounds in the order the
database gave the dialogues, and orders the topic x round grid's rows (its
cells are read apart, for the rounds wanted: `review.grid_cells`); it never
counts or sums records itself, except adding up the per-dialogue rows into the
total over all chosen dialogues (and taking the most minutes of theirs).
"""

from __future__ import annotations

import contextlib
import datetime
import gc
from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from dialogue_planner.review.model import (
    CaseFigures,
    Continuity,
    CoveredTopic,
    DialogueFocus,
    DialogueInReview,
    FollowUpFigures,
    GridTopic,
    ProjectOffPriority,
    Review,
    RoundFocus,
    TopicRoundGrid,
)
from dialogue_planner.review.queries import review_statements
from dialogue_planner.review.scope import ReviewScope
from dialogue_planner.storage.database import Store

ALL_CHOSEN = "All chosen dialogues"


def as_date(value: Any) -> datetime.date | None:
    """A date column as delivered by either driver (ISO text from SQLite, a date from PostgreSQL)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off meanwhile, if it was on (and back on after).

    A review at demo x100 is some 500,000 tuples (rows, then grid cells and rounds). Their
    allocation sets off collections that go through every object alive and free nothing: the
    rows and the review hold no reference cycles. At demo x100 they cost 70-110 ms of a review.
    Where the collector is already off (the Review view pauses it while it computes), nothing changes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compute_review(store: Store, scope: ReviewScope | None = None) -> Review:
    """Every figure of the review for `scope` (default: all dialogues, all time, today)."""
    with collector_paused():
        return _compute_review(store, scope or ReviewScope())


def _compute_review(store: Store, scope: ReviewScope) -> Review:
    # Straight from the driver's cursor: the rows are plain values already, and peewee's
    # per-row wrapper would cost more than the SQL on a large review.
    rows = {name: store.db.execute_sql(sql, params).fetchall() for name, (sql, params) in review_statements(
        store, scope).items()}
    dialogues = tuple(DialogueInReview(*row) for row in rows["dialogues"])
    rounds, totals = rounds_and_totals(dialogues, rows["rounds"])
    focus_by_dialogue = _focus_by_dialogue(dialogues, totals)
    follow_ups = _follow_ups_by_dialogue(dialogues, rows["follow_ups"])
    cases = tuple(_case(*row) for row in rows["cases"])
    return Review(
        scope=scope,
        dialogues=dialogues,
        rounds=rounds,
        focus_by_dialogue=focus_by_dialogue,
        focus_total=_sum_focus(focus_by_dialogue),
        grid=_grid(rounds, rows["grid_topics"], max((total[6] or 0 for total in totals.values()), default=0)),
        continuity=tuple(
            Continuity(
                dialogue_id,
                country,
                topic_id,
                topic,
                int(in_review),
                int(on_agenda),
                int(longest),
                first,
                last,
                int(current),
            )
            for dialogue_id, country, topic_id, topic, in_review, on_agenda, longest, first, last, current in rows[
                "continuity"
            ]
        ),
        coverage=tuple(
            CoveredTopic(
                priority_id,
                dialogue_id,
                country,
                topic_id,
                topic,
                as_date(valid_from),
                as_date(valid_to),
                int(projects),
            )
            for priority_id, dialogue_id, country, topic_id, topic, valid_from, valid_to, projects in rows["coverage"]
        ),
        projects_off_priority=tuple(ProjectOffPriority(*row) for row in rows["projects_off_priority"]),
        follow_ups_by_dialogue=follow_ups,
        follow_ups_total=FollowUpFigures(
            None,
            ALL_CHOSEN,
            *(sum(getattr(row, name) for row in follow_ups) for name in ("done", "open", "dropped", "overdue")),
        ),
        cases=cases,
        cases_total=CaseFigures(
            None,
            f"{len(cases)} cases",
            "",
            "",
            "",
            False,
            sum(case.times_raised for case in cases),
            sum(case.with_response for case in cases),
            sum(case.planned for case in cases),
        ),
    )


def _case(case_id, name, country, category, situation, sensitivity, raised, answered, planned, response, number):
    """One row of the cases query as figures; a confidential case is labelled by its id only."""
    label = name or f"Confidential case #{case_id}"
    shareable = sensitivity == "shareable"
    return CaseFigures(
        case_id,
        label,
        country,
        category,
        situation,
        shareable,
        int(raised),
        int(answered),
        int(planned),
        response or "",
        number,
    )


def rounds_and_totals(
    dialogues: tuple[DialogueInReview, ...], rows: list[tuple]
) -> tuple[tuple[RoundFocus, ...], dict[int, tuple]]:
    """The rows of the rounds query as RoundFocus, by country (the dialogues' order) and number, and each
    dialogue's totals (rounds, with an agenda, over target, agenda items, minutes, priority minutes, the
    most minutes of one agenda item) by id.

    The counts are integers already. The country and focus target are the dialogue's. Each distinct
    start date is parsed once (the 15,180 rounds of demo x100 have 83 dates).
    """
    # A dialogue's rounds in number order, the dialogues in the database's country order (its collation decides).
    in_order: dict[int, list[RoundFocus]] = {dialogue.id: [] for dialogue in dialogues}
    named = {dialogue.id: (dialogue.country, dialogue.focus_target) for dialogue in dialogues}
    days = {value: as_date(value) for value in {row[3] for row in rows}}
    make = RoundFocus._make
    totals = {}
    for row in rows:
        # (round, dialogue, number, start date, status, topics, priority topics, minutes, priority minutes)
        if row[0] is None:
            # (None, dialogue, None, None, None, items, None, minutes, priority minutes, rounds, with agenda,
            # over target, most minutes)
            totals[row[1]] = (row[9], row[10], row[11], row[5], row[7], row[8], row[12])
            continue
        if row[1] not in named:
            continue  # a dialogue started after the dialogues were read (another user's): not in this review
        country, target = named[row[1]]
        in_order[row[1]].append(
            make((row[0], row[1], country, row[2], days[row[3]], row[4], target, row[5], row[6], row[7], row[8]))
        )
    rounds = []
    for dialogue_rounds in in_order.values():
        dialogue_rounds.sort(key=itemgetter(3))
        rounds.extend(dialogue_rounds)
    return tuple(rounds), totals


def _focus_by_dialogue(dialogues: tuple[DialogueInReview, ...], totals: dict[int, tuple]) -> tuple[DialogueFocus, ...]:
    """One entry per chosen dialogue, zeros for a dialogue without rounds in the review."""
    return tuple(
        DialogueFocus(
            dialogue.id, dialogue.country, *(int(value or 0) for value in totals.get(dialogue.id, (0,) * 6)[:6])
        )
        for dialogue in dialogues
    )


def _sum_focus(per_dialogue: tuple[DialogueFocus, ...]) -> DialogueFocus:
    names = ("rounds", "rounds_with_agenda", "rounds_over_target", "agenda_items", "minutes", "priority_minutes")
    return DialogueFocus(None, ALL_CHOSEN, *(sum(getattr(row, name) for row in per_dialogue) for name in names))


def _follow_ups_by_dialogue(dialogues: tuple[DialogueInReview, ...], rows: list[tuple]) -> tuple[FollowUpFigures, ...]:
    by_dialogue = {row[0]: row[1:] for row in rows}
    return tuple(
        FollowUpFigures(
            dialogue.id, dialogue.country, *(int(value) for value in by_dialogue.get(dialogue.id, (0,) * 4))
        )
        for dialogue in dialogues
    )


def _grid(rounds: tuple[RoundFocus, ...], topic_rows: list[tuple], max_minutes: int) -> TopicRoundGrid:
    """The grid's rows and columns from the grid topics' rows (topic, name, 1 if a priority topic at some
    round); priority topics first, then by name. Its cells are read apart (`review.grid_cells`).
    """
    topics = sorted(
        (GridTopic(topic_id, name, bool(is_priority)) for topic_id, name, is_priority in topic_rows),
        key=lambda topic: (not topic.is_priority, topic.name.casefold(), topic.topic_id),
    )
    return TopicRoundGrid(tuple(topics), rounds, int(max_minutes or 0))
