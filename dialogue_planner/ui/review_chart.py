"""The chart of topics per round against the focus target (QtCharts).

Imported by the Review view only when the chart is first shown, so the app's
start-up does not load QtCharts.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

from dialogue_planner.review.model import Review

DIALOGUE_COLOURS = ("#1f3a5f", "#3f7cac", "#6aa6a0", "#8d7bb5", "#b58b4c", "#5f6b7a")
OVER_TARGET = QColor("#c0642b")
TARGET_LINE = QColor("#8a1c1c")


class TopicsPerRoundChart(QChartView):
    """Bars: topics on each round's agenda, one colour per dialogue, over-target bars in orange;
    a dashed line at each dialogue's focus target. `roundClicked(round_id)` when a bar is clicked."""

    roundClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self._round_ids: list[int] = []
        self.show_review(None, {})

    @property
    def bar_sets(self) -> list[QBarSet]:
        series = [s for s in self.chart().series() if isinstance(s, QStackedBarSeries)]
        return list(series[0].barSets()) if series else []

    def show_review(self, review: Review | None, iso_by_dialogue: dict[int, str]) -> None:
        """Draw the rounds of `review` (None or no rounds: an empty chart with a title saying so)."""
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        rounds = review.rounds if review else ()
        self._round_ids = [round_.round_id for round_ in rounds]
        if not rounds:
            chart.setTitle(self.tr("No rounds in the chosen dialogues and period"))
            self._replace(chart)
            return
        chart.setTitle(self.tr("Topics on each round's agenda, against the focus target"))
        bars = QStackedBarSeries()
        bars.setBarWidth(0.7)
        dialogue_ids = list(dict.fromkeys(round_.dialogue_id for round_ in rounds))
        for number, dialogue_id in enumerate(dialogue_ids):
            bar_set = QBarSet(next(r.country for r in rounds if r.dialogue_id == dialogue_id))
            bar_set.setColor(QColor(DIALOGUE_COLOURS[number % len(DIALOGUE_COLOURS)]))
            bar_set.setBorderColor(QColor("transparent"))
            bar_set.setSelectedColor(OVER_TARGET)
            bar_set.append([float(r.topic_count) if r.dialogue_id == dialogue_id else 0.0 for r in rounds])
            bar_set.selectBars([i for i, r in enumerate(rounds) if r.dialogue_id == dialogue_id and r.over_target])
            bar_set.clicked.connect(self._on_bar_clicked)
            bars.append(bar_set)
        chart.addSeries(bars)
        target = QLineSeries()
        target.setName(self.tr("Focus target"))
        pen = QPen(TARGET_LINE, 1.6, Qt.PenStyle.DashLine)
        target.setPen(pen)
        for index, round_ in enumerate(rounds):
            # A step per round, so dialogues with different targets each get their own level.
            target.append(QPointF(index - 0.5, round_.focus_target))
            target.append(QPointF(index + 0.5, round_.focus_target))
        chart.addSeries(target)
        categories = QBarCategoryAxis()
        categories.append([f"{iso_by_dialogue.get(r.dialogue_id, r.country)} {r.number}" for r in rounds])
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.8))
        categories.setLabelsFont(small)
        categories.setLabelsAngle(-90 if len(rounds) > 16 else 0)
        categories.setGridLineVisible(False)
        values = QValueAxis()
        highest = max(max(r.topic_count for r in rounds), max(r.focus_target for r in rounds)) + 1
        values.setRange(0, highest)
        values.setTickCount(highest + 1 if highest <= 12 else 7)
        values.setLabelFormat("%d")
        values.setTitleText(self.tr("topics"))
        values.setLabelsFont(small)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, target):
            series.attachAxis(categories)
            series.attachAxis(values)
        self._replace(chart)

    def _replace(self, chart: QChart) -> None:
        previous = self.chart()
        self.setChart(chart)
        if previous is not None and previous is not chart:
            previous.deleteLater()

    def _on_bar_clicked(self, index: int) -> None:
        if 0 <= index < len(self._round_ids):
            self.roundClicked.emit(self._round_ids[index])
