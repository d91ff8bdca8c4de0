"""How the projects list words its columns, handed to `services.project_pages` so that a filter finds in SQL
exactly the projects whose shown text holds a word.

The list shows amounts, periods, results and statuses in the user's locale and
language ("1,500,000.00 NOK", "from 01/01/2020", "Prosecutors trained: 0 → 2,000
of 2,000 (01/01/2023)"), which SQL cannot do. The service asks how each of the
few distinct values stored is shown (the same column formatters the list uses),
and selects the projects holding the values whose wording holds the word.
"""

from __future__ import annotations

from collections.abc import Sequence

from dialogue_planner.services.project_pages import ListWording, Row
from dialogue_planner.ui.record_table_model import Column, display_value


def list_wording(columns: Sequence[Column]) -> ListWording:
    """The wording of these columns: a row's text in a column as the list shows it."""
    by_key = {column.key: column for column in columns}

    def text(key: str, row: Row) -> str:
        column = by_key[key]
        value = row.get(key)
        # As RecordTableModel words a cell.
        return column.formatter(value, row) if column.formatter else display_value(value)

    return ListWording(text=text)

