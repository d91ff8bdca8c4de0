"""Joint projects: topics, partner institutions, donors, budgets and results."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from peewee import JOIN

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def _ids(values: Iterable[int | m.Record]) -> list[int]:
    return [value.id if isinstance(value, m.Record) else value for value in values]


def add_project(
    store: Store,
    title: str,
    country: int | m.Country,
    *,
    topics: Iterable[int | m.Topic] = (),
    partners: Iterable[int | m.Institution] = (),
    **values: Any,
) -> m.JointProject:
    """A joint project with its topics and partner institutions, stored together."""
    with store.atomic():
        project = records.create(store, m.JointProject, {"title": title, "country": country, **values})
        for topic_id in _ids(topics):
            records.create(store, m.ProjectTopic, {"project": project.id, "topic": topic_id})
        for institution_id in _ids(partners):
            records.create(store, m.ProjectPartner, {"project": project.id, "institution": institution_id})
    return project


def set_project_topics(store: Store, project_id: int, topics: Iterable[int | m.Topic]) -> None:
    """Make the project's topics exactly `topics`, adding and removing links as needed."""
    wanted = set(_ids(topics))
    with store.atomic():
        records.get(store, m.JointProject, project_id)
        links = {link.topic_id: link.id for link in m.ProjectTopic.select().where(m.ProjectTopic.project == project_id)}
        for topic_id, link_id in links.items():
            if topic_id not in wanted:
                records.delete(store, m.ProjectTopic, link_id)
        for topic_id in sorted(wanted - set(links)):
            records.create(store, m.ProjectTopic, {"project": project_id, "topic": topic_id})


def add_donor(store: Store, project: int | m.JointProject, name: str, amount: Any = None) -> m.ProjectDonor:
    return records.create(store, m.ProjectDonor, {"project": project, "name": name, "amount": amount})


def record_result(
    store: Store,
    project: int | m.JointProject,
    indicator: str,
    *,
    baseline: float | None = None,
    target: float | None = None,
    actual: float | None = None,
    as_of: datetime.date | str | None = None,
) -> m.ProjectResult:
    """A result indicator of the project: from baseline towards target, actual as of a date."""
    return records.create(
        store,
        m.ProjectResult,
        {
            "project": project,
            "indicator": indicator,
            "baseline": baseline,
            "target": target,
            "actual": actual,
            "as_of": as_of,
        },
    )


def projects_on_topic(store: Store, topic_id: int, country_id: int | None = None) -> list[dict[str, Any]]:
    """Projects linked to a topic (in one country if given), by title."""
    project = m.JointProject
    query = (
        project.select(project.id, project.title, project.status, project.start_date, project.end_date)
        .join(m.ProjectTopic)
        .where(m.ProjectTopic.topic == topic_id)
        .order_by(project.title)
    )
    if country_id is not None:
        query = query.where(project.country == country_id)
    return list(query.dicts())


def list_projects(store: Store, country_id: int | None = None) -> list[dict[str, Any]]:
    """Projects with their country, by country and title."""
    project = m.JointProject
    query = (
        project.select(
            project.id,
            project.title,
            project.status,
            project.budget,
            project.currency,
            project.start_date,
            project.end_date,
            m.Country.name.alias("country"),
        )
        .join(m.Country, on=(project.country == m.Country.id))
        .order_by(m.Country.name, project.title)
    )
    if country_id is not None:
        query = query.where(project.country == country_id)
    return list(query.dicts())


def project_details(store: Store, project_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Everything a brief shows of each project, keyed by id, in four queries whatever the count.

    Each value holds the project's fields, `implementer` (institution name or ""),
    `partners` and `topics` (names, sorted), `institution_ids` (implementer and partners)
    and `latest_results`: per indicator the result with the latest `as_of` date.
    """
    wanted = sorted(set(project_ids))
    if not wanted:
        return {}
    project = m.JointProject
    rows = (
        project.select(
            project.id, project.title, project.status, project.budget, project.currency,
            project.start_date, project.end_date, project.country.alias("country_id"),
            project.implementing_institution.alias("implementer_id"), m.Institution.name.alias("implementer"),
        )
        .join(m.Institution, JOIN.LEFT_OUTER, on=(project.implementing_institution == m.Institution.id))
        .where(project.id.in_(wanted))
        .dicts()
    )
    details = {row["id"]: {**row, "implementer": row["implementer"] or "", "partners": [], "topics": [],
                           "institution_ids": [row["implementer_id"]] if row["implementer_id"] else [],
                           "latest_results": []} for row in rows}
    partners = (
        m.ProjectPartner.select(m.ProjectPartner.project, m.Institution.name, m.Institution.id)
        .join(m.Institution)
        .where(m.ProjectPartner.project.in_(wanted))
        .order_by(m.Institution.name)
        .tuples()
    )
    for project_id, name, institution_id in partners:
        details[project_id]["partners"].append(name)
        details[project_id]["institution_ids"].append(institution_id)
    for project_id, name in topic_names(wanted):
        details[project_id]["topics"].append(name)
    latest: dict[tuple[int, str], dict[str, Any]] = {}
    for row in results_oldest_first(wanted):  # later rows of the same indicator replace earlier ones
        latest[row["project_id"], row["indicator"]] = row
    for (project_id, _indicator), row in latest.items():
        details[project_id]["latest_results"].append(row)
    return details


def topic_names(wanted: Any) -> Iterable[tuple[int, str]]:
    """(project id, topic name) for each topic of the projects `wanted` (a subquery or list of ids), by name."""
    return (
        m.ProjectTopic.select(m.ProjectTopic.project, m.Topic.name)
        .join(m.Topic)
        .where(m.ProjectTopic.project.in_(wanted))
        .order_by(m.Topic.name)
        .tuples()
    )


def results_oldest_first(wanted: Any) -> Iterable[dict[str, Any]]:
    """The results of the projects `wanted` (`project_id`, indicator, figures, `as_of`), each project's
    undated ones first, then by date and id: a later row is the newer figure."""
    result = m.ProjectResult
    return (
        result.select(result.project.alias("project_id"), result.indicator, result.baseline, result.target,
                      result.actual, result.as_of)
        .where(result.project.in_(wanted))
        .order_by(result.project, result.as_of.asc(nulls="FIRST"), result.id)
        .dicts()
    )
