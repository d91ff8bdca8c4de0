"""The delegation brief's pages: flowables built from a `Brief` (plain data) alone.

Order and content follow DESIGN.md, "The delegation brief". A section with nothing to
show either says so in one sentence or is left out; it never shows a bare heading.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from dialogue_planner.briefs.brief_content import (
    AgendaEntry,
    Brief,
    CaseLine,
    Cover,
    Delegate,
    ProjectLine,
    ResultLine,
)
from dialogue_planner.briefs.document import (
    ACCENT,
    CONTENT_WIDTH,
    MARKING_RED,
    RULE,
    Heading,
    data_table,
    document_styles,
    para,
    start_content,
    table_of_contents,
)

LABELS = {  # stored vocabulary values whose label is not just the value with spaces, capitalised
    "senior_officials": "Senior officials",
    "home": "Our side",
    "joint": "Joint",
    "hrc": "UN Human Rights Council",
    "unga_third_committee": "UN General Assembly Third Committee",
    "upr": "Universal Periodic Review",
    "co_sponsor": "Co-sponsor",
    "none": "No role",
    "voted_yes": "Voted yes",
    "voted_no": "Voted no",
    "co_sponsored": "Co-sponsored",
    "not_voting": "Did not vote",
    "head": "Head of delegation",
    "land_environmental_defender": "Land or environmental defender",
    "travel_ban": "Travel ban",
}


def label(value: str | None) -> str:
    """A stored vocabulary value as people read it: 'in_preparation' -> 'In preparation'."""
    if not value:
        return ""
    return LABELS.get(value) or value.replace("_", " ").capitalize()


def format_date(day: datetime.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "date not set"


def format_dates(start: datetime.date | None, end: datetime.date | None) -> str:
    """'6–7 February 2027', '30 June – 1 July 2027', or one date."""
    if start is None:
        return "dates not set"
    if end is None or end == start:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


def format_number(value: float | Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def format_result(result: ResultLine) -> str:
    """'Public prosecutors trained: 0 → 2,000 (target 2,000; as of 31 December 2015)'."""
    target = f"target {format_number(result.target)}"
    as_of = f"; as of {format_date(result.as_of)}" if result.as_of else ""
    return (f"{result.indicator}: {format_number(result.baseline)} → {format_number(result.actual)} "
            f"({target}{as_of})")


def build_brief_story(brief: Brief) -> list[Flowable]:
    """The flowables of the whole brief, cover first; render with `document.render_pdf`."""
    styles = document_styles()
    story: list[Flowable] = _cover(brief, styles)
    story += start_content()
    story += [para("Contents", styles["h1"]), table_of_contents(styles), PageBreak()]
    story += _purpose(brief, styles)
    story += _engagement(brief, styles)
    story += _last_round(brief, styles)
    story += _follow_ups(brief, styles)
    story += _agenda_overview(brief, styles)
    story += _agenda_items(brief, styles)
    story += _delegations(brief, styles)
    story += _annexes(brief, styles)
    return story


def _cover(brief: Brief, styles: StyleSheet1) -> list[Flowable]:
    cover = brief.cover
    facts = [
        ("Dates", format_dates(cover.start_date, cover.end_date)),
        ("City", cover.city or "not set"),
        ("Host", _host(cover)),
        ("Level", label(cover.level)),
        ("Status", label(cover.status)),
        ("Classification", cover.marking),
        ("Generated", format_date(cover.generated_on)),
    ]
    rows = [[para(name, styles["cell_header"]), para(value, styles["cover_line"])] for name, value in facts]
    table = Table(rows, colWidths=[38 * mm, CONTENT_WIDTH - 38 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]))
    variant = "Delegation brief · shareable version" if cover.shareable else "Delegation brief"
    story: list[Flowable] = [
        Spacer(1, 38 * mm),
        para(variant.upper(), styles["small"]),
        para(cover.dialogue_title, styles["title"]),
        para(f"Round {cover.round_number} · {cover.city}" if cover.city else f"Round {cover.round_number}",
             styles["subtitle"]),
        HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=0, spaceAfter=14),
        table,
    ]
    if cover.shareable:
        story += [Spacer(1, 12 * mm), _boxed([para("Shareable version", styles["h3"]),
                                              para(cover.omissions, styles["body"])], MARKING_RED)]
    return story


def _host(cover: Cover) -> str:
    if cover.host_side == "partner":
        return f"{cover.country} (partner)"
    if cover.host_side == "home":
        return f"{cover.home_country} (our side)" if cover.home_country else "Our side"
    return label(cover.host_side)


def _boxed(content: list[Flowable], color) -> Table:  # noqa: ANN001 - a reportlab colour
    """Content in a thin frame, for notes that must stand out (confidential notes, the shareable notice)."""
    box = Table([[content]], colWidths=[CONTENT_WIDTH])
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, color),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return box


def _confidential_note(note: str, styles: StyleSheet1) -> list[Flowable]:
    if not note:
        return []
    return [Spacer(1, 3), _boxed([para("Confidential note", styles["cell_header"]), para(note, styles["body"])],
                                 MARKING_RED), Spacer(1, 4)]


def _text_block(value: str, styles: StyleSheet1) -> list[Flowable]:
    """Free text: several lines become a bullet list, one line a paragraph."""
    lines = [line.strip().lstrip("-•*").strip() for line in value.splitlines() if line.strip()]
    if len(lines) > 1:
        return [para(line, styles["bullet"], bullet="•") for line in lines]
    return [para(value.strip(), styles["body"])]


def _purpose(brief: Brief, styles: StyleSheet1) -> list[Flowable]:
    body = _text_block(brief.purpose, styles) if brief.purpose.strip() else [
        para("No purpose or objectives have been recorded for this round.", styles["note"])]
    return [Heading("Purpose and objectives", styles["h1"]), *body,
            *_confidential_note(brief.round_confidential_notes, styles)]


def _engagement(brief: Brief, styles: StyleSheet1) -> list[Flowable]:
    engagement = brief.engagement
    story: list[Flowable] = [Heading("Engagement level", styles["h1"]),
                             para(f"Current engagement level: {label(engagement.current_level)}.", styles["body"])]
    since = (f"since the last round ({format_date(engagement.since)})" if engagement.since
             else "since the dialogue began")
    if not engagement.changes_since_last_round:
        story.append(para(f"No change {since}.", styles["body"]))
        return story
    story.append(para(f"Changes {since}:", styles["body"]))
    rows = [(format_date(step.changed_on), label(step.level), step.reason)
            for step in engagement.changes_since_last_round]
    story.append(data_table(["Date", "Level", "Reason"], rows, [30 * mm, 30 * mm, CONTENT_WIDTH - 60 * mm], styles))
    return story


def _last_round(brief: Brief, styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [Heading("The last round in short", styles["h1"])]
    last = brief.last_round
    if last is None:
        return [*story, para("This is the first round of the dialogue.", styles["body"])]
    story.append(para(f"Round {last.number}, {last.city or 'city not set'}, "
                      f"{format_dates(last.start_date, last.end_date)} ({label(last.status).lower()}).",
                      styles["body"]))
    if last.topics:
        story.append(para("Topics: " + "; ".join(last.topics) + ".", styles["body"]))
    story.append(para(last.outcome_summary or "No outcome summary has been recorded.",
                      styles["body"] if last.outcome_summary else styles["note"]))
    agreed = {0: "No follow-ups were agreed.", 1: "One follow-up was agreed."}.get(
        last.follow_ups_agreed, f"{last.follow_ups_agreed} follow-ups were agreed.")
    story.append(para(agreed, styles["body"]))
    return [*story, *_confidential_note(last.confidential_notes, styles)]


def _follow_ups(brief: Brief, styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [Heading("Open follow-ups from earlier rounds", styles["h1"])]
    if not brief.open_follow_ups:
        return [*story, para("There are no open follow-ups from earlier rounds.", styles["body"])]
    rows = [([para(follow_up.description, styles["cell"])]
             + ([para(follow_up.topic, styles["small"])] if follow_up.topic else []),
             label(follow_up.owner), f"Round {follow_up.round_number}",
             format_date(follow_up.due_date) + (" (overdue)" if follow_up.overdue else "") if follow_up.due_date
             else "no due date")
            for follow_up in brief.open_follow_ups]
    widths = [CONTENT_WIDTH - 92 * mm, 22 * mm, 20 * mm, 50 * mm]
    return [*story, data_table(["What", "Who", "Agreed at", "Due"], rows, widths, styles)]


def _time_span(entry: AgendaEntry) -> str:
    if entry.starts_at is None or entry.ends_at is None:
        return "–"
    return f"{entry.starts_at:%H:%M}–{entry.ends_at:%H:%M}"


def _agenda_overview(brief: Brief, styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [Heading("Agenda", styles["h1"])]
    if not brief.agenda:
        return [*story, para("No agenda items have been set for this round yet.", styles["body"])]
    rows = [(_time_span(entry), f"{entry.number}. {entry.topic}", f"{entry.minutes} min" if entry.minutes else "–",
             "priority topic" if entry.is_priority else "")
            for entry in brief.agenda]
    total = sum(entry.minutes for entry in brief.agenda)
    rows.append(("", "Total", f"{total} min", ""))
    widths = [28 * mm, CONTENT_WIDTH - 78 * mm, 20 * mm, 30 * mm]
    story.append(data_table(["Time", "Topic", "Minutes", ""], rows, widths, styles))
    story.append(para("Times are computed from the minutes allotted, from a 09:00 start.", styles["small"]))
    return story


def _agenda_items(brief: Brief, styles: StyleSheet1) -> list[Flowable]:
    if not brief.agenda and not brief.cases_off_agenda:
        return []
    story: list[Flowable] = [PageBreak(), Heading("Briefing by agenda item", styles["h1"])]
    for entry in brief.agenda:
        story += _agenda_item(entry, styles)
    if brief.cases_off_agenda:
        story += [CondPageBreak(40 * mm), Heading("Other cases to raise", styles["h2"], level=1),
                  para("Cases whose topic is not on the agenda.", styles["small"])]
        story += _cases(brief.cases_off_agenda, styles)
    return story


def _agenda_item(entry: AgendaEntry, styles: StyleSheet1) -> list[Flowable]:
    facts = [_time_span(entry) if entry.starts_at else "", f"{entry.minutes} minutes" if entry.minutes else "",
             "priority topic" if entry.is_priority else ""]
    story: list[Flowable] = [
        CondPageBreak(45 * mm),
        Heading(f"{entry.number}. {entry.topic}", styles["h2"], level=1),
        para(" · ".join(fact for fact in facts if fact) or "No time allotted.", styles["small"]),
    ]
    before = len(story)
    for title, value in (("Our objectives", entry.objectives), ("Talking points", entry.talking_points),
                         ("Critical questions", entry.critical_questions),
                         ("The partner's priorities", entry.partner_priorities)):
        if value.strip():
            story += [para(title, styles["h3"]), *_text_block(value, styles)]
    if entry.projects:
        story += [para("Joint projects on this topic", styles["h3"]), _projects_table(entry.projects, styles)]
    if entry.multilateral_items:
        rows = [(f"{label(item.forum)}\n{item.session}" if item.session else label(item.forum), item.title,
                 label(item.our_role), label(item.partner_position) if item.partner_position else "No position",
                 item.outcome or "–")
                for item in entry.multilateral_items]
        widths = [34 * mm, CONTENT_WIDTH - 112 * mm, 22 * mm, 26 * mm, 30 * mm]
        story += [para("Multilateral items on this topic", styles["h3"]),
                  data_table(["Forum", "Item", "Our role", "Partner's position", "Outcome"], rows, widths, styles)]
    if entry.cases:
        story += [para("Cases to raise", styles["h3"]), *_cases(entry.cases, styles)]
    story += _confidential_note(entry.confidential_notes, styles)
    if len(story) == before:
        story.append(para("No briefing notes have been recorded for this item.", styles["note"]))
    return story


def _projects_table(projects: Sequence[ProjectLine], styles: StyleSheet1) -> Table:
    rows = [(project.title, f"{label(project.status)}\n{_period(project)}",
             "\n".join(format_result(result) for result in project.latest_results) or "No results recorded.")
            for project in projects]
    widths = [58 * mm, 30 * mm, CONTENT_WIDTH - 88 * mm]
    return data_table(["Project", "Status", "Latest results"], rows, widths, styles)


def _period(project: ProjectLine) -> str:
    start = str(project.start_date.year) if project.start_date else "?"
    end = str(project.end_date.year) if project.end_date else "open"
    return f"{start}–{end}"


def _cases(cases: Sequence[CaseLine], styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = []
    for case in cases:
        tag = " · confidential" if case.confidential else ""
        block: list[Flowable] = [
            para(case.person_name, styles["cell_bold"]),
            para(f"{label(case.category)} · {label(case.situation)}{tag}", styles["small"]),
        ]
        if case.summary:
            block.append(para(case.summary, styles["cell"]))
        for raising in case.earlier_raisings:
            response = raising.response or "no response recorded"
            block.append(para(f"Raised at round {raising.round_number}: {response}", styles["small"]))
        story += [KeepTogether(block), Spacer(1, 5)]
    return story


def _delegation_table(members: Sequence[Delegate], styles: StyleSheet1) -> Flowable:
    if not members:
        return para("No members have been recorded yet.", styles["note"])
    rows = [(member.name, member.title, member.institution, label(member.role)) for member in members]
    widths = [40 * mm, 50 * mm, CONTENT_WIDTH - 122 * mm, 32 * mm]
    return data_table(["Name", "Title", "Institution", "Role"], rows, widths, styles)


def _delegations(brief: Brief, styles: StyleSheet1) -> list[Flowable]:
    return [
        PageBreak(), Heading("Delegations", styles["h1"]),
        para("Our delegation", styles["h2"]), _delegation_table(brief.home_delegation, styles),
        para(f"The partner's delegation ({brief.cover.country})", styles["h2"]),
        _delegation_table(brief.partner_delegation, styles),
    ]


def _annexes(brief: Brief, styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), Heading("Annex A: Project portfolio", styles["h1"])]
    if brief.portfolio:
        rows = [(_project_cell(project, styles), "\n".join(filter(None, [project.implementer, *project.partners])),
                 f"{_period(project)}\n{project.currency} {format_number(project.budget)}" if project.budget
                 is not None else _period(project),
                 label(project.status),
                 "\n".join(format_result(result) for result in project.latest_results) or "–")
                for project in brief.portfolio]
        widths = [44 * mm, 42 * mm, 26 * mm, 21 * mm, CONTENT_WIDTH - 133 * mm]
        story.append(data_table(["Project", "Implementer and partners", "Period and budget", "Status",
                                 "Latest results"], rows, widths, styles))
    else:
        story.append(para(f"There are no joint projects with {brief.cover.country}.", styles["body"]))
    story += [CondPageBreak(50 * mm), Heading("Annex B: Timeline of earlier rounds", styles["h1"])]
    if brief.timeline:
        rows = [(str(earlier.number), format_date(earlier.start_date), earlier.city, "; ".join(earlier.topics),
                 earlier.outcome_summary or "–")
                for earlier in brief.timeline]
        widths = [15 * mm, 26 * mm, 26 * mm, 48 * mm, CONTENT_WIDTH - 115 * mm]
        story.append(data_table(["Round", "Date", "City", "Topics", "Outcome"], rows, widths, styles))
    else:
        story.append(para("There are no earlier rounds.", styles["body"]))
    story += [CondPageBreak(50 * mm), Heading("Annex C: Key contacts", styles["h1"])]
    if brief.contacts:
        story.append(para("People at the institutions behind the joint projects on this round's topics.",
                          styles["small"]))
    if any(contact.email or contact.phone for contact in brief.contacts):
        rows = [(contact.name, contact.title, contact.institution,
                 "\n".join(filter(None, [contact.email, contact.phone])) or "–")
                for contact in brief.contacts]
        widths = [36 * mm, 48 * mm, CONTENT_WIDTH - 120 * mm, 36 * mm]
        story.append(data_table(["Name", "Title", "Institution", "Contact"], rows, widths, styles))
    elif brief.contacts:  # no contact details recorded for anyone: no column of dashes
        rows = [(contact.name, contact.title, contact.institution) for contact in brief.contacts]
        widths = [44 * mm, 60 * mm, CONTENT_WIDTH - 104 * mm]
        story.append(data_table(["Name", "Title", "Institution"], rows, widths, styles))
    else:
        story.append(para("No one is recorded at the institutions behind the joint projects on this round's topics.",
                          styles["body"]))
    return story


def _project_cell(project: ProjectLine, styles: StyleSheet1) -> list[Flowable]:
    cell = [para(project.title, styles["cell_bold"])]
    if project.topics:
        cell.append(para("; ".join(project.topics), styles["small"]))
    return cell
