"""Every validation rule: the exact field a refusal is reported on, its message, and that nothing was written."""

from __future__ import annotations

import datetime
import decimal
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogue_planner.errors import ValidationError
from dialogue_planner.services import records
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.cases import open_case
from dialogue_planner.services.dialogues import add_country, add_priority_topic, set_engagement_level, start_dialogue
from dialogue_planner.services.followups import add_follow_up
from dialogue_planner.services.multilateral import add_multilateral_item
from dialogue_planner.services.network import add_institution, add_person, add_to_delegation
from dialogue_planner.services.projects import add_project, record_result
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m


def refusal(call, *args, **kwargs) -> ValidationError:
    """The ValidationError that `call(*args, **kwargs)` raises."""
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value


def history_size() -> int:
    return m.ChangeRecord.select().count()


# --- empty names -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "\u3000"])
def test_country_needs_a_name(store, name):
    error = refusal(add_country, store, name, "NO")

    assert error.errors == {"name": "must not be empty"}
    assert error.record == "country"
    assert str(error) == "country: name: must not be empty"


@pytest.mark.parametrize("name", ["", "  "])
def test_topic_needs_a_name(store, name):
    assert refusal(add_topic, store, name).errors == {"name": "must not be empty"}


@pytest.mark.parametrize("name", ["", "  "])
def test_person_needs_a_name(store, name):
    assert refusal(add_person, store, name).errors == {"name": "must not be empty"}


@pytest.mark.parametrize("name", ["", "  "])
def test_institution_needs_a_name(store, china_country, name):
    error = refusal(add_institution, store, name, china_country, "prosecution")

    assert error.errors == {"name": "must not be empty"}


@pytest.mark.parametrize("title", ["", "  "])
def test_project_needs_a_title(store, china_country, title):
    assert refusal(add_project, store, title, china_country).errors == {"title": "must not be empty"}


@pytest.mark.parametrize("title", ["", "  "])
def test_dialogue_needs_a_title(store, china_country, title):
    assert refusal(start_dialogue, store, china_country, title).errors == {"title": "must not be empty"}
    assert m.Dialogue.select().count() == 0
    assert m.EngagementChange.select().count() == 0


def test_surrounding_spaces_are_trimmed_from_single_line_text(store):
    topic = add_topic(store, "  Death penalty \u3000")

    assert m.Topic.get_by_id(topic.id).name == "Death penalty"


# --- required fields ---------------------------------------------------------------------------


def test_country_name_is_required_on_create(store):
    assert refusal(records.create, store, "country", {"iso_code": "NO"}).errors == {"name": "is required"}


def test_round_number_and_dialogue_are_required_on_create(store):
    assert refusal(records.create, store, "round", {"city": "Oslo"}).errors == {
        "dialogue": "is required",
        "number": "is required",
    }


def test_agenda_item_needs_a_round_and_a_topic(store):
    assert refusal(records.create, store, "agenda_item", {}).errors == {
        "round": "is required",
        "topic": "is required",
    }


def test_priority_topic_needs_the_date_it_takes_effect(store, china, death_penalty):
    error = refusal(records.create, store, "priority_topic", {"dialogue": china.id, "topic": death_penalty.id})

    assert error.errors == {"valid_from": "is required"}


def test_none_for_a_required_number_is_refused(store, china):
    assert refusal(records.create, store, "round", {"dialogue": china.id, "number": None}).errors == {
        "number": "is required"
    }


def test_empty_text_for_a_required_date_is_refused(store, china, death_penalty):
    error = refusal(add_priority_topic, store, china, death_penalty, "")

    assert error.errors == {"valid_from": "is required"}


# --- dates in order ----------------------------------------------------------------------------


def test_round_cannot_end_before_it_starts(store, china):
    error = refusal(plan_round, store, china, number=25, start_date="2025-06-11", end_date="2025-06-10")

    assert error.errors == {"end_date": "is before the start date"}
    assert error.record == "round"


