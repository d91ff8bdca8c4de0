"""The command line: the same services as the app, for scripts, printing and tests.

Every command takes `--db` (an SQLite path or a database URL; default: the
user's database) and exits non-zero with a one-line reason on failure.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import peewee

from dialogue_planner import start_up
from dialogue_planner.errors import PassphraseError, PlannerError, StorageError
from dialogue_planner.storage.database import Store, default_database_location, is_url, open_database

PROGRAM = "dialogue-planner"
# An encrypted database's passphrase comes from the environment, never an argument (others can list those).
PASSPHRASE_VARIABLE = "DIALOGUE_PLANNER_PASSPHRASE"


def _passphrase() -> str | None:
    return os.environ.get(PASSPHRASE_VARIABLE) or None
# The app's views, as `gui --view` names them (kept here so the command line does not load Qt to list them).
SCREENSHOT_VIEW_NAMES = (
    "overview", "round", "topics", "projects", "network", "cases", "multilateral", "follow-ups", "history", "review",
)


@contextlib.contextmanager
def _opened(
    location: str, user: str | None, *, create: bool = False, fresh_only_on_success: bool = False
) -> Iterator[Store]:
    """Open the database for one command; a file this command created is removed again if it fails."""
    path = None if is_url(location) else Path(location).expanduser()
    existed = path is None or path.exists()
    passphrase = _passphrase()
    if passphrase is not None and not existed and create:
        from dialogue_planner.services.encryption import check_passphrase

        check_passphrase(passphrase)  # a file is created encrypted with it: as long as any new passphrase
    store = open_database(location, user=user, create=create, passphrase=passphrase)
    try:
        yield store
    except BaseException:
        store.close()
        if fresh_only_on_success and not existed and path is not None:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
        raise
    store.close()


def _ensure_default_folder(location: str) -> None:
    """The user's own database folder is created on first use; any other folder must exist."""
    if location == default_database_location() and not is_url(location):
        Path(location).expanduser().parent.mkdir(parents=True, exist_ok=True)


def command_gui(arguments: argparse.Namespace) -> int:
    import gc

    # Start-up makes tens of thousands of objects that live as long as the app (modules, classes,
    # Qt wrappers); the collector would scan them again and again. app.run_gui resumes it once
    # the window is up, with what start-up made frozen out of every later collection.
    gc.disable()
    try:
        from dialogue_planner.app import run_gui  # Qt is loaded only when the window is wanted.

        return run_gui(arguments.db, screenshot=arguments.screenshot, view=arguments.view,
                       exit_when_shown=arguments.exit_when_shown)
    finally:
        start_up.finish()  # done at the first paint already, unless there was none (a screenshot, a failure)
        gc.enable()


def command_demo(arguments: argparse.Namespace) -> int:
    from dialogue_planner.services import demo

    _ensure_default_folder(arguments.db)
    with _opened(arguments.db, arguments.user, create=True, fresh_only_on_success=True) as store:
        if not demo.is_empty(store) and not arguments.force:
            raise PlannerError(f"{store.location} already holds records; use --force to replace them with demo data")
        with store.atomic():
            if arguments.force:
                demo.clear_all(store)
            summary = demo.build_demo(store)
            if arguments.scale != 1:
                from dialogue_planner.services.demo_scale import scale_demo

                counts = scale_demo(store, arguments.scale)
                summary = dataclasses.replace(
                    summary, dialogues=counts["dialogue"], rounds=counts["round"],
                    projects=counts["joint_project"], people=counts["person"],
                )
        print(
            f"demo data written to {store.location}: {summary.dialogues} dialogues, {summary.rounds} rounds, "
            f"{summary.projects} projects, {summary.people} people"
        )
    return 0


def command_rounds(arguments: argparse.Namespace) -> int:
    from dialogue_planner.services.rounds import list_rounds

    with _opened(arguments.db, arguments.user) as store:
        rows = list_rounds(store)
        if not rows:
            print("no rounds")
            return 0
        print(f"{'id':>5}  {'country':<12} {'round':>5}  {'dates':<23}  {'status':<14} {'topics':>6}  city")
        for row in rows:
            dates = " – ".join(str(day) for day in (row["start_date"], row["end_date"]) if day) or "not set"
            print(
                f"{row['id']:>5}  {row['country']:<12} {row['number']:>5}  {dates:<23}  "
                f"{row['status']:<14} {row['topic_count']:>6}  {row['city']}"
            )
    return 0


def command_export_json(arguments: argparse.Namespace) -> int:
    from dialogue_planner.exchange.json_exchange import export_json

    lines = _ProgressLines(arguments.progress_lines)
    with _opened(arguments.db, arguments.user) as store:
        export_json(store, Path(arguments.output), progress=lines.progress)
    print(f"exported {arguments.db} to {arguments.output}")
    return 0


def command_import_json(arguments: argparse.Namespace) -> int:
    from dialogue_planner.exchange.json_exchange import import_json

    _ensure_default_folder(arguments.db)
    lines = _ProgressLines(arguments.progress_lines)
    with _opened(arguments.db, arguments.user, create=True, fresh_only_on_success=True) as store:
        summary = import_json(store, Path(arguments.file), progress=lines.progress)
    print(f"imported {summary.total} records from {arguments.file} into {arguments.db}")
    return 0


