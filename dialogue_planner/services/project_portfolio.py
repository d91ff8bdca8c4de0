"""The joint-project portfolio as the projects view shows it, and a project's links, donors and results."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from peewee import JOIN, Select

from dialogue_planner.services import records
from dialogue_planner.services.projects import results_oldest_first, topic_names
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def project_portfolio(store: Store, country_id: int | None = None) -> list[dict[str, Any]]:
    """Projects (in one country if given) by country and title, each with `topics` (names joined
    by ', '), `implementer` and `latest_result` (the indicator with the latest as-of date, or None).

    Three queries whatever the number of projects; the links and results are chosen by a subquery,
    not by a list of ids (30,000 projects at demo x100 come near SQLite's limit of 32,766 parameters).
    """
    project = m.JointProject
    query = portfolio_query(country_id).order_by(m.Country.name, project.title)
    wanted = project.select(project.id)
    if country_id is not None:
        wanted = wanted.where(project.country == country_id)
    rows = list(query.dicts())
    if rows:
        attach_links(rows, wanted)
    return rows


def portfolio_query(country_id: int | None = None) -> Select:
    """The columns of the project list (in one country if given), without `topics` and `latest_result`
    (see `attach_links`) and in no order."""
    project = m.JointProject
    query = (
        project.select(
            project.id, project.title, project.status, project.budget, project.currency,
            project.start_date, project.end_date, m.Country.name.alias("country"),
            m.Institution.name.alias("implementer"),
        )
        .join(m.Country, on=(project.country == m.Country.id))
        .switch(project)
        .join(m.Institution, JOIN.LEFT_OUTER, on=(project.implementing_institution == m.Institution.id))
    )
    return query if country_id is None else query.where(project.country == country_id)


def attach_links(rows: list[dict[str, Any]], wanted: Any) -> None:
    """Give each project row its `topics`, `latest_result` and `implementer` ('' for none), as
    `project_portfolio` does; `wanted` is a subquery of the rows' ids, or SQL of their list (`id_list`)."""
    topics: dict[int, list[str]] = {row["id"]: [] for row in rows}
    latest: dict[int, dict[str, Any]] = {}
    for project_id, name in topic_names(wanted):
        topics[project_id].append(name)
    for row in results_oldest_first(wanted):  # a later one replaces an earlier one
        latest[row["project_id"]] = row
    for row in rows:
        row["implementer"] = row["implementer"] or ""
        row["topics"] = ", ".join(topics[row["id"]])
        row["latest_result"] = latest.get(row["id"])


def project_topic_ids(store: Store, project_id: int) -> list[int]:
    """The ids of the project's topics."""
    link = m.ProjectTopic
    return sorted(link.select(link.topic).where(link.project == project_id).scalars())


def project_partner_ids(store: Store, project_id: int) -> list[int]:
    """The ids of the project's partner institutions."""
    link = m.ProjectPartner
    return sorted(link.select(link.institution).where(link.project == project_id).scalars())


def set_project_partners(store: Store, project_id: int, institutions: Iterable[int]) -> None:
    """Make the project's partner institutions exactly `institutions`, adding and removing links."""
    wanted = set(institutions)
    with store.atomic():
        records.get(store, m.JointProject, project_id)
        links = {
            link.institution_id: link.id
            for link in m.ProjectPartner.select().where(m.ProjectPartner.project == project_id)
        }
        for institution_id, link_id in links.items():
            if institution_id not in wanted:
                records.delete(store, m.ProjectPartner, link_id)
        for institution_id in sorted(wanted - set(links)):
            records.create(store, m.ProjectPartner, {"project": project_id, "institution": institution_id})


def donors_of_project(store: Store, project_id: int) -> list[dict[str, Any]]:
    """The project's donors with their amounts, largest first."""
    donor = m.ProjectDonor
    return list(
        donor.select(donor.id, donor.name, donor.amount)
        .where(donor.project == project_id)
        .order_by(donor.amount.desc(nulls="LAST"), donor.name)
        .dicts()
    )


def results_of_project(store: Store, project_id: int) -> list[dict[str, Any]]:
    """The project's results by indicator, then by as-of date (undated first)."""
    result = m.ProjectResult
    return list(
        result.select(result.id, result.indicator, result.baseline, result.target, result.actual, result.as_of)
        .where(result.project == project_id)
        .order_by(result.indicator, result.as_of.asc(nulls="FIRST"), result.id)
        .dicts()
    )
