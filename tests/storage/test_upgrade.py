"""Databases made by every earlier schema upgrade to the current one with every record intact.

``tests/fixtures/schemas/<revision>.db`` is the demo network as that schema stored it;
add one for each new revision.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, text

from kithkin.storage import database, facts_repo
from kithkin.storage.tables import person_facts

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "schemas").glob("*.db"))


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = [n for n in inspect(conn).get_table_names() if n != "alembic_version"]
            return {
                n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names
            }
    finally:
        engine.dispose()


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_old_database_upgrades_with_every_record(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    url = database.sqlite_url(copy)
    before = _counts(url)
    assert before["moments"] > 300 and before["people"] > 20
    engine = database.open_engine(url)
    try:
        assert database.current_revision(engine) == database.SCHEMA_HEAD
        after = _counts(url)
        assert {n: after[n] for n in before} == before
        with engine.begin() as conn:
            account = conn.execute(text("SELECT min(id) FROM accounts")).scalar_one()
            stored = facts_repo.stored(conn, account)
            computed = facts_repo.computed(conn, account)
            assert (
                conn.execute(select(func.count()).select_from(person_facts)).scalar_one()
                == (before["people"])
            )
        assert stored.keys() == computed.keys()
        for pid, facts in stored.items():  # sums may differ in the last bit (summation order)
            for name, value in asdict(facts).items():
                other = getattr(computed[pid], name)
                if isinstance(value, float):
                    assert value == pytest.approx(other, rel=1e-12), name
                else:
                    assert value == other, name
        assert sum(f.moments for f in stored.values()) >= before["moments"]
    finally:
        engine.dispose()


def test_there_is_a_fixture_for_the_first_schema() -> None:
    assert [f.stem for f in FIXTURES][:1] == ["0001"]


def test_every_schema_version_has_its_fixture() -> None:
    """A new migration comes with a database made by the schema before it upgrades."""
    versions = Path(database.__file__).parent / "migrations" / "versions"
    revisions = sorted(p.name[:4] for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))
    assert revisions[-1] == database.SCHEMA_HEAD
    assert [f.stem for f in FIXTURES] == revisions


#: What the user wrote, compared value by value across the upgrade.
KEPT = {
    "people": "SELECT id, uid, display_name, notes, met_how, met_on FROM people ORDER BY id",
    "moments": "SELECT id, uid, occurred_on, kind, energy, notes FROM moments ORDER BY id",
    "moment_people": "SELECT moment_id, person_id FROM moment_people ORDER BY 1, 2",
    "interests": "SELECT person_id, phrase_id, note FROM interests ORDER BY 1, 2",
    "channels": "SELECT person_id, kind, value FROM channels ORDER BY 1, 2, 3",
    "ledger": "SELECT id, person_id, direction, size, note FROM ledger ORDER BY id",
    "follow_ups": "SELECT id, person_id, text, due_on, done_on FROM follow_ups ORDER BY id",
}


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_upgrade_keeps_every_value_the_user_wrote(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    url = database.sqlite_url(copy)

    def read() -> dict[str, list[tuple[object, ...]]]:
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                return {t: [tuple(r) for r in conn.execute(text(q))] for t, q in KEPT.items()}
        finally:
            engine.dispose()

    before = read()
    assert all(before[t] for t in ("people", "moments", "interests", "channels"))
    database.open_engine(url).dispose()  # upgrades to the head
    assert read() == before
