"""The review PDF read back with pypdf: the figures of the hand-made data set are in it; the CLI writes it."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from dialogue_planner.briefs.document import DocumentCancelled
from dialogue_planner.review import ReviewScope, compute_review, grid_cells
from dialogue_planner.review.pdf import export_review_pdf, render_review_pdf
from tests.review.data_set import TODAY

GENERATED = datetime.date(2024, 1, 2)


def pdf_text(data: bytes) -> tuple[str, int, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages), [item.title for item in reader.outline if hasattr(item, "title")]


@pytest.fixture
def rendered(store, fixture_data):
    scope = ReviewScope(today=TODAY)
    return render_review_pdf(
        compute_review(store, scope), grid_cells(store, scope), generated_on=GENERATED, invariant=True
    )


def test_the_pdf_holds_every_figure(rendered):
    text, pages, outline = pdf_text(rendered.data)
    assert pages == rendered.page_count
    assert f"page 1 of {pages}" in text and f"page {pages} of {pages}" in text
    assert "Topic focus review" in text and "INTERNAL" in text and "Generated 2024-01-02" in text
    assert outline == ["Summary", "Topics per round", "Topic x round grid", "Continuity of priority topics",
                       "Coverage by joint projects", "Follow-ups", "Individual cases", "Definitions"]
    # Summary sentences with the hand-computed figures (see test_figures.py).
    assert "2 of 7 rounds had more topics than their dialogue's focus target." in text
    assert "Share of agenda minutes on priority topics: 55 % (355 of 650)." in text
    assert "2 of 4 priority topics in force have no active joint project; 1 active projects are on no" in text
    assert "Follow-ups done: 29 % (2 of 7); 2 overdue." in text
    assert "2 individual cases raised 4 times, 3 times with a response recorded." in text
    # Summary table rows: rounds, over target, average topics, minutes share, uncovered, done, overdue.
    assert "China 5 2 2.8 45 % 1 20 % 1" in text
    assert "Vietnam 2 0 2.0 87 % 1 50 % 1" in text
    # Rounds table: China 1 is over target, China 3's priority share, China 5 without agenda.
    assert "1 2019-06-01 concluded 4 (over) 0 140 0 % (0 of 140)" in text
    assert "3 2021-06-01 concluded 3 (over) 1 120 38 % (45 of 120)" in text
    assert "5 2023-06-01 planned 0 0 0 no agenda minutes recorded" in text
    # Continuity, coverage, follow-ups.
    assert "China Death penalty 3 of 4 2 (rounds 1–2) 1" in text
    assert "China Human rights defenders 2022-01-01 none" in text
    assert "China Defence lawyers' training" in text
    assert "China 1 3 1 1 20 % (1 of 5)" in text
    assert "All chosen dialogues 2 4 1 2 29 % (2 of 7)" in text


def test_the_pdf_never_names_a_confidential_case_nor_quotes_its_response(rendered, fixture_data):
    text, _, _ = pdf_text(rendered.data)
    assert f"Confidential case #{fixture_data.k1.id} China lawyer 3 2 1 (confidential)" in text
    assert "陈雪梅" not in text and "Released on bail." not in text
    assert "Lê Quang Vinh Vietnam journalist 1 1 0 Under investigation. (round 1)" in text


def test_the_grid_shows_minutes_and_priority_gaps(rendered):
    text, _, _ = pdf_text(rendered.data)
    # China's grid, Death penalty row: 60 90 ○ 60 ○ over rounds 1-5.
    assert "Death penalty 60 90 ○ 60 ○" in text
    assert "Freedom of expression 20" in text


def test_an_empty_database_gives_a_short_pdf_with_words(store):
    scope = ReviewScope(today=TODAY)
    data = render_review_pdf(compute_review(store, scope), grid_cells(store, scope), invariant=True).data
    text, _, _ = pdf_text(data)
    assert "No rounds in the review." in text
    assert "no agenda minutes recorded" in text and "no follow-ups recorded" in text
    assert "No individual cases were put on the rounds in the review." in text


def test_export_writes_atomically_and_can_be_cancelled(store, fixture_data, tmp_path):
    target = tmp_path / "review.pdf"
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(DocumentCancelled):
        export_review_pdf(store, ReviewScope(today=TODAY), target, cancel=cancel)
    assert not target.exists() and list(tmp_path.glob("*.part")) == []
    progress = []
    export_review_pdf(store, ReviewScope(today=TODAY), target, on_progress=lambda done, total: progress.append(done))
    assert target.read_bytes().startswith(b"%PDF") and progress


def _cli() -> list[str]:
    installed = shutil.which("dialogue-planner", path=str(Path(sys.executable).parent))
    return [installed] if installed else [sys.executable, "-m", "dialogue_planner.cli"]


def run_cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([*_cli(), *arguments], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.mark.sqlite_only  # the command is given the database file
def test_the_review_command(store, fixture_data, tmp_path):
    target = tmp_path / "out.pdf"
    result = run_cli("review", "--db", str(store.path), "-o", str(target), "--dialogue", "china",
                     "--from", "2020-01-01", "--to", "2021-12-31")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"topic focus review written to {target} (")
    text, _, _ = pdf_text(target.read_bytes())
    assert "China · rounds from 2020-01-01 to 2021-12-31" in text
    assert "1 of 2 rounds had more topics than their dialogue's focus target." in text
    assert "Share of agenda minutes on priority topics: 50 % (135 of 270)." in text


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--dialogue", "Chna"], "dialogue-planner: error: review: dialogue: no dialogue named 'Chna' "
                                 "(known: China, Vietnam)"),
        (["--from", "2024-13-01"], "dialogue-planner: error: review: --from: '2024-13-01' is not a date "
                                   "(use YYYY-MM-DD)"),
        (["--from", "2024-02-01", "--to", "2024-01-01"], "dialogue-planner: error: review: period: it ends before "
                                                         "it starts"),
    ],
)
def test_the_review_command_fails_in_one_line_and_writes_nothing(store, fixture_data, tmp_path, arguments, message):
    target = tmp_path / "out.pdf"
    result = run_cli("review", "--db", str(store.path), "-o", str(target), *arguments)
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert not target.exists()
