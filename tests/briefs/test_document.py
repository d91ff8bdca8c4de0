"""The shared PDF base: fonts, escaping, page numbers, TOC links, bookmarks, atomic writing."""

from __future__ import annotations

import io
import os
import threading

import pypdf
import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak

from dialogue_planner.briefs.document import (
    CONTENT_WIDTH,
    DocumentCancelled,
    DocumentInfo,
    DocumentWriteError,
    Heading,
    data_table,
    document_styles,
    para,
    render_pdf,
    start_content,
    table_of_contents,
    text,
    write_pdf_atomically,
)


def test_text_escapes_markup_and_marks_chinese_runs():
    assert text("<b>&") == "&lt;b&gt;&amp;"
    assert text("Trần 张伟 x") == 'Trần <font name="DroidSansFallback">张伟</font> x'
    assert text("人权 法治、x") == '<font name="DroidSansFallback">人权 法治、</font>x'
    assert text("a\nb") == "a<br/>b"
    assert text(None) == ""


def _sample_story():
    styles = document_styles()
    story = [para("Cover <b>&", styles["title"]), *start_content(), table_of_contents(styles), PageBreak()]
    for number in range(3):
        story.append(Heading(f"Section {number} Việt Nam 人权", styles["h1"], 0))
        story.append(Heading(f"Item {number} 法治", styles["h2"], 1))
        story.append(para("Nguyễn Văn Đức 张伟 " * 200, styles["body"]))
        story.append(data_table(["A", "B"], [["<i>", "中文"]], [80, CONTENT_WIDTH - 80], styles))
    return story


INFO = DocumentInfo(title="Sample title", header="Header line", marking="RESTRICTED", author="Desk", subject="Subj")


def _page_of(reader: pypdf.PdfReader, destination) -> int:
    return reader.get_destination_page_number(destination) + 1


def test_rendered_pdf_numbers_pages_and_links_headings():
    rendered = render_pdf(_sample_story(), INFO, invariant=True)
    reader = pypdf.PdfReader(io.BytesIO(rendered.data))
    assert len(reader.pages) == rendered.page_count
    texts = [page.extract_text() for page in reader.pages]
    for number, page_text in enumerate(texts, start=1):
        assert f"page {number} of {rendered.page_count}" in page_text
        assert "RESTRICTED" in page_text
    assert "Cover <b>&" in texts[0]
    assert reader.metadata.title == "Sample title"
    assert reader.metadata.author == "Desk"
    assert reader.metadata.subject == "Subj"

    flat = _flatten(reader.outline)
    assert [entry.title for entry in flat] == [
        title for n in range(3) for title in (f"Section {n} Việt Nam 人权", f"Item {n} 法治")
    ]
    heading_pages = [_page_of(reader, entry) for entry in flat]
    for entry, page in zip(flat, heading_pages, strict=True):
        assert entry.title in texts[page - 1]

    links = [annot.get_object() for annot in reader.pages[1].get("/Annots", [])]
    link_pages = [_link_page(reader, link) for link in links if link.get("/Subtype") == "/Link"]
    # each TOC line links (its title and its page number) to its heading, in heading order
    assert sorted(set(link_pages)) == sorted(set(heading_pages))
    assert [page for index, page in enumerate(link_pages) if index % 2 == 0] == heading_pages
    # the printed page number of each line (a form filled in at the end) extracts just before its title
    toc_lines = [line.strip() for line in texts[1].splitlines()]
    for entry, page in zip(flat, heading_pages, strict=True):
        assert toc_lines[toc_lines.index(entry.title) - 1] == str(page)


def _flatten(outline) -> list:
    entries = []
    for entry in outline:
        entries.extend(_flatten(entry) if isinstance(entry, list) else [entry])
    return entries


def _link_page(reader: pypdf.PdfReader, link) -> int:
    destination = link["/Dest"] if "/Dest" in link else link["/A"]["/D"]
    if isinstance(destination, str):
        return _page_of(reader, reader.named_destinations[destination])
    return reader.get_page_number(destination[0].get_object()) + 1


def test_same_input_gives_same_bytes_with_invariant():
    first = render_pdf(_sample_story(), INFO, invariant=True).data
    assert first == render_pdf(_sample_story(), INFO, invariant=True).data


def test_cancel_raises_before_anything_is_written():
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(DocumentCancelled):
        render_pdf(_sample_story(), INFO, cancel=cancel)


def test_atomic_write_replaces_or_leaves_untouched(tmp_path, monkeypatch):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(DocumentWriteError):
        write_pdf_atomically(tmp_path / "missing" / "out.pdf", b"new")

    def failing_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(DocumentWriteError):
        write_pdf_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.pdf"]
    monkeypatch.undo()
    write_pdf_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.pdf"]


def test_plain_and_marked_up_paragraphs_extract_the_same_and_styles_do_not_leak_fonts():
    styles = document_styles()
    body = styles["body"]
    story = [para("Plain <b>& text", body), para("With 中文 inside <i>", body), para("Two\nlines", body)]
    derived = ParagraphStyle("derived", body, fontName="DejaVuSans-Bold")  # made after body was used
    story.append(para("Derived style text", derived))
    rendered = render_pdf([*start_content(), *story], INFO, invariant=True)
    page = pypdf.PdfReader(io.BytesIO(rendered.data)).pages[1]
    extracted = page.extract_text()
    for expected in ("Plain <b>& text", "With 中文 inside <i>", "Two\nlines", "Derived style text"):
        assert expected in extracted
    fonts = set()
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: fonts.add((text.strip(), font["/BaseFont"]))
                      if text.strip() == "Derived style text" else None)
    assert any(name.endswith("DejaVuSans-Bold") for _, name in fonts)


def test_a_paragraph_keeps_its_markup_in_text_whichever_way_it_was_built():
    body = document_styles()["body"]
    assert para("Plain <b>& text", body).text == "Plain &lt;b&gt;&amp; text"
    assert para("With 中文", body).text == 'With <font name="DroidSansFallback">中文</font>'