def test_round_may_end_on_the_day_it_starts(store, china):
    one_day = plan_round(store, china, number=25, start_date="2025-06-10", end_date="2025-06-10")

    assert one_day.end_date == datetime.date(2025, 6, 10)


def test_moving_a_round_start_after_its_end_is_refused(store, round24):
    error = refusal(records.update, store, "round", round24.id, {"start_date": "2024-06-12"})

    assert error.errors == {"end_date": "is before the start date"}


def test_project_cannot_end_before_it_starts(store, china_country):
    error = refusal(
        add_project, store, "Legal aid pilot", china_country, start_date="2020-01-01", end_date="2019-12-31"
    )

    assert error.errors == {"end_date": "is before the start date"}


def test_priority_cannot_end_before_it_takes_effect(store, china, death_penalty):
    error = refusal(add_priority_topic, store, china, death_penalty, "2010-01-01", "2009-12-31")

    assert error.errors == {"valid_to": "is before the date it takes effect"}
    assert error.record == "priority topic"


@pytest.mark.parametrize("day", ["1899-12-31", "2201-01-01"])
def test_dates_outside_the_plausible_range_are_refused(store, china, day):
    error = refusal(plan_round, store, china, number=25, start_date=day)

    assert error.errors == {"start_date": "must lie between 1900 and 2200"}


# --- uniqueness --------------------------------------------------------------------------------


def test_round_number_is_unique_within_a_dialogue(store, china, round24):
    error = refusal(plan_round, store, china, number=24, city="Oslo")

    assert error.errors == {"number": "this dialogue already has a round with this number"}
    assert m.Round.select().count() == 1


def test_the_same_round_number_is_allowed_in_another_dialogue(store, round24, vietnam):
    vietnam_round = plan_round(store, vietnam, number=24, city="Hanoi")

    assert (vietnam_round.number, vietnam_round.dialogue_id) == (24, vietnam.id)


def test_renumbering_a_round_onto_a_used_number_is_refused(store, china, round24):
    round25 = plan_round(store, china, number=25)

    error = refusal(records.update, store, "round", round25.id, {"number": 24})

    assert error.errors == {"number": "this dialogue already has a round with this number"}


def test_a_round_keeps_its_own_number_on_update(store, round24):
    updated = records.update(store, "round", round24.id, {"number": 24, "city": "Beijing and Tianjin"})

    assert (updated.number, updated.city) == (24, "Beijing and Tianjin")


def test_a_topic_goes_on_an_agenda_only_once(store, round24, death_penalty):
    add_agenda_item(store, round24, death_penalty, minutes=60)

    error = refusal(add_agenda_item, store, round24, death_penalty, minutes=30)

    assert error.errors == {"topic": "this topic is already on the round's agenda"}
    assert error.record == "agenda item"
    assert m.AgendaItem.select().count() == 1


def test_a_country_has_one_dialogue(store, china, china_country):
    error = refusal(start_dialogue, store, china_country, "A second dialogue")

    assert error.errors == {"country": "this country already has a dialogue"}


def test_a_person_is_in_a_round_delegation_once(store, round24):
    person = add_person(store, "Kari Nordmann")
    add_to_delegation(store, round24, person, "home", "head")

    error = refusal(add_to_delegation, store, round24, person, "home", "member")

    assert error.errors == {"person": "this person is already in the round's delegations"}


def test_topic_names_are_unique(store, death_penalty):
    assert refusal(add_topic, store, "Death penalty").errors == {"name": "is already used by another record"}


# --- numbers -----------------------------------------------------------------------------------


def test_minutes_cannot_be_negative(store, round24, death_penalty):
    error = refusal(add_agenda_item, store, round24, death_penalty, minutes=-1)

    assert error.errors == {"minutes": "must not be negative"}


def test_minutes_cannot_exceed_a_day(store, round24, death_penalty):
    error = refusal(add_agenda_item, store, round24, death_penalty, minutes=24 * 60 + 1)

    assert error.errors == {"minutes": "must be at most 1440"}


