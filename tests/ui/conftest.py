"""UI-test fixtures: isolated Qt settings and paths, a fixed locale, and data built through the services."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale, QSettings, QStandardPaths, QThreadPool

from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.dialogues import add_country, start_dialogue
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic

HERE = Path(__file__).parent

# Qt's offscreen platform cannot pass size hints to its (imaginary) window system and
# says so as a warning whenever a window with a layout is shown; that is not our bug.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(OFFSCREEN_NOISE)


@pytest.fixture(autouse=True)
def isolated_qt(tmp_path):
    """No test touches the real user's settings or data, and dates format the same everywhere."""
    QStandardPaths.setTestModeEnabled(True)
    settings_folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(settings_folder / scope.name))
    original_locale = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield settings_folder
    QLocale.setDefault(original_locale)


@pytest.fixture(autouse=True)
def no_work_left_running():
    """A test that leaves a job running on the global thread pool fails: the job would outlive its data."""
    yield
    pool = QThreadPool.globalInstance()
    still_running = pool.activeThreadCount()
    pool.waitForDone()  # keep the next test clean whatever this one did
    assert still_running == 0, f"{still_running} pool job(s) still running after the test"


@pytest.fixture
def planner(store) -> SimpleNamespace:
    """Two dialogues as a desk officer would have entered them: China with four rounds, Vietnam with two."""
    add_country(store, "Norway", "NO", is_home=True)
    china = start_dialogue(store, add_country(store, "China", "CN"), "Norway–China human rights dialogue")
    vietnam = start_dialogue(store, add_country(store, "Vietnam", "VN"), "Norway–Vietnam human rights dialogue")
    death_penalty = add_topic(store, "Death penalty")
    legal_aid = add_topic(store, "Legal aid and pre-trial detention")
    day = datetime.date
    china_rounds = [
        plan_round(
            store, china, city="北京", start_date=day(2008, 5, 12), end_date=day(2008, 5, 14), status="concluded"
        ),
        plan_round(
            store,
            china,
            city="Oslo",
            host_side="home",
            level="expert",
            start_date=day(2009, 11, 2),
            end_date=day(2009, 11, 3),
            status="held",
        ),
        plan_round(
            store,
            china,
            city="北京",
            level="political",
            start_date=day(2011, 6, 20),
            end_date=day(2011, 6, 20),
            status="held",
        ),
        plan_round(store, china, city="Oslo", host_side="home", status="in_preparation"),
    ]
    vietnam_rounds = [
        plan_round(
            store, vietnam, city="Hà Nội", start_date=day(2012, 3, 5), end_date=day(2012, 3, 6), status="concluded"
        ),
        plan_round(store, vietnam, city="Oslo", host_side="home", start_date=day(2014, 10, 1), status="held"),
    ]
    add_agenda_item(store, china_rounds[0], death_penalty)
    add_agenda_item(store, china_rounds[0], legal_aid)
    add_agenda_item(store, vietnam_rounds[0], legal_aid)
    return SimpleNamespace(china=china, vietnam=vietnam, china_rounds=china_rounds, vietnam_rounds=vietnam_rounds)
