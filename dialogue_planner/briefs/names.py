"""What the app needs about a brief before one is made, without loading reportlab.

The app renders briefs in a child process (ui/child_process.py); in its own process
it only names the file and scales the progress, so these live apart from the
rendering in `brief`.
"""

from __future__ import annotations

from dialogue_planner.services import records
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store

STEPS = 100  # progress is reported in hundredths


def suggested_file_name(store: Store, round_id: int, *, shareable: bool = False) -> str:
    """The default file name for a round's brief, without gathering the brief (NotFoundError if no such round)."""
    current = records.get(store, m.Round, round_id)
    country = records.get(store, m.Country, records.get(store, m.Dialogue, current.dialogue_id).country_id)
    return brief_file_name(country.name, current.number, shareable)


def brief_file_name(country: str, round_number: int, shareable: bool) -> str:
    """`China-round-4-brief.pdf`: the country with anything but letters and digits as dashes."""
    safe_country = "".join(char if char.isalnum() else "-" for char in country).strip("-")
    variant = "shareable-brief" if shareable else "brief"
    return f"{safe_country}-round-{round_number}-{variant}.pdf"