def test_a_whole_day_of_minutes_is_accepted(store, round24, death_penalty):
    item, _ = add_agenda_item(store, round24, death_penalty, minutes=24 * 60)

    assert item.minutes == 1440


@pytest.mark.parametrize("field", ["baseline", "target", "actual"])
def test_project_results_cannot_be_negative(store, china_country, field):
    project = add_project(store, "Prosecutor training", china_country)

    error = refusal(record_result, store, project, "Public prosecutors trained", **{field: -1})

    assert error.errors == {field: "must not be negative"}
    assert error.record == "project result"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "nan", "inf"])
def test_project_results_must_be_finite(store, china_country, value):
    project = add_project(store, "Prosecutor training", china_country)

    error = refusal(record_result, store, project, "Public prosecutors trained", actual=value)

    assert error.errors == {"actual": "must be a finite number"}


def test_project_result_is_stored_as_given(store, china_country):
    project = add_project(store, "Prosecutor training", china_country)

    result = record_result(store, project, "Public prosecutors trained", baseline=0, target="2,000", actual=1500.5)

    stored = m.ProjectResult.get_by_id(result.id)
    assert (stored.baseline, stored.target, stored.actual) == (0.0, 2000.0, 1500.5)


def test_budget_cannot_be_negative(store, china_country):
    error = refusal(add_project, store, "Legal aid pilot", china_country, budget="-1", currency="NOK")

    assert error.errors == {"budget": "must not be negative"}


def test_project_result_over_the_limit_names_the_limit(store, china_country):
    project = add_project(store, "Prosecutor training", china_country)

    error = refusal(record_result, store, project, "Public prosecutors trained", target=2e15)

    assert error.errors == {"target": "must be at most 1000000000000000"}


def test_budget_has_at_most_two_decimal_places(store, china_country):
    error = refusal(add_project, store, "Legal aid pilot", china_country, budget="1000.005", currency="NOK")

    assert error.errors == {"budget": "has more than 2 decimal places"}


def test_budget_over_the_limit_names_the_exact_limit(store, china_country):
    error = refusal(add_project, store, "Legal aid pilot", china_country, budget=10**13, currency="NOK")

    assert error.errors == {"budget": "must be at most 9999999999999"}


@pytest.mark.parametrize("budget", ["NaN", "Infinity", "-Infinity"])
def test_budget_must_be_finite(store, china_country, budget):
    error = refusal(add_project, store, "Legal aid pilot", china_country, budget=budget, currency="NOK")

    assert error.errors == {"budget": "must be a finite amount"}


@pytest.mark.parametrize("budget", ["a lot", "1,000", True, [1000]])
def test_budget_must_be_an_amount(store, china_country, budget):
    error = refusal(add_project, store, "Legal aid pilot", china_country, budget=budget, currency="NOK")

    assert error.errors == {"budget": "must be an amount"}


def test_budget_is_stored_to_the_cent(store, china_country):
    project = add_project(store, "Legal aid pilot", china_country, budget="1500000.5", currency="NOK")

    assert records.plain(project.budget) == "1500000.50"
    assert m.JointProject.get_by_id(project.id).budget == decimal.Decimal("1500000.50")


def test_focus_target_must_be_at_least_one(store, china):
    error = refusal(records.update, store, "dialogue", china.id, {"focus_target": 0})

    assert error.errors == {"focus_target": "must be at least 1"}


# --- closed vocabularies -----------------------------------------------------------------------


def test_unknown_round_status_is_refused(store, china):
    error = refusal(plan_round, store, china, number=25, status="finished")

    assert error.errors == {"status": "must be one of: planned, in_preparation, held, concluded, postponed, cancelled"}


def test_unknown_round_level_is_refused(store, china):
    error = refusal(plan_round, store, china, number=25, level="ministerial")

    assert error.errors == {"level": "must be one of: political, senior_officials, expert"}


def test_unknown_host_side_is_refused(store, china):
    error = refusal(plan_round, store, china, number=25, host_side="neutral")

    assert error.errors == {"host_side": "must be one of: partner, home"}


