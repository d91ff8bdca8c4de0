"""The SQL of the review, one peewee query per figure, each built on the shared CTEs of `review.scope`.

The queries are kept apart from the code that turns their rows into figures so
that the benchmark can run exactly the same SQL through the database driver.
Every query returns tuples of plain values; dates come back as the driver
delivers them (ISO text from SQLite, date objects from PostgreSQL). Queries
return ids where a row per record is wanted (the grid) and names once, from
small queries, so that large results stay narrow.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from peewee import JOIN, Case, Database, Select, fn

from dialogue_planner.review.continuity_query import continuity_query
from dialogue_planner.review.round_queries import rounds_query
from dialogue_planner.review.scope import (
    HELD_STATUSES,
    ReviewScope,
    in_force,
    in_force_on,
    round_in_scope,
    scope_rounds,
)
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def _select(store: Store, source, *columns) -> Select:
    return Select((source,), columns).bind(store.db)


# The statements of the scopes reviewed last, by database: peewee takes 15-20 ms to write the
# review's nested CTEs out as SQL (a twentieth of a review at demo x100), and a scope is reviewed
# again each time the Review view is shown.
_WRITTEN: WeakKeyDictionary[Database, dict[ReviewScope, dict[str, tuple[str, list]]]] = WeakKeyDictionary()
SCOPES_KEPT = 16


def review_statements(store: Store, scope: ReviewScope) -> dict[str, tuple[str, list]]:
    """The SQL and parameters of `review_queries(store, scope)` by name, written once for the scope."""
    written = _WRITTEN.setdefault(store.db, {})
    statements = written.get(scope)
    if statements is None:
        if len(written) >= SCOPES_KEPT:
            written.clear()
        statements = {name: query.sql() for name, query in review_queries(store, scope).items()}
        written[scope] = statements
    return statements


def review_queries(store: Store, scope: ReviewScope) -> dict[str, Select]:
    """Every query of the review by name, ready to run (`.tuples()`), in the order the review runs them."""
    scope_round = scope_rounds(scope)
    return {
        "dialogues": _dialogues(store, scope),
        "rounds": rounds_query(store, scope, scope_round),
        "grid_topics": _grid_topics(store, scope),
        "continuity": continuity_query(store, scope),
        "coverage": _coverage(store, scope),
        "projects_off_priority": _projects_off_priority(store, scope),
        "follow_ups": _follow_ups(store, scope, scope_round),
        "cases": _cases(store, scope_round),
    }


def _grid_topics(store: Store, scope: ReviewScope) -> Select:
    """The rows of the topic x round grid: (topic, name, 1 if a priority topic at some round of the review
    else 0) for each topic on the agenda of a round in the review or a priority topic at one, in no order.

    Asked per topic (a catalogue of a dozen or so): the first agenda item or priority round found settles it.
    """
    topic, item, priority = m.Topic, m.AgendaItem, m.PriorityTopic.alias("grid_priority")
    agenda_round, priority_round = m.Round.alias("grid_agenda_round"), m.Round.alias("grid_priority_round")
    # From the rounds to their items by the (round, topic) index; CROSS JOIN keeps SQLite in that order.
    on_agenda = fn.EXISTS(
        Select((agenda_round,), (item.id,))
        .join(item, JOIN.CROSS)
        .where((item.round == agenda_round.id) & (item.topic == topic.id) & round_in_scope(scope, agenda_round))
    )
    at_a_round = Select((priority_round,), (priority_round.id,)).where(
        in_force(priority, priority_round.dialogue, priority_round.start_date)
        & round_in_scope(scope, priority_round)
    )
    is_priority = fn.EXISTS(priority.select(priority.id).where((priority.topic == topic.id) & fn.EXISTS(at_a_round)))
    # Each EXISTS is asked twice for a topic (in the columns and the condition): a dozen topics.
    return (
        Select((topic,), (topic.id, topic.name, Case(None, [(is_priority, 1)], 0)))
        .where(is_priority | on_agenda)
        .bind(store.db)
    )


def _dialogues(store: Store, scope: ReviewScope) -> Select:
    query = (
        m.Dialogue.select(m.Dialogue.id, m.Country.name, m.Dialogue.title, m.Dialogue.focus_target, m.Country.iso_code)
        .join(m.Country)
        .order_by(m.Country.name)
    )
    if scope.dialogue_ids is not None:
        query = query.where(m.Dialogue.id.in_(scope.dialogue_ids or (-1,)))
    return query


def _chosen_dialogues(scope: ReviewScope):
    if scope.dialogue_ids is None:
        return True
    return m.Dialogue.id.in_(scope.dialogue_ids or (-1,))


def _coverage(store: Store, scope: ReviewScope) -> Select:
    """The priority topics in force on the reference date, each with the active joint projects of its
    dialogue's country linked to its topic, counted once per (country, topic) and joined (a count per
    priority topic read the country's projects again for each). Read from the priority topics to their
    dialogue, country and topic (CROSS JOIN keeps SQLite in that order): from the countries by name,
    SQLite tried every topic with each dialogue's priority topics (at demo x100 139 -> 73 M instructions).
    """
    priority, project, link = m.PriorityTopic, m.JointProject, m.ProjectTopic
    countries = m.Dialogue.select(m.Dialogue.country).where(_chosen_dialogues(scope))
    active_projects = (
        project.select(project.country, link.topic, fn.COUNT(project.id))
        .join(link, on=(link.project == project.id))
        .where((project.status == "active") & project.country.in_(countries))
        .group_by(project.country, link.topic)
        .cte("active_projects", columns=("country_id", "topic_id", "projects"))
    )
    return (
        priority.select(
            priority.id,
            priority.dialogue,
            m.Country.name,
            priority.topic,
            m.Topic.name,
            priority.valid_from,
            priority.valid_to,
            fn.COALESCE(active_projects.c.projects, 0),
        )
        .join(m.Dialogue, JOIN.CROSS)
        .join(m.Country, JOIN.CROSS)
        .join(m.Topic, JOIN.CROSS)
        .join(
            active_projects,
            JOIN.LEFT_OUTER,
            on=(
                (active_projects.c.country_id == m.Dialogue.country)
                & (active_projects.c.topic_id == priority.topic)
            ),
        )
        .where(
            (m.Dialogue.id == priority.dialogue)
            & (m.Country.id == m.Dialogue.country)
            & (m.Topic.id == priority.topic)
            & _chosen_dialogues(scope)
            & in_force_on(priority, scope.reference_date)
        )
        .order_by(m.Country.name, m.Topic.name, priority.id)
        .with_cte(active_projects)
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
