"""Validation of record values: type, length, range, vocabulary, references, uniqueness.

`clean_values` turns raw input (from a form, the command line or a JSON file)
into stored values, or raises one `ValidationError` naming every bad field.
Cross-field rules of each record type live in `RULES`.
"""

from __future__ import annotations

import datetime
import decimal
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import peewee

from dialogue_planner.errors import ValidationError
from dialogue_planner.storage import models as m

# Fields the services maintain themselves; input may never set them.
MANAGED_FIELDS = frozenset({"id", "created_at", "updated_at", "changed_by", "version"})

INTEGER_LIMIT = 2**31 - 1
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2200, 12, 31)

# Allowed ranges (inclusive) of numeric fields; any other number must merely fit.
NUMBER_RANGES: dict[tuple[type[peewee.Model], str], tuple[float, float]] = {
    (m.Dialogue, "start_year"): (1900, 2200),
    (m.Dialogue, "focus_target"): (1, 50),
    (m.Round, "number"): (1, 100_000),
    (m.AgendaItem, "position"): (0, 100_000),
    (m.AgendaItem, "minutes"): (0, 24 * 60),
    (m.JointProject, "budget"): (0, 10**13 - 1),
    (m.ProjectDonor, "amount"): (0, 10**13 - 1),
    (m.ProjectResult, "baseline"): (0, 1e15),
    (m.ProjectResult, "target"): (0, 1e15),
    (m.ProjectResult, "actual"): (0, 1e15),
}

# How a broken uniqueness rule reads, keyed by table and the field it is reported on.
UNIQUE_MESSAGES: dict[tuple[str, str], str] = {
    ("round", "number"): "this dialogue already has a round with this number",
    ("agenda_item", "topic"): "this topic is already on the round's agenda",
    ("delegation_member", "person"): "this person is already in the round's delegations",
    ("dialogue", "country"): "this country already has a dialogue",
    ("case_raising", "round"): "this case is already to be raised at this round",
    ("project_topic", "topic"): "the project already has this topic",
    ("project_partner", "institution"): "the project already has this partner institution",
    ("multilateral_topic", "topic"): "the item already has this topic",
    ("multilateral_position", "country"): "the item already has a position for this country",
}

_FORBIDDEN_IN_LINE = re.compile(r"[\x00-\x1f\x7f]")
_FORBIDDEN_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _Invalid(Exception):
    """One field's value is refused; carries the message."""


def _clean_text(field: peewee.Field, value: Any) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _Invalid("must be text")
    if _SURROGATE.search(value):
        raise _Invalid("contains characters that cannot be stored (broken Unicode)")
    long_text = isinstance(field, m.LongTextField)
    if long_text:
        if _FORBIDDEN_IN_TEXT.search(value):
            raise _Invalid("contains control characters")
    else:
        if _FORBIDDEN_IN_LINE.search(value):
            raise _Invalid("must be a single line without control characters")
        value = value.strip()
    limit = getattr(field, "max_length", None)
    if limit and len(value) > limit:
        raise _Invalid(f"is longer than {limit} characters")
    if field.choices:
        allowed = [choice for choice, _ in field.choices]
        if value not in allowed:
            raise _Invalid("must be one of: " + ", ".join(allowed))
    return value


def _limit(number: float) -> str:
    # Written out in full: ':g' shows 10**13 - 1 as "1e+13", a limit the user may not reach.
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def _check_range(model: type[peewee.Model], field: peewee.Field, value: float) -> None:
    low, high = NUMBER_RANGES.get((model, field.name), (-INTEGER_LIMIT, INTEGER_LIMIT))
    if value < low:
        raise _Invalid("must not be negative" if low == 0 else f"must be at least {_limit(low)}")
    if value > high:
        raise _Invalid(f"must be at most {_limit(high)}")


def _clean_integer(model: type[peewee.Model], field: peewee.Field, value: Any) -> int:
    if isinstance(value, bool):
        raise _Invalid("must be a whole number")
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d{1,12}\s*", value):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise _Invalid("must be a whole number")
    _check_range(model, field, value)
    return value


def _clean_float(model: type[peewee.Model], field: peewee.Field, value: Any) -> float:
    if isinstance(value, bool):
        raise _Invalid("must be a number")
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            raise _Invalid("must be a number") from None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _Invalid("must be a finite number")
    _check_range(model, field, value)
    return float(value)


def _clean_decimal(model: type[peewee.Model], field: peewee.DecimalField, value: Any) -> decimal.Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, str, decimal.Decimal, float)):
        raise _Invalid("must be an amount")
    try:
        amount = decimal.Decimal(str(value).strip())
    except decimal.InvalidOperation:
        raise _Invalid("must be an amount") from None
    if not amount.is_finite():
        raise _Invalid("must be a finite amount")
    _check_range(model, field, amount)
    if amount.as_tuple().exponent < -field.decimal_places:
        raise _Invalid(f"has more than {field.decimal_places} decimal places")
    return amount.quantize(decimal.Decimal(1).scaleb(-field.decimal_places))


def _clean_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        raise _Invalid("must be a date without a time")
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise _Invalid("must be a date as YYYY-MM-DD") from None
    if not isinstance(value, datetime.date):
        raise _Invalid("must be a date as YYYY-MM-DD")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise _Invalid(f"must lie between {EARLIEST_DATE.year} and {LATEST_DATE.year}")
    return value


def _clean_reference(field: peewee.ForeignKeyField, value: Any) -> int:
    if isinstance(value, peewee.Model):
        value = value.get_id()
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= INTEGER_LIMIT:
        # Out of range is refused here: SQLite cannot even bind an id past 64 bits (OverflowError).
        raise _Invalid(f"must be the id of a {field.rel_model.label()}")
    if not field.rel_model.select().where(field.rel_model.id == value).exists():
        raise _Invalid(f"no {field.rel_model.label()} with id {value}")
    return value


