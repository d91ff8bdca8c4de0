"""Checking a database: integrity, references and schema version."""

from __future__ import annotations

from dataclasses import dataclass, field

from dialogue_planner.storage.database import (
    LATEST_SCHEMA_VERSION,
    Store,
    record_count,
    schema_differences,
    schema_version,
)


@dataclass(frozen=True)
class CheckReport:
    """What `check_database` found; `problems` is empty for a healthy database."""

    location: str
    schema_version: int
    latest_schema_version: int
    records: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        state = "ok" if self.ok else f"{len(self.problems)} problem(s)"
        return (
            f"{state}: {self.location}: schema version {self.schema_version} "
            f"(latest {self.latest_schema_version}), {self.records} records"
        )


def check_database(store: Store) -> CheckReport:
    """Run SQLite's integrity and foreign-key checks (where SQLite) and compare the schema with the models."""
    problems: list[str] = []
    if store.is_sqlite:
        rows = [row[0] for row in store.db.execute_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems += [f"integrity: {row}" for row in rows[:20]]
        for table, rowid, parent, _ in store.db.execute_sql("PRAGMA foreign_key_check").fetchall()[:20]:
            problems.append(f"reference: {table} row {rowid} refers to a missing {parent}")
    version = schema_version(store.db)
    if version != LATEST_SCHEMA_VERSION:
        problems.append(f"schema version {version} is not the latest ({LATEST_SCHEMA_VERSION})")
    problems += [f"schema: {difference}" for difference in schema_differences(store.db)]
    return CheckReport(
        location=store.location,
        schema_version=version,
        latest_schema_version=LATEST_SCHEMA_VERSION,
        records=record_count(store),
        problems=problems,
    )
