"""Global search: any record kind, any script, case and diacritics ignored."""

from __future__ import annotations

from dialogue_planner.services import records
from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.cases import open_case
from dialogue_planner.services.network import add_person
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.search import fold, search_records
from dialogue_planner.storage.search_index import short_needle_key


def found(store, query):
    return {(hit.table, hit.record_id) for hit in search_records(store, query)}


def test_fold_removes_case_and_vietnamese_diacritics():
    assert fold("Hà Nội") == "ha noi"
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("北京") == "北京"


def test_a_vietnamese_name_is_found_with_and_without_its_diacritics(store, vietnam_country):
    person = add_person(store, "Nguyễn Thị Hương", title="Deputy Director")
    add_person(store, "Kari Nordmann")

    assert found(store, "Nguyễn Thị") == {("person", person.id)}
    assert found(store, "nguyen thi huong") == {("person", person.id)}
    (hit,) = search_records(store, "HƯƠNG")
    assert (hit.title, hit.field, hit.excerpt) == ("Nguyễn Thị Hương", "name", "Nguyễn Thị Hương")


def test_chinese_text_is_found_in_rounds_cases_and_agenda_notes(store, china, china_country, death_penalty):
    beijing = plan_round(store, china, number=24, city="北京")
    case = open_case(store, "王全璋", china_country, summary="Lawyer detained in 2015")
    item, _ = add_agenda_item(store, beijing, death_penalty, talking_points="Ask about 死刑 statistics")

    assert found(store, "北京") == {("round", beijing.id)}
    assert found(store, "王全") == {("individual_case", case.id)}
    assert found(store, "死刑") == {("agenda_item", item.id)}
    (hit,) = search_records(store, "死刑")
    assert hit.title == "Death penalty — China, round 24"
    assert hit.excerpt == "Ask about 死刑 statistics"


def test_one_or_two_chinese_characters_are_found_by_their_keys_and_edits_keep_them(store, china):
    wang = add_person(store, "王红梅", title="Judge")
    li = add_person(store, "李红", title="Interpreter")
    beijing = plan_round(store, china, number=24, city="Beijing (北京)")

    assert short_needle_key("红梅") == "红梅\x1e" and short_needle_key("ha") is None  # a trigram of the index
    assert found(store, "王") == {("person", wang.id)}
    assert found(store, "红") == {("person", wang.id), ("person", li.id)}
    assert found(store, "红梅") == {("person", wang.id)}
    assert found(store, "梅李") == set()  # two records' characters never make a pair
    assert found(store, "京") == {("round", beijing.id)}
    (hit,) = search_records(store, "红梅")
    assert (hit.title, hit.field, hit.excerpt) == ("王红梅", "name", "王红梅")

    records.update(store, "person", li.id, {"name": "李明"})
    assert found(store, "红") == {("person", wang.id)}
    assert found(store, "明") == {("person", li.id)}
    records.delete(store, "person", wang.id)
    assert found(store, "王") == set()


def test_wildcards_in_the_query_are_taken_literally_and_blank_finds_nothing(store, china):
    plan_round(store, china, number=1, city="Oslo")

    assert found(store, "%") == set()
    assert found(store, "O_lo") == set()
    assert search_records(store, "   ") == []


def test_a_long_text_shows_an_excerpt_around_the_match(store, china, death_penalty):
    beijing = plan_round(store, china, number=2, city="Beijing")
    add_agenda_item(store, beijing, death_penalty, objectives="word " * 60 + "moratorium " + "tail " * 60)

    (hit,) = [hit for hit in search_records(store, "moratorium") if hit.table == "agenda_item"]

    assert hit.field == "objectives"
    assert "moratorium" in hit.excerpt and hit.excerpt.startswith("…") and hit.excerpt.endswith("…")
    assert len(hit.excerpt) <= 92


def test_a_found_agenda_item_leads_to_its_round_and_dialogue(store, china, death_penalty):
    from dialogue_planner.services.search import dialogue_of_record, round_of_record

    beijing = plan_round(store, china, number=3, city="Beijing")
    item, _ = add_agenda_item(store, beijing, death_penalty)

    assert (dialogue_of_record(store, "agenda_item", item.id), round_of_record(store, "agenda_item", item.id)) == (
        china.id,
        beijing.id,
    )
    assert (dialogue_of_record(store, "round", beijing.id), round_of_record(store, "round", beijing.id)) == (
        china.id,
        beijing.id,
    )
    assert (dialogue_of_record(store, "topic", death_penalty.id), round_of_record(store, "topic", 1)) == (None, None)


def test_every_record_has_a_title_to_show(store, china_country, china, death_penalty):
    from dialogue_planner.services.search import record_title

    assert record_title(store, "country", china_country.id) == "China"
    assert record_title(store, "dialogue", china.id) == "Norway–China human rights dialogue"
    assert record_title(store, "topic", death_penalty.id) == "Death penalty"
    assert record_title(store, "priority_topic", 99) == "priority topic 99"
