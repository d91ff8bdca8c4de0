"""Service-test fixtures, built through the services as a desk officer would build them."""

from __future__ import annotations

import datetime

import pytest

from dialogue_planner.services.dialogues import add_country, start_dialogue
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m


@pytest.fixture
def norway(store) -> m.Country:
    return add_country(store, "Norway", "NO", is_home=True)


@pytest.fixture
def china_country(store, norway) -> m.Country:
    return add_country(store, "China", "CN")


@pytest.fixture
def vietnam_country(store, norway) -> m.Country:
    return add_country(store, "Vietnam", "VN")


@pytest.fixture
def china(store, china_country) -> m.Dialogue:
    return start_dialogue(
        store,
        china_country,
        "Norway–China human rights dialogue",
        start_year=1997,
        counterpart_ministry="Ministry of Foreign Affairs of the People's Republic of China",
    )


@pytest.fixture
def vietnam(store, vietnam_country) -> m.Dialogue:
    return start_dialogue(store, vietnam_country, "Norway–Vietnam human rights dialogue", start_year=2002)


@pytest.fixture
def death_penalty(store) -> m.Topic:
    return add_topic(store, "Death penalty")


@pytest.fixture
def legal_aid(store) -> m.Topic:
    return add_topic(store, "Legal aid and pre-trial detention")


@pytest.fixture
def defenders(store) -> m.Topic:
    return add_topic(store, "Human rights defenders")


@pytest.fixture
def expression(store) -> m.Topic:
    return add_topic(store, "Freedom of expression")


@pytest.fixture
def round24(store, china) -> m.Round:
    return plan_round(
        store,
        china,
        number=24,
        city="Beijing",
        start_date=datetime.date(2024, 6, 10),
        end_date=datetime.date(2024, 6, 11),
    )
