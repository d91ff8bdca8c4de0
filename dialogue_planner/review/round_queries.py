"""The rounds query of the review: each round in it with its agenda figures, then each dialogue's totals.

Split from `review.queries` for its size; the same conventions hold (see there).
"""

from __future__ import annotations

from peewee import JOIN, Case, Select, Value, fn

from dialogue_planner.review.scope import ReviewScope, is_round_priority, round_in_scope, round_priorities
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store
from dialogue_planner.storage.round_figures import ROUND_FIGURES, has_round_figures


def _select(store: Store, source, *columns) -> Select:
    return Select((source,), columns).bind(store.db)


def _count_if(condition):
    return fn.SUM(Case(None, [(condition, 1)], 0))


def rounds_query(store: Store, scope: ReviewScope, scope_round) -> Select:
    """Each round in the review with its agenda counted and its minutes summed, then each dialogue's totals.

    Round rows (round id, dialogue id, number, start date, status, topic_count, priority_topic_count,
    minutes, priority_minutes, None, None, None, None), in no particular order; then one row per
    dialogue with rounds in the review, its round id None: (None, dialogue id, None, None, None, agenda
    items, None, minutes, priority minutes, rounds, rounds with an agenda, rounds over target, the most
    minutes of one agenda item, 0 without any). The rows are
    put in order (by country, then number) by the review, which has the dialogues in country order.
    The figures of a round are those of `model.RoundFocus`; where the store keeps them with the
    round (`round_figures`: SQLite, migration 0009, kept in step by triggers) they are read from
    there, else counted from the agenda items here.
    """
    if has_round_figures(store):
        return _stored_rounds(store, scope)
    return _counted_rounds(store, scope, scope_round)


def _stored_rounds(store: Store, scope: ReviewScope) -> Select:
    """The rows of `rounds_query` from the stored figures: a lookup per round (at demo x100, 25 ms where
    counting the agenda items took 110). The dialogues' totals are summed over the same rows in a
    statement of their own, driven from the dialogues: the rounds' rows shared by both through a
    CTE were written out and sorted for the grouping (about 40 ms more).
    """
    round_, figures, dialogue = m.Round, ROUND_FIGURES, m.Dialogue
    nothing = Value(None)
    round_rows = (
        Select(
            (round_,),
            (
                round_.id,
                round_.dialogue,
                round_.number,
                round_.start_date,
                round_.status,
                figures.topic_count,
                figures.priority_topic_count,
                figures.minutes,
                figures.priority_minutes,
                *(nothing,) * 4,
            ),
        )
        .join(figures, on=(figures.round_id == round_.id))
        .where(round_in_scope(scope, round_))
        .bind(store.db)
    )
    dialogue_rows = (
        Select(
            (dialogue,),
            (
                nothing,
                dialogue.id,
                nothing,
                nothing,
                nothing,
                fn.SUM(figures.topic_count),
                nothing,
                fn.SUM(figures.minutes),
                fn.SUM(figures.priority_minutes),
                fn.COUNT(round_.id),
                _count_if(figures.topic_count > 0),
                _count_if(figures.topic_count > dialogue.focus_target),
                fn.MAX(figures.max_minutes),
            ),
        )
        .join(round_, on=(round_.dialogue == dialogue.id))
        .join(figures, on=(figures.round_id == round_.id))
        .where(round_in_scope(scope, round_))
        .group_by(dialogue.id)
        .bind(store.db)
    )
    return round_rows.union_all(dialogue_rows)


