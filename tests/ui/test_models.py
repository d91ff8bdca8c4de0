"""The Qt models over the services: what each cell says, and how it sorts."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QLocale, QSortFilterProxyModel, Qt

from dialogue_planner.services.dialogues import set_engagement_level
from dialogue_planner.storage import vocabulary
from dialogue_planner.ui import labels
from dialogue_planner.ui.dialogue_list_model import DialogueIdRole, DialogueListModel, TitleRole
from dialogue_planner.ui.round_table_model import (
    RoundColumn,
    RoundIdRole,
    RoundTableModel,
    SortRole,
    format_date_range,
)


def column_texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_dialogue_list_shows_country_and_engagement_level(store, planner):
    model = DialogueListModel(store)

    assert [model.index(row).data() for row in range(model.rowCount())] == ["China — active", "Vietnam — active"]
    assert model.index(0).data(DialogueIdRole) == planner.china.id
    assert model.index(1).data(Qt.ItemDataRole.UserRole) == planner.vietnam.id
    assert model.index(0).data(TitleRole) == "Norway–China human rights dialogue"
    assert model.index(0).data(Qt.ItemDataRole.ToolTipRole) == "Norway–China human rights dialogue\nRounds: 4"


def test_dialogue_list_reload_shows_a_changed_engagement_level(store, planner):
    model = DialogueListModel(store)

    set_engagement_level(store, planner.china.id, "scaled_down", "Political climate changed")
    model.reload()

    assert model.index(0).data() == "China — scaled down"
    assert model.row_of(planner.vietnam.id) == 1
    assert model.row_of(999) is None


def test_round_table_shows_a_dialogues_rounds_newest_first_with_cities_exactly(store, planner):
    model = RoundTableModel(store)
    assert model.rowCount() == 0

    model.set_dialogue(planner.china.id)
    assert column_texts(model, RoundColumn.NUMBER) == ["4", "3", "2", "1"]
    assert column_texts(model, RoundColumn.CITY) == ["Oslo", "北京", "Oslo", "北京"]
    assert [model.index(row, 0).data(RoundIdRole) for row in range(4)] == [r.id for r in reversed(planner.china_rounds)]

    model.set_dialogue(planner.vietnam.id)
    assert column_texts(model, RoundColumn.CITY) == ["Oslo", "Hà Nội"]
    assert model.index(1, RoundColumn.CITY).data(Qt.ItemDataRole.DisplayRole) == "Hà Nội"


def test_round_table_labels_dates_and_topic_counts(store, planner):
    model = RoundTableModel(store)
    model.set_dialogue(planner.china.id)

    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in RoundColumn]
    assert headers == ["Round", "Dates", "City", "Host", "Level", "Status", "Topics"]
    assert column_texts(model, RoundColumn.DATES) == [
        "",
        "20/06/2011",
        "02/11/2009 – 03/11/2009",
        "12/05/2008 – 14/05/2008",
    ]
    assert column_texts(model, RoundColumn.HOST) == ["Home", "Partner", "Home", "Partner"]
    assert column_texts(model, RoundColumn.LEVEL) == ["Senior officials", "Political", "Expert", "Senior officials"]
    assert column_texts(model, RoundColumn.STATUS) == ["In preparation", "Held", "Held", "Concluded"]
    assert column_texts(model, RoundColumn.TOPICS) == ["0", "0", "0", "2"]
    alignment = model.index(0, RoundColumn.TOPICS).data(Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight


@pytest.mark.parametrize(
    ("column", "expected_texts"),
    [
        # An undated round sorts before every dated one, and dates as dates, not as text.
        (RoundColumn.DATES, ["", "12/05/2008 – 14/05/2008", "02/11/2009 – 03/11/2009", "20/06/2011"]),
        # Vocabulary order (planned, in preparation, held, concluded), not the alphabet.
        (RoundColumn.STATUS, ["In preparation", "Held", "Held", "Concluded"]),
        (RoundColumn.LEVEL, ["Political", "Senior officials", "Senior officials", "Expert"]),
        (RoundColumn.TOPICS, ["0", "0", "0", "2"]),
    ],
)
def test_sort_role_gives_raw_values_for_a_proxy_to_sort_by(store, planner, column, expected_texts):
    model = RoundTableModel(store)
    model.set_dialogue(planner.china.id)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)

    proxy.sort(column, Qt.SortOrder.AscendingOrder)

    assert column_texts(proxy, column) == expected_texts


def test_dates_follow_the_locale_and_fall_back_to_iso():
    start, end = datetime.date(2024, 5, 12), datetime.date(2024, 5, 14)
    american = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)

    assert format_date_range(start, end, american) == "5/12/24 – 5/14/24"
    assert format_date_range(start, end, QLocale.c()) == "2024-05-12 – 2024-05-14"
    assert format_date_range(start, start, QLocale.c()) == "2024-05-12"
    assert format_date_range(None, end, QLocale.c()) == "2024-05-14"
    assert format_date_range(None, None) == ""


def test_models_pass_the_qt_model_tester(store, planner, qtmodeltester):
    dialogues = DialogueListModel(store)
    rounds = RoundTableModel(store)
    qtmodeltester.check(dialogues)
    qtmodeltester.check(rounds)  # empty, before a dialogue is chosen

    rounds.set_dialogue(planner.china.id)
    qtmodeltester.check(rounds)


def test_models_on_an_empty_database_pass_the_qt_model_tester(store, qtmodeltester):
    qtmodeltester.check(DialogueListModel(store))
    qtmodeltester.check(RoundTableModel(store))


@pytest.mark.parametrize(
    ("vocabulary_values", "label"),
    [
        (vocabulary.ENGAGEMENT_LEVELS, labels.engagement_level_label),
        (vocabulary.ENGAGEMENT_LEVELS, labels.engagement_level_in_text),
        (vocabulary.HOST_SIDES, labels.host_side_label),
        (vocabulary.ROUND_LEVELS, labels.round_level_label),
        (vocabulary.ROUND_STATUSES, labels.round_status_label),
    ],
)
def test_every_stored_value_has_its_own_label(vocabulary_values, label):
    tables = {
        labels.engagement_level_label: labels.ENGAGEMENT_LEVELS,
        labels.engagement_level_in_text: labels.ENGAGEMENT_LEVELS_IN_TEXT,
        labels.host_side_label: labels.HOST_SIDES,
        labels.round_level_label: labels.ROUND_LEVELS,
        labels.round_status_label: labels.ROUND_STATUSES,
    }
    assert set(tables[label]) == set(vocabulary_values)
    assert len({label(value) for value in vocabulary_values}) == len(vocabulary_values)


def test_labels_read_as_people_say_them():
    assert labels.round_level_label("senior_officials") == "Senior officials"
    assert labels.round_status_label("in_preparation") == "In preparation"
    assert labels.engagement_level_label("scaled_down") == "Scaled down"
    assert labels.engagement_level_in_text("scaled_down") == "scaled down"
    assert labels.host_side_label("home") == "Home"
    assert labels.round_status_label(None) == ""
    assert labels.round_status_label("under_review") == "Under review"
