"""Benchmark: the delegation brief of a large round against bare reportlab platypus.

A round with 30 agenda items, 100 joint projects and 60 delegation members is built
through the services in a temporary SQLite file. The brief (gathered, laid out, rendered
and written) must reach at least 70% of the pages per second that bare platypus reaches
on plain paragraphs and tables with the same fonts, measured in the same run. The
baseline lays out the same texts and table rows, so pages per second compare the cost
of the brief's machinery, not how much text a page holds. Times are the process's CPU
time (best of RUNS, interleaved), so other work on a shared machine does not skew the ratio.

    python -m benchmarks.bench_brief
"""

from __future__ import annotations

import datetime
import io
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from benchmarks.report import Figure, report
from dialogue_planner.briefs.brief import write_brief
from dialogue_planner.briefs.brief_content import Brief, gather_brief
from dialogue_planner.briefs.document import FONT, FONT_BOLD, register_fonts
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.cases import open_case, raise_case
from dialogue_planner.services.dialogues import add_country, start_dialogue
from dialogue_planner.services.followups import add_follow_up
from dialogue_planner.services.multilateral import add_multilateral_item
from dialogue_planner.services.network import add_institution, add_person, add_to_delegation
from dialogue_planner.services.projects import add_project, record_result
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage.database import Store, open_database

TARGET_RATIO = 0.70
RUNS = 5
AGENDA_ITEMS = 30
PROJECTS = 100
DELEGATES = 60
# Prose in English, as the desk writes it; Chinese where it is in real briefs: names, institutions,
# places and the odd term (each such paragraph costs reportlab a font switch).
SENTENCE = ("The delegation will ask how the reform is applied in the provinces, what the courts report "
            "and how legal-aid lawyers reach detainees in the first hours. ")
CHINESE_TERM = "legal aid (法律援助)"


def build_large_round(store: Store) -> int:
    """A dialogue with earlier rounds and one large round to brief; returns the large round's id."""
    add_country(store, "Norway", "NO", is_home=True)
    partner = add_country(store, "China", "CN")
    dialogue = start_dialogue(store, partner, "Norway–China human rights dialogue", start_year=1997)
    topics = [add_topic(store, f"Topic {number}: rule of law area {number}") for number in range(AGENDA_ITEMS)]
    institutions = [add_institution(store, f"Institution {number} (最高人民法院 {number})", partner, "ministry")
                    for number in range(12)]
    for number in range(1, 6):
        earlier = plan_round(store, dialogue, number, start_date=datetime.date(2015 + number, 5, 1),
                             city="Beijing (北京)", status="concluded", outcome_summary=SENTENCE)
        add_agenda_item(store, earlier, topics[number], minutes=60)
        add_follow_up(store, earlier, f"Follow-up {number}: {SENTENCE}", topic=topics[number],
                      due_date=datetime.date(2022, 1, number))
    current = plan_round(store, dialogue, 6, start_date=datetime.date(2027, 4, 22),
                         end_date=datetime.date(2027, 4, 23), city="Hangzhou (杭州)", status="in_preparation",
                         purpose=SENTENCE * 3, confidential_notes=SENTENCE)
    for number, topic in enumerate(topics):
        add_agenda_item(store, current, topic, minutes=30, objectives=SENTENCE * 2,
                        talking_points="\n".join([f"Point 0: {CHINESE_TERM}. {SENTENCE}", *(f"Point {point}: {SENTENCE}"
                                                                                  for point in (1, 2))]),
                        critical_questions=SENTENCE * 2, partner_priorities=SENTENCE, confidential_notes=SENTENCE)
        if number % 3 == 0:
            add_multilateral_item(store, f"Resolution {number} on {topic.name}", topics=[topic], forum="hrc",
                                  session="HRC 55", positions={partner.id: "abstained"}, outcome="adopted 30-5-12")
        if number % 5 == 0:
            case = open_case(store, f"陈雪梅 (Chen Xuemei {number})", partner, topic=topic, summary=SENTENCE)
            raise_case(store, case, current)
    for number in range(PROJECTS):
        project = add_project(
            store, f"Joint project {number}: legal aid in province {number}", partner,
            topics=[topics[index] for index in sorted({number % AGENDA_ITEMS, (number * 7 + 1) % AGENDA_ITEMS})],
            partners=[institutions[number % 12]], implementing_institution=institutions[(number + 1) % 12],
            budget=1_000_000 + number, currency="NOK", start_date=datetime.date(2020, 1, 1), status="active",
        )
        record_result(store, project, "Lawyers trained", baseline=0, target=500, actual=number * 4,
                      as_of=datetime.date(2025, 12, 31))
    for number in range(DELEGATES):
        person = add_person(store, f"张伟 (Zhang Wei {number})", title=f"Senior Adviser {number}",
                            institution=institutions[number % 12])
        add_to_delegation(store, current, person, "home" if number % 2 else "partner",
                          "head" if number < 2 else "member")
    return current.id


