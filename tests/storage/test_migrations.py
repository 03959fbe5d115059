"""The migrations build exactly the schema the table definitions describe."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, create_engine, inspect, text

import kithkin.storage.database as database
from kithkin.domain.errors import KithError
from kithkin.storage.tables import metadata


def test_schema_head_constant_is_alembics_head() -> None:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(database.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(cfg).get_current_head() == database.SCHEMA_HEAD


@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_freshly_upgraded_database_matches_table_definitions(db_url: str) -> None:
    engine = database.open_engine(db_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, metadata)
    assert diff == []
    assert database.current_revision(engine) == database.SCHEMA_HEAD
    engine.dispose()


def _index_sql(conn: Connection, name: str) -> str:
    if conn.dialect.name == "sqlite":
        found = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :n"
    else:
        found = (
            "SELECT indexdef FROM pg_indexes WHERE indexname = :n AND schemaname = current_schema()"
        )
    return str(conn.execute(text(found), {"n": name}).scalar_one())


def test_expression_indexes_are_built_as_defined(db_url: str) -> None:
    """Alembic cannot compare indexes on expressions: check those by their SQL."""
    engine = database.open_engine(db_url)
    try:
        expressions = [
            ix
            for table in metadata.tables.values()
            for ix in table.indexes
            if not all(isinstance(e, Column) for e in ix.expressions)
        ]
        assert [ix.name for ix in expressions] == ["ix_people_account_name"]
        with engine.connect() as conn:
            built = _index_sql(conn, "ix_people_account_name").lower()
        built = built.replace('"', "").replace("(display_name)::text", "display_name")
        assert "lower(display_name)" in built
        assert built.index("account_id") < built.index("lower(")
        if engine.dialect.name == "sqlite":  # covering there; PostgreSQL keeps entries short
            assert built.index("lower(") < built.index("search_name")
    finally:
        engine.dispose()


def test_first_use_creates_the_database_in_kith_home(tmp_path: Path) -> None:
    url = database.resolve_url()
    assert url == f"sqlite:///{tmp_path / 'kith-home' / 'kith.db'}"
    engine = database.open_engine(url)
    assert {"people", "moments", "ledger", "phrases"} <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_resolution_order(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KITH_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database.resolve_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database.resolve_url() == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv("KITH_DATABASE_URL")
    monkeypatch.setenv("KITH_HOME", str(tmp_path / "home"))
    assert database.resolve_url() == f"sqlite:///{tmp_path / 'home' / 'kith.db'}"
    monkeypatch.delenv("KITH_HOME")
    from platformdirs import user_data_dir

    assert (
        database.resolve_url()
        == f"sqlite:///{Path(user_data_dir('kithkin', appauthor=False)) / 'kith.db'}"
    )
    assert database.resolve_url(demo=True).endswith("demo.db")


def test_upgrade_is_skipped_when_current(db_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    database.open_engine(db_url).dispose()
    called = []
    monkeypatch.setattr(database, "upgrade", lambda engine, revision="head": called.append(1))
    database.open_engine(db_url).dispose()
    assert called == []


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    import pytest

    from kithkin.domain.errors import KithError

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(KithError, match="not a Kithkin database"):
        database.open_engine(f"sqlite:///{junk}")
    _ = create_engine


def test_another_programs_database_is_refused_and_left_as_it_was(db_url: str) -> None:
    other = create_engine(db_url)
    try:
        with other.begin() as conn:
            conn.execute(text("CREATE TABLE people (x INTEGER)"))
        with pytest.raises(KithError, match="already holds tables that are not Kithkin's"):
            database.open_engine(db_url)
        with other.connect() as conn:
            assert inspect(conn).get_table_names() == ["people"]
    finally:
        other.dispose()