def test_unknown_engagement_level_is_refused(store, china):
    error = refusal(set_engagement_level, store, china.id, "frozen", "Political climate")

    assert error.errors == {"engagement_level": "must be one of: active, scaled_down, paused, suspended"}
    assert m.EngagementChange.select().count() == 1


def test_unknown_case_category_is_refused(store, china_country):
    error = refusal(open_case, store, "Li Wei", china_country, category="activist")

    assert error.errors == {
        "category": "must be one of: human_rights_defender, woman_human_rights_defender, lawyer, journalist, "
        "land_environmental_defender, other"
    }


def test_unknown_sensitivity_is_refused(store, china_country):
    error = refusal(open_case, store, "Li Wei", china_country, sensitivity="secret")

    assert error.errors == {"sensitivity": "must be one of: confidential, shareable"}


def test_unknown_follow_up_status_is_refused(store, round24):
    error = refusal(add_follow_up, store, round24, "Send list of cases", status="pending")

    assert error.errors == {"status": "must be one of: open, done, dropped"}


def test_unknown_forum_is_refused(store):
    error = refusal(add_multilateral_item, store, "Human rights defenders", forum="security_council")

    assert error.errors == {"forum": "must be one of: hrc, unga_third_committee, upr, other"}


def test_unknown_partner_position_is_refused(store, china_country):
    error = refusal(add_multilateral_item, store, "Human rights defenders", positions={china_country.id: "against"})

    assert error.errors == {
        "position": "must be one of: voted_yes, voted_no, abstained, co_sponsored, accepted, noted, not_voting, unknown"
    }
    assert error.record == "multilateral position"
    assert m.MultilateralItem.select().count() == 0


def test_vocabulary_values_are_case_sensitive(store, china):
    error = refusal(plan_round, store, china, number=25, status="Planned")

    assert list(error.errors) == ["status"]


# --- text ---------------------------------------------------------------------------------------


def test_single_line_text_over_its_limit_is_refused(store):
    assert add_topic(store, "x" * 200).name == "x" * 200

    error = refusal(add_topic, store, "y" * 201)

    assert error.errors == {"name": "is longer than 200 characters"}


def test_long_text_over_its_limit_is_refused(store, round24):
    records.update(store, "round", round24.id, {"purpose": "p" * 20_000})

    error = refusal(records.update, store, "round", round24.id, {"purpose": "p" * 20_001})

    assert error.errors == {"purpose": "is longer than 20000 characters"}


@pytest.mark.parametrize(
    "name", ["Death\npenalty", "Death\rpenalty", "Death\tpenalty", "Death\x00penalty", "Death\x7f"]
)
def test_single_line_text_refuses_line_breaks_and_control_characters(store, name):
    error = refusal(add_topic, store, name)

    assert error.errors == {"name": "must be a single line without control characters"}


def test_long_text_keeps_line_breaks_and_tabs(store, round24):
    purpose = "Objectives:\n\t1. Legal aid\r\n\t2. Death penalty"

    records.update(store, "round", round24.id, {"purpose": purpose})

    assert m.Round.get_by_id(round24.id).purpose == purpose


@pytest.mark.parametrize("purpose", ["bell \x07", "nul \x00", "escape \x1b[31m", "delete \x7f"])
def test_long_text_refuses_control_characters(store, round24, purpose):
    error = refusal(records.update, store, "round", round24.id, {"purpose": purpose})

    assert error.errors == {"purpose": "contains control characters"}


@pytest.mark.parametrize("field", ["city", "purpose"])
def test_lone_surrogates_are_refused(store, china, field):
    error = refusal(plan_round, store, china, number=25, **{field: "Bei\ud800jing"})

    assert error.errors == {field: "contains characters that cannot be stored (broken Unicode)"}


def test_text_fields_refuse_other_types(store, china):
    error = refusal(plan_round, store, china, number=25, city=42)

    assert error.errors == {"city": "must be text"}


