"""The people directory a page at a time: the same rows as the whole list, in a total order, found by id."""

from __future__ import annotations

import pytest

from dialogue_planner.services.network import add_institution, add_person
from dialogue_planner.services.network_directory import people_directory, people_pages

# (name, title, institution key): titles partly empty, names repeated, so that the ids decide ties.
PEOPLE = (
    ("Nguyễn Thị Hồng", "Director General", "hanoi"), ("陈静", "Senior Prosecutor", "court"),
    ("Kari Nordby", "", "oslo"), ("Anders Holm", "Adviser", None), ("Nguyễn Thị Hồng", "", "hanoi"),
    ("Bùi Thanh Hà", "Interpreter", "hanoi"), ("Erik Solvang", "Special Envoy", "oslo"),
    ("Anders Holm", "Counsellor", "oslo"), ("刘洋", "", "court"), ("Zhou Xiaoyan", "Interpreter", "court"),
)


@pytest.fixture
def people(store, norway, china_country, vietnam_country) -> dict[str, int]:
    institutions = {
        "oslo": add_institution(store, "Ministry of Foreign Affairs", norway, "ministry").id,
        "court": add_institution(store, "Supreme People's Court (最高人民法院)", china_country, "judiciary").id,
        "hanoi": add_institution(store, "Bộ Ngoại giao", vietnam_country, "ministry").id,
    }
    for name, title, institution in PEOPLE:
        add_person(store, name, title=title, institution=institutions[institution] if institution else None)
    return institutions


def names_and_ids(rows: list[dict]) -> list[tuple[str, int]]:
    return [(row["name"], row["id"]) for row in rows]


def test_pages_read_from_either_end_make_up_the_whole_list_in_name_order(store, people):
    pages = people_pages(store)
    whole = sorted(people_directory(store), key=lambda row: (row["name"], row["id"]))

    assert pages.count() == len(PEOPLE) == 10
    assert [pages.page(offset, 3) for offset in (0, 3, 6, 9)] == [whole[0:3], whole[3:6], whole[6:9], whole[9:10]]
    assert pages.page(10, 3) == []
    assert names_and_ids(pages.page(0, 2)) == [("Anders Holm", 4), ("Anders Holm", 8)]
    assert [row["id"] for row in pages.page(0, 10, descending=True)] == [row["id"] for row in reversed(whole)]
    assert [pages.position(row["id"]) for row in whole] == list(range(10))


def test_a_column_sorts_with_empty_values_last_and_ties_by_id_and_positions_follow(store, people):
    pages = people_pages(store)

    by_title = pages.page(0, 10, "title")
    descending = pages.page(0, 10, "title", descending=True)

    assert [(row["title"], row["id"]) for row in by_title] == [
        ("Adviser", 4), ("Counsellor", 8), ("Director General", 1), ("Interpreter", 6), ("Interpreter", 10),
        ("Senior Prosecutor", 2), ("Special Envoy", 7), ("", 3), ("", 5), ("", 9),
    ]
    assert descending == list(reversed(by_title))
    assert [pages.position(row["id"], "title", descending=True) for row in descending] == list(range(10))
    by_country = pages.page(0, 10, "country")
    assert [row["country"] for row in by_country] == ["China"] * 3 + ["Norway"] * 3 + ["Vietnam"] * 3 + [None]


def test_a_country_narrows_count_pages_and_positions(store, people, china_country):
    pages = people_pages(store, china_country.id)

    assert pages.count() == 3
    assert [row["name"] for row in pages.page(0, 10)] == ["Zhou Xiaoyan", "刘洋", "陈静"]
    assert pages.position(1) is None  # in Vietnam: not in this list


def test_a_filter_keeps_the_rows_whose_shown_columns_hold_every_word(store, people):
    add_person(store, "Liv Bakken", title="Judge", phone="+47 22 interpreter", notes="Worked as an interpreter")
    pages = people_pages(store)

    def matching(*words: str) -> list[str]:
        narrowed = pages.filtered(list(words))
        return [row["name"] for row in narrowed.page(0, 100)]

    assert matching("hong") == ["Nguyễn Thị Hồng", "Nguyễn Thị Hồng"]
    assert matching("interpreter") == ["Bùi Thanh Hà", "Zhou Xiaoyan"]  # not Liv Bakken: phone and notes are not shown
    assert matching("最高人民") == ["Zhou Xiaoyan", "刘洋", "陈静"]  # the institution's name
    assert matching("ngoai giao", "director") == ["Nguyễn Thị Hồng"]
    assert matching("norway") == ["Anders Holm", "Erik Solvang", "Kari Nordby"]  # the country's name
    assert matching("vi") == ["Anders Holm", "Bùi Thanh Hà", "Nguyễn Thị Hồng", "Nguyễn Thị Hồng"]  # "Adviser"
    assert matching("陈") == ["陈静"]
    assert matching("nowhere") == []
    assert len(matching()) == 11


def test_a_filtered_list_counts_pages_and_places_its_rows_in_every_order(store, people):
    interpreters = people_pages(store).filtered(["interpret"])

    assert interpreters.count() == 2
    assert [row["name"] for row in interpreters.page(1, 5)] == ["Zhou Xiaoyan"]
    assert [row["name"] for row in interpreters.page(0, 5, "country", descending=True)] == [
        "Bùi Thanh Hà", "Zhou Xiaoyan"]
    zhou = interpreters.page(1, 1)[0]["id"]
    assert (interpreters.position(zhou), interpreters.position(zhou, "country", descending=True)) == (1, 1)
    assert interpreters.position(1) is None  # Nguyễn Thị Hồng is no interpreter
