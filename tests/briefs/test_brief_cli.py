"""`dialogue-planner brief`, run as the installed command: success, and one-line failures that write nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.briefs.conftest import PdfText

COMMAND = Path(sys.executable).with_name("dialogue-planner")


def run(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data-home"), "HOME": str(tmp_path / "home")}
    env.pop("DIALOGUE_PLANNER_DB", None)
    return subprocess.run([str(COMMAND), *arguments], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "demo.sqlite"
    assert run(folder, "demo", "--db", str(path)).returncode == 0
    return path


def round_id(demo_database: Path, country: str, number: int) -> str:
    listing = run(demo_database.parent, "rounds", "--db", str(demo_database)).stdout.splitlines()
    rows = [line.split() for line in listing[1:]]
    return next(row[0] for row in rows if row[1] == country and row[2] == str(number))


def test_brief_and_shareable_brief_are_written(demo_database, tmp_path):
    china = round_id(demo_database, "China", 15)
    result = run(tmp_path, "brief", china, "--db", str(demo_database), "-o", "full.pdf")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"brief of round {china} written to full.pdf (")
    assert PdfText(tmp_path / "full.pdf").contains("赵立新 (Zhao Lixin)")

    result = run(tmp_path, "--db", str(demo_database), "brief", china, "-o", "shared.pdf", "--shareable")
    assert result.returncode == 0, result.stderr
    shared = PdfText(tmp_path / "shared.pdf")
    assert "SHAREABLE VERSION" in shared.pages[0] and not shared.contains("赵立新 (Zhao Lixin)")


def _assert_one_line_failure(result: subprocess.CompletedProcess[str], reason: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dialogue-planner: error: ") and reason in lines[0], result.stderr


def test_unknown_round_fails_in_one_line_and_writes_nothing(demo_database, tmp_path):
    result = run(tmp_path, "brief", "99999", "-o", "out.pdf", "--db", str(demo_database))
    _assert_one_line_failure(result, "no round with id 99999")
    assert not (tmp_path / "out.pdf").exists()


def test_missing_folder_fails_in_one_line_and_keeps_the_earlier_file(demo_database, tmp_path):
    (tmp_path / "out.pdf").write_bytes(b"earlier")
    china = round_id(demo_database, "China", 15)
    result = run(tmp_path, "brief", china, "-o", "missing/out.pdf", "--db", str(demo_database))
    _assert_one_line_failure(result, "folder missing does not exist")
    assert (tmp_path / "out.pdf").read_bytes() == b"earlier"
    assert not (tmp_path / "missing").exists()


def test_the_full_brief_carries_the_marking_asked_for_and_the_shareable_one_its_own(demo_database, tmp_path):
    from pypdf import PdfReader

    china = round_id(demo_database, "China", 15)
    database = str(demo_database)
    assert run(tmp_path, "brief", china, "--db", database, "-o", "full.pdf", "--marking", "RESTRICTED").returncode == 0
    assert run(tmp_path, "brief", china, "--db", database, "-o", "share.pdf", "--shareable").returncode == 0

    full_pages = [page.extract_text() for page in PdfReader(tmp_path / "full.pdf").pages]
    assert all("RESTRICTED" in text and "CONFIDENTIAL" not in text for text in full_pages)
    assert all("SHAREABLE VERSION" in page.extract_text() for page in PdfReader(tmp_path / "share.pdf").pages)