def test_text_in_any_script_is_stored_unchanged(store, china, vietnam_country):
    chinese_round = plan_round(store, china, number=25, city="北京", purpose="讨论法律援助。\n第二段")
    person = add_person(store, "Nguyễn Thị Hồng", title="Luật sư")
    institution = add_institution(store, "Komnas HAM — Komisi Nasional Hak Asasi Manusia", vietnam_country, "nhri")

    assert m.Round.get_by_id(chinese_round.id).city == "北京"
    assert m.Round.get_by_id(chinese_round.id).purpose == "讨论法律援助。\n第二段"
    assert (m.Person.get_by_id(person.id).name, m.Person.get_by_id(person.id).title) == ("Nguyễn Thị Hồng", "Luật sư")
    assert m.Institution.get_by_id(institution.id).name == "Komnas HAM — Komisi Nasional Hak Asasi Manusia"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=200))
def test_any_printable_single_line_name_is_stored_trimmed(store, name):
    if not name.strip():
        assert refusal(add_person, store, name).errors == {"name": "must not be empty"}
        return

    person = add_person(store, name)

    assert m.Person.get_by_id(person.id).name == name.strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.text(max_size=300))
def test_long_text_is_stored_exactly_or_refused_with_a_reason(store, notes):
    try:
        person = add_person(store, "Kari Nordmann", notes=notes)
    except ValidationError as error:
        assert list(error.errors) == ["notes"]
        assert error.errors["notes"] in {
            "contains control characters",
            "contains characters that cannot be stored (broken Unicode)",
        }
        return

    assert m.Person.get_by_id(person.id).notes == notes


# --- types -------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["twenty-five", "25.5", 25.5, "1e3", [25]])
def test_a_round_number_must_be_a_whole_number(store, china, number):
    error = refusal(records.create, store, "round", {"dialogue": china.id, "number": number})

    assert error.errors == {"number": "must be a whole number"}


def test_empty_text_for_a_required_number_is_refused(store, china):
    error = refusal(records.create, store, "round", {"dialogue": china.id, "number": ""})

    assert error.errors == {"number": "is required"}


@pytest.mark.parametrize("number", [True, False])
def test_a_boolean_is_not_a_number(store, china, number):
    error = refusal(plan_round, store, china, number=number)

    assert error.errors == {"number": "must be a whole number"}


@pytest.mark.parametrize(("given_number", "stored"), [("25", 25), (" 26 ", 26), (27.0, 27)])
def test_whole_numbers_given_as_text_or_float_are_accepted(store, china, given_number, stored):
    assert plan_round(store, china, number=given_number).number == stored


def test_a_datetime_is_not_a_date(store, china):
    error = refusal(plan_round, store, china, number=25, start_date=datetime.datetime(2025, 6, 10, 9, 0))

    assert error.errors == {"start_date": "must be a date without a time"}


@pytest.mark.parametrize("day", ["2025-02-30", "10.06.2025", "next week", 20250610])
def test_a_date_must_be_an_iso_date(store, china, day):
    error = refusal(plan_round, store, china, number=25, start_date=day)

    assert error.errors == {"start_date": "must be a date as YYYY-MM-DD"}


def test_an_iso_date_as_text_is_stored_as_a_date(store, china):
    planned = plan_round(store, china, number=25, start_date=" 2025-06-10 ")

    assert m.Round.get_by_id(planned.id).start_date == datetime.date(2025, 6, 10)


def test_is_home_must_be_true_or_false(store):
    error = refusal(records.create, store, "country", {"name": "Norway", "iso_code": "NO", "is_home": "yes"})

    assert error.errors == {"is_home": "must be true or false"}


# --- references --------------------------------------------------------------------------------


def test_reference_to_a_missing_record_is_refused(store, round24):
    error = refusal(add_agenda_item, store, round24, 999)

    assert error.errors == {"topic": "no topic with id 999"}


def test_reference_to_a_missing_round_is_refused(store, death_penalty):
    error = refusal(add_agenda_item, store, 999, death_penalty)

    assert error.errors == {"round": "no round with id 999"}


