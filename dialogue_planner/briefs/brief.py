"""Export a round's delegation brief to PDF: the one function the CLI and the app call.

    write_brief(store, round_id, "brief.pdf", shareable=False)

gathers the round through the services (`brief_content`), builds the pages
(`brief_layout`), renders them with the house look (`document`) and writes the file
atomically: complete, or not at all with any earlier file left untouched.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from pathlib import Path

from dialogue_planner.briefs.brief_content import Brief, gather_brief
from dialogue_planner.briefs.brief_layout import build_brief_story
from dialogue_planner.briefs.document import (
    DocumentCancelled,
    DocumentInfo,
    RenderedPdf,
    render_pdf,
    write_pdf_atomically,
)
from dialogue_planner.briefs.names import STEPS, brief_file_name
from dialogue_planner.storage.database import Store

Progress = Callable[[int, int, str], None]  # (done, total, what is happening)


def brief_info(brief: Brief) -> DocumentInfo:
    """The header line, marking and metadata of a brief."""
    cover = brief.cover
    variant = "shareable brief" if cover.shareable else "delegation brief"
    return DocumentInfo(
        title=f"{cover.dialogue_title}, round {cover.round_number}: {variant}",
        header=f"{cover.dialogue_title} · round {cover.round_number}",
        marking=cover.marking,
        author="Dialogue Planner",
        subject=f"Delegation brief for round {cover.round_number} with {cover.country}"
        + (" (shareable version)" if cover.shareable else ""),
    )


def default_file_name(brief: Brief) -> str:
    """'China-round-15-brief.pdf' (or '...-shareable-brief.pdf'): safe in any file system."""
    return brief_file_name(brief.cover.country, brief.cover.round_number, brief.cover.shareable)


def render_brief(
    brief: Brief,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> RenderedPdf:
    """The brief as a finished PDF in memory."""
    def on_layout(done: int, total: int) -> None:
        if progress is not None:
            progress(10 + 85 * done // max(total, 1), STEPS, "Laying out pages")

    return render_pdf(build_brief_story(brief), brief_info(brief), invariant=invariant, on_progress=on_layout,
                      cancel=cancel)


def write_brief(
    store: Store,
    round_id: int,
    path: Path | str,
    *,
    shareable: bool = False,
    invariant: bool = False,
    today: datetime.date | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    marking: str | None = None,
) -> int:
    """Write the brief of round `round_id` to `path`; returns its page count.

    `marking` is the classification marking of the full brief (the user's setting); default CONFIDENTIAL.

    Raises NotFoundError for an unknown round, DocumentWriteError when the file cannot be
    written, DocumentCancelled when `cancel` is set; in each case no file is left behind.
    """
    def check_cancelled() -> None:
        if cancel is not None and cancel.is_set():
            raise DocumentCancelled("the export was cancelled")

    report = progress or (lambda done, total, what: None)
    report(0, STEPS, "Reading the round")
    brief = gather_brief(
        store, round_id, shareable=shareable, today=today, check_cancelled=check_cancelled, marking=marking
    )
    report(10, STEPS, "Laying out pages")
    rendered = render_brief(brief, invariant=invariant, progress=progress, cancel=cancel)
    check_cancelled()
    report(95, STEPS, "Writing the file")
    write_pdf_atomically(path, rendered.data)
    report(STEPS, STEPS, "Done")
    return rendered.page_count
