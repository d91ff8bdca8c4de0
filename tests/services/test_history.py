"""The change history: what each create, update and delete records, and optimistic concurrency."""

from __future__ import annotations

import pytest

from dialogue_planner.errors import ConflictError, NotFoundError, ValidationError
from dialogue_planner.services import records
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.cases import open_case, raise_case
from dialogue_planner.services.followups import add_follow_up
from dialogue_planner.services.network import add_person, add_to_delegation
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.storage import models as m


def history_size() -> int:
    return m.ChangeRecord.select().count()


def test_create_records_every_field_from_nothing(store, china):
    planned = plan_round(store, china, number=24, city="Beijing", start_date="2024-06-10", level="political")

    (entry,) = records.history(store, "round", planned.id)

    assert entry["action"] == "create"
    assert entry["changed_by"] == "tester"
    assert entry["table_name"] == "round"
    assert entry["record_id"] == planned.id
    assert entry["changes"] == {
        "dialogue": [None, china.id],
        "number": [None, 24],
        "start_date": [None, "2024-06-10"],
        "end_date": [None, None],
        "city": [None, "Beijing"],
        "host_side": [None, "partner"],
        "level": [None, "political"],
        "status": [None, "planned"],
        "purpose": [None, ""],
        "outcome_summary": [None, ""],
        "confidential_notes": [None, ""],
    }


def test_create_stamps_the_record(store, china):
    planned = plan_round(store, china, number=24)

    stored = m.Round.get_by_id(planned.id)
    assert (stored.version, stored.changed_by) == (1, "tester")
    assert stored.created_at == stored.updated_at


def test_update_records_only_the_changed_fields(store, round24):
    store.user = "anna"

    updated = records.update(
        store,
        "round",
        round24.id,
        {"city": "Shanghai", "status": "in_preparation", "number": 24, "level": "senior_officials"},
    )

    entries = records.history(store, "round", round24.id)
    assert [entry["action"] for entry in entries] == ["create", "update"]
    assert entries[-1]["changes"] == {"city": ["Beijing", "Shanghai"], "status": ["planned", "in_preparation"]}
    assert entries[-1]["changed_by"] == "anna"
    stored = m.Round.get_by_id(round24.id)
    assert (stored.city, stored.status, stored.version, stored.changed_by) == ("Shanghai", "in_preparation", 2, "anna")
    assert stored.updated_at > round24.updated_at
    assert stored.created_at == round24.created_at
    assert (updated.version, updated.city) == (2, "Shanghai")


def test_each_update_increments_the_version(store, round24):
    records.update(store, "round", round24.id, {"city": "Shanghai"})
    records.update(store, "round", round24.id, {"city": "Beijing"})

    assert m.Round.get_by_id(round24.id).version == 3
    changes = [entry["changes"] for entry in records.history(store, "round", round24.id)[1:]]
    assert changes == [{"city": ["Beijing", "Shanghai"]}, {"city": ["Shanghai", "Beijing"]}]


def test_dates_and_amounts_are_recorded_as_text(store, round24, china_country):
    records.update(store, "round", round24.id, {"end_date": "2024-06-12"})
    project = records.create(store, "joint_project", {"title": "Legal aid", "country": china_country.id})
    records.update(store, "joint_project", project.id, {"budget": "2500000", "currency": "NOK"})

    assert records.history(store, "round", round24.id)[-1]["changes"] == {"end_date": ["2024-06-11", "2024-06-12"]}
    assert records.history(store, "joint_project", project.id)[-1]["changes"] == {
        "budget": [None, "2500000.00"],
        "currency": ["", "NOK"],
    }


def test_an_update_that_changes_nothing_writes_no_history(store, round24):
    before = history_size()

    same_values = {"city": " Beijing ", "number": "24", "end_date": "2024-06-11"}

    unchanged = records.update(store, "round", round24.id, same_values)

    assert history_size() == before
    stored = m.Round.get_by_id(round24.id)
    assert (stored.version, stored.updated_at) == (1, round24.updated_at)
    assert unchanged.version == 1


