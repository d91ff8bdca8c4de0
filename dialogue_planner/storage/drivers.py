"""peewee without its PostgreSQL driver until a server database is opened.

peewee imports every database driver it knows when it is imported: psycopg2
(with ssl and socket) costs about 30 ms of the app's start-up, for the SQLite
file almost every user opens. `import_peewee` imports peewee with the server
drivers hidden, and `load_postgresql_driver` gives it psycopg2 when a database
URL is opened, setting the same module globals and adapter constants peewee
sets itself when psycopg2 is importable (peewee 4.5: see the top of peewee.py
and Psycopg2Adapter). Both are idempotent; a process that imported psycopg2
before peewee simply gets peewee as usual.
"""

from __future__ import annotations

import sys

# The drivers peewee tries at import for servers; the app uses psycopg2 only.
SERVER_DRIVERS = ("psycopg2cffi", "psycopg2", "psycopg", "pymysql", "MySQLdb")


def import_peewee() -> None:
    """Import peewee (once) without importing a server driver it would load eagerly."""
    if "peewee" in sys.modules:
        return
    hidden = [name for name in SERVER_DRIVERS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import name" raises ImportError at once
    try:
        import peewee  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]


def load_postgresql_driver() -> None:
    """Give peewee psycopg2 as if it had been importable when peewee was imported.

    Raises ImportError when psycopg2 is not installed (peewee then reports the
    driver as missing when the database connects, as it would have anyway).
    """
    import peewee

    if peewee.psycopg2 is not None:
        return
    import psycopg2
    from psycopg2 import extensions
    from psycopg2.extras import Json, register_uuid

    register_uuid()
    peewee.pg_extensions = extensions
    peewee.Json_pg2 = Json
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
    peewee.psycopg2 = psycopg2  # last: the check above reads it
