"""An editor in a process of its own, for the crash and concurrency tests: edits through the services.

    python -m tests.safety.editor_process DATABASE edit-forever
        create a topic and update it, again and again; after each commit print "TOPIC_ID VERSION"
    python -m tests.safety.editor_process DATABASE increment RESULT_ID COUNT
        COUNT times, read a project result and write back its `actual` plus one in one transaction;
        print "ok" or "error <reason>" for each
    python -m tests.safety.editor_process DATABASE stale RESULT_ID
        read the result, print its version, wait for a line on stdin, then save a change with that
        version as expected_version; print "saved" or "refused <message>"

Every line is flushed at once: the tests wait on these lines, never on the clock.
"""

from __future__ import annotations

import os
import sys

import peewee

from dialogue_planner.errors import ConflictError, PlannerError
from dialogue_planner.services import records
from dialogue_planner.services.topics import add_topic
from dialogue_planner.storage import models as m
from dialogue_planner.storage.database import Store, open_database


def say(line: str) -> None:
    print(line, flush=True)


def edit_forever(store: Store) -> None:
    number = 0
    while True:
        number += 1
        topic = add_topic(store, f"Topic {os.getpid()}-{number}", "first words")
        updated = records.update(store, m.Topic, topic.id, {"description": f"words changed {number} times"})
        say(f"{topic.id} {updated.version}")


def increment(store: Store, result_id: int, count: int) -> None:
    for _ in range(count):
        try:
            # Read and write in one transaction: the read takes the lock (BEGIN IMMEDIATE on SQLite,
            # FOR UPDATE on PostgreSQL), so no other editor's increment can fall between the two.
            with store.atomic():
                result = records.get(store, m.ProjectResult, result_id, for_update=True)
                records.update(store, m.ProjectResult, result_id, {"actual": result.actual + 1},
                               expected_version=result.version)
            say("ok")
        except (PlannerError, peewee.DatabaseError) as error:
            say(f"error {type(error).__name__}: {error}")


def stale(store: Store, result_id: int) -> None:
    result = records.get(store, m.ProjectResult, result_id)
    say(str(result.version))
    sys.stdin.readline()
    try:
        records.update(store, m.ProjectResult, result_id, {"target": 999}, expected_version=result.version)
        say("saved")
    except ConflictError as error:
        say(f"refused {error}")


def main(arguments: list[str]) -> None:
    location, mode, *rest = arguments
    store = open_database(location, user=f"editor-{mode}")
    try:
        if mode == "edit-forever":
            edit_forever(store)
        elif mode == "increment":
            increment(store, int(rest[0]), int(rest[1]))
        elif mode == "stale":
            stale(store, int(rest[0]))
        else:
            raise SystemExit(f"unknown mode {mode}")
    finally:
        store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
