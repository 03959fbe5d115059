"""The databases ``web_load.py`` serves: the cached 10k network on SQLite and on PostgreSQL.

* SQLite: ``bench/out/net-10k.db`` from ``today_speed.ensure`` (seed 7, ending
  2026-11-21; regenerated when missing or on an older schema), served as is: the
  benchmark only reads.
* PostgreSQL: the same rows copied into a dedicated schema (``bench_web``) of the given
  server, with the schema made by the migrations (``open_engine``), the rows streamed with
  ``COPY`` in foreign-key order, the id sequences moved past the copied ids and the
  tables analysed. A comment on the schema records what was loaded; a schema whose
  comment does not match the current network (schema head, counts, end date) is dropped
  and loaded again.
* What to ask for: people ids spread over the whole network, and search words (family
  name fragments as typed into a search box, interest words) that each find someone.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine, select, text

from kithkin.storage.database import sqlite_url

SCHEMA = "bench_web"


@dataclass(frozen=True)
class Targets:
    """What the scenarios ask for."""

    ids: list[int]
    words: list[str]
    #: How many people each word finds (for the report).
    found: list[int]


def sqlite_network(regenerate: bool) -> Path:
    """The cached 10k network, fresh (generated when missing or stale)."""
    from today_speed import CLI_NET, ensure

    ensure(CLI_NET, regenerate)
    return CLI_NET.path


def _fingerprint(db: Path) -> str:
    from kithkin.storage.database import SCHEMA_HEAD
    from today_speed import END, SEED

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        n_people = con.execute("SELECT count(*) FROM people").fetchone()[0]
        n_moments = con.execute("SELECT count(*) FROM moments").fetchone()[0]
        n_rows = sum(
            con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        )
    finally:
        con.close()
    return (
        f"kithkin web_load: schema {SCHEMA_HEAD}, seed {SEED}, end {END}, "
        f"{n_people} people, {n_moments} moments, {n_rows} rows"
    )


def schema_url(base: str, schema: str = SCHEMA) -> str:
    """``base`` with the search path set to ``schema`` (as tests/conftest.py does)."""
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


def postgres_network(db: Path, base_url: str, log: Any, reload: bool = False) -> str:
    """The URL of the ``bench_web`` schema holding ``db``'s rows (copied when needed)."""
    want = _fingerprint(db)
    admin = create_engine(base_url)
    try:
        with admin.connect() as conn:
            have = conn.execute(
                text(
                    "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace "
                    "WHERE nspname = :s"
                ),
                {"s": SCHEMA},
            ).scalar()
        if have == want and not reload:
            return schema_url(base_url)
        log(f"loading {db.name} into PostgreSQL schema {SCHEMA} ({'stale' if have else 'new'})")
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{SCHEMA}"'))
        url = schema_url(base_url)
        _copy_rows(db, url, log)
        with admin.begin() as conn:
            conn.execute(text(f"COMMENT ON SCHEMA \"{SCHEMA}\" IS '{want}'"))
        return url
    finally:
        admin.dispose()


def _copy_rows(db: Path, url: str, log: Any) -> None:
    """Every row of ``db`` into the (fresh) schema behind ``url``, then sequences and
    VACUUM ANALYZE."""
    import time

    from kithkin.storage.database import make_engine, open_engine
    from kithkin.storage.tables import metadata

    t0 = time.perf_counter()
    dest = open_engine(url)  # the migrations make the schema
    src = make_engine(sqlite_url(db))
    total = 0
    try:
        with src.connect() as sconn, dest.begin() as dconn:
            names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
            dconn.execute(text(f"TRUNCATE {names} CASCADE"))
            raw: Any = dconn.connection.driver_connection
            with raw.cursor() as cur:
                for table in metadata.sorted_tables:
                    cols = ", ".join(f'"{c.name}"' for c in table.columns)
                    rows = sconn.execute(select(table).order_by(*table.primary_key.columns))
                    with cur.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
                        for row in rows:
                            copy.write_row(tuple(row))
                            total += 1
            for table in metadata.sorted_tables:
                pk = list(table.primary_key.columns)
                if len(pk) == 1 and pk[0].name == "id" and pk[0].autoincrement in (True, "auto"):
                    dconn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                            f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                        )
                    )
        with dest.connect() as conn:
            # what autovacuum leaves a live database with: statistics and a visibility map
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    finally:
        src.dispose()
        dest.dispose()
    log(f"  copied {total:,} rows in {time.perf_counter() - t0:.1f}s (COPY, then VACUUM ANALYZE)")


def pick_targets(db: Path, n_ids: int, n_words: int, seed: int) -> Targets:
    """``n_ids`` people ids spread over the network, and up to ``n_words`` search words
    that each find at least one person (checked with ``services.browse.search``)."""
    from kithkin.domain.names import fold
    from kithkin.services.browse import search
    from kithkin.services.context import open_kith
    from today_speed import END

    rng = random.Random(seed)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM people ORDER BY id")]
        families = sorted(
            {
                fold(r[0])[:4]
                for r in con.execute("SELECT family_name FROM people WHERE family_name IS NOT NULL")
                if len(fold(r[0])) >= 4 and fold(r[0])[:4].isalpha()
            }
        )
        loves = sorted(
            {
                w
                for (t,) in con.execute("SELECT text FROM phrases")
                for w in fold(t).split()
                if len(w) >= 5 and w.isalpha()
            }
        )
    finally:
        con.close()
    picked_ids = rng.sample(ids, min(n_ids, len(ids)))
    candidates = rng.sample(families, min(n_words // 2, len(families))) + rng.sample(
        loves, min(n_words - n_words // 2, len(loves))
    )
    kith = open_kith(sqlite_url(db), today=END)
    words, found = [], []
    try:
        for word in candidates:
            total = int(search(kith, word, limit=1)["total"])
            if total:
                words.append(word)
                found.append(total)
    finally:
        kith.engine.dispose()
    if not words:
        raise SystemExit(f"web_load: no search word finds anyone in {db}")
    return Targets(picked_ids, words, found)


def q(word: str) -> str:
    """A search word as a query-string value."""
    return quote(word, safe="")