def baseline_story(brief: Brief) -> list:
    """The same content in bare platypus: plain paragraphs and tables of plain paragraphs, same fonts.

    Same texts, same table rows and column widths, same font sizes; none of the brief's
    machinery (cover and content templates, header, page N of M, TOC, outline, CJK font
    runs, labels). Table cells are paragraphs because bare platypus needs them to wrap text too.
    """
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5, spaceAfter=4)
    heading = ParagraphStyle("heading", body, fontName=FONT_BOLD, fontSize=12, leading=16, spaceBefore=8)
    cell = ParagraphStyle("cell", body, fontSize=8.5, leading=11, spaceAfter=0)

    def paragraph(value: object, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(str(value)), style)

    def table(rows: list[tuple], widths_mm: list[float]) -> Table:
        grid = Table([[paragraph(value, cell) for value in row] for row in rows],
                     colWidths=[width * mm for width in widths_mm], repeatRows=1)
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#b8bfc8")]))
        return grid

    story: list = [paragraph(brief.cover.dialogue_title, heading), paragraph(brief.purpose)]
    story.append(table([("What", "Who", "Round", "Due")] + [(f.description, f.owner, f.round_number, f.due_date)
                                                            for f in brief.open_follow_ups], [74, 22, 20, 50]))
    story.append(table([("Time", "Topic", "Minutes")] + [(e.starts_at, e.topic, e.minutes) for e in brief.agenda],
                       [28, 108, 30]))
    for entry in brief.agenda:
        story += [paragraph(entry.topic, heading), paragraph(entry.objectives)]
        story += [paragraph(line) for line in entry.talking_points.splitlines()]
        story += [paragraph(entry.critical_questions), paragraph(entry.partner_priorities),
                  paragraph(entry.confidential_notes)]
        story.append(table([("Project", "Status", "Latest results")] + [
            (p.title, p.status, "; ".join(r.indicator for r in p.latest_results)) for p in entry.projects],
            [58, 30, 78]))
        if entry.multilateral_items:
            story.append(table([("Forum", "Item", "Role", "Position", "Outcome")] + [
                (i.forum, i.title, i.our_role, i.partner_position, i.outcome) for i in entry.multilateral_items],
                [34, 54, 22, 26, 30]))
        for case in entry.cases:
            story += [paragraph(case.person_name, cell), paragraph(case.summary, cell)]
    for members in (brief.home_delegation, brief.partner_delegation):
        story.append(table([("Name", "Title", "Institution", "Role")] + [
            (d.name, d.title, d.institution, d.role) for d in members], [40, 50, 44, 32]))
    story.append(table([("Project", "Institutions", "Period", "Status", "Results")] + [
        (p.title, p.implementer, p.start_date, p.status, p.latest_results[0].indicator if p.latest_results else "")
        for p in brief.portfolio], [44, 42, 26, 21, 33]))
    story.append(table([("Round", "Date", "City", "Topics", "Outcome")] + [
        (r.number, r.start_date, r.city, "; ".join(r.topics), r.outcome_summary) for r in brief.timeline],
        [15, 26, 26, 48, 51]))
    return story


def time_baseline(brief: Brief) -> tuple[float, int]:
    """Seconds and pages for bare platypus on the same content."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4)
    started = time.process_time()
    document.build(baseline_story(brief))
    return time.process_time() - started, document.page


def time_brief(store: Store, round_id: int, target: Path) -> tuple[float, int]:
    started = time.process_time()
    pages = write_brief(store, round_id, target)
    return time.process_time() - started, pages


def main() -> int:
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        store = open_database(str(Path(folder) / "bench.sqlite"), user="bench")
        round_id = build_large_round(store)
        target = Path(folder) / "brief.pdf"
        time_brief(store, round_id, target)  # warm up: fonts, imports, SQLite caches
        brief_rates, baseline_rates, brief_pages = [], [], 0
        brief = gather_brief(store, round_id)
        for _ in range(RUNS):
            seconds, brief_pages = time_brief(store, round_id, target)
            brief_rates.append(brief_pages / seconds)
            seconds, pages = time_baseline(brief)
            baseline_rates.append(pages / seconds)
        store.close()
    brief_rate, baseline_rate = max(brief_rates), max(baseline_rates)
    ratio = brief_rate / baseline_rate
    print(f"brief: {brief_pages} pages, {brief_rate:.1f} pages/s of CPU time (gather + layout + render + atomic write)")
    print(f"bare platypus: {baseline_rate:.1f} pages/s of CPU time "
          "(same content as plain paragraphs and tables, same fonts)")
    print(f"ratio: {ratio:.2f} (target >= {TARGET_RATIO:.2f}) {'OK' if ratio >= TARGET_RATIO else 'MISSED'}")
    return report("brief", [
        Figure(f"delegation brief, {brief_pages} pages (pages/s)", brief_rate, "p/s", TARGET_RATIO,
               baseline=baseline_rate, judge_ratio=True, at_least=True, note="baseline: bare platypus"),
    ])


if __name__ == "__main__":
    sys.exit(main())
