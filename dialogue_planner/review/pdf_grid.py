"""The topic x round grid of the review PDF: one table per dialogue, minutes shaded, priorities set apart."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from dialogue_planner.briefs.document import ACCENT, CONTENT_WIDTH, FONT_BOLD, RULE, SHADE, Heading, para
from dialogue_planner.review.charts import TARGET_LINE
from dialogue_planner.review.model import GridCells, Review, RoundFocus

GRID_COLUMNS_PER_TABLE = 20
LIGHTEST = colors.HexColor("#f4f7fb")
DEEPEST = colors.HexColor("#9db4d3")


def rounds_by_dialogue(review: Review) -> list[tuple[int, str, tuple[RoundFocus, ...]]]:
    """(dialogue id, country, its rounds in the review) for each chosen dialogue, in the review's order."""
    return [(d.id, d.country, tuple(r for r in review.rounds if r.dialogue_id == d.id)) for d in review.dialogues]


def _cell_colour(minutes: int, most: int) -> colors.Color:
    if most <= 0:
        return LIGHTEST
    return colors.linearlyInterpolatedColor(LIGHTEST, DEEPEST, 0, most, minutes)


def grid_section(review: Review, cells: GridCells, styles) -> list[Flowable]:
    """The grid section: a legend, then per dialogue its topics (priority topics first) by its rounds
    (`cells`: the grid's cells of every round in the review)."""
    story: list[Flowable] = [
        Heading("Topic x round grid", styles["h1"]),
        para(
            "Minutes on the agenda, per topic and round. Bold: a priority topic of that round. ○: a priority "
            "topic left off that round's agenda. Darker cells had more minutes. Priority topics of the dialogue "
            "are listed first, above the rule.",
            styles["small"],
        ),
    ]
    grid = review.grid
    if not grid.topics:
        return [*story, para("No agenda items or priority topics in the review.", styles["note"])]
    most = grid.max_minutes
    for _dialogue_id, country, rounds in rounds_by_dialogue(review):
        topics = [t for t in grid.topics if any(cells.cell(t.topic_id, r.round_id) for r in rounds)]
        if not topics:
            continue
        priority = [
            t for t in topics if any((c := cells.cell(t.topic_id, r.round_id)) and c.is_priority for r in rounds)
        ]
        others = [t for t in topics if t not in priority]
        story.append(Heading(country, styles["h2"], level=1))
        for start in range(0, len(rounds), GRID_COLUMNS_PER_TABLE):
            chunk = rounds[start : start + GRID_COLUMNS_PER_TABLE]
            story += [_grid_table(cells, priority, others, chunk, most, styles), Spacer(1, 3 * mm)]
    return story


def _grid_table(cells: GridCells, priority, others, rounds, most: int, styles) -> Table:
    name_width = 52 * mm
    column = min(12 * mm, (CONTENT_WIDTH - name_width) / max(len(rounds), 1))
    header = [Paragraph("Topic \\ round", styles["cell_header"])] + [
        Paragraph(str(r.number), styles["cell_header"]) for r in rounds
    ]
    data, commands = [header], []
    for row_index, topic in enumerate([*priority, *others], start=1):
        name_style = styles["cell_bold"] if topic in priority else styles["cell"]
        row: list[object] = [para(topic.name, name_style)]
        for col_index, round_ in enumerate(rounds, start=1):
            cell = cells.cell(topic.topic_id, round_.round_id)
            if cell is None:
                row.append("")
            elif not cell.on_agenda:
                row.append("○")
                commands.append(("TEXTCOLOR", (col_index, row_index), (col_index, row_index), TARGET_LINE))
            else:
                row.append(str(cell.minutes))
                commands.append(
                    (
                        "BACKGROUND",
                        (col_index, row_index),
                        (col_index, row_index),
                        _cell_colour(cell.minutes or 0, most),
                    )
                )
                if cell.is_priority:
                    commands.append(("FONTNAME", (col_index, row_index), (col_index, row_index), FONT_BOLD))
        data.append(row)
    table = Table(data, colWidths=[name_width] + [column] * len(rounds), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (1, 1), (-1, -1), styles["cell"].fontName),
                ("FONTSIZE", (1, 1), (-1, -1), 7.5),
                ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
                ("INNERGRID", (1, 1), (-1, -1), 0.25, colors.white),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                *([("LINEBELOW", (0, len(priority)), (-1, len(priority)), 1, ACCENT)] if priority and others else []),
                *commands,
            ]
        )
    )
    return table
