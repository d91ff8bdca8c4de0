"""What a round's delegation brief says, gathered through the services as plain data.

`gather_brief(store, round_id, shareable=...)` returns a `Brief`: a tree of frozen
dataclasses holding only strings, numbers and dates. The layout (`brief_layout`) is a
function of this tree alone. The shareable variant is cut here, at the data level:
confidential cases are never queried and no confidential notes are copied, so nothing
downstream can leak them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from dialogue_planner.services import (
    agenda,
    cases,
    dialogues,
    followups,
    multilateral,
    network,
    projects,
    records,
    rounds,
)
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store

DAY_STARTS_AT = datetime.time(9, 0)  # agenda times are computed from the minutes, from this start
FULL_MARKING = "CONFIDENTIAL"
SHAREABLE_MARKING = "SHAREABLE VERSION"
SHAREABLE_OMISSIONS = (
    "This is the shareable version of the brief. It leaves out the individual cases marked "
    "confidential (names and all details) and every confidential note on the round and its agenda."
)


@dataclass(frozen=True)
class Cover:
    dialogue_title: str
    country: str
    home_country: str
    round_number: int
    start_date: datetime.date | None
    end_date: datetime.date | None
    city: str
    host_side: str
    level: str
    status: str
    marking: str
    generated_on: datetime.date
    shareable: bool
    omissions: str  # what the shareable variant left out; "" in the full brief


@dataclass(frozen=True)
class EngagementStep:
    changed_on: datetime.date
    level: str
    reason: str


@dataclass(frozen=True)
class Engagement:
    current_level: str
    since: datetime.date | None  # the date of the previous round the changes are counted from
    changes_since_last_round: tuple[EngagementStep, ...]


@dataclass(frozen=True)
class FollowUpLine:
    description: str
    owner: str
    due_date: datetime.date | None
    round_number: int
    topic: str
    overdue: bool


@dataclass(frozen=True)
class LastRound:
    number: int
    start_date: datetime.date | None
    end_date: datetime.date | None
    city: str
    status: str
    topics: tuple[str, ...]
    outcome_summary: str
    follow_ups_agreed: int
    confidential_notes: str  # "" in the shareable variant


@dataclass(frozen=True)
class ResultLine:
    indicator: str
    baseline: float | None
    target: float | None
    actual: float | None
    as_of: datetime.date | None


@dataclass(frozen=True)
class ProjectLine:
    title: str
    status: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    budget: Decimal | None
    currency: str
    implementer: str
    partners: tuple[str, ...]
    topics: tuple[str, ...]
    latest_results: tuple[ResultLine, ...]


@dataclass(frozen=True)
class MultilateralLine:
    forum: str
    title: str
    session: str
    held_on: datetime.date | None
    our_role: str
    outcome: str
    partner_position: str | None


@dataclass(frozen=True)
class EarlierRaising:
    round_number: int
    response: str


@dataclass(frozen=True)
class CaseLine:
    person_name: str
    category: str
    situation: str
    summary: str
    confidential: bool  # only ever True in the full brief
    earlier_raisings: tuple[EarlierRaising, ...]


@dataclass(frozen=True)
class AgendaEntry:
    number: int
    topic: str
    is_priority: bool
    minutes: int
    starts_at: datetime.time | None
    ends_at: datetime.time | None
    objectives: str
    talking_points: str
    critical_questions: str
    partner_priorities: str
    confidential_notes: str  # "" in the shareable variant
    projects: tuple[ProjectLine, ...] = ()
    multilateral_items: tuple[MultilateralLine, ...] = ()
    cases: tuple[CaseLine, ...] = ()


@dataclass(frozen=True)
class Delegate:
    name: str
    title: str
    institution: str
    role: str


@dataclass(frozen=True)
class EarlierRound:
    number: int
    start_date: datetime.date | None
    city: str
    level: str
    status: str
    topics: tuple[str, ...]
    outcome_summary: str


@dataclass(frozen=True)
class Contact:
    name: str
    title: str
    institution: str
    email: str
    phone: str


@dataclass(frozen=True)
class Brief:
    """A round's delegation brief as plain data, in the order the document shows it."""

    cover: Cover
    purpose: str
    round_confidential_notes: str  # "" in the shareable variant
    engagement: Engagement
    last_round: LastRound | None
    open_follow_ups: tuple[FollowUpLine, ...]
    agenda: tuple[AgendaEntry, ...]
    cases_off_agenda: tuple[CaseLine, ...]  # cases to raise whose topic is not on the agenda
    home_delegation: tuple[Delegate, ...]
    partner_delegation: tuple[Delegate, ...]
    portfolio: tuple[ProjectLine, ...]
    timeline: tuple[EarlierRound, ...]
    contacts: tuple[Contact, ...]
    shareable: bool = False