def test_delete_records_every_field_to_nothing(store, china):
    planned = plan_round(store, china, number=25, city="Oslo", host_side="home")
    store.user = "anna"

    records.delete(store, "round", planned.id)

    entries = records.history(store, "round", planned.id)
    assert [entry["action"] for entry in entries] == ["create", "delete"]
    assert entries[-1]["changed_by"] == "anna"
    assert entries[-1]["changes"] == {
        name: [new, None] for name, (_, new) in entries[0]["changes"].items()
    }
    assert entries[-1]["changes"]["city"] == ["Oslo", None]
    with pytest.raises(NotFoundError, match="no round with id"):
        records.get(store, "round", planned.id)


def test_deleting_a_round_deletes_what_belongs_to_it_and_records_each(store, china_country, round24, death_penalty,
                                                                     legal_aid):
    first, _ = add_agenda_item(store, round24, death_penalty, minutes=60)
    second, _ = add_agenda_item(store, round24, legal_aid, minutes=45)
    head = add_person(store, "Kari Nordmann", title="Director")
    member = add_to_delegation(store, round24, head, "home", "head")
    follow_up = add_follow_up(store, round24, "Send list of detained lawyers", topic=legal_aid)
    case = open_case(store, "Li Wei", china_country, category="lawyer")
    raising = raise_case(store, case, round24)

    records.delete(store, "round", round24.id)

    deleted = {
        (row.table_name, row.record_id)
        for row in m.ChangeRecord.select().where(m.ChangeRecord.action == "delete")
    }
    assert deleted == {
        ("round", round24.id),
        ("agenda_item", first.id),
        ("agenda_item", second.id),
        ("delegation_member", member.id),
        ("follow_up", follow_up.id),
        ("case_raising", raising.id),
    }
    assert m.Round.select().count() == 0
    assert m.AgendaItem.select().count() == 0
    assert m.DelegationMember.select().count() == 0
    assert m.FollowUp.select().count() == 0
    assert m.CaseRaising.select().count() == 0
    # What the round merely referred to stays.
    assert [row.id for row in m.IndividualCase.select()] == [case.id]
    assert [row.id for row in m.Person.select()] == [head.id]
    assert m.Topic.select().count() == 2
    assert records.history(store, "agenda_item", first.id)[-1]["changes"]["minutes"] == [60, None]


def test_a_deleted_round_comes_back_with_its_agenda_under_the_same_ids(store, round24, death_penalty, legal_aid):
    first, _ = add_agenda_item(store, round24, death_penalty, minutes=60, talking_points="Moratorium first")
    second, _ = add_agenda_item(store, round24, legal_aid, minutes=45)
    follow_up = add_follow_up(store, round24, "Send list of detained lawyers", topic=legal_aid)

    deleted = records.delete(store, "round", round24.id)
    records.restore(store, deleted)

    assert records.get(store, "round", round24.id).city == round24.city
    assert [(row.id, row.minutes) for row in m.AgendaItem.select().order_by(m.AgendaItem.id)] == [
        (first.id, 60),
        (second.id, 45),
    ]
    assert records.get(store, "agenda_item", first.id).talking_points == "Moratorium first"
    assert records.get(store, "follow_up", follow_up.id).round_id == round24.id
    assert [entry["action"] for entry in records.history(store, "round", round24.id)] == ["create", "delete", "create"]


def test_restoring_a_record_whose_reference_is_gone_is_refused_and_writes_nothing(store, round24, death_penalty):
    item, _ = add_agenda_item(store, round24, death_penalty, minutes=60)
    deleted_item = records.delete(store, "agenda_item", item.id)
    records.delete(store, "round", round24.id)
    before = history_size()

    with pytest.raises(ValidationError, match="no longer exists"):
        records.restore(store, deleted_item)

    assert m.AgendaItem.select().count() == 0
    assert history_size() == before


def test_deleting_a_topic_in_use_is_refused_and_changes_nothing(store, round24, death_penalty):
    add_agenda_item(store, round24, death_penalty)
    before = history_size()

    with pytest.raises(ValidationError) as caught:
        records.delete(store, "topic", death_penalty.id)

    assert caught.value.errors == {"record": "still used by 1 agenda item record(s); remove those first"}
    assert caught.value.record == "topic"
    assert m.Topic.get_by_id(death_penalty.id).name == "Death penalty"
    assert m.AgendaItem.select().count() == 1
    assert history_size() == before


