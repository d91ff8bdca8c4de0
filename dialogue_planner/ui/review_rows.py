"""The Review view's tables and headline figures as FigureCells, each number bound to its drill-down.

Plain functions from a computed `Review` to rows; the drill requests call
`review.drilldown` with the review's own scope, so a list always matches
the number that was clicked.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication

from dialogue_planner.review import drilldown as drill
from dialogue_planner.review.model import GridCells, Review
from dialogue_planner.review.scope import RecordRef, Share
from dialogue_planner.storage.database import Store
from dialogue_planner.ui.review_table_model import DrillRequest, FigureCell, number_cell

CONTEXT = "review"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _records(*refs: RecordRef) -> list[RecordRef]:
    return list(refs)


def share_cell(share: Share, drill_request: DrillRequest | None = None) -> FigureCell:
    """'45 %' with '225 of 500' as tooltip, or '–' with the reason why there is no share."""
    if share.value is None:
        return FigureCell("–", -1.0, None, share.reason or "", numeric=True)
    return FigureCell(
        f"{share.value * 100:.0f} %",
        share.value,
        drill_request if share.part else None,
        tr("{part} of {whole}").format(part=share.part, whole=share.whole),
        numeric=True,
    )


@dataclass(frozen=True)
class Headline:
    caption: str
    value: str
    detail: str
    drill: DrillRequest | None
    warning: bool = False


def headlines(store: Store, review: Review) -> list[Headline]:
    """The figures across the top of the view, each with the records behind it."""
    scope, focus, follow = review.scope, review.focus_total, review.follow_ups_total
    share = focus.priority_share
    average = focus.average_topics
    cases = review.cases_total
    return [
        Headline(
            tr("rounds over the focus target"),
            f"{focus.rounds_over_target}",
            tr("of {n} rounds").format(n=focus.rounds),
            DrillRequest(
                tr("Rounds over the focus target"), partial(drill.rounds_in_review, store, scope, over_target_only=True)
            ),
            warning=focus.rounds_over_target > 0,
        ),
        Headline(
            tr("topics per round on average"),
            f"{average:.1f}" if average is not None else "–",
            tr("{n} rounds with an agenda").format(n=focus.rounds_with_agenda)
            if average is not None
            else tr("no agenda recorded"),
            DrillRequest(
                tr("Rounds with an agenda"), partial(drill.rounds_in_review, store, scope, with_agenda_only=True)
            ),
        ),
        Headline(
            tr("of minutes on priority topics"),
            f"{share.value * 100:.0f} %" if share.value is not None else "–",
            tr("{part} of {whole} minutes").format(part=share.part, whole=share.whole)
            if share.value is not None
            else (share.reason or ""),
            DrillRequest(
                tr("Agenda items on priority topics"),
                partial(drill.agenda_items_behind_minutes, store, scope, priority_only=True),
            ),
        ),
        Headline(
            tr("priorities without a project"),
            f"{len(review.uncovered_topics)}",
            tr("of {n} in force on {day}").format(n=len(review.coverage), day=scope.reference_date.isoformat()),
            DrillRequest(
                tr("Priority topics without an active joint project"),
                partial(drill.uncovered_priority_topics, store, scope),
            ),
            warning=bool(review.uncovered_topics),
        ),
        Headline(
            tr("projects on no priority"),
            f"{len(review.projects_off_priority)}",
            tr("active joint projects"),
            DrillRequest(
                tr("Active projects on no priority topic"), partial(drill.projects_off_priority, store, scope)
            ),
        ),
        Headline(
            tr("of follow-ups done"),
            f"{follow.share_done.value * 100:.0f} %" if follow.share_done.value is not None else "–",
            tr("{done} of {total}").format(done=follow.done, total=follow.total)
            if follow.total
            else (follow.share_done.reason or ""),
            DrillRequest(tr("Follow-ups done"), partial(drill.follow_up_records, store, scope, "done")),
        ),
        Headline(
            tr("follow-ups overdue"),
            f"{follow.overdue}",
            tr("due before {day}").format(day=scope.today.isoformat()),
            DrillRequest(tr("Overdue follow-ups"), partial(drill.follow_up_records, store, scope, "overdue")),
            warning=follow.overdue > 0,
        ),
        Headline(
            tr("times cases were raised"),
            f"{cases.times_raised}",
            tr("{n} with a response recorded").format(n=cases.with_response),
            DrillRequest(tr("Cases raised"), partial(drill.case_raising_records, store, scope, "raised")),
        ),
    ]


def round_rows(store: Store, review: Review, iso: dict[int, str]) -> list[list[FigureCell]]:
    scope = review.scope
    rows = []
    for r in review.rounds:
        name = f"{r.country} {r.number}"
        items = DrillRequest(
            tr("Agenda of {round}").format(round=name), partial(drill.agenda_items_of_round, store, scope, r.round_id)
        )
        priority = DrillRequest(
            tr("Priority topics on the agenda of {round}").format(round=name),
            partial(drill.agenda_items_of_round, store, scope, r.round_id, priority_only=True),
        )
        rows.append(
            [
                FigureCell(r.country, tooltip=iso.get(r.dialogue_id, "")),
                FigureCell(
                    str(r.number),
                    r.number,
                    DrillRequest(
                        name,
                        partial(
                            _records,
                            RecordRef(
                                "round", r.round_id, tr("{round} ({day})").format(round=name, day=_day(r.start_date))
                            ),
                        ),
                    ),
                    numeric=True,
                ),
                FigureCell(_day(r.start_date), r.start_date.isoformat() if r.start_date else ""),
                FigureCell(r.status.replace("_", " ").capitalize()),
                number_cell(
                    r.topic_count,
                    items,
                    warning=r.over_target,
                    tooltip=tr("more topics than the focus target") if r.over_target else "",
                ),
                number_cell(r.focus_target),
                number_cell(r.priority_topic_count, priority),
                number_cell(r.minutes, items),
                share_cell(r.priority_share, priority),
            ]
        )
    return rows


def _day(day) -> str:
    return day.isoformat() if day else tr("no date")


def continuity_rows(store: Store, review: Review) -> list[list[FigureCell]]:
    scope = review.scope
    rows = []
    for c in review.continuity:

        def request(run: str, title: str, c=c) -> DrillRequest:
            return DrillRequest(
                title.format(topic=c.topic_name, country=c.country),
                partial(drill.continuity_records, store, scope, c.dialogue_id, c.topic_id, run),
            )

        span = tr("rounds {first}–{last}").format(first=c.longest_from, last=c.longest_to) if c.longest_run else ""
        rows.append(
            [
                FigureCell(c.country),
                FigureCell(c.topic_name),
                number_cell(c.rounds_on_agenda, request("on_agenda", tr("{country}: {topic} on the agenda"))),
                number_cell(c.rounds_with_agenda),
                number_cell(c.longest_run, request("longest", tr("{country}: {topic}, longest run"))),
                FigureCell(span),
                number_cell(
                    c.current_run,
                    request("current", tr("{country}: {topic}, current run")),
                    warning=c.current_run == 0,
                    tooltip=tr("not on the latest agenda") if not c.current_run else "",
                ),
            ]
        )
    return rows


def coverage_rows(store: Store, review: Review) -> list[list[FigureCell]]:
    scope = review.scope
    rows = []
    for t in review.coverage:
        own = RecordRef(
            "priority_topic",
            t.priority_topic_id,
            tr("{country}: {topic}, priority from {day}").format(
                country=t.country, topic=t.topic_name, day=_day(t.valid_from)
            ),
        )
        rows.append(
            [
                FigureCell(t.country),
                FigureCell(t.topic_name, drill=DrillRequest(tr("Priority topic"), partial(_records, own))),
                FigureCell(_day(t.valid_from), t.valid_from.isoformat()),
                number_cell(
                    t.active_projects,
                    DrillRequest(
                        tr("Active projects behind {country}: {topic}").format(country=t.country, topic=t.topic_name),
                        partial(drill.projects_behind_priority_topic, store, scope, t.priority_topic_id),
                    ),
                ),
                FigureCell(tr("no active project") if not t.active_projects else "", warning=not t.active_projects),
            ]
        )
    return rows


def off_priority_rows(review: Review) -> list[list[FigureCell]]:
    return [
        [
            FigureCell(p.country),
            FigureCell(
                p.title,
                drill=DrillRequest(
                    tr("Joint project"), partial(_records, RecordRef("joint_project", p.project_id, p.title))
                ),
            ),
        ]
        for p in review.projects_off_priority
    ]


def follow_up_rows(store: Store, review: Review) -> list[list[FigureCell]]:
    scope = review.scope
    rows = []
    for f in (*review.follow_ups_by_dialogue, review.follow_ups_total):

        def request(kind: str, title: str, f=f) -> DrillRequest:
            return DrillRequest(
                title.format(country=f.country),
                partial(drill.follow_up_records, store, scope, kind, dialogue_id=f.dialogue_id),
            )

        rows.append(
            [
                FigureCell(f.country, "\uffff" if f.dialogue_id is None else f.country.casefold()),
                number_cell(f.done, request("done", tr("{country}: follow-ups done"))),
                number_cell(f.open, request("open", tr("{country}: open follow-ups"))),
                number_cell(f.dropped, request("dropped", tr("{country}: dropped follow-ups"))),
                number_cell(f.overdue, request("overdue", tr("{country}: overdue follow-ups")), warning=True),
                share_cell(f.share_done, request("done", tr("{country}: follow-ups done"))),
            ]
        )
    return rows


def case_rows(store: Store, review: Review) -> list[list[FigureCell]]:
    scope = review.scope
    rows = []
    for case in review.cases:

        def request(kind: str, title: str, case=case) -> DrillRequest:
            return DrillRequest(
                title.format(case=case.label),
                partial(drill.case_raising_records, store, scope, kind, case_id=case.case_id),
            )

        latest = (
            tr("{response} (round {round})").format(response=case.latest_response, round=case.latest_response_round)
            if case.latest_response
            else ""
        )
        rows.append(
            [
                FigureCell(
                    case.label,
                    drill=DrillRequest(
                        tr("Case"), partial(_records, RecordRef("individual_case", case.case_id or 0, case.label))
                    ),
                ),
                FigureCell(case.country),
                FigureCell(case.category.replace("_", " ").capitalize()),
                FigureCell(case.situation.replace("_", " ").capitalize()),
                number_cell(case.times_raised, request("raised", tr("{case}: raised"))),
                number_cell(case.with_response, request("with_response", tr("{case}: raised with a response"))),
                number_cell(
                    case.without_response, request("without_response", tr("{case}: no response recorded")), warning=True
                ),
                number_cell(case.planned, request("planned", tr("{case}: to be raised"))),
                FigureCell(latest, tooltip=latest),
            ]
        )
    return rows


@dataclass(frozen=True)
class ReviewTables:
    """One review with everything the view shows of it laid out as rows (plain Python: built off the UI thread)."""

    review: Review
    headlines: list[Headline]
    rounds: list[list[FigureCell]]
    continuity: list[list[FigureCell]]
    coverage: list[list[FigureCell]]
    off_priority: list[list[FigureCell]]
    follow_ups: list[list[FigureCell]]
    cases: list[list[FigureCell]]
    first_cells: GridCells | None = None  # the grid's cells of its first columns (ui.review_grid_model.CELL_BLOCK)


def review_tables(store: Store, review: Review, iso: dict[int, str]) -> ReviewTables:
    """Every figure and table row of `review`; at demo x100 the per-round rows alone take about a second."""
    return ReviewTables(
        review,
        headlines(store, review),
        round_rows(store, review, iso),
        continuity_rows(store, review),
        coverage_rows(store, review),
        off_priority_rows(review),
        follow_up_rows(store, review),
        case_rows(store, review),
    )
