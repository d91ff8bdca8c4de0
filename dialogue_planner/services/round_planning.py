"""What the round planner offers to pick from: people for a delegation, cases to raise."""

from __future__ import annotations

from typing import Any

from peewee import JOIN

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def round_heading(store: Store, round_id: int) -> dict[str, Any]:
    """The round with its dialogue's title, country and focus target, for the planner's heading."""
    row = (
        m.Round.select(
            m.Round.id, m.Round.number, m.Round.city, m.Round.start_date, m.Round.end_date, m.Round.status,
            m.Round.dialogue.alias("dialogue_id"), m.Dialogue.title.alias("dialogue_title"),
            m.Dialogue.focus_target, m.Country.id.alias("country_id"), m.Country.name.alias("country"),
        )
        .join(m.Dialogue).join(m.Country)
        .where(m.Round.id == round_id)
        .dicts()
        .first()
    )
    if row is None:
        records.get(store, m.Round, round_id)  # raises NotFoundError naming the round
    return row


def delegation_candidates(store: Store, round_id: int, side: str) -> list[dict[str, Any]]:
    """People not yet in the round's delegations: for our side those of the home country or of no
    institution, for the partner's side those of the partner country's institutions; by name."""
    heading = round_heading(store, round_id)
    taken = m.DelegationMember.select(m.DelegationMember.person).where(m.DelegationMember.round == round_id)
    home = m.Country.select(m.Country.id).where(m.Country.is_home == True)  # noqa: E712 - SQL comparison
    if side == "partner":
        belongs = m.Institution.country == heading["country_id"]
    else:
        belongs = m.Institution.country.in_(home) | m.Person.institution.is_null()
    return list(
        m.Person.select(m.Person.id, m.Person.name, m.Person.title, m.Institution.name.alias("institution"))
        .join(m.Institution, JOIN.LEFT_OUTER)
        .where(belongs & m.Person.id.not_in(taken))
        .order_by(m.Person.name)
        .dicts()
    )


def raisable_cases(store: Store, round_id: int) -> list[dict[str, Any]]:
    """Cases of the round's partner country not yet on this round's list, by name."""
    heading = round_heading(store, round_id)
    taken = m.CaseRaising.select(m.CaseRaising.case).where(m.CaseRaising.round == round_id)
    case = m.IndividualCase
    return list(
        case.select(case.id, case.person_name, case.category, case.situation, case.sensitivity)
        .where((case.country == heading["country_id"]) & case.id.not_in(taken))
        .order_by(case.person_name)
        .dicts()
    )