def test_deleting_a_country_with_a_dialogue_is_refused(store, china, china_country):
    with pytest.raises(ValidationError) as caught:
        records.delete(store, "country", china_country.id)

    assert caught.value.errors == {"record": "still used by 1 dialogue record(s); remove those first"}
    assert m.Country.select().count() == 2


def test_deleting_a_missing_record_is_not_found(store):
    with pytest.raises(NotFoundError, match="^no topic with id 42$"):
        records.delete(store, "topic", 42)


def test_unicode_survives_in_the_history(store, china):
    planned = plan_round(store, china, number=25, city="北京")
    person = add_person(store, "Nguyễn Thị Hồng")
    records.update(store, "person", person.id, {"title": "Luật sư nhân quyền"})

    raw = m.ChangeRecord.get(
        (m.ChangeRecord.table_name == "round") & (m.ChangeRecord.record_id == planned.id)
    ).changes
    assert '"北京"' in raw
    assert records.history(store, "round", planned.id)[0]["changes"]["city"] == [None, "北京"]
    person_history = records.history(store, "person", person.id)
    assert person_history[0]["changes"]["name"] == [None, "Nguyễn Thị Hồng"]
    assert person_history[1]["changes"] == {"title": ["", "Luật sư nhân quyền"]}


def test_an_update_from_a_stale_copy_is_a_conflict(store, round24):
    store.user = "anna"
    records.update(store, "round", round24.id, {"city": "Shanghai"}, expected_version=1)
    changed = m.Round.get_by_id(round24.id)
    before = history_size()
    store.user = "bjorn"

    with pytest.raises(ConflictError) as caught:
        records.update(store, "round", round24.id, {"city": "Tianjin"}, expected_version=1)

    assert str(caught.value) == (
        f"this round was changed by anna at {changed.updated_at:%Y-%m-%d %H:%M} UTC after you opened it; "
        "reload it to see their change"
    )
    stored = m.Round.get_by_id(round24.id)
    assert (stored.city, stored.version, stored.changed_by) == ("Shanghai", 2, "anna")
    assert history_size() == before


def test_an_update_with_the_current_version_succeeds(store, round24):
    updated = records.update(store, "round", round24.id, {"city": "Shanghai"}, expected_version=1)

    assert updated.version == 2
    assert records.update(store, "round", round24.id, {"city": "Tianjin"}, expected_version=2).version == 3


def test_a_delete_from_a_stale_copy_is_a_conflict(store, round24, death_penalty):
    add_agenda_item(store, round24, death_penalty)
    records.update(store, "round", round24.id, {"status": "in_preparation"})
    changed = m.Round.get_by_id(round24.id)
    before = history_size()

    with pytest.raises(ConflictError) as caught:
        records.delete(store, "round", round24.id, expected_version=1)

    assert "changed by tester" in str(caught.value)
    assert f"at {changed.updated_at:%Y-%m-%d %H:%M} UTC" in str(caught.value)
    assert m.Round.get_by_id(round24.id).version == 2
    assert m.AgendaItem.select().count() == 1
    assert history_size() == before


def test_a_stale_update_is_a_conflict_even_when_the_input_is_also_bad(store, round24):
    records.update(store, "round", round24.id, {"city": "Shanghai"})

    with pytest.raises(ConflictError):
        records.update(store, "round", round24.id, {"status": "finished"}, expected_version=1)


def test_history_of_one_record_leaves_out_the_others(store, china, round24):
    other = plan_round(store, china, number=25)
    records.update(store, "round", other.id, {"city": "Oslo"})

    assert [entry["action"] for entry in records.history(store, "round", round24.id)] == ["create"]
    assert [entry["action"] for entry in records.history(store, m.Round, other.id)] == ["create", "update"]


def test_unknown_record_type_is_a_programming_error(store):
    with pytest.raises(ValueError, match="unknown record type 'change_record'"):
        records.history(store, "change_record", 1)
