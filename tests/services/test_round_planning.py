"""What the round planner offers: delegation candidates by side, cases of the partner country."""

from __future__ import annotations

from dialogue_planner.services.cases import open_case, raise_case
from dialogue_planner.services.network import add_institution, add_person, add_to_delegation
from dialogue_planner.services.round_planning import delegation_candidates, raisable_cases, round_heading


def test_candidates_are_split_by_side_and_leave_out_who_is_already_in(store, norway, china_country, round24):
    ministry = add_institution(store, "Ministry of Foreign Affairs", norway, "ministry")
    spc = add_institution(store, "最高人民检察院", china_country, "prosecution")
    kari = add_person(store, "Kari Nordmann", institution=ministry)
    ola = add_person(store, "Ola Expert")  # no institution: may join our side
    wang = add_person(store, "王芳", institution=spc)
    li = add_person(store, "李明", institution=spc)
    add_to_delegation(store, round24, kari, "home", "head")

    assert [row["id"] for row in delegation_candidates(store, round24.id, "home")] == [ola.id]
    assert [row["id"] for row in delegation_candidates(store, round24.id, "partner")] == [li.id, wang.id]
    assert delegation_candidates(store, round24.id, "partner")[1]["institution"] == "最高人民检察院"


def test_raisable_cases_are_the_partner_countrys_not_yet_on_the_round(store, round24, china_country, vietnam_country):
    listed = open_case(store, "Wang Quanzhang", china_country)
    waiting = open_case(store, "Li Yuhan", china_country)
    open_case(store, "Phạm Đoan Trang", vietnam_country)
    raise_case(store, listed, round24)

    assert [row["id"] for row in raisable_cases(store, round24.id)] == [waiting.id]
    assert round_heading(store, round24.id)["country"] == "China"
