"""Fonts and user text for reportlab: the bundled TrueType fonts, escaping, and CJK font runs.

reportlab does no font fallback: a character the paragraph's font lacks shows as a box.
`text()` therefore escapes user text and wraps each run of characters that DejaVu Sans
lacks (Chinese) in Droid Sans Fallback. `briefs.document` re-exports everything here;
import from there.
"""

from __future__ import annotations

import re
import threading
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaFrag

from dialogue_planner.resources import CJK_FONT_FILE, LATIN_FONT_FILES, font_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
FONT_CJK = "DroidSansFallback"


_font_lock = threading.Lock()
_cjk_runs: re.Pattern[str] | None = None  # fonts are process-wide in reportlab, and so is this pattern


def register_fonts() -> None:
    """Register the bundled fonts with reportlab (idempotent, thread-safe)."""
    global _cjk_runs
    with _font_lock:
        if _cjk_runs is not None:
            return
        names = {"regular": FONT, "bold": FONT_BOLD, "italic": FONT_ITALIC, "bold_italic": FONT_BOLD_ITALIC}
        for variant, name in names.items():
            pdfmetrics.registerFont(TTFont(name, str(font_path(LATIN_FONT_FILES[variant]))))
        cjk_font = TTFont(FONT_CJK, str(font_path(CJK_FONT_FILE)))
        pdfmetrics.registerFont(cjk_font)
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )
        # Droid has one weight; <b> inside a CJK run must still resolve to a font.
        pdfmetrics.registerFontFamily(FONT_CJK, normal=FONT_CJK, bold=FONT_CJK, italic=FONT_CJK, boldItalic=FONT_CJK)
        _cjk_runs = _fallback_pattern(set(pdfmetrics.getFont(FONT).face.charToGlyph), set(cjk_font.face.charToGlyph))


def _fallback_pattern(main_codes: set[int], fallback_codes: set[int]) -> re.Pattern[str]:
    """A regex matching runs of characters the main font lacks and the fallback font has.

    Spaces between two such characters stay in the run, so a Chinese phrase with spaces
    is one font switch. A regex scans text in C: far faster than a per-character loop.
    """
    codes = sorted(code for code in fallback_codes - main_codes if code > 0x7F and not chr(code).isspace())
    ranges: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            ranges.append(re.escape(chr(start)) + (f"-{re.escape(chr(previous))}" if previous > start else ""))
            start = code
        previous = code
    characters = "[" + "".join(ranges) + "]"
    return re.compile(f"{characters}+(?:\\s+{characters}+)*")


def text(value: object) -> str:
    """Paragraph markup that shows `value` literally, in the right font for each script.

    Markup characters are escaped, line breaks become <br/>, and runs of characters the
    main font lacks (Chinese) are wrapped in the CJK font, so the text extracts back
    exactly as stored.
    """
    register_fonts()
    escaped = escape("" if value is None else str(value))
    # Escaping only touches &, < and >, which are never in a CJK run: safe to mark runs after it.
    marked = _cjk_runs.sub(lambda run: f'<font name="{FONT_CJK}">{run.group(0)}</font>', escaped)
    return marked.replace("\r\n", "\n").replace("\n", "<br/>")


class WrapOnceParagraph(Paragraph):
    """A Paragraph that remembers its last line breaking.

    Tables wrap each cell several times at the same width (to measure rows, to split
    across pages, to draw); breaking lines again gives the same result, so it is skipped.
    """

    _wrapped_width: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # split() may drop the line breaking (blPara) when it moves the paragraph on whole
        if self._wrapped_width == available_width and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(available_width, available_height)
        self._wrapped_width = available_width
        return size


def para(value: object, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A Paragraph showing user text `value` literally (see `text`), with an optional bullet.

    Most text is one run in the main font on one line; for that the paragraph is built
    from a single text fragment instead of parsing markup, which is most of the cost of
    making a paragraph. The fragment holds the raw text, so nothing needs escaping.
    """
    register_fonts()
    raw = "" if value is None else str(value)
    if "\n" in raw or "\r" in raw or _cjk_runs.search(raw):
        return WrapOnceParagraph(text(raw), style, bulletText=bullet)
    paragraph = WrapOnceParagraph(None, style, bulletText=bullet, frags=[_plain_fragment(style).clone(text=raw)])
    paragraph.text = escape(raw)  # the markup it stands for, as a parsed Paragraph keeps it in .text
    return paragraph


def _plain_fragment(style: ParagraphStyle) -> ParaFrag:
    """The fragment reportlab's parser makes for plain text in `style`, made once per style.

    Kept on the style with what it depends on: a style derived from this one copies its
    attributes (reportlab styles do), and a style changed later must not reuse it.
    """
    key = (id(style), style.fontName, style.fontSize, str(style.textColor))
    cached = style.__dict__.get("_plain_fragment")
    if cached is not None and cached[0] == key:
        return cached[1]
    parsed = Paragraph("x", style).frags
    if len(parsed) != 1:  # plain text always parses to one fragment; fail loudly if reportlab changes that
        raise ValueError(f"style {style.name} does not give one fragment for plain text")
    fragment = parsed[0].clone(text="")
    style.__dict__["_plain_fragment"] = (key, fragment)
    return fragment
