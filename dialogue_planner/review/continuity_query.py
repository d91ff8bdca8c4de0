"""The continuity query of the review: how long each priority topic stayed on consecutive agendas.

Split from `review.queries` for its size; the same conventions hold (see there).
"""

from __future__ import annotations

from peewee import JOIN, Case, Select, fn

from dialogue_planner.review.scope import ReviewScope, agenda_rounds, in_force, round_in_scope
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


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
    item = m.AgendaItem
    pairs = priority_pairs(scope)
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
    # A dialogue's last agenda round is the one without a next: picked, not grouped for its MAX(seq).
    last = (
        _select(store, ranked, ranked.c.dialogue_id, ranked.c.seq)
        .where(ranked.c.next_id.is_null())
        .cte("last_round", columns=("dialogue_id", "max_seq"))
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
        .with_cte(pairs, ranked, edges, bounds, runs, last, summary)
    )
