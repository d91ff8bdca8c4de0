"""Undoable edits: each goes through the services, and undo/redo change the database back and forth."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from dialogue_planner.errors import ValidationError
from dialogue_planner.services import records
from dialogue_planner.services.agenda import add_agenda_item, agenda_of
from dialogue_planner.storage import models as m
from dialogue_planner.ui.edits import RecordEdits


@pytest.fixture
def edits(qapp, store):
    stack = QUndoStack()
    editor = RecordEdits(store, stack)
    yield editor
    stack.clear()


def test_an_update_is_stored_at_once_and_undo_redo_walk_it_back_and_forth(edits, store, planner, qtbot):
    round_id = planner.china_rounds[3].id

    with qtbot.waitSignal(edits.recordChanged, check_params_cb=lambda table, rid: (table, rid) == ("round", round_id)):
        edits.update("round", round_id, {"city": "Hà Nội", "purpose": "Legal aid"})
    assert records.get(store, "round", round_id).city == "Hà Nội"

    edits.undo_stack.undo()
    assert (records.get(store, "round", round_id).city, records.get(store, "round", round_id).purpose) == ("Oslo", "")
    edits.undo_stack.redo()
    assert records.get(store, "round", round_id).city == "Hà Nội"
    assert edits.undo_stack.count() == 1


def test_a_refused_update_raises_and_leaves_nothing_on_the_stack(edits, store, planner):
    with pytest.raises(ValidationError) as refused:
        edits.update("round", planner.china_rounds[3].id, {"number": planner.china_rounds[0].number})

    assert "number" in refused.value.errors
    assert edits.undo_stack.count() == 0


def test_undoing_a_delete_brings_the_round_back_with_its_agenda(edits, store, planner):
    first = planner.china_rounds[0]
    before = [row["id"] for row in agenda_of(store, first.id)]

    edits.delete("round", first.id)
    assert m.Round.get_or_none(m.Round.id == first.id) is None

    edits.undo_stack.undo()
    assert [row["id"] for row in agenda_of(store, first.id)] == before
    edits.undo_stack.redo()
    assert m.AgendaItem.select().where(m.AgendaItem.round == first.id).count() == 0


def test_undoing_a_service_created_record_deletes_it_and_redo_restores_it(edits, store, planner):
    topic = records.create(store, "topic", {"name": "Prevention of torture"})
    item, _ = add_agenda_item(store, planner.china_rounds[3], topic)
    edits.created(item)

    edits.undo_stack.undo()
    assert m.AgendaItem.get_or_none(m.AgendaItem.id == item.id) is None
    edits.undo_stack.redo()
    assert records.get(store, "agenda_item", item.id).topic_id == topic.id


def test_an_undo_the_database_refuses_is_reported_and_dropped(edits, store, planner, qtbot):
    round_id = planner.china_rounds[3].id
    edits.update("round", round_id, {"city": "Bergen"})
    records.delete(store, "round", round_id)  # someone else deleted it meanwhile

    with qtbot.waitSignal(edits.failed) as failure:
        edits.undo_stack.undo()

    assert "no round with id" in failure.args[0]
    assert edits.undo_stack.count() == 0
