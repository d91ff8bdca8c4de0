"""The composition root: opening the database, first start, errors and the offscreen screenshot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtGui import QImage

from dialogue_planner.app import run_gui
from dialogue_planner.errors import PlannerError
from dialogue_planner.services.dialogues import list_dialogues
from dialogue_planner.storage.database import open_database


def test_screenshot_of_a_database_with_data_is_a_png_of_the_window(qapp, store, planner, tmp_path):
    shot = tmp_path / "shot.png"

    assert run_gui(store.location, screenshot=str(shot)) == 0

    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)


def test_a_screenshot_of_the_review_waits_for_its_figures(qapp, store, planner, tmp_path):
    """The review computes off the UI thread: its screenshot shows the figures, not "Computing the review…"."""
    from dialogue_planner.app import _render_screenshot, build_main_window

    window = build_main_window(store)
    shot = tmp_path / "review.png"

    assert _render_screenshot(window, str(shot), "review") == 0

    review = window.views["review"]
    assert not review.computing and review.review is not None
    assert review.computing_label.isHidden() and review.results.isEnabled()
    assert QImage(str(shot)).size().toTuple() == (1280, 800)


def test_the_app_names_itself_so_its_data_folder_matches_the_storage_layer(qapp, store, tmp_path):
    run_gui(store.location, screenshot=str(tmp_path / "shot.png"))

    assert QCoreApplication.applicationName() == "dialogue-planner"
    assert QCoreApplication.organizationName() == ""
    data_folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    assert data_folder.name == "dialogue-planner"  # no organisation folder in between


def test_a_file_that_is_no_database_is_reported_in_one_line(qapp, tmp_path, capsys):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("meeting notes, not a database\n", encoding="utf-8")

    assert run_gui(str(notes), screenshot=str(tmp_path / "shot.png")) == 1

    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "not an SQLite database" in error
    assert not (tmp_path / "shot.png").exists()


def test_a_screenshot_that_cannot_be_written_fails(qapp, store, tmp_path, capsys):
    assert run_gui(store.location, screenshot=str(tmp_path / "no such folder" / "shot.png")) == 1
    assert "cannot write screenshot" in capsys.readouterr().err


def test_first_start_creates_the_users_database_with_demo_data(qapp, tmp_path, monkeypatch):
    own_database = tmp_path / "data" / "dialogue-planner" / "dialogue-planner.sqlite"
    monkeypatch.setenv("DIALOGUE_PLANNER_DB", str(own_database))

    assert run_gui(None, screenshot=str(tmp_path / "shot.png")) == 0

    store = open_database(str(own_database))
    try:
        countries = {row["country"] for row in list_dialogues(store)}
    finally:
        store.close()
    assert {"China", "Indonesia", "Vietnam"} <= countries


def test_a_new_file_the_user_names_stays_empty(qapp, tmp_path):
    named = tmp_path / "team-copy.sqlite"

    assert run_gui(str(named), screenshot=str(tmp_path / "shot.png")) == 0

    store = open_database(str(named))
    try:
        assert list_dialogues(store) == []
    finally:
        store.close()


def test_a_second_start_leaves_the_users_database_alone(qapp, tmp_path, monkeypatch):
    own_database = tmp_path / "data" / "dialogue-planner.sqlite"
    monkeypatch.setenv("DIALOGUE_PLANNER_DB", str(own_database))
    run_gui(None, screenshot=str(tmp_path / "first.png"))
    modified = own_database.stat().st_mtime_ns

    assert run_gui(None, screenshot=str(tmp_path / "second.png")) == 0

    assert own_database.stat().st_mtime_ns == modified


def test_a_failed_first_start_leaves_no_half_made_database(qapp, tmp_path, monkeypatch, capsys):
    from dialogue_planner.services import demo

    def refuse(store, **_options):
        raise PlannerError("demo data: cannot be built")

    own_database = tmp_path / "data" / "dialogue-planner.sqlite"
    monkeypatch.setenv("DIALOGUE_PLANNER_DB", str(own_database))
    monkeypatch.setattr(demo, "build_demo", refuse)

    assert run_gui(None, screenshot=str(tmp_path / "shot.png")) == 1

    assert "demo data: cannot be built" in capsys.readouterr().err
    assert list(own_database.parent.iterdir()) == []


def test_the_bundled_fonts_give_chinese_a_fallback_on_a_machine_without_cjk_fonts(qapp, store, tmp_path):
    from PySide6.QtGui import QFontDatabase, QFontMetrics, QRawFont

    from dialogue_planner.resources import CJK_FAMILY, font_path

    run_gui(store.location, screenshot=str(tmp_path / "shot.png"))

    assert CJK_FAMILY in QFontDatabase.families()
    assert qapp.font().families()[-1] == CJK_FAMILY
    cjk = QRawFont(str(font_path("DroidSansFallbackFull.ttf")), 12)
    assert all(cjk.supportsCharacter(character) for character in "北京杭州人权")
    # The fallback really draws: the Chinese city takes width, not one box per character of zero advance.
    assert QFontMetrics(qapp.font()).horizontalAdvance("北京") > 0


def test_the_gui_command_pauses_the_collector_only_while_it_starts(qapp, store, tmp_path, monkeypatch):
    import gc

    from dialogue_planner import app, cli

    seen: list[bool] = []
    opened = app._open_store

    def open_store(location, **options):
        seen.append(gc.isenabled())
        return opened(location, **options)

    monkeypatch.setattr(app, "_open_store", open_store)

    assert cli.main(["gui", "--db", store.location, "--screenshot", str(tmp_path / "shot.png")]) == 0

    assert seen == [False]  # start-up ran without collections
    assert gc.isenabled()


def test_what_waits_for_the_first_paint_runs_once_and_at_the_latest_after_a_while(qtbot):
    from PySide6.QtWidgets import QWidget

    from dialogue_planner.app import _AtFirstPaint

    never_shown, shown = QWidget(), QWidget()
    qtbot.addWidget(never_shown)
    qtbot.addWidget(shown)
    late: list[str] = []
    painted: list[str] = []
    _AtFirstPaint(never_shown, lambda: late.append("first"), lambda: late.append("second"), latest_ms=50)
    _AtFirstPaint(shown, lambda: painted.append("painted"), latest_ms=60_000)

    qtbot.waitUntil(lambda: late == ["first", "second"], timeout=5000)  # a window that never paints
    shown.show()
    qtbot.waitUntil(lambda: painted == ["painted"], timeout=5000)
    never_shown.show()
    qtbot.waitExposed(never_shown)
    never_shown.repaint()
    shown.repaint()

    assert late == ["first", "second"] and painted == ["painted"]  # each ran once


STARTUP_PROBE = """
import atexit, sys
HEAVY = ("psycopg2", "reportlab", "PySide6.QtPdf", "PySide6.QtCharts", "playhouse.db_url", "importlib.metadata",
         "dialogue_planner.ui.passphrase_dialog", "sqlcipher3")