@pytest.mark.parametrize("reference", ["1", 1.0, True])
def test_a_reference_must_be_an_id(store, round24, death_penalty, reference):
    error = refusal(records.create, store, "agenda_item", {"round": round24.id, "topic": reference})

    assert error.errors == {"topic": "must be the id of a topic"}


# --- fields that cannot be set -----------------------------------------------------------------


def test_unknown_field_is_refused(store, round24, death_penalty):
    error = refusal(add_agenda_item, store, round24, death_penalty, duration=30)

    assert error.errors == {"duration": "is not a field of an agenda item"}


def test_unknown_field_names_the_record_type_with_its_article(store, china_country):
    error = refusal(open_case, store, "Li Wei", china_country, name="Li Wei")

    assert error.errors == {"name": "is not a field of an individual case"}


def test_unknown_field_on_update_is_refused(store, round24):
    error = refusal(records.update, store, "round", round24.id, {"venue": "Diaoyutai"})

    assert error.errors == {"venue": "is not a field of a round"}


@pytest.mark.parametrize("field", ["id", "version", "created_at", "updated_at", "changed_by"])
def test_managed_fields_cannot_be_set_on_create(store, china, field):
    value = {"id": 77, "version": 9, "created_at": "2000-01-01", "updated_at": "2000-01-01", "changed_by": "eve"}[field]

    error = refusal(plan_round, store, china, number=25, **{field: value})

    assert error.errors == {field: "is not a field of a round"}
    assert m.Round.select().count() == 0


@pytest.mark.parametrize("field", ["id", "version", "created_at"])
def test_managed_fields_cannot_be_set_on_update(store, round24, field):
    value = {"id": 77, "version": 9, "created_at": "2000-01-01"}[field]

    error = refusal(records.update, store, "round", round24.id, {field: value})

    assert error.errors == {field: "is not a field of a round"}
    stored = m.Round.get_by_id(round24.id)
    assert (stored.id, stored.version, stored.created_at) == (round24.id, 1, round24.created_at)


# --- country and currency codes ----------------------------------------------------------------


def test_country_code_is_taken_in_capitals(store):
    china = add_country(store, "China", " cn ")

    assert m.Country.get_by_id(china.id).iso_code == "CN"


def test_three_letter_country_code_is_refused(store):
    error = refusal(add_country, store, "China", "CHN")

    assert error.errors == {"iso_code": "is longer than 2 characters"}


@pytest.mark.parametrize("code", ["C1", "C", "Ч"])
def test_country_code_must_be_two_letters(store, code):
    error = refusal(add_country, store, "China", code)

    assert error.errors == {"iso_code": "must be two capital letters (ISO 3166-1 alpha-2)"}


def test_country_code_is_unique(store, norway):
    error = refusal(add_country, store, "Norge", "no")

    assert error.errors == {"iso_code": "is already used by another record"}


def test_a_budget_needs_a_currency(store, china_country):
    error = refusal(add_project, store, "Legal aid pilot", china_country, budget="1000000")

    assert error.errors == {"currency": "is required when a budget is given"}
    assert m.JointProject.select().count() == 0


@pytest.mark.parametrize("currency", ["nok", "NK", "N0K"])
def test_currency_must_be_an_iso_code(store, china_country, currency):
    error = refusal(add_project, store, "Legal aid pilot", china_country, budget="1000000", currency=currency)

    assert error.errors == {"currency": "must be three capital letters (ISO 4217), such as NOK or USD"}


def test_removing_the_currency_of_a_budgeted_project_is_refused(store, china_country):
    project = add_project(store, "Legal aid pilot", china_country, budget="1000000", currency="NOK")

    error = refusal(records.update, store, "joint_project", project.id, {"currency": ""})

    assert error.errors == {"currency": "is required when a budget is given"}


# --- follow-up completion ----------------------------------------------------------------------


