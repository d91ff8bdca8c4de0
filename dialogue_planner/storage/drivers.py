"""peewee without its PostgreSQL driver until a server database is opened.

peewee imports every database driver it knows when it is imported: psycopg2
(with ssl and socket) costs about 30 ms of the app's start-up, for the SQLite
file almost every user opens. `import_peewee` imports peewee with the server
drivers hidden, and `load_postgresql_driver` gives it psycopg2 when a database
URL is opened, setting the same module globals and adapter constants peewee
sets itself when psycopg2 is importable (peewee 4.5: see the top of peewee.py
and Psycopg2Adapter). Both are idempotent; a process that imported psycopg2
before peewee simply gets peewee as usual.

peewee also imports modules it uses only inside functions a start-up never
calls (the MD5 of long index names, UUID fields, IP address fields, UTC
timestamps): hashlib (which loads OpenSSL), socket, uuid (with platform) and
calendar, about 15 ms. `import_peewee` lets peewee import a stand-in for each
(`_OnFirstUse`) that imports the real module the first time peewee reads
anything from it, and then puts the real module in peewee's place for it. Only
peewee holds the stand-ins: once peewee is imported they leave `sys.modules`, so
everything else imports the real modules as usual.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

# The drivers peewee tries at import for servers; the app uses psycopg2 only.
SERVER_DRIVERS = ("psycopg2cffi", "psycopg2", "psycopg", "pymysql", "MySQLdb")
# Modules peewee imports but uses only inside functions start-up does not call.
DEFERRED_MODULES = ("hashlib", "socket", "uuid", "calendar")


class _OnFirstUse(ModuleType):
    """Stands in for the module of that name in peewee's globals until peewee first reads from it."""

    owner: ModuleType | None = None  # peewee, once imported

    def __getattr__(self, attribute: str) -> object:  # only for what the stand-in itself lacks
        if attribute.startswith("__") and attribute.endswith("__"):
            # What tools ask of any module (inspect: __file__, __wrapped__): a stand-in has none of it.
            raise AttributeError(attribute)
        if sys.modules.get(self.__name__) is self:  # still importing peewee: import the real module in its place
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        owner = self.owner
        if owner is not None and owner.__dict__.get(self.__name__) is self:
            setattr(owner, self.__name__, real)
        return getattr(real, attribute)


def import_peewee() -> None:
    """Import peewee (once) without importing a server driver it would load eagerly."""
    if "peewee" in sys.modules:
        return
    stand_ins = {name: _OnFirstUse(name) for name in DEFERRED_MODULES if name not in sys.modules}
    sys.modules.update(stand_ins)
    hidden = [name for name in SERVER_DRIVERS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import name" raises ImportError at once
    try:
        import peewee
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    for stand_in in stand_ins.values():
        stand_in.owner = peewee


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
