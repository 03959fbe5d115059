"""SQLite gets planner statistics after an import and when the web server starts, so a
person's ledger and follow-ups are read through the person's index, not the account's."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from conftest import make_person
from kithkin.services import importing
from kithkin.services.context import Kith
from kithkin.storage import database

VCARDS = Path(__file__).parent.parent / "fixtures" / "vcard"


def _analysed(conn: Connection) -> set[str]:
    return {r[0] for r in conn.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))}


def _plan(conn: Connection, sql: str) -> str:
    return " ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))


@pytest.fixture
def sqlite_kith(kith: Kith) -> Kith:
    if kith.engine.dialect.name != "sqlite":
        pytest.skip("statistics are SQLite's concern; PostgreSQL's autovacuum keeps its own")
    return kith


def test_an_import_that_adds_people_leaves_statistics(sqlite_kith: Kith) -> None:
    kith = sqlite_kith
    importing.import_path(kith, VCARDS / "google.vcf", dry_run=True)
    with kith.engine.connect() as conn:
        assert "people" not in _analysed(conn)  # a dry run writes nothing, not even these
    report = importing.import_path(kith, VCARDS / "google.vcf")
    assert report.added > 0
    with kith.engine.connect() as conn:
        assert {"people", "channels"} <= _analysed(conn)


def test_with_statistics_a_persons_ledger_uses_the_persons_index(sqlite_kith: Kith) -> None:
    kith = sqlite_kith
    ids = [make_person(kith, f"Person {i}") for i in range(60)]
    with kith.begin() as conn:  # many ledger rows for the account, few per person
        for pid in ids:
            for day in range(1, 6):
                conn.execute(
                    text(
                        "INSERT INTO ledger (account_id, uid, person_id, direction, kind,"
                        " size, occurred_on) VALUES (:a, :u, :p, 'gave', 'help', 1, :d)"
                    ),
                    {"a": kith.account_id, "u": f"{pid}-{day}", "p": pid, "d": f"2026-01-0{day}"},
                )
    ledger = (
        "SELECT * FROM ledger WHERE account_id = 1 AND person_id = 5"
        " ORDER BY occurred_on DESC, id DESC"
    )
    with kith.engine.connect() as conn:
        assert "ix_ledger_person" not in _plan(conn, ledger)  # SQLite's guess without them
    database.refresh_statistics(kith.engine)
    with kith.engine.connect() as conn:
        assert "ix_ledger_person" in _plan(conn, ledger)


def test_the_web_server_analyses_once_before_it_starts(sqlite_kith: Kith) -> None:
    from kithkin.web.config import WebConfig
    from kithkin.web.serve import prepare_database

    make_person(sqlite_kith, "Maya López", interests=["sourdough"])
    with sqlite_kith.engine.connect() as conn:
        assert "interests" not in _analysed(conn)
    prepare_database(WebConfig(url=sqlite_kith.url))
    with sqlite_kith.engine.connect() as conn:
        assert {"people", "interests"} <= _analysed(conn)


def test_statistics_wait_when_another_writer_holds_the_database(
    sqlite_kith: Kith, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_person(sqlite_kith, "Maya López")
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    busy = database.make_engine(sqlite_kith.url)
    try:
        with sqlite_kith.engine.begin() as conn:  # holds the write lock
            conn.execute(text("UPDATE people SET notes = 'x'"))
            database.refresh_statistics(busy)  # gives up quietly, raises nothing
        with sqlite_kith.engine.connect() as conn:
            assert "people" not in _analysed(conn)
    finally:
        busy.dispose()
