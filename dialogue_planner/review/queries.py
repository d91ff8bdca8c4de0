"""The SQL of the review, one peewee query per figure, each built on the shared CTEs of `review.scope`.

The queries are kept apart from the code that turns their rows into figures so
that the benchmark can run exactly the same SQL through the database driver.
Every query returns tuples of plain values; dates come back as the driver
delivers them (ISO text from SQLite, date objects from PostgreSQL).
"""

from __future__ import annotations

from peewee import JOIN, SQL, Case, Select, fn

from dialogue_planner.review.scope import (
    HELD_STATUSES,
    ReviewScope,
    scope_agenda,
    scope_rounds,
)
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def _select(store: Store, source, *columns) -> Select:
    return Select((source,), columns).bind(store.db)


def _round_focus(scope_round, agenda):
    """CTE `round_focus`: per round in the review, its agenda counted and its minutes summed."""
    dialogue, country = m.Dialogue, m.Country
    columns = (
        scope_round.c.id,
        scope_round.c.dialogue_id,
        country.name,
        scope_round.c.number,
        scope_round.c.start_date,
        scope_round.c.status,
        dialogue.focus_target,
    )
    return (
        Select(
            (scope_round,),
            (
                *columns,
                fn.COUNT(agenda.c.id),
                fn.COALESCE(fn.SUM(agenda.c.is_priority), 0),
                fn.COALESCE(fn.SUM(agenda.c.minutes), 0),
                fn.COALESCE(fn.SUM(agenda.c.minutes * agenda.c.is_priority), 0),
            ),
        )
        .join(dialogue, on=(dialogue.id == scope_round.c.dialogue_id))
        .join(country, on=(country.id == dialogue.country))
        .join(agenda, JOIN.LEFT_OUTER, on=(agenda.c.round_id == scope_round.c.id))
        .group_by(*columns)
        .cte(
            "round_focus",
            columns=(
                "id",
                "dialogue_id",
                "country",
                "number",
                "start_date",
                "status",
                "focus_target",
                "topic_count",
                "priority_topic_count",
                "minutes",
                "priority_minutes",
            ),
        )
    )


def _scope_priority(scope_round):
    """CTE `scope_priority`: (round, topic) pairs where the topic was a priority on the round's start date.

    priority_topic_id is the lowest id when overlapping PriorityTopic records say the same.
    """
    priority = m.PriorityTopic
    return (
        Select((scope_round,), (scope_round.c.id, scope_round.c.dialogue_id, priority.topic, fn.MIN(priority.id)))
        .join(
            priority,
            on=(
                (priority.dialogue == scope_round.c.dialogue_id)
                & (priority.valid_from <= scope_round.c.start_date)
                & (priority.valid_to.is_null() | (priority.valid_to >= scope_round.c.start_date))
            ),
        )
        .group_by(scope_round.c.id, scope_round.c.dialogue_id, priority.topic)
        .cte("scope_priority", columns=("round_id", "dialogue_id", "topic_id", "priority_topic_id"))
    )


def review_queries(store: Store, scope: ReviewScope) -> dict[str, Select]:
    """Every query of the review by name, ready to run (`.tuples()`), in the order the review runs them."""
    scope_round = scope_rounds(scope)
    agenda = scope_agenda(scope_round)
    focus = _round_focus(scope_round, agenda)
    priority_cells = _scope_priority(scope_round)
    return {
        "dialogues": _dialogues(store, scope),
        "rounds": _select(
            store,
            focus,
            *(
                focus.c[name]
                for name in (
                    "id",
                    "dialogue_id",
                    "country",
                    "number",
                    "start_date",
                    "status",
                    "focus_target",
                    "topic_count",
                    "priority_topic_count",
                    "minutes",
                    "priority_minutes",
                )
            ),
        )
        .order_by(focus.c.country, focus.c.number)
        .with_cte(scope_round, agenda, focus),
        "focus_by_dialogue": _focus_by_dialogue(store, scope_round, agenda, focus),
        "grid_agenda": _select(
            store, agenda, agenda.c.id, agenda.c.round_id, agenda.c.topic_id, m.Topic.name, agenda.c.minutes
        )
        .join(m.Topic, on=(m.Topic.id == agenda.c.topic_id))
        .with_cte(scope_round, agenda),
        "grid_priority": _select(
            store,
            priority_cells,
            priority_cells.c.round_id,
            priority_cells.c.topic_id,
            m.Topic.name,
            priority_cells.c.priority_topic_id,
        )
        .join(m.Topic, on=(m.Topic.id == priority_cells.c.topic_id))
        .with_cte(scope_round, priority_cells),
        "continuity": _continuity(store, scope_round, agenda, priority_cells),
        "coverage": _coverage(store, scope),
        "projects_off_priority": _projects_off_priority(store, scope),
        "follow_ups": _follow_ups(store, scope, scope_round),
        "cases": _cases(store, scope_round),
    }


