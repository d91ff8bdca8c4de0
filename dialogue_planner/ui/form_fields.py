"""The editors a record form is built from: one per kind of field, each reading and writing plain values.

A field spec names a record field, its label and its kind; `make_editor` turns
it into a widget that shows a stored value (as `records.field_values` gives it:
references as ids, dates as `datetime.date`, amounts as `Decimal`) and gives
back what the user entered, in the form the services accept.
"""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)

from dialogue_planner.ui.labels import choice_label
from dialogue_planner.ui.lifetime import torn_down

# One day before the earliest date the services accept: the date editors' "no date".
NO_DATE = QDate(1899, 12, 31)
LATEST_DATE = QDate(2200, 12, 31)


@contextmanager
def signals_blocked(qobject: QObject) -> Iterator[None]:
    """No signals from `qobject` inside the block (a value set by the program, not typed by the user).

    Used instead of QSignalBlocker, whose context manager in PySide6 6.12 drops a reference to
    None on every use, until Python aborts at exit ("deallocating None").
    """
    was_blocked = qobject.blockSignals(True)
    try:
        yield
    finally:
        qobject.blockSignals(was_blocked)


class FieldKind(Enum):
    LINE = "line"
    TEXT = "text"
    CHOICE = "choice"
    DATE = "date"
    INTEGER = "integer"
    DECIMAL = "decimal"
    REFERENCE = "reference"
    CHECK = "check"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record form.

    `choices` is a storage.vocabulary tuple (CHOICE); `options` returns (id, text) pairs from a service
    list function (REFERENCE); `optional` lets a DATE, INTEGER, DECIMAL or REFERENCE be left empty.
    """

    name: str
    label: str
    kind: FieldKind = FieldKind.LINE
    choices: tuple[str, ...] = ()
    options: Callable[[], Iterable[tuple[int, str]]] | None = None
    optional: bool = False
    minimum: int = 0
    maximum: int = 2**31 - 1
    decimals: int = 2
    placeholder: str = ""
    tooltip: str = ""


def date_display_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year (two digits are ambiguous across 1900-2200)."""
    locale = locale or QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"  # the C locale's "dd MM yyyy" reads as three numbers; ISO does not
    return re.sub(r"(?<!y)yy(?!y)", "yyyy", locale.dateFormat(QLocale.FormatType.ShortFormat))


def to_qdate(day: datetime.date | None) -> QDate:
    """A date for Qt (an invalid QDate for None)."""
    return QDate(day.year, day.month, day.day) if day else QDate()


def from_qdate(date: QDate) -> datetime.date | None:
    """A date from Qt (None for an invalid QDate)."""
    return datetime.date(date.year(), date.month(), date.day()) if date.isValid() else None


class OptionalDateEdit(QWidget):
    """A date with a calendar popup that may also be empty (a Clear button empties it)."""

    changed = Signal()

    def __init__(self, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = _DateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(date_display_format())
        self.date_edit.setDateRange(NO_DATE if optional else NO_DATE.addDays(1), LATEST_DATE)
        self.date_edit.setSpecialValueText(self.tr("No date") if optional else "")
        self.date_edit.calendarWidget().installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_edit, 1)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Leave the date empty"))
        self.clear_button.setVisible(optional)
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.date_edit)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self._on_date_changed()

    def value(self) -> datetime.date | None:
        date = self.date_edit.date()
        return None if date == NO_DATE else from_qdate(date)

    def set_value(self, day: datetime.date | None) -> None:
        with signals_blocked(self.date_edit):
            self.date_edit.setDate(to_qdate(day) if day else self.date_edit.minimumDate())
        self.clear_button.setEnabled(day is not None)

    def clear(self) -> None:
        """Leave the date empty (the user's Clear button)."""
        self.date_edit.setDate(self.date_edit.minimumDate())

    def _on_date_changed(self) -> None:
        self.clear_button.setEnabled(self.value() is not None)
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty date would open the calendar in December 1899: show this month instead.
        if event.type() == QEvent.Type.Show and not torn_down(self, "date_edit") and self.value() is None:
            today = QDate.currentDate()
            watched.setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)


class _DateEdit(QDateEdit):
    def stepBy(self, steps: int) -> None:
        # The arrow keys on an empty date start from today, not from the "no date" day.
        if self.date() == NO_DATE and self.specialValueText():
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)


