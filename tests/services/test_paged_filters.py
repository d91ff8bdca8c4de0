"""A filter on the people directory finds exactly the rows a plain scan of the shown columns finds, in
every order, however it is read: counted (few matches), read in order as far as asked (many matches:
a word tested row by row, or one word's matches tested as a set)."""

from __future__ import annotations

import pytest

from dialogue_planner.services import paged_filters, paged_lists
from dialogue_planner.services.network import add_institution, add_person
from dialogue_planner.services.network_directory import people_directory, people_pages
from dialogue_planner.storage.search_index import fold

SHOWN = ("name", "title", "email", "institution", "country")
FIRST_NAMES = ("Anh", "Bùi", "Kari", "Nguyễn", "Zhou", "陈", "Åse", "Erik", "Thị", "Ngọc")
TITLES = ("Adviser", "Director General", "", "Interpreter", "Senior Prosecutor", "Counsellor")
# One and two letters (Latin, Vietnamese folded, Chinese), longer words, several words, and none that match.
QUERIES = (
    ["a"], ["e"], ["ng"], ["ha"], ["qx"], ["z"], ["陈"], ["最高"], ["ø"], ["thi"], ["nguyen"], ["adviser"],
    ["ministry"], ["norway"], ["viet"], ["ng", "a"], ["nguyen", "a"], ["a", "e", "i"], ["zhou", "court"],
    ["an", "ng"], ["@"], ["example"], ["nowhere"], ["7"],
    # Two letters no trigram starts with but where a shown field ends: at an institution's name's end, a title's.
    ["vx"], ["jq"], ["xv"],
)
ORDERS = ((None, False), (None, True), ("title", False), ("country", True), ("email", False))


@pytest.fixture
def directory(store, norway, china_country, vietnam_country) -> None:
    """81 people at four institutions (and some at none), names repeated so that ids decide ties."""
    institutions = [
        add_institution(store, "Ministry of Foreign Affairs", norway, "ministry").id,
        add_institution(store, "Supreme People's Court (最高人民法院)", china_country, "judiciary").id,
        add_institution(store, "Bộ Ngoại giao", vietnam_country, "ministry").id,
        None,
    ]
    for number in range(80):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        add_person(store, f"{first} {number % 7}", title=TITLES[number % len(TITLES)],
                   email=f"p{number}@example.org" if number % 3 else "",
                   institution=institutions[number % len(institutions)],
                   notes="adviser to the ministry" if number % 5 == 0 else "")
    office = add_institution(store, "Office Vx", norway, "ministry").id
    add_person(store, "Lone Wolf", title="Unit Jq", institution=office)


def scanned(store, words: list[str], key: str | None, descending: bool) -> list[int]:
    """The ids a plain scan finds: every row of the whole list whose shown columns hold every folded word,
    sorted as the list sorts (empty values last, then by id)."""
    rows = [row for row in people_directory(store)
            if all(any(fold(word) in fold(row[column]) for column in SHOWN) for word in words)]
    column = key or "name"

    def order(row: dict) -> tuple:
        value = row[column] or ""
        return (value == "", value, row["id"])

    rows.sort(key=order, reverse=descending)
    return [row["id"] for row in rows]


def read_whole(pages: paged_lists.PagedList, key: str | None, descending: bool) -> list[int]:
    """The filtered list's ids, read as the view reads them: a page at a time, further while there is more."""
    ids: list[int] = []
    while True:
        known, complete = pages.rows_known(key, descending)
        ids += [row["id"] for row in pages.page(len(ids), 7, key, descending)]
        if complete and len(ids) >= known:
            return ids
        if len(ids) >= known:
            pages.read_to(known + 5, key, descending)


@pytest.mark.parametrize("thresholds", [(1000, 250, 20_000), (5, 3, 10), (5, 3, 0)],
                         ids=["as shipped", "many: a set word", "many: row by row"])
def test_every_filter_finds_what_a_plain_scan_finds_in_every_order(store, directory, monkeypatch, thresholds):
    counted, first_read, set_matches = thresholds
    monkeypatch.setattr(paged_filters, "COUNTED_MATCHES", counted)
    monkeypatch.setattr(paged_filters, "FIRST_READ", first_read)
    monkeypatch.setattr(paged_filters, "SET_MATCHES", set_matches)
    whole = people_pages(store)
    modes = set()
    for words in QUERIES:
        for key, descending in ORDERS:
            expected = scanned(store, words, key, descending)
            narrowed = whole.filtered([fold(word) for word in words])
            assert read_whole(narrowed, key, descending) == expected, (words, key, descending)
            assert narrowed.count() == len(expected)
            fresh = whole.filtered([fold(word) for word in words])  # places asked before any page is read
            assert [fresh.position(record_id, key, descending) for record_id in reversed(expected)] == list(
                reversed(range(len(expected)))), (words, key, descending)
            modes.add(fresh._filter_mode())
    if not store.is_sqlite:  # no search index: a filter's ids are read whole
        assert modes == {paged_lists.WHOLE}
    else:
        assert modes == ({paged_lists.FEW} if counted == 1000 else {paged_lists.FEW, paged_lists.MANY})


@pytest.mark.sqlite_only
def test_a_filter_matching_many_gives_a_first_screenful_and_says_there_are_more(store, directory, monkeypatch):
    monkeypatch.setattr(paged_filters, "COUNTED_MATCHES", 10)
    monkeypatch.setattr(paged_filters, "FIRST_READ", 4)
    with_a = people_pages(store).filtered(["a"])
    expected = scanned(store, ["a"], None, False)

    assert with_a.rows_known() == (4, False)
    assert [row["id"] for row in with_a.page(0, 4)] == expected[:4]
    assert with_a.rows_known() == (4, False)  # a page within the rows read reads no further
    assert with_a.read_to(9) == (9, False)
    assert with_a.position(expected[30]) == 30  # read as far as the record
    assert with_a.rows_known() == (31, False)
    assert with_a.read_to(-1) == (len(expected), True)
    assert len(expected) == 74
    assert people_pages(store).filtered(["a"]).position(999_999) is None
