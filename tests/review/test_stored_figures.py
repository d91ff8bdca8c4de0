"""On SQLite the review reads each round's stored figures and topic mask (migrations 0009 and 0011) and
picks each pair's longest run by SQLite's bare columns; what it computes so must equal what counting the
agenda items and ranking the runs gives (the PostgreSQL way), in any scope.

Topic ids of 63 and more have no bit in the mask and are looked up: the data holds such topics too.
"""

from __future__ import annotations

import datetime

import pytest

import dialogue_planner.review.continuity_query as continuity_module
from dialogue_planner.review import ReviewScope, compute_review, queries, round_queries
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.dialogues import add_country, add_priority_topic, start_dialogue
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from tests.review.data_set import TODAY, build_review_data

pytestmark = pytest.mark.sqlite_only


def counted(store, scope: ReviewScope, monkeypatch):
    """The review as computed where no figures are stored and runs are ranked."""
    with monkeypatch.context() as patched:
        for module in (round_queries, continuity_module):
            patched.setattr(module, "has_round_figures", lambda _store: False)
        patched.setattr(continuity_module, "groups_with_bare_columns", lambda _store: False)
        patched.setattr(queries, "_WRITTEN", type(queries._WRITTEN)())  # no statement kept from before
        return compute_review(store, scope)


def high_topic_dialogue(store) -> None:
    """A dialogue whose priority topics have ids beyond the mask, with runs, gaps, a round without an
    agenda and a cancelled round between them."""
    while m.Topic.select().count() < 66:
        add_topic(store, f"Topic {m.Topic.select().count()}")
    high = list(m.Topic.select().where(m.Topic.id >= 63).order_by(m.Topic.id))[:3]
    low = m.Topic.select().order_by(m.Topic.id).first()
    dialogue = start_dialogue(store, add_country(store, "Kiribati", "KI"), "Kiribati dialogue")
    for topic in (*high[:2], low):
        add_priority_topic(store, dialogue, topic, "2019-01-01")
    agendas = [
        (high[0], high[1], low), (high[0], low), (), (high[0], high[2]), "cancelled", (high[1],), (high[0], high[1]),
    ]
    for number, agenda in enumerate(agendas, start=1):
        day = datetime.date(2019 + number // 3, 1 + number % 12, 10)
        if agenda == "cancelled":
            cancelled = plan_round(store, dialogue, number, start_date=day, status="cancelled")
            add_agenda_item(store, cancelled, high[0], minutes=10)
            continue
        round_ = plan_round(store, dialogue, number, start_date=day, status="held")
        for minutes, topic in enumerate(agenda, start=3):
            add_agenda_item(store, round_, topic, minutes=minutes * 5)


SCOPES = (
    ReviewScope(today=TODAY),
    ReviewScope(start=datetime.date(2020, 6, 1), today=TODAY),
    ReviewScope(end=datetime.date(2021, 12, 31), today=TODAY),
    ReviewScope(start=datetime.date(2020, 1, 1), end=datetime.date(2021, 6, 30), today=TODAY),
)


@pytest.mark.parametrize("scope", SCOPES, ids=["open", "from", "until", "between"])
def test_stored_figures_and_masks_give_the_counted_review(store, monkeypatch, scope):
    build_review_data(store)
    high_topic_dialogue(store)
    stored = compute_review(store, scope)
    if scope == SCOPES[0]:  # runs over both a masked and an unmasked topic
        assert any(row.topic_id >= 63 and row.longest_run > 1 for row in stored.continuity)
        assert any(row.topic_id < 63 and row.longest_run > 1 for row in stored.continuity)
    assert stored == counted(store, scope, monkeypatch)
    chosen = ReviewScope(dialogue_ids=(m.Dialogue.select(m.Dialogue.id).order_by(m.Dialogue.id.desc()).scalar(),),
                         start=scope.start, end=scope.end, today=TODAY)
    assert compute_review(store, chosen) == counted(store, chosen, monkeypatch)
