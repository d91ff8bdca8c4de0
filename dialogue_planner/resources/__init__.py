"""Files the app ships: fonts (with their licences), found relative to the package.

Nothing here imports Qt: the PDF code and the UI both ask for the same paths.
"""

from __future__ import annotations

from pathlib import Path

FONTS_FOLDER = Path(__file__).with_name("fonts")

# DejaVu Sans covers Latin with every Vietnamese diacritic and Indonesian; Droid Sans
# Fallback covers Chinese characters. Both are TrueType outlines, which reportlab embeds.
LATIN_FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "bold_italic": "DejaVuSans-BoldOblique.ttf",
}
CJK_FONT_FILE = "DroidSansFallbackFull.ttf"
LATIN_FAMILY = "DejaVu Sans"
CJK_FAMILY = "Droid Sans Fallback"


def font_path(file_name: str) -> Path:
    """The path of a bundled font file.

    The package is installed as files, never zipped (pyproject's package data), so the
    path beside this module is the file itself; importlib.resources cost every start
    a hundredth of a second to say the same.
    """
    path = FONTS_FOLDER / file_name
    if not path.is_file():
        raise FileNotFoundError(f"bundled font {file_name} is missing from the installation")
    return path


def all_font_paths() -> list[Path]:
    """Every bundled font file, Latin first then CJK."""
    return [font_path(name) for name in (*LATIN_FONT_FILES.values(), CJK_FONT_FILE)]