class FieldEditor(QObject):
    """Wraps one widget: `value()`, `set_value()`, and `edited` when the user changes it."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, widget: QWidget) -> None:
        super().__init__(widget)
        self.spec = spec
        self.widget = widget

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def refresh_options(self) -> None:
        """Read the choices of a reference field again (other records may have been added)."""


class _LineEditor(FieldEditor):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec, QLineEdit())
        self.widget.setPlaceholderText(spec.placeholder)
        self.widget.textEdited.connect(self.edited)

    def value(self) -> str:
        return self.widget.text()

    def set_value(self, value: Any) -> None:
        self.widget.setText(value or "")
        self.widget.setCursorPosition(0)


class _TextEditor(FieldEditor):
    def __init__(self, spec: FieldSpec) -> None:
        editor = QPlainTextEdit()
        editor.setTabChangesFocus(True)
        editor.setPlaceholderText(spec.placeholder)
        lines = editor.fontMetrics().lineSpacing()
        editor.setMinimumHeight(lines * 3 + 12)
        editor.setMaximumHeight(lines * 6 + 12)
        # As tall as it needs within those bounds, never stretched to fill a tall window.
        editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        super().__init__(spec, editor)
        editor.textChanged.connect(self._on_text_changed)
        self._loading = False

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> str:
        return self.widget.toPlainText()

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.widget.setPlainText(value or "")
        finally:
            self._loading = False


class _ComboEditor(FieldEditor):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec, QComboBox())
        self.widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.widget.setMinimumContentsLength(12)
        self.widget.activated.connect(self.edited)
        if spec.kind == FieldKind.CHOICE:  # records to choose from are read when a record is loaded
            self.refresh_options()

    def _items(self) -> list[tuple[Any, str]]:
        if self.spec.kind == FieldKind.CHOICE:
            return [(value, choice_label(self.spec.choices, value)) for value in self.spec.choices]
        items: list[tuple[Any, str]] = list(self.spec.options()) if self.spec.options else []
        if self.spec.optional:
            items.insert(0, (None, self.tr("(none)")))
        return items

    def refresh_options(self) -> None:
        current = self.value()
        with signals_blocked(self.widget):
            self.widget.clear()
            for value, text in self._items():
                self.widget.addItem(text, value)
            self.set_value(current)

    def value(self) -> Any:
        return self.widget.currentData() if self.widget.currentIndex() >= 0 else None

    def set_value(self, value: Any) -> None:
        index = self.widget.findData(value) if value is not None else self.widget.findData(None)
        if index < 0 and value is None and self.spec.optional:
            index = 0
        self.widget.setCurrentIndex(index)


class _DateEditor(FieldEditor):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec, OptionalDateEdit(spec.optional))
        self._loading = False
        self.widget.changed.connect(self._on_changed)

    def _on_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> datetime.date | None:
        return self.widget.value()

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.widget.set_value(value)
        finally:
            self._loading = False


class _IntegerEditor(FieldEditor):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec, QSpinBox())
        low = spec.minimum - 1 if spec.optional else spec.minimum
        self.widget.setRange(low, spec.maximum)
        if spec.optional:
            self.widget.setSpecialValueText(self.tr("None"))
        self.widget.valueChanged.connect(self._on_changed)
        self._loading = False

    def _on_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> int | None:
        number = self.widget.value()
        return None if self.spec.optional and number == self.widget.minimum() else number

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.widget.setValue(self.widget.minimum() if value is None else int(value))
        finally:
            self._loading = False


def parse_number(text: str, locale: QLocale | None = None) -> decimal.Decimal | str | None:
    """A number typed in the user's locale ('1 234,5', '1,234.5'); None when empty, the text itself if unreadable.

    Unreadable text is passed on as typed so that the service names the field that is wrong.
    """
    locale = locale or QLocale()
    stripped = text.strip()
    if not stripped:
        return None
    for separator in {locale.groupSeparator(), "\u00a0", "\u202f", " "}:
        stripped = stripped.replace(separator, "")
    if locale.decimalPoint() != ".":
        stripped = stripped.replace(locale.decimalPoint(), ".")
    try:
        number = decimal.Decimal(stripped)
    except decimal.InvalidOperation:
        return text.strip()
    return number if number.is_finite() else text.strip()


def format_number(value: Any, decimals: int, locale: QLocale | None = None) -> str:
    """A stored amount or figure in the user's locale, without needless trailing zeros for figures."""
    if value is None:
        return ""
    locale = locale or QLocale()
    if isinstance(value, decimal.Decimal):
        return locale.toString(float(value), "f", decimals)
    number = float(value)
    if number.is_integer():
        return locale.toString(int(number))
    return locale.toString(number, "g", 15)


class _DecimalEditor(FieldEditor):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec, QLineEdit())
        self.widget.setPlaceholderText(spec.placeholder)
        self.widget.textEdited.connect(self.edited)

    def value(self) -> decimal.Decimal | str | None:
        return parse_number(self.widget.text())

    def set_value(self, value: Any) -> None:
        self.widget.setText(format_number(value, self.spec.decimals))


class _CheckEditor(FieldEditor):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec, QCheckBox())
        self.widget.toggled.connect(self._on_toggled)
        self._loading = False

    def _on_toggled(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> bool:
        return self.widget.isChecked()

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.widget.setChecked(bool(value))
        finally:
            self._loading = False


_EDITORS: dict[FieldKind, type[FieldEditor]] = {
    FieldKind.LINE: _LineEditor,
    FieldKind.TEXT: _TextEditor,
    FieldKind.CHOICE: _ComboEditor,
    FieldKind.REFERENCE: _ComboEditor,
    FieldKind.DATE: _DateEditor,
    FieldKind.INTEGER: _IntegerEditor,
    FieldKind.DECIMAL: _DecimalEditor,
    FieldKind.CHECK: _CheckEditor,
}


def make_editor(spec: FieldSpec) -> FieldEditor:
    """The editor for the field's kind, its widget named after the field (for tests and style sheets)."""
    editor = _EDITORS[spec.kind](spec)
    editor.widget.setObjectName(f"field_{spec.name}")
    if spec.tooltip:
        editor.widget.setToolTip(spec.tooltip)
    return editor


def same_value(stored: Any, entered: Any) -> bool:
    """Whether what the user entered equals the stored value (an amount typed as 2000 equals 2000.00)."""
    if isinstance(entered, decimal.Decimal) and isinstance(stored, (decimal.Decimal, float, int)):
        if isinstance(stored, float):
            return float(entered) == stored
        return entered == stored
    if stored is None and entered == "":
        return True
    return stored == entered
