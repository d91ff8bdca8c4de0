"""Schema version 10: the projects list sorts through indexes (SQLite only).

The list sorts by a column, then by country name, title and id. With a project
selected, the list counts the projects sorting before it; without indexes that
sorted all 30,010 projects at demo x100 (60-120 ms), working out the topics and
the latest result of each one. Now each project stores what its order needs
from other tables, exactly as the list's sort expressions gave it:

- `country_name`: its country's name;
- `topics_key`: its topic names by name, joined by ', ', lower-cased (NULL
  without topics);
- `latest_key`: the indicator of its latest result (latest as-of date, undated
  before dated, then the highest id), lower-cased (NULL without results).

Triggers on joint_project, country (a rename), project_topic, topic (a rename)
and project_result keep them in step whatever writes (the services, the JSON
import, the demo's bulk scaling, undo). The models do not name these columns:
nothing else reads or writes them (`storage.database.DERIVED_COLUMNS`).

An index per sorted column holds the list's whole order: the column's sort
term (the same expression, so that SQLite matches it), the country name and
the title (the id ends every index). A page in any order is read from it by
walking it, and the rows before a project are counted in it.

PostgreSQL sorts by the expressions as before and needs nothing. The SQL below
is a frozen copy of what `services.project_pages` sorts by.
"""

import peewee

COLUMNS = ("country_name", "topics_key", "latest_key")

TOPICS = (
    "(SELECT lower(group_concat(name, ', ')) FROM (SELECT t.name AS name FROM project_topic pt "
    "JOIN topic t ON t.id = pt.topic_id WHERE pt.project_id = {project} ORDER BY t.name))"
)
LATEST = (
    "(SELECT lower(r.indicator) FROM project_result r WHERE r.project_id = {project} "
    "ORDER BY r.as_of IS NULL, r.as_of DESC, r.id DESC LIMIT 1)"
)
COUNTRY = "(SELECT name FROM country WHERE id = {country})"
STATUS_PLACE = (
    "CASE status WHEN 'proposed' THEN 0 WHEN 'active' THEN 1 WHEN 'paused' THEN 2 WHEN 'completed' THEN 3 "
    "WHEN 'cancelled' THEN 4 ELSE 5 END"
)
OWN_ORDER = "country_name, title"
INDEXES = {
    "joint_project_sort_title": f"COALESCE(NULLIF(lower(title), ''), x''), {OWN_ORDER}",
    "joint_project_sort_country": f"lower(country_name), {OWN_ORDER}",
    "joint_project_sort_status": f"{STATUS_PLACE}, {OWN_ORDER}",
    "joint_project_sort_topics": f"COALESCE(NULLIF(topics_key, ''), x''), {OWN_ORDER}",
    "joint_project_sort_budget": f"COALESCE(budget, x''), {OWN_ORDER}",
    "joint_project_sort_start": f"COALESCE(start_date, x''), {OWN_ORDER}",
    "joint_project_sort_latest": f"COALESCE(NULLIF(latest_key, ''), x''), {OWN_ORDER}",
}


def _set(column: str, expression: str, project: str) -> str:
    return f"UPDATE joint_project SET {column} = {expression.format(project=project)} WHERE id = {project};"


TRIGGERS = {
    # Links made before their project (an import may write them first) are usually none.
    "project_sort_keys_project_insert": (
        f"AFTER INSERT ON joint_project BEGIN UPDATE joint_project SET country_name = "
        f"{COUNTRY.format(country='new.country_id')}, topics_key = {TOPICS.format(project='new.id')}, "
        f"latest_key = {LATEST.format(project='new.id')} WHERE id = new.id; END"
    ),
    "project_sort_keys_project_country": (
        "AFTER UPDATE OF country_id ON joint_project BEGIN UPDATE joint_project SET country_name = "
        f"{COUNTRY.format(country='new.country_id')} WHERE id = new.id; END"
    ),
    "project_sort_keys_country_rename": (
        "AFTER UPDATE OF name ON country WHEN new.name IS NOT old.name BEGIN "
        "UPDATE joint_project SET country_name = new.name WHERE country_id = new.id; END"
    ),
    "project_sort_keys_topic_insert": (
        f"AFTER INSERT ON project_topic BEGIN {_set('topics_key', TOPICS, 'new.project_id')} END"
    ),
    "project_sort_keys_topic_delete": (
        f"AFTER DELETE ON project_topic BEGIN {_set('topics_key', TOPICS, 'old.project_id')} END"
    ),
    "project_sort_keys_topic_update": (
        "AFTER UPDATE OF project_id, topic_id ON project_topic BEGIN "
        f"{_set('topics_key', TOPICS, 'old.project_id')} {_set('topics_key', TOPICS, 'new.project_id')} END"
    ),
    "project_sort_keys_topic_rename": (
        "AFTER UPDATE OF name ON topic WHEN new.name IS NOT old.name BEGIN "
        f"UPDATE joint_project SET topics_key = {TOPICS.format(project='joint_project.id')} "
        "WHERE id IN (SELECT project_id FROM project_topic WHERE topic_id = new.id); END"
    ),
    "project_sort_keys_result_insert": (
        f"AFTER INSERT ON project_result BEGIN {_set('latest_key', LATEST, 'new.project_id')} END"
    ),
    "project_sort_keys_result_delete": (
        f"AFTER DELETE ON project_result BEGIN {_set('latest_key', LATEST, 'old.project_id')} END"
    ),
    "project_sort_keys_result_update": (
        "AFTER UPDATE OF project_id, indicator, as_of ON project_result BEGIN "
        f"{_set('latest_key', LATEST, 'old.project_id')} {_set('latest_key', LATEST, 'new.project_id')} END"
    ),
}


def up(migrator, db):
    if not isinstance(db, peewee.SqliteDatabase):
        return
    for column in COLUMNS:
        db.execute_sql(f"ALTER TABLE joint_project ADD COLUMN {column} TEXT")
    db.execute_sql(
        f"UPDATE joint_project SET country_name = {COUNTRY.format(country='joint_project.country_id')}, "
        f"topics_key = {TOPICS.format(project='joint_project.id')}, "
        f"latest_key = {LATEST.format(project='joint_project.id')}"
    )
    for name, body in TRIGGERS.items():
        db.execute_sql(f"CREATE TRIGGER {name} {body}")
    for name, columns in INDEXES.items():
        db.execute_sql(f"CREATE INDEX {name} ON joint_project ({columns})")
    # With statistics for the other indexes only, the planner may sort every project instead.
    if db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        db.execute_sql("ANALYZE joint_project")


def down(migrator, db):
    if not isinstance(db, peewee.SqliteDatabase):
        return
    for name in TRIGGERS:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    for name in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    for column in COLUMNS:
        db.execute_sql(f"ALTER TABLE joint_project DROP COLUMN {column}")
