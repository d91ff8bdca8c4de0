"""The topic focus review as a PDF in the house look (briefs.document): cover, TOC, charts, tables.

`export_review_pdf(store, scope, path)` computes the review and writes the PDF
atomically; `render_review_pdf(review)` builds it in memory from plain data.
Confidential cases appear by id only, and their responses are left out.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from dialogue_planner.briefs.document import (
    ACCENT,
    CONTENT_WIDTH,
    DocumentCancelled,
    DocumentInfo,
    Heading,
    RenderedPdf,
    data_table,
    document_styles,
    para,
    render_pdf,
    start_content,
    table_of_contents,
    text,
    write_pdf_atomically,
)
from dialogue_planner.review.charts import topics_per_round_chart
from dialogue_planner.review.figures import compute_review
from dialogue_planner.review.grid_cells import grid_cells
from dialogue_planner.review.model import DialogueFocus, GridCells, Review
from dialogue_planner.review.pdf_grid import grid_section, rounds_by_dialogue
from dialogue_planner.review.scope import ReviewScope, Share, date_text
from dialogue_planner.storage.database import Store

MARKING = "INTERNAL"


def scope_description(review: Review) -> tuple[str, str]:
    """('China, Vietnam', 'rounds from 2020-01-01 to 2021-12-31') for the cover and the header."""
    chosen = review.scope.dialogue_ids is None
    dialogues = "All dialogues" if chosen else (", ".join(d.country for d in review.dialogues) or "No dialogue")
    start, end = review.scope.start, review.scope.end
    if start and end:
        period = f"rounds from {start.isoformat()} to {end.isoformat()}"
    elif start:
        period = f"rounds from {start.isoformat()}"
    elif end:
        period = f"rounds up to {end.isoformat()}"
    else:
        period = "all rounds"
    return dialogues, period


def _share(share: Share) -> str:
    return f"{share.value * 100:.0f} %" if share.value is not None else "–"


def _average(focus: DialogueFocus) -> str:
    return f"{focus.average_topics:.1f}" if focus.average_topics is not None else "–"


def render_review_pdf(
    review: Review,
    cells: GridCells,
    *,
    generated_on: datetime.date | None = None,
    invariant: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> RenderedPdf:
    """The review, with the cells of its grid (`review.grid_cells` of every round), as a finished PDF in
    memory (see briefs.document.render_pdf for progress and cancel)."""
    generated_on = generated_on or review.scope.today
    dialogues, period = scope_description(review)
    info = DocumentInfo(
        title=f"Topic focus review: {dialogues}, {period}",
        header=f"Topic focus review · {dialogues} · {period}",
        marking=MARKING,
        subject="Topic focus of the human rights dialogues",
    )
    return render_pdf(
        _story(review, cells, generated_on), info, invariant=invariant, on_progress=on_progress, cancel=cancel
    )


def write_review_pdf(
    review: Review,
    cells: GridCells,
    path: Path | str,
    *,
    generated_on: datetime.date | None = None,
    invariant: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> RenderedPdf:
    """Render `review` (with its grid's `cells`) and write it to `path`, complete or not at all (the job the
    app runs off the UI thread).

    Raises DocumentCancelled when `cancel` is set before the file is written (nothing is written then).
    """
    rendered = render_review_pdf(
        review, cells, generated_on=generated_on, invariant=invariant, on_progress=on_progress, cancel=cancel
    )
    if cancel is not None and cancel.is_set():
        raise DocumentCancelled("the export was cancelled")
    write_pdf_atomically(path, rendered.data)
    return rendered


def export_review_pdf(
    store: Store,
    scope: ReviewScope,
    path: Path | str,
    *,
    generated_on: datetime.date | None = None,
    invariant: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> RenderedPdf:
    """Compute the review for `scope` and write its PDF to `path`, complete or not at all."""
    return write_review_pdf(
        compute_review(store, scope),
        grid_cells(store, scope),
        path,
        generated_on=generated_on,
        invariant=invariant,
        on_progress=on_progress,
        cancel=cancel,
    )


def _story(review: Review, cells: GridCells, generated_on: datetime.date) -> list[Flowable]:
    styles = document_styles()
    dialogues, period = scope_description(review)
    story: list[Flowable] = [
        Spacer(1, 40 * mm),
        para("Topic focus review", styles["title"]),
        para(f"{dialogues} · {period}", styles["subtitle"]),
        para(
            f"Follow-ups overdue as of {review.scope.today.isoformat()}; coverage on "
            f"{review.scope.reference_date.isoformat()}.",
            styles["cover_line"],
        ),
        para(f"Generated {generated_on.isoformat()} by Dialogue Planner.", styles["cover_line"]),
        Spacer(1, 8 * mm),
        para("Confidential individual cases appear by number only, without names or responses.", styles["note"]),
        Spacer(1, 10 * mm),
        table_of_contents(styles),
        *start_content(),
    ]
    story += _summary(review, styles)
    story += _topics_per_round(review, styles)
    story += grid_section(review, cells, styles)
    story += _continuity(review, styles)
    story += _coverage(review, styles)
    story += _follow_ups(review, styles)
    story += _cases(review, styles)
    story += _definitions(styles)
    return story


def _summary(review: Review, styles) -> list[Flowable]:
    rows = []
    uncovered = {d.id: 0 for d in review.dialogues}
    for topic in review.uncovered_topics:
        uncovered[topic.dialogue_id] += 1
    follow_ups = {f.dialogue_id: f for f in (*review.follow_ups_by_dialogue, review.follow_ups_total)}
    for focus in (*review.focus_by_dialogue, review.focus_total):
        follow = follow_ups[focus.dialogue_id]
        gaps = sum(uncovered.values()) if focus.dialogue_id is None else uncovered[focus.dialogue_id]
        rows.append(
            [
                focus.country,
                str(focus.rounds),
                str(focus.rounds_over_target),
                _average(focus),
                _share(focus.priority_share),
                str(gaps),
                _share(follow.share_done),
                str(follow.overdue),
            ]
        )
    total = review.focus_total
    lines = [
        f"{total.rounds_over_target} of {total.rounds} rounds had more topics than their dialogue's focus target.",
        f"Share of agenda minutes on priority topics: {total.priority_share.percent_text()}.",
        f"{len(review.uncovered_topics)} of {len(review.coverage)} priority topics in force have no active joint "
        f"project; {len(review.projects_off_priority)} active projects are on no priority topic.",
        f"Follow-ups done: {review.follow_ups_total.share_done.percent_text()}; "
        f"{review.follow_ups_total.overdue} overdue.",
        f"{len(review.cases)} individual cases raised {review.cases_total.times_raised} times, "
        f"{review.cases_total.with_response} times with a response recorded.",
    ]
    header = [
        "Dialogue",
        "Rounds",
        "Over target",
        "Avg topics",
        "Minutes on priorities",
        "Priorities without project",
        "Follow-ups done",
        "Overdue",
    ]
    widths = [26 * mm, 16 * mm, 17 * mm, 17 * mm, 22 * mm, 24 * mm, 24 * mm, CONTENT_WIDTH - 146 * mm]
    return [
        Heading("Summary", styles["h1"]),
        *[Paragraph(f"• {text(line)}", styles["bullet"]) for line in lines],
        Spacer(1, 4 * mm),
        _bold_last_row(data_table(header, rows, widths, styles)),
    ]


def _bold_last_row(table: Table) -> Table:
    table.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 0.6, ACCENT)]))
    return table


def _topics_per_round(review: Review, styles) -> list[Flowable]:
    story: list[Flowable] = [Heading("Topics per round", styles["h1"])]
    if not review.rounds:
        return [*story, para("No rounds in the review.", styles["note"])]
    header = ["Round", "Date", "Status", "Topics", "Priority topics", "Minutes", "On priority topics"]
    widths = [18 * mm, 24 * mm, 26 * mm, 18 * mm, 24 * mm, 20 * mm, CONTENT_WIDTH - 130 * mm]
    for _dialogue_id, country, rounds in rounds_by_dialogue(review):
        if not rounds:
            continue
        target = rounds[0].focus_target
        rows = [
            [
                str(r.number),
                date_text(r.start_date),
                r.status.replace("_", " "),
                f"{r.topic_count} (over)" if r.over_target else str(r.topic_count),
                str(r.priority_topic_count),
                str(r.minutes),
                r.priority_share.percent_text(),
            ]
            for r in rounds
        ]
        table = data_table(header, rows, widths, styles)
        story += [
            Heading(f"{country} (focus target {target})", styles["h2"], level=1),
            topics_per_round_chart(rounds, CONTENT_WIDTH),
            Spacer(1, 3 * mm),
            table,
        ]
    return story


def _continuity(review: Review, styles) -> list[Flowable]:
    story: list[Flowable] = [Heading("Continuity of priority topics", styles["h1"])]
    if not review.continuity:
        return [*story, para("No priority topics at the rounds in the review.", styles["note"])]
    rows = []
    for c in review.continuity:
        longest = f"{c.longest_run} (rounds {c.longest_from}–{c.longest_to})" if c.longest_run else "0"
        rows.append(
            [c.country, c.topic_name, f"{c.rounds_on_agenda} of {c.rounds_with_agenda}", longest, str(c.current_run)]
        )
    header = ["Dialogue", "Priority topic", "Rounds on agenda", "Longest run", "Current run"]
    widths = [26 * mm, 62 * mm, 26 * mm, 32 * mm, CONTENT_WIDTH - 146 * mm]
    return [*story, data_table(header, rows, widths, styles)]


def _coverage(review: Review, styles) -> list[Flowable]:
    story: list[Flowable] = [
        Heading("Coverage by joint projects", styles["h1"]),
        para(
            f"Priority topics in force on {review.scope.reference_date.isoformat()} and the active joint projects "
            "behind them in the dialogue's country.",
            styles["small"],
        ),
    ]
    if review.coverage:
        rows = [
            [t.country, t.topic_name, date_text(t.valid_from), str(t.active_projects) if t.active_projects else "none"]
            for t in review.coverage
        ]
        story.append(
            data_table(
                ["Dialogue", "Priority topic", "Priority since", "Active projects"],
                rows,
                [26 * mm, 80 * mm, 30 * mm, CONTENT_WIDTH - 136 * mm],
                styles,
            )
        )
    else:
        story.append(para("No priority topics in force.", styles["note"]))
    story.append(Heading("Active projects on no priority topic", styles["h2"], level=1))
    if review.projects_off_priority:
        rows = [[p.country, p.title] for p in review.projects_off_priority]
        story.append(data_table(["Country", "Project"], rows, [26 * mm, CONTENT_WIDTH - 26 * mm], styles))
    else:
        story.append(para("None: every active project is on a priority topic.", styles["note"]))
    return story


def _follow_ups(review: Review, styles) -> list[Flowable]:
    rows = [
        [f.country, str(f.done), str(f.open), str(f.dropped), str(f.overdue), f.share_done.percent_text()]
        for f in (*review.follow_ups_by_dialogue, review.follow_ups_total)
    ]
    header = ["Dialogue", "Done", "Open", "Dropped", "Overdue", "Share done"]
    widths = [40 * mm, 20 * mm, 20 * mm, 20 * mm, 20 * mm, CONTENT_WIDTH - 120 * mm]
    return [
        Heading("Follow-ups", styles["h1"]),
        para(
            f"Commitments agreed at the rounds in the review; overdue: open and due before "
            f"{review.scope.today.isoformat()}.",
            styles["small"],
        ),
        _bold_last_row(data_table(header, rows, widths, styles)),
    ]


def _cases(review: Review, styles) -> list[Flowable]:
    story: list[Flowable] = [Heading("Individual cases", styles["h1"])]
    if not review.cases:
        return [*story, para("No individual cases were put on the rounds in the review.", styles["note"])]
    rows = []
    for case in review.cases:
        latest = f"{case.latest_response} (round {case.latest_response_round})" if case.latest_response else "–"
        rows.append(
            [
                case.label,
                case.country,
                case.category.replace("_", " "),
                str(case.times_raised),
                str(case.with_response),
                str(case.planned),
                latest if case.shareable else "(confidential)",
            ]
        )
    header = ["Case", "Country", "Category", "Raised", "Answered", "Planned", "Latest response"]
    widths = [34 * mm, 19 * mm, 27 * mm, 14 * mm, 17 * mm, 15 * mm, CONTENT_WIDTH - 126 * mm]
    return [*story, data_table(header, rows, widths, styles)]


DEFINITIONS = (
    (
        "Rounds in the review",
        "Rounds of the chosen dialogues, not cancelled, whose start date lies in the period "
        "(ends included); a round without a date only when the period is open.",
    ),
    ("Priority topic of a round", "A priority topic of the round's dialogue valid on the round's start date."),
    (
        "Topics per round",
        "Agenda items of the round; over target when more than the dialogue's focus target. "
        "The average counts only rounds with an agenda.",
    ),
    ("Minutes on priority topics", "Agenda minutes on the round's priority topics divided by all agenda minutes."),
    (
        "Continuity",
        "Over the dialogue's rounds with an agenda, by round number: the longest run of consecutive "
        "rounds with the topic on the agenda, and the run ending at the last such round (current).",
    ),
    (
        "Coverage",
        "Priority topics in force on the reference date without an active joint project in the "
        "dialogue's country; active projects on none of the dialogue's priority topics in force.",
    ),
    ("Follow-ups", "Share done = done / (done + open + dropped); overdue = open and due before today."),
    (
        "Cases",
        "Raised = put on a held or concluded round; with response = a response was recorded; planned = on a "
        "round not held yet.",
    ),
)


def _definitions(styles) -> list[Flowable]:
    story: list[Flowable] = [Heading("Definitions", styles["h1"])]
    for term, meaning in DEFINITIONS:
        story.append(KeepTogether([para(term, styles["h3"]), para(meaning, styles["body"])]))
    return story
