"""The topic x round grid of the review as a table model: topics as rows, rounds as columns.

Rows are the grid's topics, priority topics first (bold, marked ★ in the row
header); columns are the rounds, grouped by dialogue (the country's ISO code
heads the first round of each dialogue). A cell shows the minutes when the
topic was on the round's agenda, ○ when it was a priority topic left off the
agenda, and is shaded darker the more minutes it had.

The cells are not part of the review (a large one has 150,000): the model reads
them through `review.grid_cells` for a block of CELL_BLOCK columns at a time,
when a cell of the block is first asked for (a screen shows some 20 columns;
the view hands over the first block read off the UI thread with the review).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from dialogue_planner.review.model import GridCell, GridCells, RoundFocus, TopicRoundGrid

# (topic id, round id) of a cell, for the records behind it.
CellKeyRole = Qt.ItemDataRole.UserRole
# True in the first column of each dialogue's group of rounds (the view draws a rule there).
GroupStartRole = Qt.ItemDataRole.UserRole + 1

ModelIndex = QModelIndex | QPersistentModelIndex

LIGHTEST = QColor("#eef3fa")
DEEPEST = QColor("#6f93c4")
GAP_INK = QColor("#a33a2a")
PRIORITY_HEADER = QColor("#e4ecf7")
# Columns (rounds) whose cells are read at once: about 2,000 cells at demo x100, a few ms.
CELL_BLOCK = 200

CellReader = Callable[[Sequence[int]], GridCells]  # the grid's cells of these rounds (review.grid_cells)


def _blend(share: float) -> QColor:
    """From LIGHTEST (few minutes) to DEEPEST (the most minutes in the grid)."""
    share = max(0.0, min(1.0, share))
    return QColor(
        round(LIGHTEST.red() + (DEEPEST.red() - LIGHTEST.red()) * share),
        round(LIGHTEST.green() + (DEEPEST.green() - LIGHTEST.green()) * share),
        round(LIGHTEST.blue() + (DEEPEST.blue() - LIGHTEST.blue()) * share),
    )


class TopicRoundGridModel(QAbstractTableModel):
    """Read-only view of a `TopicRoundGrid` and its cells; `set_grid` replaces it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid = TopicRoundGrid((), ())
        self._iso_by_dialogue: dict[int, str] = {}
        self._read_cells: CellReader | None = None
        self._cells: dict[tuple[int, int], tuple[int | None, int | None, int | None]] = {}
        self._blocks_read: set[int] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_grid(
        self,
        grid: TopicRoundGrid,
        iso_by_dialogue: dict[int, str],
        read_cells: CellReader | None = None,
        first_block: GridCells | None = None,
    ) -> None:
        """Show `grid`, its cells read by `read_cells` as the columns are shown (None: the grid has no cells);
        `first_block`: the cells of its first CELL_BLOCK rounds, read already."""
        self.beginResetModel()
        self._grid = grid
        self._iso_by_dialogue = dict(iso_by_dialogue)
        self._read_cells = read_cells
        self._cells = dict(first_block.cells) if first_block is not None else {}
        self._blocks_read = {0} if first_block is not None else set()
        self.endResetModel()

    @property
    def grid(self) -> TopicRoundGrid:
        return self._grid

    @property
    def blocks_read(self) -> frozenset[int]:
        """The blocks of CELL_BLOCK columns whose cells have been read (column // CELL_BLOCK)."""
        return frozenset(self._blocks_read)

    def _cell(self, topic_id: int, column: int) -> GridCell | None:
        block = column // CELL_BLOCK
        if block not in self._blocks_read:
            self._read_block(block)
        values = self._cells.get((topic_id, self._grid.rounds[column].round_id))
        return None if values is None else GridCell._make(values)

    def _read_block(self, block: int) -> None:
        self._blocks_read.add(block)
        if self._read_cells is None:
            return
        rounds = self._grid.rounds[block * CELL_BLOCK : (block + 1) * CELL_BLOCK]
        self._cells.update(self._read_cells([round_.round_id for round_ in rounds]).cells)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._grid.topics)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._grid.rounds)

    def cell_at(self, index: ModelIndex) -> GridCell | None:
        if not index.isValid():
            return None
        return self._cell(self._grid.topics[index.row()].topic_id, index.column())

    def _is_group_start(self, column: int) -> bool:
        rounds = self._grid.rounds
        return column == 0 or rounds[column].dialogue_id != rounds[column - 1].dialogue_id

    def _round_name(self, round_: RoundFocus) -> str:
        return f"{self._iso_by_dialogue.get(round_.dialogue_id, round_.country)} {round_.number}"

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        topic = self._grid.topics[index.row()]
        round_ = self._grid.rounds[index.column()]
        if role == CellKeyRole:
            return (topic.topic_id, round_.round_id)
        if role == GroupStartRole:
            return self._is_group_start(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        cell = self._cell(topic.topic_id, index.column())
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(cell.minutes) if cell.on_agenda else "○"
        if role == Qt.ItemDataRole.BackgroundRole and cell.on_agenda:
            most = self._grid.max_minutes
            return QBrush(_blend((cell.minutes or 0) / most if most else 0.0))
        if role == Qt.ItemDataRole.ForegroundRole:
            if not cell.on_agenda:
                return QBrush(GAP_INK)
            most = self._grid.max_minutes
            share = (cell.minutes or 0) / most if most else 0.0
            # Dark cells need light text to stay readable.
            return QBrush(QColor("white") if share > 0.6 else QColor("#1b1f24"))
        if role == Qt.ItemDataRole.FontRole and cell.is_priority:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(topic.name, round_, cell)
        return None

    def _tooltip(self, topic: str, round_: RoundFocus, cell: GridCell) -> str:
        where = f"{round_.country} round {round_.number}"
        if not cell.on_agenda:
            return self.tr("{topic}: a priority topic of {where}, but not on its agenda").format(
                topic=topic, where=where
            )
        text = self.tr("{topic} at {where}: {minutes} minutes").format(topic=topic, where=where, minutes=cell.minutes)
        if cell.is_priority:
            text += self.tr(" (a priority topic of that round)")
        return text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._grid.rounds):
                return None
            round_ = self._grid.rounds[section]
            if role == Qt.ItemDataRole.DisplayRole:
                group = self._iso_by_dialogue.get(round_.dialogue_id, round_.country)
                return f"{group}\n{round_.number}" if self._is_group_start(section) else f"\n{round_.number}"
            if role == Qt.ItemDataRole.ToolTipRole:
                date = round_.start_date.isoformat() if round_.start_date else self.tr("no date")
                return self.tr("{country} round {number}, {date}: {topics} topics (target {target})").format(
                    country=round_.country,
                    number=round_.number,
                    date=date,
                    topics=round_.topic_count,
                    target=round_.focus_target,
                )
            return None
        if not 0 <= section < len(self._grid.topics):
            return None
        topic = self._grid.topics[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"★ {topic.name}" if topic.is_priority else topic.name
        if role == Qt.ItemDataRole.FontRole and topic.is_priority:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("A priority topic at one or more rounds shown")
                if topic.is_priority
                else self.tr("Not a priority topic at any round shown")
            )
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