def test_completed_on_only_when_the_follow_up_is_done(store, round24):
    error = refusal(add_follow_up, store, round24, "Send list of cases", completed_on="2024-07-01")

    assert error.errors == {"completed_on": "can only be set when the follow-up is done"}


def test_reopening_a_completed_follow_up_must_clear_its_completion_date(store, round24):
    follow_up = add_follow_up(store, round24, "Send list of cases", status="done", completed_on="2024-07-01")

    error = refusal(records.update, store, "follow_up", follow_up.id, {"status": "open"})

    assert error.errors == {"completed_on": "can only be set when the follow-up is done"}
    reopened = records.update(store, "follow_up", follow_up.id, {"status": "open", "completed_on": None})
    assert (reopened.status, reopened.completed_on) == ("open", None)


# --- many faults at once -----------------------------------------------------------------------


def test_every_bad_field_is_reported_in_one_error(store, china):
    error = refusal(
        plan_round,
        store,
        china,
        number=-3,
        city="Bei\njing",
        status="finished",
        start_date="someday",
        venue="Diaoyutai",
    )

    assert error.errors == {
        "number": "must be at least 1",
        "city": "must be a single line without control characters",
        "status": "must be one of: planned, in_preparation, held, concluded, postponed, cancelled",
        "start_date": "must be a date as YYYY-MM-DD",
        "venue": "is not a field of a round",
    }
    assert str(error).startswith("round: number: must be at least 1; city: ")


def test_cross_field_and_uniqueness_faults_are_reported_together(store, china, round24):
    error = refusal(plan_round, store, china, number=24, start_date="2025-06-11", end_date="2025-06-10")

    assert error.errors == {
        "end_date": "is before the start date",
        "number": "this dialogue already has a round with this number",
    }


# --- a refusal writes nothing ------------------------------------------------------------------


def test_a_refused_create_writes_no_row_and_no_history(store, china, round24):
    rounds_before, history_before = m.Round.select().count(), history_size()

    refusal(plan_round, store, china, number=24)
    refusal(plan_round, store, china, number=25, status="finished")

    assert m.Round.select().count() == rounds_before
    assert history_size() == history_before


def test_a_refused_update_changes_nothing(store, round24):
    history_before = history_size()

    refusal(records.update, store, "round", round24.id, {"city": "Shanghai", "minutes": 30})

    stored = m.Round.get_by_id(round24.id)
    assert (stored.city, stored.version, stored.updated_at) == ("Beijing", 1, round24.updated_at)
    assert history_size() == history_before


def test_a_project_with_a_bad_topic_is_not_half_stored(store, china_country, death_penalty):
    history_before = history_size()

    error = refusal(add_project, store, "Legal aid pilot", china_country, topics=[death_penalty, 999])

    assert error.errors == {"topic": "no topic with id 999"}
    assert m.JointProject.select().count() == 0
    assert m.ProjectTopic.select().count() == 0
    assert history_size() == history_before


def test_an_empty_engagement_reason_is_refused_and_changes_nothing(store, china):
    for reason in ("", "   "):
        error = refusal(set_engagement_level, store, china.id, "paused", reason)
        assert error.errors == {"reason": "say why the engagement level changes"}

    assert m.Dialogue.get_by_id(china.id).engagement_level == "active"
    assert m.EngagementChange.select().count() == 1


# --- the focus target warns, it does not refuse ------------------------------------------------


def test_exceeding_the_focus_target_is_a_warning(store, china, round24, death_penalty, legal_aid, defenders):
    records.update(store, "dialogue", china.id, {"focus_target": 2})

    _, first_warnings = add_agenda_item(store, round24, death_penalty)
    _, second_warnings = add_agenda_item(store, round24, legal_aid)
    third, third_warnings = add_agenda_item(store, round24, defenders)

    assert first_warnings == []
    assert second_warnings == []
    assert third_warnings == [
        "The agenda has 3 topics; the dialogue's focus target is 2. Consider fewer topics in more depth."
    ]
    assert m.AgendaItem.get_by_id(third.id).topic_id == defenders.id
