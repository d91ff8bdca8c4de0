"""Qt's enums made the standard library's quick way while the app starts.

PySide6 turns each Qt enum into a Python enum when its class is first used (all 93 of Qt's
namespace at once): some 190 before the app's first paint. It makes them with `enum`'s functional
API, `Enum(name, [(member, value), ...], boundary=KEEP)`, which checks every member as if it were
typed into a class body (`_EnumDict`, then `EnumType.__new__`): about 118 M of the 900 M
instructions (callgrind) a start executes until its first paint, some 30 ms.

The standard library makes its own enums that need no such checks (`re.RegexFlag`,
`http.HTTPStatus`) with `enum._simple_enum`, which builds the same class directly. From `start()`
until `finish()`, calls of exactly PySide6's shape (the base one of Enum, IntEnum, Flag and IntFlag
themselves, no mixed-in type, a list of (name, int) pairs with distinct, public names) are made
that way; any other call goes the usual way. tests/test_quick_enums.py makes every enum of the Qt
modules the app uses both ways and compares them member by member.
"""

from __future__ import annotations

import enum
import sys
from typing import Any

_simple_enum = getattr(enum, "_simple_enum", None)  # Python 3.11 on
_BASES = (enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag)
_class = type  # _quick_create's parameters include enum's own `type`
_TAKEN: dict[type, set[str]] = {}  # each base's attribute names, which a quick enum's members must not take


class QuickEnums:
    """While started, `EnumType._create_` (behind `Enum(name, members)`) makes enums of PySide6's shape quickly."""

    def __init__(self) -> None:
        self.made = 0  # enums made the quick way
        self.passed = 0  # calls of another shape, passed to enum's own
        self.started = False
        self._create: Any = None  # what made enums before start(): enum's own, or another's stand-in

    def start(self) -> QuickEnums:
        if _simple_enum is None or self.started:
            return self
        self._create = enum.EnumType.__dict__["_create_"]
        enum.EnumType._create_ = _quick_create  # type: ignore[method-assign]
        self.started = True
        return self

    def finish(self) -> None:
        if not self.started:
            return
        if enum.EnumType.__dict__.get("_create_") is _quick_create:
            enum.EnumType._create_ = self._create  # type: ignore[method-assign]
        # else a stand-in installed since holds this one, which passes everything on from now on
        self.started = False


START_UP = QuickEnums()


def _quick_create(
    cls: Any,
    class_name: str,
    names: Any,
    *,
    module: str | None = None,
    qualname: str | None = None,
    type: Any = None,  # noqa: A002 - enum's own parameter name
    start: int = 1,
    boundary: Any = None,
) -> Any:
    if module is None:  # as enum does: the calling module, two frames up (past EnumType.__call__)
        try:
            module = sys._getframe(2).f_globals["__name__"]
        except (AttributeError, ValueError, KeyError):
            pass
    if START_UP.started and cls in _BASES and type is None and _plain_members(cls, names):
        try:
            made = _made_quickly(cls, class_name, names, module, qualname, boundary)
        except Exception:  # noqa: BLE001 - never worse than the usual way (PySide6 crashes on an error here)
            made = None
        if made is not None:
            START_UP.made += 1
            return made
    START_UP.passed += 1
    return START_UP._create(
        cls, class_name, names, module=module, qualname=qualname, type=type, start=start, boundary=boundary
    )


def _made_quickly(
    cls: Any, class_name: str, names: list[tuple[str, int]], module: str | None, qualname: str | None, boundary: Any
) -> Any:
    body: dict[str, Any] = dict(names)
    if module is None:
        enum._make_class_unpicklable(body)  # type: ignore[attr-defined]
    else:
        body["__module__"] = module
    if qualname is not None:
        body["__qualname__"] = qualname
    made = _simple_enum(cls, boundary=boundary)(_class(class_name, (), body))
    made.__doc__ = None  # _simple_enum's stand-in
    if qualname is not None:  # a class body's __qualname__ names the class, and _simple_enum copies no name
        made.__qualname__ = qualname
    for name, member in made._member_map_.items():
        # As the usual way keeps them: the member itself on the class, not a property that looks it up
        # (in Python) at every `Qt.ItemDataRole.DisplayRole`.
        _class.__setattr__(made, name, member)  # past EnumType.__setattr__, which guards members
    return made


def _plain_members(cls: Any, names: Any) -> bool:
    """A list of (name, int) pairs, the names distinct and public and none an attribute of `cls` (such as
    `name` or `value`, which the usual way gives a property of their own): what needs none of the usual checks."""
    if _class(names) is not list or not names:
        return False
    taken = _TAKEN.get(cls)
    if taken is None:
        taken = _TAKEN[cls] = {name for kind in cls.__mro__ for name in vars(kind)}
    seen = set()
    for item in names:
        if _class(item) is not tuple or len(item) != 2:
            return False
        name, value = item
        if _class(name) is not str or _class(value) is not int or not name or name[0] == "_":
            return False
        if name in seen or name in taken or name == "mro":
            return False
        seen.add(name)
    return True
