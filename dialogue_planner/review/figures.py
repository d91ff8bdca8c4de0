"""compute_review: every figure of the topic focus review, from the SQL aggregates of `review.queries`.

Python only reshapes rows the database already aggregated (one row per round,
per dialogue, per priority topic, per case) and lays the agenda rows out as
the topic x round grid; it never counts or sums records itself, except adding
up the per-dialogue rows into the total over all chosen dialogues.
"""

from __future__ import annotations

import datetime
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
from dialogue_planner.review.queries import review_queries
from dialogue_planner.review.scope import ReviewScope
from dialogue_planner.storage.database import Store

ALL_CHOSEN = "All chosen dialogues"


def as_date(value: Any) -> datetime.date | None:
    """A date column as delivered by either driver (ISO text from SQLite, a date from PostgreSQL)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def compute_review(store: Store, scope: ReviewScope | None = None) -> Review:
    """Every figure of the review for `scope` (default: all dialogues, all time, today)."""
    scope = scope or ReviewScope()
    queries = review_queries(store, scope)
    # Straight from the driver's cursor: the rows are plain values already, and peewee's
    # per-row wrapper would cost more than the SQL on a large review.
    rows = {name: store.db.execute(query).fetchall() for name, query in queries.items()}
    dialogues = tuple(DialogueInReview(*row) for row in rows["dialogues"])
    round_rows = rows["rounds"]
    rounds = tuple(_round(row) for row in round_rows)
    # Each round row ends with its dialogue's totals; one row per dialogue is enough to read them.
    totals = {row[1]: row[11:] for row in round_rows}
    focus_by_dialogue = _focus_by_dialogue(dialogues, totals)
    follow_ups = _follow_ups_by_dialogue(dialogues, rows["follow_ups"])
    cases = tuple(_case(*row) for row in rows["cases"])
    return Review(
        scope=scope,
        dialogues=dialogues,
        rounds=rounds,
        focus_by_dialogue=focus_by_dialogue,
        focus_total=_sum_focus(focus_by_dialogue),
        grid=_grid(rounds, rows["topics"], rows["grid"]),
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


def _round(row: tuple) -> RoundFocus:
    """A round row of the rounds query (its first 11 columns) as RoundFocus; the counts are integers already."""
    return RoundFocus._make((*row[:4], as_date(row[4]), *row[5:11]))


def _focus_by_dialogue(dialogues: tuple[DialogueInReview, ...], totals: dict[int, tuple]) -> tuple[DialogueFocus, ...]:
    """One entry per chosen dialogue, zeros for a dialogue without rounds in the review."""
    return tuple(
        DialogueFocus(dialogue.id, dialogue.country, *(int(value or 0) for value in totals.get(dialogue.id, (0,) * 6)))
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


def _grid(rounds: tuple[RoundFocus, ...], topic_rows: list[tuple], cell_rows: list[tuple]) -> TopicRoundGrid:
    """The grid from its cells (topic, round, agenda item, minutes, priority topic); priority topics first."""
    cells = {(row[0], row[1]): row[2:] for row in cell_rows}
    if len(cells) < len(cell_rows):  # overlapping PriorityTopic records: keep the lowest id
        cells = {}
        for topic_id, round_id, item_id, minutes, priority_id in cell_rows:
            known = cells.get((topic_id, round_id))
            if known is None or (priority_id is not None and (known[2] is None or priority_id < known[2])):
                cells[topic_id, round_id] = (item_id, minutes, priority_id)
    names = dict(topic_rows)
    priority_topics = {topic_id for (topic_id, _), values in cells.items() if values[2] is not None}
    shown = {topic_id for topic_id, _ in cells}
    topics = sorted(
        (GridTopic(topic_id, names[topic_id], topic_id in priority_topics) for topic_id in shown),
        key=lambda topic: (not topic.is_priority, topic.name.casefold(), topic.topic_id),
    )
    return TopicRoundGrid(tuple(topics), rounds, cells)
