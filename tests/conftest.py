"""Shared fixtures: every test gets its own data folder, so no test can touch real data.

Set ``KITH_TEST_DATABASE_URL`` (e.g. ``postgresql+psycopg://kith@localhost/kith_test``)
to run the database tests on PostgreSQL; each test then gets a fresh schema there.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from kithkin.cli.main import main
from kithkin.services.context import Kith, open_kith
from kithkin.services.people import PersonInput, add_person

#: The fixed "today" tests use, a Saturday.
TODAY = date(2026, 11, 21)
PG_URL = os.environ.get("KITH_TEST_DATABASE_URL")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "kith-home"
    monkeypatch.setenv("KITH_HOME", str(home))
    monkeypatch.delenv("KITH_DATABASE_URL", raising=False)
    return home


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty database: SQLite in tmp, or a new PostgreSQL schema when configured."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'kith.db'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    monkeypatch.setenv("KITH_DATABASE_URL", url)
    try:
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def kith(db_url: str) -> Iterator[Kith]:
    """An open, empty database for service tests, on the fixed TODAY."""
    k = open_kith(db_url, today=TODAY)
    yield k
    k.engine.dispose()


def make_person(kith: Kith, name: str = "Maya López", **fields: Any) -> int:
    """Add a person with any PersonInput fields; returns the id."""
    return add_person(kith, PersonInput(name=name, **fields))


@click.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def _entry(args: tuple[str, ...]) -> None:
    """The real `main()` (with its error handling) wrapped for CliRunner."""
    main(list(args))


class Kiths:
    """Runs the real `kith` entry point against the test database, on TODAY."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url

    def __call__(self, *args: str, input: str | None = None) -> Result:
        full = ["--db", self.db_url, "--today", TODAY.isoformat(), *args]
        return CliRunner().invoke(_entry, full, input=input, catch_exceptions=False)


@pytest.fixture
def run(db_url: str) -> Kiths:
    """Call `kith ...` through its real entry point (errors handled as for a user)."""
    return Kiths(db_url)


__all__ = ["TODAY", "Kiths", "make_person"]
