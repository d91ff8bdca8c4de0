"""The register of individual cases: each case with how often it was raised, and the raisings themselves.

Case names are confidential by default: these functions return them to the
screen only; nothing here logs or puts them in an error message.
"""

from __future__ import annotations

from typing import Any

from peewee import JOIN, fn

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def list_cases(store: Store, country_id: int | None = None) -> list[dict[str, Any]]:
    """Cases (of one country if given) by person name, with country, topic, `raised_count` and
    `last_raised` (start date of the latest round it was raised at, None if never or undated)."""
    case = m.IndividualCase
    raised = (
        m.CaseRaising.select(
            m.CaseRaising.case, fn.COUNT(m.CaseRaising.id).alias("n"), fn.MAX(m.Round.start_date).alias("last"),
        )
        .join(m.Round)
        .group_by(m.CaseRaising.case)
        .alias("raised")
    )
    query = (
        case.select(
            case.id, case.person_name, case.category, case.situation, case.sensitivity,
            m.Country.name.alias("country"), m.Topic.name.alias("topic"),
            fn.COALESCE(raised.c.n, 0).alias("raised_count"), raised.c.last.alias("last_raised"),
        )
        .join(m.Country, on=(case.country == m.Country.id))
        .switch(case)
        .join(m.Topic, JOIN.LEFT_OUTER, on=(case.topic == m.Topic.id))
        .switch(case)
        .join(raised, JOIN.LEFT_OUTER, on=(raised.c.case_id == case.id))
        .order_by(case.person_name, case.id)
    )
    if country_id is not None:
        query = query.where(case.country == country_id)
    rows = list(query.dicts())
    for row in rows:
        row["topic"] = row["topic"] or ""
        # An aggregate over a subquery loses the column's type: SQLite hands back the date as text.
        row["last_raised"] = m.Round.start_date.python_value(row["last_raised"])
    return rows


def raisings_of_case(store: Store, case_id: int) -> list[dict[str, Any]]:
    """Every round the case was (or is to be) raised at, newest first, with the response received."""
    raising = m.CaseRaising
    return list(
        raising.select(
            raising.id, raising.response, m.Round.id.alias("round_id"), m.Round.number, m.Round.start_date,
            m.Round.status, m.Country.name.alias("country"),
        )
        .join(m.Round)
        .join(m.Dialogue)
        .join(m.Country)
        .where(raising.case == case_id)
        .order_by(m.Round.number.desc())
        .dicts()
    )


def rounds_to_raise_case_at(store: Store, case_id: int) -> list[dict[str, Any]]:
    """Rounds with the case's country where it is not on the list yet, newest first: id, number, start_date."""
    case = records.get(store, m.IndividualCase, case_id)
    taken = m.CaseRaising.select(m.CaseRaising.round).where(m.CaseRaising.case == case_id)
    return list(
        m.Round.select(m.Round.id, m.Round.number, m.Round.start_date)
        .join(m.Dialogue)
        .where((m.Dialogue.country == case.country_id) & m.Round.id.not_in(taken))
        .order_by(m.Round.number.desc())
        .dicts()
    )