def _counted_rounds(store: Store, scope: ReviewScope, scope_round) -> Select:
    """The rows of `rounds_query` where the figures are not stored (PostgreSQL): each round's agenda counted.

    The totals come with the rounds, in one statement, because they are sums over the rounds' counts:
    a statement of their own would count every agenda item again. Joined to every round row instead,
    they cost more to read than to compute (six columns of 15,000 rows at demo x100), and the order
    by country and number more still (sorting every row, where the review puts the ids in order).
    """
    item, dialogue = m.AgendaItem, m.Dialogue
    round_priority = round_priorities(scope)

    def of_the_round(aggregate):
        # Correlated: the items of this round through the (round, topic, minutes) index. Cheaper than
        # grouping all items of the review by round and joining the groups back to their rounds.
        return Select((item,), (aggregate,)).where(item.round == scope_round.c.id)

    # The priority items from the (round, topic) priorities, looked up by the unique (round, topic)
    # index: some 10,000 lookups at demo x100 where flagging every item took 150,000. CROSS JOIN
    # with the condition in WHERE keeps SQLite from turning it round (an inner join on PostgreSQL).
    priority_per_round = (
        Select((round_priority,), (round_priority.c.round_id, fn.COUNT(item.id), fn.SUM(item.minutes)))
        .join(item, JOIN.CROSS)
        .where(is_round_priority(round_priority, item.round, item.topic))
        .group_by(round_priority.c.round_id)
        .cte("priority_per_round", columns=("round_id", "items", "minutes"))
    )
    round_columns = (
        "id",
        "dialogue_id",
        "number",
        "start_date",
        "status",
        "topic_count",
        "priority_topic_count",
        "minutes",
        "priority_minutes",
    )
    focus = (
        Select(
            (scope_round,),
            (
                scope_round.c.id,
                scope_round.c.dialogue_id,
                scope_round.c.number,
                scope_round.c.start_date,
                scope_round.c.status,
                # Integers on every database (PostgreSQL sums to numeric).
                of_the_round(fn.COUNT(item.id)),
                fn.COALESCE(priority_per_round.c.items, 0).cast("INTEGER"),
                of_the_round(fn.COALESCE(fn.SUM(item.minutes), 0).cast("INTEGER")),
                fn.COALESCE(priority_per_round.c.minutes, 0).cast("INTEGER"),
                dialogue.focus_target,
                of_the_round(fn.COALESCE(fn.MAX(item.minutes), 0)),
            ),
        )
        .join(dialogue, on=(dialogue.id == scope_round.c.dialogue_id))
        .join(priority_per_round, JOIN.LEFT_OUTER, on=(priority_per_round.c.round_id == scope_round.c.id))
        .cte("round_focus", columns=(*round_columns, "focus_target", "max_minutes"))
    )

    totals = (
        _select(
            store,
            focus,
            focus.c.dialogue_id,
            # Integers: PostgreSQL sums to numeric, and a union takes the wider type for the rounds' rows too.
            fn.SUM(focus.c.topic_count).cast("INTEGER"),
            fn.SUM(focus.c.minutes).cast("INTEGER"),
            fn.SUM(focus.c.priority_minutes).cast("INTEGER"),
            fn.COUNT(focus.c.id).cast("INTEGER"),
            _count_if(focus.c.topic_count > 0).cast("INTEGER"),
            _count_if(focus.c.topic_count > focus.c.focus_target).cast("INTEGER"),
            fn.MAX(focus.c.max_minutes),
        )
        .group_by(focus.c.dialogue_id)
        .cte(
            "dialogue_focus",
            columns=("dialogue_id", "items", "minutes", "priority_minutes", "rounds", "with_agenda", "over_target",
                     "max_minutes"),
        )
    )
    nothing = Value(None)
    round_rows = _select(store, focus, *(focus.c[name] for name in round_columns), *(nothing,) * 4)
    dialogue_rows = _select(
        store,
        totals,
        nothing,
        totals.c.dialogue_id,
        nothing,
        nothing,
        nothing,
        totals.c.items,
        nothing,
        totals.c.minutes,
        totals.c.priority_minutes,
        totals.c.rounds,
        totals.c.with_agenda,
        totals.c.over_target,
        totals.c.max_minutes,
    )
    # The CTEs on the compound, not its first member: PostgreSQL's parentheses would hide them from the second.
    return round_rows.union_all(dialogue_rows).with_cte(scope_round, round_priority, priority_per_round, focus, totals)