def _dialogues(store: Store, scope: ReviewScope) -> Select:
    query = (
        m.Dialogue.select(m.Dialogue.id, m.Country.name, m.Dialogue.title, m.Dialogue.focus_target, m.Country.iso_code)
        .join(m.Country)
        .order_by(m.Country.name)
    )
    if scope.dialogue_ids is not None:
        query = query.where(m.Dialogue.id.in_(scope.dialogue_ids or (-1,)))
    return query


def _focus_by_dialogue(store: Store, scope_round, agenda, focus) -> Select:
    def one_if(condition):
        return fn.SUM(Case(None, [(condition, 1)], 0))

    return (
        _select(
            store,
            focus,
            focus.c.dialogue_id,
            fn.COUNT(focus.c.id),
            one_if(focus.c.topic_count > 0),
            one_if(focus.c.topic_count > focus.c.focus_target),
            fn.SUM(focus.c.topic_count),
            fn.SUM(focus.c.minutes),
            fn.SUM(focus.c.priority_minutes),
        )
        .group_by(focus.c.dialogue_id)
        .with_cte(scope_round, agenda, focus)
    )


def _continuity(store: Store, scope_round, agenda, priority_cells) -> Select:
    """Gaps and islands: seq minus the row number among the topic's agenda rounds is constant within a run."""
    pairs = (
        _select(store, priority_cells, priority_cells.c.dialogue_id, priority_cells.c.topic_id)
        .distinct()
        .cte("priority_pair", columns=("dialogue_id", "topic_id"))
    )
    island_number = agenda.c.seq - fn.ROW_NUMBER().over(
        partition_by=[agenda.c.dialogue_id, agenda.c.topic_id], order_by=[agenda.c.seq]
    )
    islands = (
        Select((agenda,), (agenda.c.dialogue_id, agenda.c.topic_id, agenda.c.seq, scope_round.c.number, island_number))
        .join(pairs, on=((pairs.c.dialogue_id == agenda.c.dialogue_id) & (pairs.c.topic_id == agenda.c.topic_id)))
        .join(scope_round, on=(scope_round.c.id == agenda.c.round_id))
        .cte("island", columns=("dialogue_id", "topic_id", "seq", "number", "island"))
    )
    run_rank = fn.ROW_NUMBER().over(
        partition_by=[islands.c.dialogue_id, islands.c.topic_id],
        order_by=[fn.COUNT(SQL("*")).desc(), fn.MIN(islands.c.seq)],
    )
    runs = (
        _select(
            store,
            islands,
            islands.c.dialogue_id,
            islands.c.topic_id,
            fn.COUNT(SQL("*")),
            fn.MIN(islands.c.number),
            fn.MAX(islands.c.number),
            fn.MAX(islands.c.seq),
            run_rank,
        )
        .group_by(islands.c.dialogue_id, islands.c.topic_id, islands.c.island)
        .cte("run", columns=("dialogue_id", "topic_id", "length", "first_number", "last_number", "last_seq", "rank"))
    )
    last = (
        _select(store, agenda, agenda.c.dialogue_id, fn.MAX(agenda.c.seq))
        .group_by(agenda.c.dialogue_id)
        .cte("last_round", columns=("dialogue_id", "max_seq"))
    )

    def best(column):
        return fn.MAX(Case(None, [(runs.c.rank == 1, column)], None))

    group = (pairs.c.dialogue_id, m.Country.name, pairs.c.topic_id, m.Topic.name, fn.COALESCE(last.c.max_seq, 0))
    return (
        _select(
            store,
            pairs,
            *group,
            fn.COALESCE(fn.SUM(runs.c.length), 0),
            fn.COALESCE(fn.MAX(runs.c.length), 0),
            best(runs.c.first_number),
            best(runs.c.last_number),
            fn.COALESCE(fn.MAX(Case(None, [(runs.c.last_seq == last.c.max_seq, runs.c.length)], None)), 0),
        )
        .join(m.Dialogue, on=(m.Dialogue.id == pairs.c.dialogue_id))
        .join(m.Country, on=(m.Country.id == m.Dialogue.country))
        .join(m.Topic, on=(m.Topic.id == pairs.c.topic_id))
        .join(last, JOIN.LEFT_OUTER, on=(last.c.dialogue_id == pairs.c.dialogue_id))
        .join(
            runs,
            JOIN.LEFT_OUTER,
            on=((runs.c.dialogue_id == pairs.c.dialogue_id) & (runs.c.topic_id == pairs.c.topic_id)),
        )
        .group_by(*group)
        .order_by(m.Country.name, m.Topic.name)
        .with_cte(scope_round, agenda, priority_cells, pairs, islands, runs, last)
    )


def in_force_on(priority, day):
    """The PriorityTopic alias `priority` is valid on `day` (a date)."""
    return (priority.valid_from <= day) & (priority.valid_to.is_null() | (priority.valid_to >= day))


