"""The bundled fonts are installed with the package, with their licences beside them."""

from __future__ import annotations

from dialogue_planner.resources import CJK_FONT_FILE, all_font_paths, font_path


def test_every_bundled_font_is_a_truetype_file_with_a_licence():
    paths = all_font_paths()

    assert [path.name for path in paths][-1] == CJK_FONT_FILE
    for path in paths:
        # TrueType outlines (0x00010000), the kind reportlab can embed; CFF-based OpenType starts with OTTO.
        assert path.read_bytes()[:4] == b"\x00\x01\x00\x00", path.name
    licences = sorted(path.name for path in font_path(CJK_FONT_FILE).parent.glob("LICENSE-*"))
    assert licences == ["LICENSE-DejaVu.txt", "LICENSE-DroidSansFallback-Apache-2.0.txt"]
