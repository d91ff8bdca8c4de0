"""Small building blocks the round planner's tabs share: read-only rows, their tables, choice boxes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView


def read_only_row(*texts: str) -> list[QStandardItem]:
    items = [QStandardItem(text) for text in texts]
    for item in items:
        item.setEditable(False)
    return items


def make_table(model: QStandardItemModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def fill_choices(combo: QComboBox, choices: Sequence[tuple[str, int]], empty_text: str) -> bool:
    """Offer (label, id) choices with the first chosen, or say `empty_text` when there are none.

    A combo that once showed a placeholder keeps no item chosen by itself, hence the explicit
    choice. Returns whether there is anything to choose.
    """
    combo.clear()
    for label, record_id in choices:
        combo.addItem(label, record_id)
    combo.setCurrentIndex(0 if choices else -1)
    if not choices:
        combo.setPlaceholderText(empty_text)
    return bool(choices)