def _chosen_dialogues(scope: ReviewScope):
    if scope.dialogue_ids is None:
        return True
    return m.Dialogue.id.in_(scope.dialogue_ids or (-1,))


def _coverage(store: Store, scope: ReviewScope) -> Select:
    priority, project, link = m.PriorityTopic, m.JointProject, m.ProjectTopic
    group = (
        priority.id,
        priority.dialogue,
        m.Country.name,
        priority.topic,
        m.Topic.name,
        priority.valid_from,
        priority.valid_to,
    )
    return (
        priority.select(*group, fn.COUNT(project.id))
        .join(m.Dialogue, on=(m.Dialogue.id == priority.dialogue))
        .join(m.Country, on=(m.Country.id == m.Dialogue.country))
        .switch(priority)
        .join(m.Topic, on=(m.Topic.id == priority.topic))
        .switch(priority)
        .join(link, JOIN.LEFT_OUTER, on=(link.topic == priority.topic))
        .join(
            project,
            JOIN.LEFT_OUTER,
            on=((project.id == link.project) & (project.country == m.Dialogue.country) & (project.status == "active")),
        )
        .where(_chosen_dialogues(scope) & in_force_on(priority, scope.reference_date))
        .group_by(*group)
        .order_by(m.Country.name, m.Topic.name, priority.id)
    )


def _projects_off_priority(store: Store, scope: ReviewScope) -> Select:
    project, link, priority = m.JointProject, m.ProjectTopic, m.PriorityTopic.alias("covering_priority")
    on_priority = (
        link.select(link.id)
        .join(priority, on=(priority.topic == link.topic))
        .where(
            (link.project == project.id)
            & (priority.dialogue == m.Dialogue.id)
            & in_force_on(priority, scope.reference_date)
        )
    )
    return (
        project.select(project.id, project.title, m.Country.name, project.status)
        .join(m.Country, on=(m.Country.id == project.country))
        .join(m.Dialogue, on=(m.Dialogue.country == m.Country.id))
        .where(_chosen_dialogues(scope) & (project.status == "active") & ~fn.EXISTS(on_priority))
        .order_by(m.Country.name, project.title, project.id)
    )


def _follow_ups(store: Store, scope: ReviewScope, scope_round) -> Select:
    follow_up = m.FollowUp

    def count_if(condition):
        return fn.COALESCE(fn.SUM(Case(None, [(condition, 1)], 0)), 0)

    is_open = follow_up.status == "open"
    return (
        Select(
            (scope_round,),
            (
                scope_round.c.dialogue_id,
                count_if(follow_up.status == "done"),
                count_if(is_open),
                count_if(follow_up.status == "dropped"),
                count_if(is_open & (follow_up.due_date < scope.today)),
            ),
        )
        .join(follow_up, on=(follow_up.round == scope_round.c.id))
        .group_by(scope_round.c.dialogue_id)
        .with_cte(scope_round)
        .bind(store.db)
    )


def _cases(store: Store, scope_round) -> Select:
    case, raising = m.IndividualCase, m.CaseRaising
    held = scope_round.c.status.in_(HELD_STATUSES)
    answered = held & (fn.TRIM(raising.response) != "")
    latest_first = fn.ROW_NUMBER().over(
        partition_by=[raising.case],
        order_by=[
            Case(None, [(answered, 0)], 1),
            scope_round.c.start_date.desc(nulls="LAST"),
            scope_round.c.number.desc(),
        ],
    )
    raisings = (
        Select(
            (raising,),
            (
                raising.case,
                Case(None, [(held, 1)], 0),
                Case(None, [(answered, 1)], 0),
                Case(None, [(answered, raising.response)], None),
                scope_round.c.number,
                latest_first,
            ),
        )
        .join(scope_round, on=(scope_round.c.id == raising.round))
        .cte("scope_raising", columns=("case_id", "held", "answered", "response", "number", "latest"))
    )
    # The person's name leaves the database only for a case marked shareable.
    shown_name = Case(None, [(case.sensitivity == "shareable", case.person_name)], "")
    group = (case.id, shown_name, m.Country.name, case.category, case.situation, case.sensitivity)

    def latest(column):
        return fn.MAX(
            Case(
                None,
                [((raisings.c.latest == 1) & (raisings.c.answered == 1), column)],
                None,
            )
        )

    return (
        Select(
            (raisings,),
            (
                *group,
                fn.SUM(raisings.c.held),
                fn.SUM(raisings.c.answered),
                fn.SUM(1 - raisings.c.held),
                latest(raisings.c.response),
                latest(raisings.c.number),
            ),
        )
        .join(case, on=(case.id == raisings.c.case_id))
        .join(m.Country, on=(m.Country.id == case.country))
        .group_by(*group)
        .order_by(m.Country.name, fn.SUM(raisings.c.held).desc(), case.id)
        .with_cte(scope_round, raisings)
        .bind(store.db)
    )