def gather_brief(
    store: Store,
    round_id: int,
    *,
    shareable: bool = False,
    today: datetime.date | None = None,
    check_cancelled: Callable[[], None] = lambda: None,
    marking: str | None = None,
) -> Brief:
    """Everything the brief of round `round_id` shows, read in one consistent snapshot.

    `marking` is the classification printed on the full brief (default FULL_MARKING);
    the shareable brief is always marked SHAREABLE_MARKING.

    Raises NotFoundError for an unknown round. `check_cancelled` is called between the
    larger queries so a caller can stop the work by raising from it.
    """
    today = today or datetime.date.today()
    with store.atomic():  # one transaction: the brief never mixes two states of the data
        current = records.get(store, m.Round, round_id)
        dialogue = records.get(store, m.Dialogue, current.dialogue_id)
        country = records.get(store, m.Country, dialogue.country_id)
        previous = rounds.previous_round(store, round_id)
        check_cancelled()
        portfolio = projects.project_details(store, [row["id"] for row in projects.list_projects(store, country.id)])
        agenda_entries, off_agenda, projects_on_agenda = _agenda(store, current, country.id, portfolio, shareable)
        check_cancelled()
        project_lines = {project_id: _project_line(row) for project_id, row in portfolio.items()}
        return Brief(
            cover=_cover(current, dialogue, country, dialogues.home_country_name(store), today, shareable, marking),
            purpose=current.purpose,
            round_confidential_notes="" if shareable else current.confidential_notes,
            engagement=_engagement(store, dialogue, previous),
            last_round=_last_round(store, previous, shareable) if previous else None,
            open_follow_ups=tuple(_follow_up(row, today) for row in followups.open_followups_before(store, round_id)),
            agenda=agenda_entries,
            cases_off_agenda=off_agenda,
            home_delegation=_delegates(store, round_id, "home"),
            partner_delegation=_delegates(store, round_id, "partner"),
            portfolio=tuple(sorted(project_lines.values(), key=lambda line: (line.status != "active", line.title))),
            timeline=tuple(_earlier_round(row) for row in rounds.earlier_rounds(store, round_id)),
            contacts=_contacts(store, [portfolio[project_id] for project_id in projects_on_agenda]),
            shareable=shareable,
        )


def _cover(current: m.Round, dialogue: m.Dialogue, country: m.Country, home_country: str, today: datetime.date,
           shareable: bool, marking: str | None) -> Cover:
    return Cover(
        dialogue_title=dialogue.title, country=country.name, home_country=home_country,
        round_number=current.number,
        start_date=current.start_date, end_date=current.end_date, city=current.city, host_side=current.host_side,
        level=current.level, status=current.status, generated_on=today, shareable=shareable,
        marking=SHAREABLE_MARKING if shareable else (" ".join((marking or "").split()) or FULL_MARKING),
        omissions=SHAREABLE_OMISSIONS if shareable else "",
    )


def _engagement(store: Store, dialogue: m.Dialogue, previous: m.Round | None) -> Engagement:
    since = previous.start_date if previous else None
    steps = tuple(
        EngagementStep(row["changed_on"], row["level"], row["reason"])
        for row in dialogues.engagement_history(store, dialogue.id)
        if since is None or row["changed_on"] > since
    )
    return Engagement(current_level=dialogue.engagement_level, since=since, changes_since_last_round=steps)


def _last_round(store: Store, previous: m.Round, shareable: bool) -> LastRound:
    return LastRound(
        number=previous.number, start_date=previous.start_date, end_date=previous.end_date, city=previous.city,
        status=previous.status, topics=tuple(row["topic_name"] for row in agenda.agenda_of(store, previous.id)),
        outcome_summary=previous.outcome_summary,
        follow_ups_agreed=len(followups.followups_agreed_at(store, previous.id)),
        confidential_notes="" if shareable else previous.confidential_notes,
    )


def _follow_up(row: dict, today: datetime.date) -> FollowUpLine:
    due = row["due_date"]
    return FollowUpLine(
        description=row["description"], owner=row["owner"], due_date=due, round_number=row["round_number"],
        topic=row["topic_name"] or "", overdue=due is not None and due < today,
    )


