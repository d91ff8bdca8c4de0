"""Generated volume for the demo's copies: an archive of older rounds, more projects, more staff.

The demo copied N times (`demo_scale`) is still small beside a ministry that
keeps decades of records: issue 7 asks for roughly 15,000 rounds, 150,000
agenda items, 30,000 projects and 200,000 people at N = 100. So each copy (never
the original demo, which stays exactly what the services wrote) also gets:

- an archive of ARCHIVE_ROUNDS older rounds per dialogue, two a year for the
  ARCHIVE_YEARS years before the dialogue's first round, each with a broad
  agenda of 10 to 13 catalogue topics (numbered 1 to ARCHIVE_ROUNDS: the
  copied demo rounds are renumbered after them, see demo_scale);
- EXTRA_PROJECTS joint projects, each with one topic, one partner institution
  and one donor;
- STAFF_PER_INSTITUTION more people at each copied institution, with names
  from the demo's Norwegian, Chinese, Indonesian, Vietnamese and Danish.

Each table is filled by one INSERT ... SELECT that crosses a template (one
row per generated record of a copy, as VALUES) with the copy numbers; ids
follow every copied row and are computed from the copy number, so links need
no lookups: copy n's generated record number `seq` of a table has id
`first_id + (n - 1) * per_copy + seq`. Dates and texts are parameters (an SQL
date expression reads differently on SQLite and PostgreSQL).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store

ARCHIVE_YEARS = 20
ARCHIVE_ROUNDS = 2 * ARCHIVE_YEARS  # per dialogue of a copy
BROAD_AGENDA_SIZES = (10, 11, 12, 13)  # topics per archive round, in turn
EXTRA_PROJECTS = 290  # per copy
STAFF_PER_INSTITUTION = 73  # per copied institution
ARCHIVE_NOTE = (f" Rounds 1 to {ARCHIVE_ROUNDS} are a generated archive (demo --scale test data): two broad "
                f"rounds a year for the {ARCHIVE_YEARS} years before the dialogue's first round.")
HOME_CITY = "Oslo"

# Given and family names per country code, like the demo's invented people (no real person meant).
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "NO": (("Kari", "Erik", "Ingrid", "Thomas", "Silje", "Magnus", "Hanne", "Ole", "Marte", "Anders", "Liv",
            "Sigrid", "Bjørn", "Åse", "Håkon", "Solveig", "Torbjørn", "Ragnhild"),
           ("Nordby", "Solvang", "Haugland", "Berge", "Aasen", "Lie", "Strand", "Dahl", "Vik", "Holm", "Bakken",
            "Fossum", "Sæther", "Løken", "Bråten", "Ødegård", "Kvalheim", "Tveit")),
    "DK": (("Mette", "Søren", "Anne", "Jens", "Lotte", "Mads", "Birgitte", "Rasmus", "Signe", "Niels"),
           ("Kjærgaard", "Jørgensen", "Nielsen", "Sørensen", "Madsen", "Østergaard", "Mikkelsen", "Holm")),
    "CN": (("建国", "红梅", "伟", "洋", "静", "志强", "丽华", "文斌", "晓燕", "海燕", "国庆", "明", "雪", "立新"),
           ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱")),
    "ID": (("Bambang", "Siti", "Agus", "Rina", "Yusuf", "Hendro", "Made", "Dewi", "Putu", "Wayan", "Indah",
            "Budi", "Sri", "Eko", "Ratna", "Joko"),
           ("Sutrisno", "Wulandari", "Prasetyo", "Siregar", "Hidayat", "Wibisono", "Suarjana", "Sari", "Lestari",
            "Nasution", "Santoso", "Kusuma", "Harahap", "Gunawan")),
    "VN": (("Văn Đức", "Thị Hồng", "Thị Thu Hương", "Quốc Bảo", "Minh Khôi", "Thị Mai", "Văn Long",
            "Thị Thanh Tâm", "Thanh Hà", "Đức Anh", "Thị Lan", "Hữu Nghĩa"),
           ("Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Đặng", "Hoàng", "Ngô", "Bùi", "Đỗ", "Hồ", "Dương")),
}
STAFF_TITLES = ("Adviser", "Senior Adviser", "Counsellor", "Deputy Director", "Director", "Head of Section",
                "Legal Officer", "Researcher", "Programme Officer", "Judge", "Prosecutor", "Lecturer")
DONORS = ("Norwegian Ministry of Foreign Affairs", "Norad", "Danida", "Sida", "UNDP")
PROJECT_KINDS = ("training programme", "exchange of experts", "study visits", "pilot project", "research cooperation")


@dataclass(frozen=True)
class Generated:
    """One generated table: its template rows (one per record of a copy) and the first id after the copies."""

    model: type[m.Record]
    first_id: int
    per_copy: int

    def id_range(self, scale: int) -> tuple[int, int]:
        return self.first_id + 1, self.first_id + (scale - 1) * self.per_copy

    def id_expression(self, column: str) -> str:
        """SQL for the generated id of this table that the template column `column` numbers (1..per_copy)."""
        return f'{self.first_id} + (n - 1) * {self.per_copy} + t."{column}"'


def add_archive(store: Store, scale: int, offsets: dict[type[m.Record], int]) -> list[Generated]:
    """Give each of copies 1..scale-1 its archive rounds, extra projects and extra staff; returns what was made.

    `offsets` are the tables' largest ids before copying (the original demo's records); the copies
    must already exist. Runs inside the caller's transaction.
    """
    if scale < 2:
        return []
    context = _Context(store, scale, offsets)
    made = [*_archive_rounds(context), *_extra_projects(context), _extra_staff(context)]
    for generated in made:
        _record(store, generated, scale)
    return made


class _Context:
    """What every generator needs: the scale, the original ids, the topic catalogue and a clock."""

    def __init__(self, store: Store, scale: int, offsets: dict[type[m.Record], int]) -> None:
        self.store, self.scale, self.offsets = store, scale, offsets
        self.now = m.utc_now()
        self.topics = [row[0] for row in m.Topic.select(m.Topic.id).order_by(m.Topic.id).tuples()]
        self.topic_names = dict(m.Topic.select(m.Topic.id, m.Topic.name).tuples())

    def first_id(self, model: type[m.Record]) -> int:
        """The first free id after the copies: generated rows come after every copied one."""
        return self.scale * self.offsets[model]

    def insert(self, generated: Generated, rows: Sequence[dict[str, Any]], expressions: dict[str, str]) -> None:
        _insert_per_copy(self.store, self.scale, generated, rows, expressions, self.now)


def _archive_rounds(context: _Context) -> list[Generated]:
    dialogues = list(
        m.Dialogue.select(m.Dialogue.id, m.Dialogue.start_year)
        .where(m.Dialogue.id <= context.offsets[m.Dialogue]).order_by(m.Dialogue.id).tuples()
    )
    round_rows, item_rows = [], []
    for dialogue_id, start_year in dialogues:
        first = (m.Round.select(m.Round.start_date, m.Round.city).where(m.Round.dialogue == dialogue_id)
                 .order_by(m.Round.number).first())
        began = start_year or (first.start_date.year if first and first.start_date else 2000)
        partner_city = first.city if first else ""
        for number in range(1, ARCHIVE_ROUNDS + 1):
            year = began - ARCHIVE_YEARS + (number - 1) // 2
            start = datetime.date(year, 4, 20) if number % 2 else datetime.date(year, 10, 12)
            at_home = number % 2 == 0
            round_rows.append({
                "seq": len(round_rows) + 1, "dialogue_id": dialogue_id, "number": number, "start_date": start,
                "end_date": start + datetime.timedelta(days=1), "city": HOME_CITY if at_home else partner_city,
                "host_side": "home" if at_home else "partner", "status": "concluded",
                "purpose": "General exchange of views across the human rights field (archive).",
            })
            size = min(BROAD_AGENDA_SIZES[(number - 1) % len(BROAD_AGENDA_SIZES)], len(context.topics))
            for position in range(size):
                item_rows.append({
                    "seq": len(item_rows) + 1, "round_id": len(round_rows),
                    "topic_id": context.topics[(number + position) % len(context.topics)],
                    "position": position, "minutes": 20 if position < 3 else 15,
                    "objectives": "Exchange of views (archive round, broad agenda).",
                })
    rounds = Generated(m.Round, context.first_id(m.Round), len(round_rows))
    items = Generated(m.AgendaItem, context.first_id(m.AgendaItem), len(item_rows))
    if not round_rows:
        return []
    context.insert(rounds, round_rows, {"dialogue_id": _shifted("dialogue_id", context.offsets[m.Dialogue])})
    context.insert(items, item_rows, {"round_id": rounds.id_expression("round_id")})
    return [rounds, items]


def _extra_projects(context: _Context) -> list[Generated]:
    partners = [row[0] for row in (
        m.Country.select(m.Country.id).join(m.Dialogue)
        .where(m.Country.id <= context.offsets[m.Country]).order_by(m.Country.id).tuples()
    )]
    institutions = list(
        m.Institution.select(m.Institution.id, m.Institution.country)
        .where(m.Institution.id <= context.offsets[m.Institution]).order_by(m.Institution.id).tuples()
    )
    at_home = [institution for institution, country in institutions if country not in partners]
    if not partners or not at_home or not context.topics:
        return []
    project_rows, link_rows, donor_rows = [], [], []
    for seq in range(1, EXTRA_PROJECTS + 1):
        country_id = partners[seq % len(partners)]
        local = [institution for institution, country in institutions if country == country_id] or at_home
        topic = context.topics[seq % len(context.topics)]
        start = datetime.date(1980 + seq % 45, 1 + seq % 12, 1)
        budget = 1_000_000 + (seq * 37 % 50) * 100_000
        project_rows.append({
            "seq": seq, "country_id": country_id, "implementing_institution_id": at_home[seq % len(at_home)],
            "title": f"{context.topic_names[topic]}: {PROJECT_KINDS[seq % len(PROJECT_KINDS)]} {seq} (archive)",
            "budget": budget, "currency": "NOK", "start_date": start,
            "end_date": datetime.date(start.year + 3, start.month, 1),
            "status": "completed" if start.year < 2020 else "active",
            "description": "Generated project (demo --scale test data).",
        })
        link_rows.append({"seq": seq, "project_id": seq, "topic_id": topic,
                          "institution_id": local[seq % len(local)]})
        donor_rows.append({"seq": seq, "project_id": seq, "name": DONORS[seq % len(DONORS)], "amount": budget})
    projects = Generated(m.JointProject, context.first_id(m.JointProject), EXTRA_PROJECTS)
    offsets = context.offsets
    context.insert(projects, project_rows, {
        "country_id": _shifted("country_id", offsets[m.Country]),
        "implementing_institution_id": _shifted("implementing_institution_id", offsets[m.Institution]),
    })
    made = [projects]
    for model, columns, rows in ((m.ProjectTopic, ("topic_id",), link_rows),
                                 (m.ProjectPartner, ("institution_id",), link_rows),
                                 (m.ProjectDonor, ("name", "amount"), donor_rows)):
        generated = Generated(model, context.first_id(model), EXTRA_PROJECTS)
        expressions = {"project_id": projects.id_expression("project_id")}
        if model is m.ProjectPartner:
            expressions["institution_id"] = _shifted("institution_id", offsets[m.Institution])
        context.insert(generated, [{key: row[key] for key in ("seq", "project_id", *columns)} for row in rows],
                       expressions)
        made.append(generated)
    return made


def _extra_staff(context: _Context) -> Generated:
    institutions = list(
        m.Institution.select(m.Institution.id, m.Country.iso_code).join(m.Country)
        .where(m.Institution.id <= context.offsets[m.Institution]).order_by(m.Institution.id).tuples()
    )
    rows = []
    for institution_id, iso_code in institutions:
        given, family = NAMES.get(iso_code, NAMES["NO"])
        for number in range(STAFF_PER_INSTITUTION):
            first, last = given[number % len(given)], family[(number * 5 + institution_id) % len(family)]
            name = last + first if iso_code == "CN" else f"{last} {first}" if iso_code == "VN" else f"{first} {last}"
            rows.append({"seq": len(rows) + 1, "institution_id": institution_id, "name": name,
                         "title": STAFF_TITLES[(number + institution_id) % len(STAFF_TITLES)]})
    staff = Generated(m.Person, context.first_id(m.Person), len(rows))
    if rows:
        context.insert(staff, rows, {"institution_id": _shifted("institution_id", context.offsets[m.Institution])})
    return staff


def _shifted(column: str, offset: int) -> str:
    """SQL for a reference to copy n of an original record (the copies are shifted by n * offset)."""
    return f't."{column}" + n * {offset}'


def _insert_per_copy(store: Store, scale: int, generated: Generated, rows: Sequence[dict[str, Any]],
                     expressions: dict[str, str], now: datetime.datetime) -> None:
    """One INSERT ... SELECT: every template row once per copy 1..scale-1.

    Template columns are read as t.<column> unless `expressions` says otherwise; the record's
    bookkeeping columns and the model's other defaults are filled in; nullable columns the
    template leaves out stay NULL (never an all-NULL VALUES column: PostgreSQL would type it text).
    """
    model, param = generated.model, store.db.param
    template_columns = list(rows[0])
    quoted_template = ", ".join(f'"{column}"' for column in template_columns)
    values_sql = ", ".join("(" + ", ".join([param] * len(template_columns)) + ")" for _row in rows)
    params: list[Any] = [row[column] for row in rows for column in template_columns]
    columns, selected = ['"id"'], [generated.id_expression("seq")]
    fixed = {"created_at": now, "updated_at": now, "changed_by": store.user, "version": 1}
    for field in model._meta.sorted_fields:
        column = field.column_name
        if column == "id":
            continue
        if column in expressions or column in template_columns:
            selected.append(expressions.get(column, f't."{column}"'))
        elif column in fixed or (field.default is not None and not callable(field.default)):
            selected.append(param)
            params.append(fixed[column] if column in fixed else field.default)
        else:
            continue  # nullable, no default: NULL
        columns.append(f'"{column}"')
    store.db.execute_sql(
        f"WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < {scale - 1}), "
        f"t({quoted_template}) AS (VALUES {values_sql}) "
        f'INSERT INTO "{model._meta.table_name}" ({", ".join(columns)}) SELECT {", ".join(selected)} FROM copy, t',
        params,
    )


def _record(store: Store, generated: Generated, scale: int) -> None:
    """One history entry for the table's generated rows (bulk test data, not anybody's edits)."""
    first, last = generated.id_range(scale)
    m.ChangeRecord.create(
        changed_by=store.user, table_name=generated.model._meta.table_name, record_id=first, action="create",
        changes=json.dumps({"demo archive": [None, f"{generated.per_copy} generated records in each of "
                                                   f"{scale - 1} copies of the demo: ids {first} to {last}"]}),
    )
