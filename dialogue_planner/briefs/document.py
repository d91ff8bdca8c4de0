"""The house look of every PDF the app writes (the brief, the review): start here.

Public API, all a document needs:

- `DocumentInfo`: title line for the header, classification marking, metadata.
- `document_styles()`: the paragraph styles (`title`, `subtitle`, `cover_line`, `h1`, `h2`,
  `h3`, `body`, `bullet`, `small`, `note`, `cell`, `cell_bold`, `cell_header`, `toc0`, `toc1`).
- `text(value)`: escape user text for a Paragraph and switch to the CJK font where needed;
  `para(value, style, bullet=None)` wraps that in a Paragraph. Never give user text to Paragraph raw.
- `Heading(value, style, level)`: a heading that becomes a TOC entry (linked) and a PDF
  bookmark; `table_of_contents(styles)` is the TOC flowable to put after the cover.
- `data_table(header, rows, col_widths, styles)`: a table with light rules whose cells wrap.
- `start_content()`: the flowables that end the cover and switch to the content pages.
- `render_pdf(story, info, ...) -> RenderedPdf`: lay out into bytes in one pass, with
  "page N of M" on every page (the total and the TOC's page numbers are filled in at the end);
  `write_pdf_atomically(path, data)` puts it on disk complete or not at all.

The fonts are the bundled DejaVu Sans (Latin, Vietnamese) and Droid Sans Fallback (Chinese),
registered by `register_fonts()` under the names `FONT`, `FONT_BOLD`, `FONT_ITALIC`,
`FONT_BOLD_ITALIC` and `FONT_CJK`. reportlab does no font fallback, which is why `text()`
marks up CJK runs itself (that part lives in `briefs.pdf_text` and is re-exported here).
Colours and page geometry: `INK`, `ACCENT`, `MUTED`, `RULE`, `SHADE`, `MARKING_RED`,
`PAGE_SIZE`, `CONTENT_WIDTH`.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from dialogue_planner.briefs.pdf_text import (  # noqa: F401 - re-exported: the house API lives here
    FONT,
    FONT_BOLD,
    FONT_BOLD_ITALIC,
    FONT_CJK,
    FONT_ITALIC,
    WrapOnceParagraph,
    para,
    register_fonts,
    text,
)
from dialogue_planner.errors import Cancelled, PlannerError, StorageError
from dialogue_planner.storage.files import write_file_atomically

INK = colors.HexColor("#1b1f24")
ACCENT = colors.HexColor("#1f3a5f")
MUTED = colors.HexColor("#5b6470")
RULE = colors.HexColor("#b8bfc8")
SHADE = colors.HexColor("#eef1f5")
MARKING_RED = colors.HexColor("#8a1c1c")

PAGE_SIZE = A4
MARGIN_X = 22 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X
FOOTER_Y = MARGIN_BOTTOM - 10 * mm


class DocumentWriteError(PlannerError):
    """The PDF could not be written where asked; the message names the file, never its content."""


class DocumentCancelled(Cancelled):
    """The caller cancelled the rendering; nothing was written."""


@dataclass(frozen=True)
class DocumentInfo:
    """What every page and the file's metadata show.

    `header` is the running title line (e.g. "China–Norway human rights dialogue · round 24");
    `marking` the classification marking printed on every page (e.g. "CONFIDENTIAL").
    """

    title: str
    header: str
    marking: str
    author: str = "Dialogue Planner"
    subject: str = ""


@dataclass(frozen=True)
class RenderedPdf:
    """A finished PDF in memory and the number of pages it has."""

    data: bytes
    page_count: int


# ---------------------------------------------------------------- styles


def document_styles() -> StyleSheet1:
    """The house paragraph styles; a fresh sheet each call, so callers may tweak their copy."""
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5, textColor=INK, spaceAfter=4)
    sheet.add(base)
    add = sheet.add
    add(ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=24, leading=30, textColor=ACCENT, spaceAfter=10))
    add(ParagraphStyle("subtitle", base, fontSize=14, leading=19, textColor=ACCENT, spaceAfter=18))
    add(ParagraphStyle("cover_line", base, fontSize=11, leading=16, spaceAfter=2))
    add(ParagraphStyle("marking", base, fontName=FONT_BOLD, fontSize=11, leading=15, alignment=TA_CENTER,
                       textColor=MARKING_RED, spaceAfter=0))
    add(ParagraphStyle("h1", base, fontName=FONT_BOLD, fontSize=15, leading=20, textColor=ACCENT,
                       spaceBefore=6, spaceAfter=8, keepWithNext=1))
    add(ParagraphStyle("h2", base, fontName=FONT_BOLD, fontSize=12, leading=16, textColor=ACCENT,
                       spaceBefore=12, spaceAfter=5, keepWithNext=1))
    add(ParagraphStyle("h3", base, fontName=FONT_BOLD, fontSize=9.5, leading=13, textColor=INK,
                       spaceBefore=7, spaceAfter=2, keepWithNext=1))
    add(ParagraphStyle("bullet", base, leftIndent=12, bulletIndent=2, spaceAfter=2))
    add(ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=2))
    add(ParagraphStyle("note", base, fontName=FONT_ITALIC, textColor=MUTED))
    add(ParagraphStyle("cell", base, fontSize=8.5, leading=11, spaceAfter=0))
    add(ParagraphStyle("cell_bold", base, fontName=FONT_BOLD, fontSize=8.5, leading=11, spaceAfter=0))
    add(ParagraphStyle("cell_header", base, fontName=FONT_BOLD, fontSize=8, leading=10.5, textColor=ACCENT,
                       spaceAfter=0))
    add(ParagraphStyle("toc0", base, fontName=FONT_BOLD, fontSize=10, leading=15, spaceBefore=5, spaceAfter=0))
    add(ParagraphStyle("toc1", base, fontSize=9, leading=12.5, leftIndent=14, firstLineIndent=0, spaceAfter=0))
    return sheet


# ---------------------------------------------------------------- headings, TOC, tables


class Heading(WrapOnceParagraph):
    """A heading that adds itself to the table of contents (as a link) and the PDF outline.

    `level` 0 is a section, 1 a subsection; the outline cannot skip a level. `value` is
    user text and is escaped here. Put headings directly in the story (or in a
    KeepTogether) so `render_pdf` finds them before layout.
    """

    def __init__(self, value: str, style: ParagraphStyle, level: int = 0) -> None:
        super().__init__(text(value), style)
        self.plain_title = str(value)
        self.level = level
        self.bookmark_key: str | None = None  # given by render_pdf, in story order

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []  # a heading moves to the next page whole

    def draw(self) -> None:
        super().draw()
        document: HouseDocTemplate = self.canv._doctemplate
        if self.bookmark_key is None:
            self.bookmark_key = document.next_bookmark_key()
        self.canv.bookmarkHorizontal(self.bookmark_key, 0, self.height + 4)
        self.canv.addOutlineEntry(self.plain_title, self.bookmark_key, level=self.level, closed=self.level > 0)
        document.heading_pages[self.bookmark_key] = self.canv.getPageNumber()


class _LinkedContents(TableOfContents):
    """A TOC laid out in the same single pass as the document.

    Its entries are the story's headings, known before layout, so its size is exact; the
    page numbers it cannot know yet are drawn as form XObjects that `render_pdf` fills
    in once every heading has been placed. Each line links to its heading.
    """

    def __init__(self, styles: StyleSheet1) -> None:
        super().__init__(dotsMinLevel=-1, levelStyles=[styles["toc0"], styles["toc1"]])

    def set_headings(self, headings: list[Heading]) -> None:
        self._lastEntries = [(heading.level, text(heading.plain_title), 0, heading.bookmark_key)
                             for heading in headings]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        def draw_entry_end(canvas: pdf_canvas.Canvas, kind: str, key: str) -> None:
            y = canvas._curr_tx_info["cur_y"]
            canvas.saveState()
            canvas.translate(available_width, y)
            canvas.doForm(f"toc-{key}")
            canvas.restoreState()
            canvas.linkRect("", key, (available_width - 30, y - 3, available_width, y + 10), relative=1)

        self.canv.setNamedCB("tocEntryEnd", draw_entry_end)
        rows: list[list[Flowable]] = []
        for level, entry, _page, key in self._lastEntries:
            style = self.getLevelStyle(level)
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            markup = f'<a href="#{key}">{entry}</a><onDraw name="tocEntryEnd" label="{key}"/>'
            rows.append([Paragraph(markup, ParagraphStyle(f"toc{level}-line", style, rightIndent=36))])
        if not rows:
            rows.append([Spacer(1, 1)])
        self._table = Table(rows, colWidths=(available_width,), style=self.tableStyle)
        self.width, self.height = self._table.wrapOn(self.canv, available_width, available_height)
        return self.width, self.height


def table_of_contents(styles: StyleSheet1) -> TableOfContents:
    """The TOC flowable: one linked line per `Heading` of the story, with its page number."""
    return _LinkedContents(styles)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    styles: StyleSheet1,
) -> Table:
    """A table in the house look: header row repeated on each page, light rules, wrapping cells.

    Header labels are our own words; row cells are user text (escaped here) or ready
    flowables or lists of flowables (passed through).
    """
    cell = styles["cell"]
    data: list[list[object]] = [[WrapOnceParagraph(escape(label), styles["cell_header"]) for label in header]]
    for row in rows:
        data.append([value if isinstance(value, (Flowable, list)) else para(value, cell) for value in row])
    table = Table(data, colWidths=list(col_widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
    ]))
    return table


def start_content() -> list[Flowable]:
    """End the cover: the next flowable starts the first content page."""
    return [NextPageTemplate("content"), PageBreak()]


# ---------------------------------------------------------------- the document


class HouseDocTemplate(BaseDocTemplate):
    """A4 document with a cover template and content pages carrying header and footer.

    Laid out in one pass: what is only known at the end (the page total, the TOC's page
    numbers) is drawn as named forms that `finish` defines before the file is saved.
    """

    def __init__(self, target: io.BytesIO, info: DocumentInfo, *, invariant: bool = False) -> None:
        register_fonts()
        super().__init__(
            target,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=info.title,
            author=info.author,
            subject=info.subject,
            creator="Dialogue Planner",
            invariant=1 if invariant else 0,
            displayDocTitle=1,
        )
        self.info = info
        self.heading_pages: dict[str, int] = {}
        self.toc_levels: dict[str, int] = {}  # bookmark key -> level, of the headings the TOC lists
        self.pages_drawn = 0
        self._bookmark_count = 0
        self._styles = document_styles()
        self._header = ParagraphStyle("header", self._styles["small"], spaceAfter=0)
        self._header_marking = ParagraphStyle("header_marking", self._header, fontName=FONT_BOLD, alignment=TA_RIGHT,
                                              textColor=MARKING_RED)
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", frames=[frame], onPage=self._draw_cover_page),
            PageTemplate("content", frames=[frame], onPage=self._draw_content_page),
        ])

    def next_bookmark_key(self) -> str:
        """A bookmark name for a heading `render_pdf` did not see in the story."""
        self._bookmark_count += 1
        return f"extra-{self._bookmark_count}"

    def afterPage(self) -> None:  # noqa: N802 - reportlab's name
        self.pages_drawn += 1

    def finish(self) -> None:
        """Define the forms the pages use (header, markings, page N of M, TOC page numbers), then save."""
        canvas = self.canv
        self._define_page_furniture(canvas)
        for key, level in self.toc_levels.items():
            style = self._styles["toc0" if level == 0 else "toc1"]
            canvas.beginForm(f"toc-{key}", -60, -6, 2, 20)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(INK)
            canvas.drawRightString(0, 0, str(self.heading_pages.get(key, "")))
            canvas.endForm()
        for number in range(1, self.pages_drawn + 1):
            canvas.beginForm(f"footer-{number}", -200, -6, 2, 20)
            canvas.setFont(FONT, 7.5)
            canvas.setFillColor(MUTED)
            canvas.drawRightString(0, 0, f"page {number} of {self.pages_drawn}")
            canvas.endForm()
        canvas.save()

    def _define_page_furniture(self, canvas: pdf_canvas.Canvas) -> None:
        """The running header and the markings, each drawn once as a page-sized form every page reuses."""
        top = PAGE_SIZE[1] - MARGIN_TOP + 8 * mm
        canvas.beginForm("marking-top", 0, 0, *PAGE_SIZE)
        self._draw_marking(canvas, top)
        canvas.endForm()
        canvas.beginForm("marking-bottom", 0, 0, *PAGE_SIZE)
        self._draw_marking(canvas, FOOTER_Y)
        canvas.endForm()
        canvas.beginForm("running-header", 0, 0, *PAGE_SIZE)
        header = Paragraph(text(self.info.header), self._header)
        header.wrap(CONTENT_WIDTH * 0.62, 30)
        header.drawOn(canvas, MARGIN_X, top - 2)
        marking = Paragraph(text(self.info.marking), self._header_marking)
        marking.wrap(CONTENT_WIDTH * 0.36, 30)
        marking.drawOn(canvas, MARGIN_X + CONTENT_WIDTH * 0.64, top - 2)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 5, PAGE_SIZE[0] - MARGIN_X, top - 5)
        canvas.endForm()

    def _draw_marking(self, canvas: pdf_canvas.Canvas, y: float) -> None:
        marking = Paragraph(text(self.info.marking), self._styles["marking"])
        marking.wrap(CONTENT_WIDTH / 2, 40)
        marking.drawOn(canvas, (PAGE_SIZE[0] - CONTENT_WIDTH / 2) / 2, y - 2)

    def _draw_footer(self, canvas: pdf_canvas.Canvas) -> None:
        canvas.doForm("marking-bottom")
        canvas.saveState()
        canvas.translate(PAGE_SIZE[0] - MARGIN_X, FOOTER_Y)
        canvas.doForm(f"footer-{canvas.getPageNumber()}")
        canvas.restoreState()

    def _draw_cover_page(self, canvas: pdf_canvas.Canvas, document: BaseDocTemplate) -> None:
        canvas.doForm("marking-top")
        self._draw_footer(canvas)

    def _draw_content_page(self, canvas: pdf_canvas.Canvas, document: BaseDocTemplate) -> None:
        canvas.doForm("running-header")
        self._draw_footer(canvas)


def _walk(flowables: Sequence[Flowable]):  # noqa: ANN202 - a generator of flowables
    """Every flowable of a story in order, looking inside KeepTogether and similar containers."""
    for flowable in flowables:
        yield flowable
        inner = getattr(flowable, "_content", None)
        if isinstance(inner, (list, tuple)):
            yield from _walk(inner)


def render_pdf(
    story: list[Flowable],
    info: DocumentInfo,
    *,
    invariant: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> RenderedPdf:
    """Lay the story out into a finished PDF in memory, in a single pass.

    The story starts on the cover template; put `start_content()` after the cover.
    `on_progress(done, total)` counts top-level flowables laid out; setting `cancel` stops
    at the next flowable with `DocumentCancelled`. `invariant` makes the bytes
    deterministic (no timestamps, fixed ids). A story is consumed: build a new one per call.
    """
    buffer = io.BytesIO()
    document = HouseDocTemplate(buffer, info, invariant=invariant)
    headings = [flowable for flowable in _walk(story) if isinstance(flowable, Heading)]
    for number, heading in enumerate(headings, start=1):
        heading.bookmark_key = f"section-{number}"
    document.toc_levels = {heading.bookmark_key: heading.level for heading in headings}
    for flowable in _walk(story):
        if isinstance(flowable, _LinkedContents):
            flowable.set_headings(headings)
    total = len(story)

    def progress(kind: str, value: int) -> None:
        if cancel is not None and cancel.is_set():
            raise DocumentCancelled("the export was cancelled")
        if kind == "PROGRESS" and on_progress is not None:
            on_progress(value, total)

    document.setProgressCallBack(progress)
    document._doSave = 0  # finish() saves, after the forms are defined
    document.build(list(story))
    document.finish()
    return RenderedPdf(buffer.getvalue(), document.pages_drawn)


def write_pdf_atomically(path: Path | str, data: bytes) -> None:
    """Write `data` to `path` complete or not at all (see storage.files.write_file_atomically).

    Raises `DocumentWriteError` naming the file; an existing file at `path` is left as it was.
    """
    try:
        write_file_atomically(path, data)
    except StorageError as error:
        raise DocumentWriteError(str(error)) from error