def _agenda(
    store: Store, current: m.Round, country_id: int, portfolio: dict[int, dict], shareable: bool
) -> tuple[tuple[AgendaEntry, ...], tuple[CaseLine, ...], set[int]]:
    """The agenda entries, the cases whose topic is not on the agenda, and the ids of the projects shown."""
    items = agenda.agenda_of(store, current.id)
    day = current.start_date or datetime.date.today()
    priorities = {row["topic_id"] for row in dialogues.priority_topics_on(store, current.dialogue_id, day)}
    case_rows = cases.cases_for_round(store, current.id, include_confidential=not shareable)
    history = cases.earlier_raisings(store, [row["id"] for row in case_rows], current.id)
    cases_by_topic: dict[int | None, list[CaseLine]] = {}
    for row in case_rows:
        cases_by_topic.setdefault(row["topic_id"], []).append(_case_line(row, history[row["id"]]))
    clock = datetime.datetime.combine(day, DAY_STARTS_AT)
    entries = []
    shown_projects: set[int] = set()
    for number, item in enumerate(items, start=1):
        starts = ends = None
        if item["minutes"]:
            starts, clock = clock.time(), clock + datetime.timedelta(minutes=item["minutes"])
            ends = clock.time()
        project_ids = [row["id"] for row in projects.projects_on_topic(store, item["topic"], country_id)
                       if row["id"] in portfolio]
        shown_projects.update(project_ids)
        entries.append(AgendaEntry(
            number=number, topic=item["topic_name"], is_priority=item["topic"] in priorities,
            minutes=item["minutes"], starts_at=starts, ends_at=ends,
            objectives=item["objectives"], talking_points=item["talking_points"],
            critical_questions=item["critical_questions"], partner_priorities=item["partner_priorities"],
            confidential_notes="" if shareable else item["confidential_notes"],
            projects=tuple(_project_line(portfolio[project_id]) for project_id in project_ids),
            # only the items the partner took a position on: the others are about other countries
            multilateral_items=tuple(_multilateral_line(row)
                                     for row in multilateral.items_on_topic(store, item["topic"], country_id)
                                     if row["position"] is not None),
            cases=tuple(cases_by_topic.pop(item["topic"], [])),
        ))
    off_agenda = tuple(case for topic_cases in cases_by_topic.values() for case in topic_cases)
    return tuple(entries), tuple(sorted(off_agenda, key=lambda case: case.person_name)), shown_projects


def _case_line(row: dict, raisings: list[dict]) -> CaseLine:
    return CaseLine(
        person_name=row["person_name"], category=row["category"], situation=row["situation"],
        summary=row["summary"], confidential=row["sensitivity"] == "confidential",
        earlier_raisings=tuple(EarlierRaising(raising["round_number"], raising["response"]) for raising in raisings),
    )


def _project_line(row: dict) -> ProjectLine:
    return ProjectLine(
        title=row["title"], status=row["status"], start_date=row["start_date"], end_date=row["end_date"],
        budget=row["budget"], currency=row["currency"], implementer=row["implementer"],
        partners=tuple(row["partners"]), topics=tuple(row["topics"]),
        latest_results=tuple(
            ResultLine(result["indicator"], result["baseline"], result["target"], result["actual"], result["as_of"])
            for result in row["latest_results"]
        ),
    )


def _multilateral_line(row: dict) -> MultilateralLine:
    return MultilateralLine(
        forum=row["forum"], title=row["title"], session=row["session"], held_on=row["held_on"],
        our_role=row["our_role"], outcome=row["outcome"], partner_position=row["position"],
    )


def _delegates(store: Store, round_id: int, side: str) -> tuple[Delegate, ...]:
    return tuple(
        Delegate(row["name"], row["title"], row["institution"] or "", row["role"])
        for row in network.delegation_of(store, round_id, side)
    )


def _earlier_round(row: dict) -> EarlierRound:
    return EarlierRound(
        number=row["number"], start_date=row["start_date"], city=row["city"], level=row["level"],
        status=row["status"], topics=tuple(row["topics"]), outcome_summary=row["outcome_summary"],
    )


def _contacts(store: Store, projects_on_agenda: list[dict]) -> tuple[Contact, ...]:
    """People at the institutions (implementing or partner) behind the projects on this round's topics."""
    institution_ids = sorted({institution for row in projects_on_agenda for institution in row["institution_ids"]})
    return tuple(
        Contact(row["name"], row["title"], row["institution"], row["email"], row["phone"])
        for row in network.people_at_institutions(store, institution_ids)
    )
