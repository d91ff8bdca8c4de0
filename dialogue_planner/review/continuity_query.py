"""The continuity query of the review: how long each priority topic stayed on consecutive agendas.

Split from `review.queries` for its size; the same conventions hold (see there).
"""

from __future__ import annotations

from peewee import JOIN, Case, Expression, Select, fn

from dialogue_planner.review.scope import (
    AGENDA_ROUND_COLUMNS,
    ReviewScope,
    agenda_round_numbering,
    agenda_rounds,
    in_force,
    round_in_scope,
)
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.round_figures import MASKED_BELOW, ROUND_FIGURES, has_round_figures


def _select(store: Store, source, *columns) -> Select:
    return Select((source,), columns).bind(store.db)


def priority_pairs(scope: ReviewScope):
    """CTE `priority_pair`: (dialogue, topic) where the topic was a priority at some round of the review.

    A priority topic's rounds are found through the (dialogue, start date, status) index of rounds
    (migration 0008): a seek for each, where the review's rounds of the dialogue were read in turn.
    """
    priority, round_ = m.PriorityTopic, m.Round.alias("pair_round")
    at_a_round = Select((round_,), (round_.id,)).where(
        in_force(priority, round_.dialogue, round_.start_date) & round_in_scope(scope, round_)
    )
    return (
        priority.select(priority.dialogue, priority.topic)
        .where(fn.EXISTS(at_a_round))
        .distinct()
        .cte("priority_pair", columns=("dialogue_id", "topic_id"))
    )


def continuity_query(store: Store, scope: ReviewScope) -> Select:
    """Runs from their edges: an agenda item starts a run when its topic was not on the dialogue's
    previous agenda round, and ends one when it is not on the next. Only the edge items are kept
    (a tenth of the items at demo x100) and, in seq order within each (dialogue, topic), each start
    is followed by its run's end: the start itself when the run is one round long, else the next
    edge. (Cheaper than numbering every item, as gaps-and-islands does: only the edges are sorted.)
    Runs are summed per pair and joined to the priority pairs, so a priority topic never on the
    agenda still gets its row, with zeros.
    """
    pairs = priority_pairs(scope)
    if has_round_figures(store):
        ranked, edges = _edges_from_topic_masks(scope, pairs)
    else:
        ranked, edges = _edges_from_items(scope, pairs)
    following = {"partition_by": [edges.c.dialogue_id, edges.c.topic_id], "order_by": [edges.c.seq]}

    def at_end(column):
        return Case(None, [(edges.c.ends == 1, column)], fn.LEAD(column).over(**following))

    bounds = (
        _select(
            store,
            edges,
            edges.c.dialogue_id,
            edges.c.topic_id,
            edges.c.starts,
            edges.c.seq,
            edges.c.number,
            at_end(edges.c.seq),
            at_end(edges.c.number),
        )
        .cte("run_bound", columns=("dialogue_id", "topic_id", "starts", "first_seq", "first_number", "last_seq",
                                   "last_number"))
    )
    # A dialogue's last agenda round is the one without a next: picked, not grouped for its MAX(seq).
    last = (
        _select(store, ranked, ranked.c.dialogue_id, ranked.c.seq)
        .where(ranked.c.next_id.is_null())
        .cte("last_round", columns=("dialogue_id", "max_seq"))
    )

    if groups_with_bare_columns(store):
        runs, summary = (), _summary_by_bare_columns(store, bounds, last)
    else:
        runs, summary = _summary_by_rank(store, bounds, last)
    return (
        _select(
            store,
            pairs,
            pairs.c.dialogue_id,
            m.Country.name,
            pairs.c.topic_id,
            m.Topic.name,
            fn.COALESCE(last.c.max_seq, 0),
            fn.COALESCE(summary.c.on_agenda, 0),
            fn.COALESCE(summary.c.longest, 0),
            summary.c.first,
            summary.c.last,
            fn.COALESCE(summary.c.current, 0),
        )
        .join(m.Dialogue, on=(m.Dialogue.id == pairs.c.dialogue_id))
        .join(m.Country, on=(m.Country.id == m.Dialogue.country))
        .join(m.Topic, on=(m.Topic.id == pairs.c.topic_id))
        .join(last, JOIN.LEFT_OUTER, on=(last.c.dialogue_id == pairs.c.dialogue_id))
        .join(
            summary,
            JOIN.LEFT_OUTER,
            on=((summary.c.dialogue_id == pairs.c.dialogue_id) & (summary.c.topic_id == pairs.c.topic_id)),
        )
        .order_by(m.Country.name, m.Topic.name)
        .with_cte(pairs, ranked, edges, bounds, last, *runs, summary)
    )


