"""Brief fixtures: the demo database in a temporary file, and helpers to read PDFs back."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pypdf
import pytest

from dialogue_planner.services.rounds import list_rounds

DEMO_TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def demo_store(demo_copy):
    """The demo data, dated as if today were DEMO_TODAY, in the test's SQLite file (a copy of the session's build)."""
    return demo_copy(DEMO_TODAY)


def round_id_of(store, country: str, number: int) -> int:
    return next(row["id"] for row in list_rounds(store) if row["country"] == country and row["number"] == number)


class PdfText:
    """A PDF read back with pypdf: its pages' text, raw and with whitespace runs made single spaces."""

    def __init__(self, source: Path | bytes) -> None:
        data = source.read_bytes() if isinstance(source, Path) else source
        self.reader = pypdf.PdfReader(io.BytesIO(data))
        self.pages = [page.extract_text() for page in self.reader.pages]
        self.flat_pages = [" ".join(page.split()) for page in self.pages]
        self.flat = " ".join(self.flat_pages)

    def contains(self, value: str) -> bool:
        """True when `value` is in the text, wherever lines wrapped."""
        return " ".join(value.split()) in self.flat

    def page_of_destination(self, destination) -> int:
        return self.reader.get_destination_page_number(destination) + 1

    def outline(self) -> list:
        """The outline entries in document order, nested levels flattened."""
        def flatten(entries) -> list:
            found = []
            for entry in entries:
                found.extend(flatten(entry) if isinstance(entry, list) else [entry])
            return found
        return flatten(self.reader.outline)

    def link_target_pages(self, page_number: int) -> list[int]:
        """The pages the link annotations on `page_number` point to, in their order."""
        targets = []
        for annotation in self.reader.pages[page_number - 1].get("/Annots", []):
            link = annotation.get_object()
            if link.get("/Subtype") != "/Link":
                continue
            destination = link["/Dest"] if "/Dest" in link else link["/A"]["/D"]
            if isinstance(destination, str):
                targets.append(self.page_of_destination(self.reader.named_destinations[destination]))
            else:
                targets.append(self.reader.get_page_number(destination[0].get_object()) + 1)
        return targets
