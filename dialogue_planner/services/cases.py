"""Individual cases (detained defenders and others) and each time they are raised."""

from __future__ import annotations

from typing import Any

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store


def open_case(store: Store, person_name: str, country: int | m.Country, **values: Any) -> m.IndividualCase:
    """A new case; confidential unless `sensitivity='shareable'` is given."""
    return records.create(store, m.IndividualCase, {"person_name": person_name, "country": country, **values})


def raise_case(store: Store, case: int | m.IndividualCase, round: int | m.Round, response: str = "") -> m.CaseRaising:
    """Plan to raise (or record having raised) a case at a round, with the response received."""
    return records.create(store, m.CaseRaising, {"case": case, "round": round, "response": response})


def cases_for_round(store: Store, round_id: int, *, include_confidential: bool = True) -> list[dict[str, Any]]:
    """Cases to raise at a round; the shareable view leaves confidential ones out entirely."""
    case = m.IndividualCase
    query = (
        case.select(
            case.id, case.person_name, case.category, case.situation, case.summary, case.sensitivity,
            case.topic.alias("topic_id"), m.CaseRaising.id.alias("raising_id"), m.CaseRaising.response,
        )
        .join(m.CaseRaising)
        .where(m.CaseRaising.round == round_id)
        .order_by(case.person_name)
    )
    if not include_confidential:
        query = query.where(case.sensitivity != "confidential")
    return list(query.dicts())


def earlier_raisings(store: Store, case_ids: list[int], round_id: int) -> dict[int, list[dict[str, Any]]]:
    """For each case, the earlier rounds (same dialogue, lower number) it was raised at, with the response."""
    if not case_ids:
        return {}
    current = m.Round.get_by_id(round_id)
    raising = m.CaseRaising
    rows = (
        raising.select(raising.case.alias("case_id"), m.Round.number.alias("round_number"), m.Round.start_date,
                       raising.response)
        .join(m.Round)
        .where(raising.case.in_(case_ids) & (m.Round.dialogue == current.dialogue_id)
               & (m.Round.number < current.number))
        .order_by(m.Round.number)
        .dicts()
    )
    found: dict[int, list[dict[str, Any]]] = {case_id: [] for case_id in case_ids}
    for row in rows:
        found[row["case_id"]].append(row)
    return found