def groups_with_bare_columns(store: Store) -> bool:
    """Whether the database takes a grouping's bare columns from the row of its one MAX() (SQLite does)."""
    return store.is_sqlite


def _summary_by_rank(store: Store, bounds, last):
    """The CTEs `run` and `run_summary` (dialogue_id, topic_id, on_agenda, longest, first, last, current)
    from the runs' bounds: the runs of each pair ranked by length (the earliest first among equals) to
    pick the longest one's first and last round."""
    length = bounds.c.last_seq - bounds.c.first_seq + 1
    run_rank = fn.ROW_NUMBER().over(
        partition_by=[bounds.c.dialogue_id, bounds.c.topic_id], order_by=[length.desc(), bounds.c.first_seq]
    )
    runs = (
        _select(
            store,
            bounds,
            bounds.c.dialogue_id,
            bounds.c.topic_id,
            length,
            bounds.c.first_number,
            bounds.c.last_number,
            bounds.c.last_seq,
            run_rank,
        )
        .where(bounds.c.starts == 1)
        .cte("run", columns=("dialogue_id", "topic_id", "length", "first_number", "last_number", "last_seq", "rank"))
    )
    def of_longest(column):
        return fn.MAX(Case(None, [(runs.c.rank == 1, column)], None))

    summary = (
        _select(
            store,
            runs,
            runs.c.dialogue_id,
            runs.c.topic_id,
            fn.SUM(runs.c.length),
            fn.MAX(runs.c.length),
            of_longest(runs.c.first_number),
            of_longest(runs.c.last_number),
            fn.MAX(Case(None, [(runs.c.last_seq == last.c.max_seq, runs.c.length)], None)),
        )
        .join(last, on=(last.c.dialogue_id == runs.c.dialogue_id))
        .group_by(runs.c.dialogue_id, runs.c.topic_id)
        .cte("run_summary", columns=("dialogue_id", "topic_id", "on_agenda", "longest", "first", "last", "current"))
    )
    return (runs,), summary


def _summary_by_bare_columns(store: Store, bounds, last):
    """`run_summary` as `_summary_by_rank` gives it, without ranking the runs (SQLite, a tenth of the
    continuity query at demo x100): the longest run's first and last round are bare columns of the
    grouping, which SQLite takes from the row where its one MAX() is found, here the longest run,
    the earliest among equals (length * 2**32 - its first seq). The current run is a SUM: one run
    at most ends at the dialogue's last agenda round."""
    length = bounds.c.last_seq - bounds.c.first_seq + 1
    return (
        _select(
            store,
            bounds,
            bounds.c.dialogue_id,
            bounds.c.topic_id,
            fn.SUM(length),
            fn.MAX(length * 4294967296 - bounds.c.first_seq),
            length,
            bounds.c.first_number,
            bounds.c.last_number,
            fn.SUM(Case(None, [(bounds.c.last_seq == last.c.max_seq, length)], None)),
        )
        .join(last, on=(last.c.dialogue_id == bounds.c.dialogue_id))
        .where(bounds.c.starts == 1)
        .group_by(bounds.c.dialogue_id, bounds.c.topic_id)
        .cte(
            "run_summary",
            columns=("dialogue_id", "topic_id", "on_agenda", "longest_first", "longest", "first", "last", "current"),
        )
    )


