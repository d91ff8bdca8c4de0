"""How the record views word amounts, periods, results and dates in table cells (QLocale throughout)."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from dialogue_planner.ui.form_fields import format_number
from dialogue_planner.ui.round_table_model import format_date, format_date_range


def _tr(text: str) -> str:
    return QCoreApplication.translate("formats", text)


def date_text(value: datetime.date | None, _row: Any = None) -> str:
    """A date in the user's short format, '' for none (usable as a Column formatter)."""
    return format_date(value) if value else ""


def amount_text(amount: Any, currency: str = "") -> str:
    """'1,500,000.00 NOK'; '' without an amount."""
    if amount is None:
        return ""
    number = format_number(amount, 2)
    return _tr("{amount} {currency}").format(amount=number, currency=currency).strip() if currency else number


def period_text(start: datetime.date | None, end: datetime.date | None) -> str:
    """'01/01/2020 – 31/12/2022', 'from 01/01/2020', 'until 31/12/2022', or ''."""
    if start and not end:
        return _tr("from {date}").format(date=format_date(start))
    if end and not start:
        return _tr("until {date}").format(date=format_date(end))
    return format_date_range(start, end)


def figure_text(value: float | None) -> str:
    """A result figure as the user's locale writes it, '–' when not known."""
    return format_number(value, 2) if value is not None else "–"


def result_text(result: dict[str, Any] | None) -> str:
    """'Prosecutors trained: 0 → 2,000 of 2,000 (01/01/2023)': baseline → actual of target, as of."""
    if not result:
        return ""
    text = _tr("{indicator}: {baseline} → {actual}").format(
        indicator=result["indicator"], baseline=figure_text(result["baseline"]), actual=figure_text(result["actual"])
    )
    if result.get("target") is not None:
        text = _tr("{text} of {target}").format(text=text, target=figure_text(result["target"]))
    if result.get("as_of"):
        text = _tr("{text} ({date})").format(text=text, date=format_date(result["as_of"]))
    return text
