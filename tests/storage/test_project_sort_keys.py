"""The projects' stored sort keys (migration 0010) equal what the list's sort expressions give, whatever
writes: the services, a rename, undo, the JSON import, the demo's bulk scaling, and the migration itself."""

from __future__ import annotations

import datetime
import importlib

import pytest

from dialogue_planner.exchange.json_exchange import export_json, import_json
from dialogue_planner.services import records
from dialogue_planner.services.demo_scale import scale_demo
from dialogue_planner.services.dialogues import add_country
from dialogue_planner.services.project_pages import ListWording, project_pages
from dialogue_planner.services.projects import add_project, record_result, set_project_topics
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import open_database, schema_differences

MIGRATION = importlib.import_module("dialogue_planner.storage.migrations.0010_project_sort_keys")
# What the list sorted by before the keys were stored: worked out for every project in turn.
EXPECTED = (
    "SELECT p.id, c.name, "
    "(SELECT lower(group_concat(name, ', ')) FROM (SELECT t.name AS name FROM project_topic pt "
    "JOIN topic t ON t.id = pt.topic_id WHERE pt.project_id = p.id ORDER BY t.name)), "
    "(SELECT LOWER(r.indicator) FROM project_result r WHERE r.project_id = p.id "
    "ORDER BY r.as_of IS NULL, r.as_of DESC, r.id DESC LIMIT 1) "
    "FROM joint_project p JOIN country c ON c.id = p.country_id ORDER BY p.id"
)
STORED = "SELECT id, country_name, topics_key, latest_key FROM joint_project ORDER BY id"
MIGRATION_KEYS = {"title": "title", "country": "country", "status": "status", "topics": "topics", "budget": "budget",
                  "start_date": "start", "latest_result": "latest"}


def keys(store) -> list[tuple]:
    """(id, country name, topics key, latest key) of every project as stored, checked against the expressions."""
    stored = store.db.execute_sql(STORED).fetchall()
    assert stored == store.db.execute_sql(EXPECTED).fetchall()
    return stored


@pytest.fixture
def projects(store):
    china, vietnam = add_country(store, "China", "CN"), add_country(store, "Vietnam", "VN")
    water, death, legal = (add_topic(store, name) for name in ("Water", "Death penalty", "legal aid"))
    courts = add_project(store, "Courts", china, topics=[water, death])
    prison = add_project(store, "Prison reform", vietnam, topics=[legal])
    bare = add_project(store, "Nothing yet", china)
    record_result(store, prison, "Prosecutors trained", actual=5, as_of=datetime.date(2023, 1, 1))
    record_result(store, prison, "Lawyers trained", actual=1)  # undated: older than any dated one
    return {"china": china, "vietnam": vietnam, "water": water, "death": death, "legal": legal,
            "courts": courts, "prison": prison, "bare": bare}


def test_the_services_keep_the_keys(store, projects):
    courts, prison, bare = projects["courts"].id, projects["prison"].id, projects["bare"].id
    assert keys(store) == [(courts, "China", "death penalty, water", None),
                           (prison, "Vietnam", "legal aid", "prosecutors trained"),
                           (bare, "China", None, None)]

    set_project_topics(store, courts, [projects["legal"]])
    set_project_topics(store, bare, [projects["water"], projects["legal"]])
    records.update(store, "topic", projects["legal"].id, {"name": "Access to justice"})
    records.update(store, "country", projects["china"].id, {"name": "People's Republic of China"})
    records.update(store, "joint_project", prison, {"country": projects["china"].id})
    result = record_result(store, bare, "Courts visited", actual=3, as_of=datetime.date(2020, 5, 1))
    records.update(store, "project_result", result.id, {"as_of": datetime.date(2024, 5, 1)})
    latest = m.ProjectResult.get(m.ProjectResult.indicator == "Prosecutors trained")
    records.delete(store, "project_result", latest.id)

    assert keys(store) == [(courts, "People's Republic of China", "access to justice", None),
                           (prison, "People's Republic of China", "access to justice", "lawyers trained"),
                           (bare, "People's Republic of China", "access to justice, water", "courts visited")]


def test_undo_of_a_deleted_project_brings_its_keys_back(store, projects):
    before = keys(store)
    removed = records.delete(store, "joint_project", projects["prison"].id)  # its topic link and results too
    assert [row[0] for row in keys(store)] == [projects["courts"].id, projects["bare"].id]

    records.restore(store, removed)

    assert keys(store) == before


def test_a_json_import_and_the_demo_scaling_store_the_keys(store, projects, tmp_path, demo_copy):
    export_json(store, tmp_path / "export.json")
    copy = open_database(str(tmp_path / "copy.sqlite"), user="tester")
    try:
        import_json(copy, tmp_path / "export.json")
        assert keys(copy) == keys(store)
    finally:
        copy.close()

    demo = demo_copy()  # the demo dated today: the test's own copy of the session's build
    try:
        scale_demo(demo, 3)
        scaled = keys(demo)
        assert len(scaled) > 600 and {"China", "China 2", "China 3"} <= {row[1] for row in scaled}  # the copies
        assert {row[2] for row in scaled} - {None} and {row[3] for row in scaled} - {None}  # topics, results
        assert schema_differences(demo.db) == []  # the keys are no model's columns, and not taken for damage
    finally:
        demo.close()


def test_the_migration_stores_the_keys_of_the_projects_there_are(store, projects):
    before = keys(store)
    MIGRATION.down(None, store.db)
    assert "topics_key" not in {column.name for column in store.db.get_columns("joint_project")}

    MIGRATION.up(None, store.db)

    assert keys(store) == before
    set_project_topics(store, projects["bare"].id, [projects["death"]])  # and keeps them from then on
    assert keys(store)[2][2] == "death penalty"


@pytest.mark.parametrize("key", ["title", "country", "status", "topics", "budget", "start_date", "latest_result"])
@pytest.mark.parametrize("descending", [False, True])
def test_each_column_is_read_in_its_index_order_without_sorting(store, projects, key, descending):
    # The list writes each sort term as the migration indexed it: a vocabulary or expression changed on
    # one side only would leave SQLite sorting every project again.
    pages = project_pages(store, wording=ListWording(text=lambda _key, row: ""))
    ids = pages._ordered_query(pages._whole_list(key), key, descending).select(m.JointProject.id).limit(10)
    sql, params = ids.sql()
    plan = " | ".join(row[3] for row in store.db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall())

    assert f"joint_project_sort_{MIGRATION_KEYS[key]}" in plan and "B-TREE" not in plan, plan
