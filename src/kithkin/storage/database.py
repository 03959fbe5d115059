"""Where the data lives and how to open it.

Order of precedence: ``--db PATH``, then ``KITH_DATABASE_URL``, then ``KITH_HOME``
(a folder holding ``kith.db``), then the platform's user data folder. SQLite runs in
WAL mode with foreign keys on and a busy timeout; PostgreSQL is used as configured.
The schema is brought up to date on first use; the check is one cheap query, and
Alembic is imported only when an upgrade is actually needed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError

from kithkin.domain.errors import KithError

#: The newest migration; ``tests/storage/test_migrations.py`` checks it is Alembic's head.
SCHEMA_HEAD = "0007"
DB_FILENAME = "kith.db"
DEMO_FILENAME = "demo.db"
BUSY_TIMEOUT_MS = 10_000


def data_dir() -> Path:
    """The folder for Kithkin's files: ``KITH_HOME`` or the platform user data dir."""
    home = os.environ.get("KITH_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("kithkin", appauthor=False))


def resolve_url(db: str | None = None, *, demo: bool = False) -> str:
    """The database URL for this run (see the module docstring for the order)."""
    if demo:
        return sqlite_url(data_dir() / DEMO_FILENAME)
    if db:
        if "://" in db:
            return db
        return sqlite_url(Path(db).expanduser())
    url = os.environ.get("KITH_DATABASE_URL")
    if url:
        return url
    return sqlite_url(data_dir() / DB_FILENAME)


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for a SQLite file."""
    return f"sqlite:///{path.absolute()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :])
    return None


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


#: Connection.info key set when a statement writes; services.context reads it.
WROTE = "kith_wrote"
_WRITES = ("INSERT", "UPDATE", "DELETE")


def _note_write(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
    if statement.lstrip()[:6].upper() in _WRITES:
        conn.info[WROTE] = True


def make_engine(url: str, *, connections: int | None = None) -> Engine:
    """An engine for ``url``; SQLite files get their folder created and their pragmas set.

    ``connections`` keeps that many open for threads that work at once (the web server)
    rather than SQLAlchemy's 5 kept and up to 10 more opened and closed again; as many
    again may open for a moment if a thread ever needs a second one.
    """
    path = sqlite_path(url)
    pool: dict[str, Any] = {}
    if connections:
        pool = {"pool_size": connections, "max_overflow": connections}
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        try:
            engine = create_engine(url, pool_pre_ping=True, **pool)
        except Exception as exc:  # unknown dialect, missing driver, malformed URL
            raise KithError(f"cannot use the database URL {url!r}: {exc}") from None
    event.listen(engine, "before_cursor_execute", _note_write)
    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty database."""
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            return row[0] if row else None
    except DBAPIError as exc:
        if engine.dialect.name == "sqlite" and "no such table" in str(exc.orig):
            return None
        if engine.dialect.name == "postgresql" and "UndefinedTable" in type(exc.orig).__name__:
            return None
        if engine.dialect.name == "sqlite" and "not a database" in str(exc.orig):
            raise KithError(f"{engine.url.database} is not a Kithkin database") from None
        if engine.dialect.name == "postgresql":
            raise KithError(f"cannot reach the database: {exc.orig}") from None
        raise


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to ``revision`` on this engine."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def refresh_statistics(engine: Engine) -> None:
    """Give SQLite's query planner the shape of the data (``ANALYZE``: about 0.1 s for a
    10k-person network, 0.7 s for 100k).

    Best effort: when another writer holds the database past the busy timeout, nothing
    happens (what the caller did is already committed). Without statistics SQLite
    guesses, and reads a person's ledger or follow-ups through the account's index (every
    row of the account) rather than the person's; sampled statistics (``analysis_limit``)
    misjudge how many people share an interest. Run when the schema changes, after an
    import that added people and once when the web server starts. PostgreSQL keeps its
    own statistics (autovacuum): nothing is done there.
    """
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    except DBAPIError:  # busy past the timeout: statistics can wait for the next time
        pass


def ensure_schema(engine: Engine) -> None:
    """Bring the schema up to date if it is not (first use, or after an upgrade)."""
    current = current_revision(engine)
    if current != SCHEMA_HEAD:
        where = engine.url.render_as_string(hide_password=True)
        if current is None and inspect(engine).get_table_names():
            raise KithError(f"{where} already holds tables that are not Kithkin's")
        try:
            upgrade(engine)
        except DBAPIError as exc:  # no schema to create in, no right to, ...
            first = str(exc.orig).strip().splitlines()[0]
            raise KithError(f"cannot set up Kithkin's tables in {where}: {first}") from None
        refresh_statistics(engine)


def open_engine(url: str, *, connections: int | None = None) -> Engine:
    """An engine on an up-to-date schema (``connections``: see :func:`make_engine`)."""
    engine = make_engine(url, connections=connections)
    ensure_schema(engine)
    return engine
