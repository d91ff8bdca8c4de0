"""Vector charts for the review PDF (reportlab.graphics): topics per round against the focus target."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from dialogue_planner.briefs.document import ACCENT, FONT, MUTED, RULE
from dialogue_planner.review.model import RoundFocus

ON_TARGET = ACCENT
OVER_TARGET = colors.HexColor("#c0642b")
TARGET_LINE = colors.HexColor("#8a1c1c")


def topics_per_round_chart(rounds: tuple[RoundFocus, ...], width: float, height: float = 150) -> Drawing:
    """Bars: agenda topics of each round (over-target bars in orange); a red dashed line at the focus target.

    The rounds are one dialogue's, so one target applies; an empty tuple gives an empty drawing
    with a note. Bar labels are round numbers (the dialogue is in the heading above the chart).
    """
    drawing = Drawing(width, height)
    if not rounds:
        drawing.add(String(0, height / 2, "No rounds in the review.", fontName=FONT, fontSize=8, fillColor=MUTED))
        return drawing
    target = rounds[0].focus_target
    counts = [round_.topic_count for round_ in rounds]
    top = max(max(counts), target) + 1
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 22
    chart.width, chart.height = width - 40, height - 40
    chart.data = [counts]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = 1 if top <= 10 else 2
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e3e7ec")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.categoryNames = [str(round_.number) for round_ in rounds]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.strokeColor = RULE
    chart.barWidth = 6
    chart.groupSpacing = 4
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = ON_TARGET
    for index, round_ in enumerate(rounds):
        if round_.over_target:
            chart.bars[(0, index)].fillColor = OVER_TARGET
    drawing.add(chart)
    target_y = chart.y + chart.height * target / top
    drawing.add(
        Line(
            chart.x,
            target_y,
            chart.x + chart.width,
            target_y,
            strokeColor=TARGET_LINE,
            strokeWidth=1,
            strokeDashArray=[3, 2],
        )
    )
    # The key sits above the plot, where no bar can hide it: a dashed sample, then the words.
    key_y = chart.y + chart.height + 6
    right = chart.x + chart.width
    drawing.add(
        String(
            right, key_y, f"focus target {target}", fontName=FONT, fontSize=7, fillColor=TARGET_LINE, textAnchor="end"
        )
    )
    key_start = right - stringWidth(f"focus target {target}", FONT, 7) - 18
    drawing.add(
        Line(
            key_start,
            key_y + 2.5,
            key_start + 14,
            key_y + 2.5,
            strokeColor=TARGET_LINE,
            strokeWidth=1,
            strokeDashArray=[3, 2],
        )
    )
    drawing.add(Rect(key_start - 60, key_y, 8, 6, fillColor=OVER_TARGET, strokeColor=None))
    drawing.add(String(key_start - 49, key_y, "over target", fontName=FONT, fontSize=7, fillColor=MUTED))
    drawing.add(
        String(chart.x + chart.width / 2, 2, "round", fontName=FONT, fontSize=7, fillColor=MUTED, textAnchor="middle")
    )
    drawing.add(String(0, chart.y + chart.height + 6, "topics", fontName=FONT, fontSize=7, fillColor=MUTED))
    return drawing
