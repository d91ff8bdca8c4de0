"""SQLite files to damage on purpose, shared by the storage and the app tests."""

from __future__ import annotations

import random
from pathlib import Path

from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage.database import open_database

PAGE = 4096


def database_of_many_pages(path: Path) -> Path:
    """A closed database of a few dozen pages (many topics with long descriptions): the last ones hold topic rows."""
    store = open_database(str(path), user="tester")
    for number in range(120):
        add_topic(store, f"Topic {number}", "A description long enough to fill pages. " * 20)
    store.close()
    assert path.stat().st_size > 30 * PAGE
    return path


def overwrite_last_pages(path: Path, count: int = 3) -> bytes:
    """Noise over the last pages (topic rows, far from the schema on the first pages); the new content."""
    content = bytearray(path.read_bytes())
    pages = len(content) // PAGE
    noise = random.Random(7)
    for page in range(pages - count, pages):
        content[page * PAGE : (page + 1) * PAGE] = bytes(noise.randrange(256) for _ in range(PAGE))
    path.write_bytes(bytes(content))
    return bytes(content)
