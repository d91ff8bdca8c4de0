"""The cells of the review's topic x round grid, read for the rounds wanted (all of them, or those on screen).

`compute_review` gives the grid's rows and columns (`TopicRoundGrid`); its cells
are read here apart: a review at demo x100 has 150,000 of them, which cost more
to fetch and lay out than all its figures (about 180 ms), while a screen shows
some 20 columns. The Review view reads the cells of the columns it shows; the
PDF and the command line read them all. A cell is an agenda item of a round in
the review (its topic, round, id and minutes) and/or the priority topic in
force at that round (`round_priority` of `review.scope`).
"""

from __future__ import annotations

from collections.abc import Iterable

from peewee import JOIN, Select

from dialogue_planner.review.figures import collector_paused
from dialogue_planner.review.model import GridCells
from dialogue_planner.review.scope import ReviewScope, is_round_priority, round_priorities, scope_rounds
from dialogue_planner.services.list_order import id_list
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def grid_cells(store: Store, scope: ReviewScope, round_ids: Iterable[int] | None = None) -> GridCells:
    """The grid's cells of the rounds in the review among `round_ids` (None: of every round in it)."""
    wanted = None if round_ids is None else sorted(set(round_ids))
    queries = cell_queries(store, scope, None if wanted is None else id_list(store, wanted))
    with collector_paused():  # tuples by the hundred thousand and no cycles (see there)
        agenda_rows = store.db.execute(queries["grid"]).fetchall()
        priority_rows = store.db.execute(queries["grid_priorities"]).fetchall()
        # A comprehension that unpacks each row lays 150,000 cells out faster than itemgetter and zip.
        cells = {(topic, round_): (item, minutes, None) for topic, round_, item, minutes in agenda_rows}
        # A priority cell on the agenda replaces its agenda cell: the same item and minutes, and the mark.
        cells.update({(topic, round_): (item, minutes, mark) for topic, round_, item, minutes, mark in priority_rows})
    return GridCells(None if wanted is None else frozenset(wanted), cells)


def cell_queries(store: Store, scope: ReviewScope, among=None) -> dict[str, Select]:
    """The two queries of the cells (`among`: SQL of a list of round ids, or None for every round):

    grid: the agenda cells, (topic, round, agenda item, minutes), one per agenda item;
    grid_priorities: the priority cells, (topic, round, agenda item, minutes, priority topic record),
    one per priority topic of a round (the lowest PriorityTopic id where several apply), with its
    agenda item and minutes when it is on the round's agenda, else None. Flagging each of the
    150,000 items of demo x100 in the first cost more than reading the 10,000 priority cells apart.
    """
    item = m.AgendaItem
    scope_round = scope_rounds(scope, among)
    round_priority = round_priorities(scope, among)
    agenda = (
        Select((item,), (item.topic, item.round, item.id, item.minutes))
        .where(item.round.in_(Select((scope_round,), (scope_round.c.id,))))
        .with_cte(scope_round)
        .bind(store.db)
    )
    priorities = (
        Select(
            (round_priority,),
            (round_priority.c.topic_id, round_priority.c.round_id, item.id, item.minutes, round_priority.c.priority_id),
        )
        .join(item, JOIN.LEFT_OUTER, on=is_round_priority(round_priority, item.round, item.topic))
        .with_cte(round_priority)
        .bind(store.db)
    )
    return {"grid": agenda, "grid_priorities": priorities}