# peewee's imports it uses only inside functions, OpenSSL (through secrets), ctypes: not before the window is up.
LATER = ("hashlib", "_hashlib", "secrets", "socket", "uuid", "platform", "calendar", "ctypes")
atexit.register(lambda: print("loaded:", ",".join(name for name in HEAVY if name in sys.modules)))
from dialogue_planner import app
from dialogue_planner.cli import main
# Qt types the first paint does without: each costs 5-11 M instructions to set up, with its enums.
UNUSED_QT_TYPES = ("QIcon", "QUrl", "QDir")
report = app._report_shown_and_quit
def at_first_paint():
    print("at first paint:", ",".join(name for name in LATER if name in sys.modules))
    from PySide6 import QtCore, QtGui
    set_up = {**vars(QtCore), **vars(QtGui)}  # PySide6 sets a type up at its first use
    print("qt types:", ",".join(name for name in UNUSED_QT_TYPES if name in set_up))
    from dialogue_planner.quick_enums import START_UP
    print(f"enums: made quickly {START_UP.made}, made the usual way {START_UP.passed}")
    report()
import enum
atexit.register(lambda: print("enums made the usual way again:", enum.EnumType._create_.__module__ == "enum"))
app._report_shown_and_quit = at_first_paint
sys.exit(main(["gui", "--exit-when-shown", "--db", sys.argv[1]]))
"""


def test_start_up_loads_no_server_driver_pdf_chart_or_exchange_code(planner, store, tmp_path):
    """What the window needs loads at start-up; the PostgreSQL driver, reportlab and the charts when used,
    and Qt's icon, URL and folder types when the window is up."""
    import os
    import re
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", STARTUP_PROBE, store.location], env=env, capture_output=True,
                          text=True, timeout=120, check=False)

    assert done.returncode == 0, done.stderr
    assert "dialogue-planner: main window shown" in done.stdout
    assert "loaded: \n" in done.stdout  # none of them, even after the checks that follow the first paint
    assert "at first paint: \n" in done.stdout
    assert "qt types: \n" in done.stdout
    made = re.search(r"enums: made quickly (\d+), made the usual way (\d+)", done.stdout)
    assert made and int(made[1]) >= 150  # Qt's namespace alone has 93
    assert int(made[2]) <= 3  # the usual way: only enums without members
    assert "enums made the usual way again: True" in done.stdout


def test_the_version_read_from_the_install_folder_is_the_installed_version():
    from importlib.metadata import version

    from dialogue_planner.app import application_version

    assert application_version() == version("dialogue-planner")