def command_review(arguments: argparse.Namespace) -> int:
    from dialogue_planner.review import ReviewScope, resolve_dialogues
    from dialogue_planner.review.pdf import export_review_pdf
    from dialogue_planner.review.scope import parse_day

    start, end = parse_day(arguments.start, "--from"), parse_day(arguments.end, "--to")
    today = parse_day(arguments.today, "--today") or datetime.date.today()
    lines = _ProgressLines(arguments.progress_lines)
    with _opened(arguments.db, arguments.user) as store:
        dialogue_ids = resolve_dialogues(store, arguments.dialogue) if arguments.dialogue else None
        if arguments.dialogue_ids is not None:  # the app's choice, by id ("" = none ticked)
            dialogue_ids = tuple(int(part) for part in arguments.dialogue_ids.split(",") if part)
        rendered = export_review_pdf(store, ReviewScope(dialogue_ids, start, end, today), Path(arguments.output),
                                     on_progress=lines.progress)
    lines.result("pages", rendered.page_count)
    print(f"topic focus review written to {arguments.output} ({rendered.page_count} pages)")
    return 0


def command_check(arguments: argparse.Namespace) -> int:
    from dialogue_planner.services.maintenance import check_database

    with _opened(arguments.db, arguments.user) as store:
        report = check_database(store)
    print(report.summary())
    for problem in report.problems:
        print(f"  {problem}")
    return 0 if report.ok else 1


def command_backup(arguments: argparse.Namespace) -> int:
    from dialogue_planner.services.backups import back_up

    target = back_up(arguments.db, arguments.output, passphrase=_passphrase())
    print(f"backed up {arguments.db} to {target}")
    return 0


def command_restore(arguments: argparse.Namespace) -> int:
    from dialogue_planner.services.backups import restore_file

    result, report = restore_file(arguments.db, arguments.file, passphrase=_passphrase())
    kept = f"; the replaced database is kept as {result.safety_copy}" if result.safety_copy else ""
    print(f"restored {result.database} from {result.restored_from}{kept}")
    print(report.summary())
    return 0 if report.ok else 1


def command_brief(arguments: argparse.Namespace) -> int:
    from dialogue_planner.briefs.brief import write_brief

    lines = _ProgressLines(arguments.progress_lines)
    with _opened(arguments.db, arguments.user) as store:
        pages = write_brief(
            store, arguments.round_id, Path(arguments.output), shareable=arguments.shareable, marking=arguments.marking,
            progress=lines.progress,
        )
    lines.result("pages", pages)
    variant = "shareable brief" if arguments.shareable else "brief"
    print(f"{variant} of round {arguments.round_id} written to {arguments.output} ({pages} pages)")
    return 0


class _ProgressLines:
    """`--progress-lines`: machine-readable lines on stdout for the app, which runs an export in a child process.

    `progress<TAB>done<TAB>total<TAB>text` as the work goes on (each new step once), then
    `result<TAB>name<TAB>value`; flushed at once. Without the flag nothing is printed.
    """

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._last: tuple[int, int, str] | None = None
        if enabled and hasattr(os, "nice"):
            os.nice(10)  # the app's background work: its window gets the CPU first (benchmarks/bench_ui.py)

    def progress(self, done: int, total: int, text: str = "") -> None:
        step = (done, total, " ".join(text.split()))
        if self.enabled and step != self._last:  # layout reports every flowable; the app needs each new step
            self._last = step
            print(f"progress\t{done}\t{total}\t{step[2]}", flush=True)

    def result(self, name: str, value: object) -> None:
        if self.enabled:
            print(f"result\t{name}\t{value}", flush=True)


def _database_options(*, with_defaults: bool) -> argparse.ArgumentParser:
    """--db and --user, accepted before or after the command name."""
    options = argparse.ArgumentParser(add_help=False)
    # Without SUPPRESS, a subcommand's default would overwrite a --db given before the command name.
    database_default = default_database_location() if with_defaults else argparse.SUPPRESS
    options.add_argument(
        "--db",
        default=database_default,
        metavar="PATH_OR_URL",
        help="SQLite file or database URL such as postgresql://user@host/name (default: the user's database)",
    )
    options.add_argument(
        "--user",
        default=None if with_defaults else argparse.SUPPRESS,
        help="name recorded in the change history (default: login name)",
    )
    return options


AddCommand = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _add_gui(add: AddCommand) -> None:
    gui = add("gui", command_gui, "start the desktop app (the default command)")
    gui.add_argument("--screenshot", metavar="FILE.png", help="render the main window offscreen to a PNG and exit")
    gui.add_argument(
        "--view",
        choices=SCREENSHOT_VIEW_NAMES,
        help="the view to show in the screenshot, with a representative record open",
    )
    # For benchmarks/bench_startup.py: print a marker once the window has painted, then quit.
    gui.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)