def clean_field(model: type[peewee.Model], field: peewee.Field, value: Any) -> Any:
    """One field's stored value from raw input; raises `_Invalid` with the reason."""
    if value is None or (value == "" and not isinstance(field, (peewee.CharField, peewee.TextField))):
        if field.null:
            return None
        if isinstance(field, (peewee.CharField, peewee.TextField)):
            return _clean_text(field, value)
        raise _Invalid("is required")
    if isinstance(field, peewee.ForeignKeyField):
        return _clean_reference(field, value)
    if isinstance(field, (peewee.CharField, peewee.TextField)):
        return _clean_text(field, value)
    if isinstance(field, peewee.BooleanField):
        if not isinstance(value, bool):
            raise _Invalid("must be true or false")
        return value
    if isinstance(field, peewee.DateField):
        return _clean_date(value)
    if isinstance(field, peewee.DecimalField):
        return _clean_decimal(model, field, value)
    if isinstance(field, peewee.FloatField):
        return _clean_float(model, field, value)
    if isinstance(field, peewee.IntegerField):
        return _clean_integer(model, field, value)
    raise _Invalid("cannot be set")  # pragma: no cover - every model field type is handled above


def is_required(field: peewee.Field) -> bool:
    """A field that must be given on create: not nullable and without a default."""
    if isinstance(field, peewee.AutoField) or field.name in MANAGED_FIELDS:
        return False
    if isinstance(field, peewee.CharField) and not field.null and field.default is None:
        return True
    return not field.null and field.default is None


def clean_values(model: type[m.Record], values: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    """Validated stored values for `values`; raises ValidationError naming every bad field."""
    fields = model._meta.fields
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, value in values.items():
        field = fields.get(name)
        if field is None or name in MANAGED_FIELDS:
            label = model.label()
            errors[name] = f"is not a field of {'an' if label[0] in 'aeiou' else 'a'} {label}"
            continue
        try:
            cleaned[name] = clean_field(model, field, value)
        except _Invalid as invalid:
            errors[name] = str(invalid)
    if creating:
        for name, field in fields.items():
            if name not in values and is_required(field):
                errors[name] = "is required"
    for name in _required_text_fields(model):
        if name in cleaned and not cleaned[name].strip():
            errors.setdefault(name, "must not be empty")
    if errors:
        raise ValidationError(errors, record=model.label())
    return cleaned


def _required_text_fields(model: type[peewee.Model]) -> list[str]:
    return [
        name
        for name, field in model._meta.fields.items()
        if isinstance(field, peewee.CharField) and field.default is None and not field.null
        and not field.choices and name not in MANAGED_FIELDS
    ]


def check_record(model: type[m.Record], values: Mapping[str, Any], record_id: int | None) -> None:
    """Cross-field and uniqueness rules over a record's full values."""
    errors: dict[str, str] = {}
    for rule in RULES.get(model, ()):
        errors.update(rule(values))
    errors.update(_uniqueness_errors(model, values, record_id))
    if errors:
        raise ValidationError(errors, record=model.label())


def _unique_groups(model: type[peewee.Model]) -> list[tuple[str, ...]]:
    groups = [(name,) for name, field in model._meta.fields.items() if field.unique]
    groups += [tuple(columns) for columns, unique in (model._meta.indexes or ()) if unique]
    return groups


def _uniqueness_errors(model: type[peewee.Model], values: Mapping[str, Any], record_id: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    for group in _unique_groups(model):
        if any(values.get(name) is None for name in group):
            continue
        query = model.select(model.id)
        for name in group:
            query = query.where(getattr(model, name) == values[name])
        if record_id is not None:
            query = query.where(model.id != record_id)
        if query.exists():
            reported = group[-1]
            table = model._meta.table_name
            errors[reported] = UNIQUE_MESSAGES.get((table, reported), "is already used by another record")
    return errors


def _dates_in_order(start: str, end: str, message: str) -> Callable[[Mapping[str, Any]], dict[str, str]]:
    def rule(values: Mapping[str, Any]) -> dict[str, str]:
        if values.get(start) and values.get(end) and values[end] < values[start]:
            return {end: message}
        return {}

    return rule


def _iso_country_code(values: Mapping[str, Any]) -> dict[str, str]:
    code = values.get("iso_code") or ""
    if not re.fullmatch(r"[A-Z]{2}", code):
        return {"iso_code": "must be two capital letters (ISO 3166-1 alpha-2)"}
    return {}


def _currency_code(values: Mapping[str, Any]) -> dict[str, str]:
    code = values.get("currency") or ""
    if code and not re.fullmatch(r"[A-Z]{3}", code):
        return {"currency": "must be three capital letters (ISO 4217), such as NOK or USD"}
    if values.get("budget") is not None and not code:
        return {"currency": "is required when a budget is given"}
    return {}


def _completion_matches_status(values: Mapping[str, Any]) -> dict[str, str]:
    if values.get("completed_on") and values.get("status") != "done":
        return {"completed_on": "can only be set when the follow-up is done"}
    return {}


RULES: dict[type[m.Record], list[Callable[[Mapping[str, Any]], dict[str, str]]]] = {
    m.Country: [_iso_country_code],
    m.Round: [_dates_in_order("start_date", "end_date", "is before the start date")],
    m.PriorityTopic: [_dates_in_order("valid_from", "valid_to", "is before the date it takes effect")],
    m.JointProject: [
        _dates_in_order("start_date", "end_date", "is before the start date"),
        _currency_code,
    ],
    m.FollowUp: [_completion_matches_status],
}
