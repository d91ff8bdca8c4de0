"""A faster answer to PySide6's question "does this module use PySide6?", asked of every module imported after it.

PySide6's `from __feature__ import ...` machinery records for each newly imported
module whether its source mentions "PySide6" (shibokensupport.feature, PYSIDE-2029).
It finds out through `inspect.getsource`, which goes through linecache and costs
about 0.16 ms a module: some 15-20 ms of the app's start-up, for the 90-120
modules it imports after Qt. Reading the file's bytes gives the same answer for a
plain source file in about a quarter of the time; anything else (no file,
extension modules, unreadable files) still gets PySide6's own answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"


def _reading_the_file(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.replaces = original  # type: ignore[attr-defined]
    return uses_pyside


def install() -> bool:
    """Answer PySide6's per-module check by reading the file; False where this PySide6 has no such check."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _CHECK, None)
    if not callable(original):
        return False
    if not hasattr(original, "replaces"):
        setattr(feature, _CHECK, _reading_the_file(original))
    return True
