"""Enums made the quick way while the app starts are the enums Python's own way makes, for every Qt enum."""

from __future__ import annotations

import enum
import importlib
import pickle
from typing import Any

import pytest

from dialogue_planner import quick_enums
from dialogue_planner.quick_enums import QuickEnums

# The PySide6 modules the app imports.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtCharts", "QtPdf", "QtPdfWidgets", "QtPrintSupport")


@pytest.fixture
def started():
    """A started QuickEnums in place of the app's, which is put back as it was afterwards."""
    app_started = quick_enums.START_UP.started
    quick_enums.START_UP.finish()
    made = QuickEnums().start()
    quick_enums.START_UP, app_start_up = made, quick_enums.START_UP
    yield made
    made.finish()
    quick_enums.START_UP = app_start_up
    if app_started:
        app_start_up.start()


def _usual(base: type, *args: Any, **kwargs: Any) -> Any:
    """`base(*args, **kwargs)` made Python's own way, started or not."""
    quick = enum.EnumType.__dict__["_create_"]
    enum.EnumType._create_ = quick_enums.START_UP._create if quick is quick_enums._quick_create else quick
    try:
        return base(*args, **kwargs)
    finally:
        enum.EnumType._create_ = quick


def _qt_enums() -> list[enum.EnumType]:
    """Every enum of the Qt modules, on their classes and the classes nested in them."""
    found: dict[int, enum.EnumType] = {}

    def walk(owner: Any, depth: int) -> None:
        for name in dir(owner):
            try:
                value = getattr(owner, name)
            except Exception:  # noqa: BLE001 - a few attributes of PySide6's types can't be read off the class
                continue
            if not isinstance(value, type) or not value.__module__.startswith("PySide6") or value is owner:
                continue
            if isinstance(value, enum.EnumType):
                found[id(value)] = value
            elif depth < 2:
                walk(value, depth + 1)

    for module in QT_MODULES:
        walk(importlib.import_module(f"PySide6.{module}"), 0)
    return list(found.values())


def _same(value: Any) -> Any:
    """What can be compared between two classes: a member by name and value, a method by its function."""
    if isinstance(value, enum.Enum):
        return (value._name_, value._value_)
    if isinstance(value, enum.EnumType):  # the member's own class
        return value.__qualname__
    if isinstance(value, (property, enum.property)):
        return type(value).__name__
    value = getattr(value, "__func__", value)
    if isinstance(value, (dict, list)) and not callable(value):
        return repr(value) if not isinstance(value, dict) else {key: _same(item) for key, item in value.items()}
    return value


def _facts(kind: enum.EnumType) -> dict[str, Any]:
    """Everything an enum class shows: its names, its members and their every attribute, how it looks them up,
    what its class dictionary holds, and how its members print, combine and fail."""
    members = kind.__members__
    facts: dict[str, Any] = {
        "class": (kind.__name__, kind.__qualname__, kind.__module__, kind.__doc__, [c.__name__ for c in kind.__mro__]),
        "members": [(name, m._name_, m._value_, repr(m), str(m), format(m), f"{m!r:>5}")
                    for name, m in members.items()],
        "canonical": (list(kind._member_names_), [m.name for m in kind], len(kind), [bool(m) for m in kind]),
        "by value": {value: m._name_ for value, m in kind._value2member_map_.items()},
        "attributes": [getattr(kind, name)._name_ for name in members],
        "member dicts": [{key: _same(v) for key, v in vars(m).items()} for m in members.values()],
    }
    for key, value in vars(kind).items():  # members included: the member itself, or a property looking it up
        facts[f"class dict {key}"] = _same(value)
    values = [m._value_ for m in members.values()]
    if issubclass(kind, enum.Flag):
        singles = list(kind)
        facts["flag"] = (kind._flag_mask_, kind._singles_mask_, kind._all_bits_, kind._boundary_, _outcome(kind, 0))
        if len(singles) >= 2:
            both = singles[0] | singles[1]
            facts["combined"] = (repr(both), str(both), [m.name for m in both], repr(~singles[0]),
                                 repr(singles[0] & singles[1]), repr(singles[0] ^ both),
                                 repr(kind(singles[0]._value_ | 1 << 40)))
    else:
        facts["looked up"] = [kind(value)._name_ for value in values]
        facts["not a member"] = _outcome(kind, max(values, default=0) + 1000)
    return facts


def _outcome(kind: enum.EnumType, value: int) -> str:
    """The member `kind(value)` gives, or the error it raises."""
    try:
        return repr(kind(value))
    except (ValueError, TypeError) as error:
        return f"{type(error).__name__}: {error}"


