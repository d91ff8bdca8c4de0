"""Make Chinese and Vietnamese text render on any machine: load the bundled fonts into Qt."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from dialogue_planner.resources import CJK_FAMILY, all_font_paths


def install_bundled_fonts(app: QApplication) -> list[str]:
    """Register the bundled fonts and add the CJK one as a fallback to the app's font.

    The system's font stays first, so the app looks native; characters it lacks
    (Chinese on a machine without CJK fonts) fall back to the bundled family
    instead of showing as boxes. Returns the families that were registered.
    """
    families: list[str] = []
    for path in all_font_paths():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    font = QFont(app.font())
    chain = [name for name in font.families() or [font.family()] if name != CJK_FAMILY]
    font.setFamilies([*chain, CJK_FAMILY])
    app.setFont(font)
    return families