def _add_demo(add: AddCommand) -> None:
    demo = add("demo", command_demo, "fill the database with demo data")
    demo.add_argument("--force", action="store_true", help="replace whatever the database holds")
    demo.add_argument("--scale", type=int, default=1, metavar="N",
                      help="build the demo N times over (copies in bulk, for trying the app at scale)")


def _add_rounds(add: AddCommand) -> None:
    add("rounds", command_rounds, "list the rounds with their ids")


def _add_review(add: AddCommand) -> None:
    review = add("review", command_review, "write the topic focus review as PDF")
    review.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    review.add_argument("--dialogue", action="append", metavar="NAME",
                        help="a dialogue by country name, ISO code or title (repeat for more; default: all)")
    review.add_argument("--from", dest="start", metavar="DATE", help="first day of the period (YYYY-MM-DD)")
    review.add_argument("--to", dest="end", metavar="DATE", help="last day of the period (YYYY-MM-DD)")
    # For the app's export (ui/review_export.py): its choice of dialogues by id and its "today", exactly.
    review.add_argument("--dialogue-ids", metavar="ID,ID", help=argparse.SUPPRESS)
    review.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    review.add_argument("--progress-lines", action="store_true", help=argparse.SUPPRESS)


def _add_export_json(add: AddCommand) -> None:
    export = add("export-json", command_export_json, "export the whole database as JSON")
    export.add_argument("-o", "--output", required=True, metavar="FILE.json")
    # The app runs the export and the import in a child process (ui/exchange_actions.py).
    export.add_argument("--progress-lines", action="store_true", help=argparse.SUPPRESS)


def _add_import_json(add: AddCommand) -> None:
    import_ = add("import-json", command_import_json, "import a JSON export into an empty database")
    import_.add_argument("file", metavar="FILE.json")
    import_.add_argument("--progress-lines", action="store_true", help=argparse.SUPPRESS)


def _add_check(add: AddCommand) -> None:
    add("check", command_check, "check integrity and schema version")


def _add_backup(add: AddCommand) -> None:
    backup = add("backup", command_backup, "copy an SQLite database safely, even while it is in use")
    backup.add_argument("-o", "--output", metavar="FILE", help="where to write it (default: backups/ beside it)")


def _add_restore(add: AddCommand) -> None:
    restore = add("restore", command_restore, "replace an SQLite database by a backup, keeping a copy of it")
    restore.add_argument("file", metavar="BACKUP")


def _add_brief(add: AddCommand) -> None:
    brief = add("brief", command_brief, "write a round's delegation brief as PDF")
    brief.add_argument("round_id", type=int, metavar="ROUND_ID", help="the round's id (see the rounds command)")
    brief.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    brief.add_argument("--shareable", action="store_true", help="leave out confidential cases and notes")
    brief.add_argument(
        "--marking", metavar="TEXT", help="classification marking of the full brief (default: CONFIDENTIAL)"
    )
    brief.add_argument("--progress-lines", action="store_true", help=argparse.SUPPRESS)  # for the app's export


# The commands, in the order the help lists them.
COMMANDS: dict[str, Callable[[AddCommand], None]] = {
    "gui": _add_gui,
    "demo": _add_demo,
    "rounds": _add_rounds,
    "review": _add_review,
    "export-json": _add_export_json,
    "import-json": _add_import_json,
    "check": _add_check,
    "backup": _add_backup,
    "restore": _add_restore,
    "brief": _add_brief,
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given the arguments, it sets up only the commands they name, so that
    `gui` does not pay for the other nine (argparse takes about 5 ms for all ten, at every start of the
    app); when they name none (no command: the app, or a help or error that lists them all), all."""
    common = _database_options(with_defaults=False)
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Plan bilateral human rights dialogue rounds.",
        parents=[_database_options(with_defaults=True)],
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    # A command name may also stand as a value (`--db review review ...`): every name present is set up.
    named = [name for name in COMMANDS if argv is not None and name in argv]
    for name in named or COMMANDS:
        COMMANDS[name](add)
    parser.set_defaults(handler=command_gui, screenshot=None, view=None, exit_when_shown=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    arguments = build_parser(argv).parse_args(argv)
    if arguments.handler is not command_gui:  # the window's start-up goes on to its first paint
        start_up.finish()
    try:
        return arguments.handler(arguments)
    except BrokenPipeError:
        # The reader (`| head`) stopped listening: not an error; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except PassphraseError as error:
        _fail(f"{error}; give it in {PASSPHRASE_VARIABLE}" if not error.wrong else str(error))
    except PlannerError as error:
        _fail(str(error))
    except peewee.DatabaseError as error:
        _fail(str(StorageError(f"{arguments.db}: {error}")))
    except OSError as error:
        _fail(f"{error.filename or arguments.db}: {error.strerror or error}")
    except KeyboardInterrupt:
        _fail("interrupted")
    return 1


def _fail(reason: str) -> None:
    print(f"{PROGRAM}: error: {' '.join(reason.split())}", file=sys.stderr)


if __name__ == "__main__":  # python -m dialogue_planner.cli, as the app runs an import in its own process
    sys.exit(main())