def test_every_qt_enum_made_the_quick_way_is_the_enum_pythons_own_way_makes(started):
    kinds = _qt_enums()
    assert len(kinds) > 600  # QtCore, QtGui, QtWidgets, QtCharts, QtPdf, QtPdfWidgets, QtPrintSupport

    differing = []
    for kind in kinds:
        base = kind.__bases__[0]
        assert base in (enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag), kind
        # What PySide6 passes when it makes the enum: its members in order, aliases included.
        members = [(name, m._value_) for name, m in kind._member_map_.items()]
        arguments = {"module": kind.__module__, "qualname": kind.__qualname__, "boundary": enum.KEEP}
        usual = _usual(base, kind.__name__, members, **arguments)
        made = started.made
        quick = base(kind.__name__, members, **arguments)

        assert started.made == made + (1 if members else 0), kind  # an enum without members goes the usual way
        usual_facts, quick_facts = _facts(usual), _facts(quick)
        if usual_facts != quick_facts:
            differing.append((kind.__qualname__, [k for k in usual_facts.keys() | quick_facts.keys()
                                                  if usual_facts.get(k) != quick_facts.get(k)]))
    assert differing == []
    assert started.made > 600


def test_a_quick_enum_pickles_as_its_member_of_the_module():
    from PySide6.QtCore import Qt

    assert pickle.loads(pickle.dumps(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert pickle.loads(pickle.dumps(Qt.ItemDataRole.UserRole)) is Qt.ItemDataRole.UserRole


class _Described(enum.Enum):
    def describe(self) -> str:
        return self.name.lower()


@pytest.mark.parametrize(
    ("base", "members", "kwargs"),
    [
        (enum.Enum, "RED GREEN BLUE", {}),  # names only, as text
        (enum.Enum, ["RED", "GREEN"], {}),  # names only, numbered from start
        (enum.Enum, {"RED": 1, "GREEN": 2}, {}),  # a mapping
        (enum.Enum, [("RED", "r"), ("GREEN", "g")], {}),  # values not int
        (enum.Enum, [("RED", 1), ("GREEN", 2)], {"type": str}),  # a mixed-in type
        (_Described, [("RED", 1), ("GREEN", 2)], {}),  # an enum of one's own with methods
        (enum.Enum, [("_RED", 1), ("GREEN", 2)], {}),  # a private name
        (enum.IntEnum, [("name", 1), ("value", 2)], {}),  # names of Enum's own properties
        (enum.IntFlag, [("RED", 1), ("denominator", 2)], {}),  # a name of int's
        (enum.Enum, [], {}),  # no members
    ],
)
def test_enums_of_any_other_shape_are_made_pythons_own_way(started, base, members, kwargs):
    made = base("Colour", members, module=__name__, **kwargs)

    assert (started.made, started.passed) == (0, 1)
    usual = _usual(base, "Colour", members, module=__name__, **kwargs)
    assert [(m.name, m.value) for m in made] == [(m.name, m.value) for m in usual]


def test_what_enum_refuses_it_still_refuses(started):
    with pytest.raises(TypeError, match="'RED' already defined"):
        enum.Enum("Colour", [("RED", 1), ("RED", 2)])
    with pytest.raises(ValueError, match="invalid enum member name"):
        enum.Enum("Colour", [("mro", 1)])
    assert started.made == 0


def test_an_enum_made_with_no_module_named_is_of_the_calling_module(started):
    made = enum.IntEnum("Colour", [("RED", 1), ("GREEN", 2)])

    assert started.made == 1
    assert made.__module__ == __name__ and made.__qualname__ == "Colour"
    assert made.RED == 1 and made(2) is made.GREEN


def test_finished_enums_are_made_pythons_own_way_again_even_under_a_later_stand_in(started):
    usual = enum.EnumType.__dict__["_create_"]
    stand_in_calls: list[str] = []

    def stand_in(cls, class_name, names, **kwargs):
        stand_in_calls.append(class_name)
        return usual(cls, class_name, names, **kwargs)

    enum.EnumType._create_ = stand_in  # another's stand-in over this one
    try:
        started.finish()
        assert enum.EnumType.__dict__["_create_"] is stand_in  # left in place, passing on
        made = enum.Enum("Colour", [("RED", 1), ("GREEN", 2)])
    finally:
        enum.EnumType._create_ = started._create
    assert stand_in_calls == ["Colour"] and (started.made, started.passed) == (0, 1)
    assert made.GREEN.value == 2

    started.start()
    started.finish()
    assert enum.EnumType.__dict__["_create_"] is started._create  # finished without a stand-in: enum's own back
