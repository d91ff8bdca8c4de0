"""A small review data set built through the services; its figures are worked out by hand in test_figures.py.

Today is 2024-01-01 for every review built on it.

China (focus target 2). Priority topics: P_death 2020-01-01..open, P_legal 2020-01-01..2021-12-31,
P_hrd 2022-01-01..open.
    C1 2019-06-01 concluded   Death 60, Legal 30, Labour 30, Expression 20
    C2 2020-06-01 concluded   Death 90, Labour 60
    C3 2021-06-01 concluded   Legal 45, Labour 45, HRD 30
    C4 2022-06-01 held        Death 60, HRD 30
    C5 2023-06-01 planned     (no agenda)
    C6 2023-09-01 cancelled   Death 10                    <- never in a review
Vietnam (focus target 3). Priority topics: PV_labour 2015-01-01..open, PV_legal 2015-01-01..open.
    V1 2021-03-01 concluded   Labour 60, Legal 40
    V2 2022-03-01 concluded   Death 20, Labour 30
Projects: J1 China active {Death}; J2 China active {Legal}; J3 China completed {HRD};
    J4 Vietnam active {Labour}; J5 Vietnam proposed {Legal}; J6 China active {Death, Labour};
    J8 Norway active {Death} (Norway has no dialogue).
Follow-ups: F1 C1 done; F2 C2 dropped; F3 C3 open due 2023-12-31; F4 C4 open due 2024-01-01;
    F5 C4 open, no due date; F6 C6 done; F7 V1 done; F8 V2 open due 2022-12-01.
Cases: K1 China confidential, raised at C2 (answer), C3 (blank), C4 (answer), C5 (planned);
    K2 Vietnam shareable, raised at V1 (answer); K3 China shareable, raised only at C6 (cancelled).
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from dialogue_planner.services.agenda import add_agenda_item
from dialogue_planner.services.cases import open_case, raise_case
from dialogue_planner.services.dialogues import add_country, add_priority_topic, start_dialogue
from dialogue_planner.services.followups import add_follow_up
from dialogue_planner.services.projects import add_project
from dialogue_planner.services.rounds import plan_round
from dialogue_planner.services.topics import add_topic

TODAY = datetime.date(2024, 1, 1)
day = datetime.date.fromisoformat


def build_review_data(store) -> SimpleNamespace:
    """The data set above, built through the services; every record it made, by the names used above."""
    norway = add_country(store, "Norway", "NO", is_home=True)
    china_country = add_country(store, "China", "CN")
    vietnam_country = add_country(store, "Vietnam", "VN")
    china = start_dialogue(store, china_country, "Norway–China human rights dialogue", focus_target=2)
    vietnam = start_dialogue(store, vietnam_country, "Norway–Vietnam human rights dialogue", focus_target=3)
    death = add_topic(store, "Death penalty")
    legal = add_topic(store, "Legal aid and pre-trial detention")
    hrd = add_topic(store, "Human rights defenders")
    labour = add_topic(store, "Labour rights")
    expression = add_topic(store, "Freedom of expression")
    add_topic(store, "Prevention of torture")  # in the catalogue, never on an agenda: not a grid row

    p_death = add_priority_topic(store, china, death, "2020-01-01")
    p_legal = add_priority_topic(store, china, legal, "2020-01-01", "2021-12-31")
    p_hrd = add_priority_topic(store, china, hrd, "2022-01-01")
    pv_labour = add_priority_topic(store, vietnam, labour, "2015-01-01")
    pv_legal = add_priority_topic(store, vietnam, legal, "2015-01-01")

    def round_(dialogue, number, start, status, agenda):
        planned = plan_round(store, dialogue, number, start_date=day(start), status=status, city="Somewhere")
        items = {}
        for topic, minutes in agenda:
            items[topic.name] = add_agenda_item(store, planned, topic, minutes=minutes)[0]
        return planned, items

    c1, c1_items = round_(china, 1, "2019-06-01", "concluded", [(death, 60), (legal, 30), (labour, 30),
                                                                (expression, 20)])
    c2, c2_items = round_(china, 2, "2020-06-01", "concluded", [(death, 90), (labour, 60)])
    c3, c3_items = round_(china, 3, "2021-06-01", "concluded", [(legal, 45), (labour, 45), (hrd, 30)])
    c4, c4_items = round_(china, 4, "2022-06-01", "held", [(death, 60), (hrd, 30)])
    c5, _ = round_(china, 5, "2023-06-01", "planned", [])
    c6, _ = round_(china, 6, "2023-09-01", "cancelled", [(death, 10)])
    v1, v1_items = round_(vietnam, 1, "2021-03-01", "concluded", [(labour, 60), (legal, 40)])
    v2, v2_items = round_(vietnam, 2, "2022-03-01", "concluded", [(death, 20), (labour, 30)])

    j1 = add_project(store, "Death penalty research", china_country, topics=[death], status="active")
    j2 = add_project(store, "Defence lawyers' training", china_country, topics=[legal], status="active")
    add_project(store, "Defenders' protection study", china_country, topics=[hrd], status="completed")
    j4 = add_project(store, "Social dialogue", vietnam_country, topics=[labour], status="active")
    add_project(store, "Legal-aid centres", vietnam_country, topics=[legal], status="proposed")
    j6 = add_project(store, "Prison reform", china_country, topics=[death, labour], status="active")
    add_project(store, "Abolition campaign", norway, topics=[death], status="active")

    f1 = add_follow_up(store, c1, "Send the project plan", due_date=day("2019-12-31"), status="done")
    f2 = add_follow_up(store, c2, "Seminar on sentencing", status="dropped")
    f3 = add_follow_up(store, c3, "Partner to send figures", due_date=day("2023-12-31"))
    f4 = add_follow_up(store, c4, "Agree the next programme", due_date=day("2024-01-01"))
    f5 = add_follow_up(store, c4, "Find a partner institution")
    add_follow_up(store, c6, "Book the venue", status="done")
    f7 = add_follow_up(store, v1, "Labour code comments", status="done")
    f8 = add_follow_up(store, v2, "Partner to report on ILO 87", due_date=day("2022-12-01"))

    k1 = open_case(store, "陈雪梅", china_country, category="lawyer")
    k1_c2 = raise_case(store, k1, c2, "Handled according to law.")
    k1_c3 = raise_case(store, k1, c3, "   ")
    k1_c4 = raise_case(store, k1, c4, "Released on bail.")
    k1_c5 = raise_case(store, k1, c5)
    k2 = open_case(store, "Lê Quang Vinh", vietnam_country, category="journalist", sensitivity="shareable")
    k2_v1 = raise_case(store, k2, v1, "Under investigation.")
    k3 = open_case(store, "Sun Guoping", china_country, sensitivity="shareable")
    raise_case(store, k3, c6, "Never held.")

    return SimpleNamespace(**locals())