def _edges_from_items(scope: ReviewScope, pairs):
    """The CTEs `agenda_round` and `run_edge` (dialogue, topic, seq, number, starts, ends), each agenda
    item of a priority pair looked up in the rounds before and after it (where no masks are stored).
    """
    item = m.AgendaItem
    ranked = agenda_rounds(scope)
    previous_item, next_item = m.AgendaItem.alias("previous_item"), m.AgendaItem.alias("next_item")
    starts, ends = previous_item.id.is_null(), next_item.id.is_null()
    edges = (
        Select(
            (ranked,),
            (
                ranked.c.dialogue_id,
                item.topic,
                ranked.c.seq,
                ranked.c.number,
                Case(None, [(starts, 1)], 0),
                Case(None, [(ends, 1)], 0),
            ),
        )
        .join(item, on=(item.round == ranked.c.id))
        # Only the pairs the query reports: the other topics' runs were computed to be dropped.
        .join(pairs, on=((pairs.c.dialogue_id == ranked.c.dialogue_id) & (pairs.c.topic_id == item.topic)))
        # Joins rather than EXISTS per item: the same index lookups, without a subquery each.
        .join(
            previous_item,
            JOIN.LEFT_OUTER,
            on=((previous_item.round == ranked.c.previous_id) & (previous_item.topic == item.topic)),
        )
        .join(next_item, JOIN.LEFT_OUTER, on=((next_item.round == ranked.c.next_id) & (next_item.topic == item.topic)))
        .where(starts | ends)
        .cte("run_edge", columns=("dialogue_id", "topic_id", "seq", "number", "starts", "ends"))
    )
    return ranked, edges


def _on_agenda(mask, round_id, topic):
    """1 if `topic` is on the agenda of the round `round_id` whose stored topic mask is `mask`, else 0:
    the topic's bit of the mask, or a lookup for a topic id without one (MASKED_BELOW)."""
    bit = Expression(Expression(mask, ">>", topic), "&", 1)
    item = m.AgendaItem.alias("unmasked_item")
    looked_up = fn.EXISTS(item.select(item.id).where((item.round == round_id) & (item.topic == topic)))
    return Case(None, [(topic < MASKED_BELOW, bit)], looked_up)


def _edges_from_topic_masks(scope: ReviewScope, pairs):
    """The CTEs `agenda_round` (as `scope.agenda_rounds`, with the topic masks of each round and of the
    rounds before and after it) and `run_edge`, from the rounds' stored topic masks (migration 0011):
    whether a priority pair's topic is on a round's agenda and on those of the rounds around it is a
    bit of each, where three lookups per agenda item cost a third more (at demo x100 1,349 -> 962 M
    instructions for the whole continuity query).
    """
    round_, figures = m.Round.alias("agenda_round_of"), ROUND_FIGURES
    numbering, in_order = agenda_round_numbering(round_)
    masks = (
        figures.topic_mask,
        fn.LAG(figures.topic_mask, 1, 0).over(**in_order),
        fn.LEAD(figures.topic_mask, 1, 0).over(**in_order),
    )
    ranked = (
        Select((round_,), (*numbering, *masks))
        .join(figures, on=(figures.round_id == round_.id))
        .where(round_in_scope(scope, round_) & (figures.topic_count > 0))
        .cte("agenda_round", columns=(*AGENDA_ROUND_COLUMNS, "mask", "previous_mask", "next_mask"))
    )
    topic = pairs.c.topic_id
    on_previous = _on_agenda(ranked.c.previous_mask, ranked.c.previous_id, topic)
    on_next = _on_agenda(ranked.c.next_mask, ranked.c.next_id, topic)
    edges = (
        Select(
            (ranked,),
            (ranked.c.dialogue_id, topic, ranked.c.seq, ranked.c.number, 1 - on_previous, 1 - on_next),
        )
        .join(pairs, on=(pairs.c.dialogue_id == ranked.c.dialogue_id))
        .where((_on_agenda(ranked.c.mask, ranked.c.id, topic) == 1) & ((on_previous == 0) | (on_next == 0)))
        .cte("run_edge", columns=("dialogue_id", "topic_id", "seq", "number", "starts", "ends"))
    )
    return ranked, edges
