"""The head of a person's page: row, stored facts, introducer and which records exist,
in one statement; and a person's moment ids read from an index alone."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, event

from conftest import TODAY, make_person
from kithkin.services import moments as moments_svc
from kithkin.services import profile
from kithkin.services import records as records_svc
from kithkin.services.context import open_kith
from kithkin.storage import facts_repo, moments_repo, profile_repo
from kithkin.storage.profile_repo import (
    HAS_FOLLOW_UPS,
    HAS_INTROS,
    HAS_LEDGER,
    HAS_OPPORTUNITIES,
)


def _log(kith, who: str, **kw):  # type: ignore[no-untyped-def]
    moments_svc.log_moment(kith, moments_svc.MomentInput(people=[who], kind="coffee", **kw))


def test_a_person_without_records_has_none_flagged(kith):  # type: ignore[no-untyped-def]
    pid = make_person(kith, "Maya López")
    with kith.begin() as conn:
        head = profile_repo.person_head(conn, kith.account_id, pid)
    assert head is not None
    assert head.row["display_name"] == "Maya López" and head.row["id"] == pid
    assert head.has == frozenset()
    assert head.introduced_by is None
    assert head.facts.moments == 0 and head.facts.last_on is None


def test_each_kind_of_record_is_flagged_and_facts_match_the_stored_ones(kith):  # type: ignore[no-untyped-def]
    maya = make_person(kith, "Maya López")
    sam = make_person(kith, "Sam Okafor", via="Maya")
    make_person(kith, "Ana Ruiz")
    _log(kith, "Maya", energy="+2", follow_up="send the climbing guide")
    _log(kith, "Maya", when="2026-10-01", energy="-1")
    records_svc.add_ledger(kith, "Sam", "gave", "help")
    records_svc.propose_intro(kith, "Sam", "Ana")
    records_svc.add_opportunity(kith, "A new job", "job", ["Ana"])
    with kith.begin() as conn:
        heads = {
            pid: profile_repo.person_head(conn, kith.account_id, pid)
            for pid in (maya, sam, maya + sam + 1000)
        }
        stored = facts_repo.stored(conn, kith.account_id, [maya, sam])
    m, s = heads[maya], heads[sam]
    assert m is not None and s is not None and heads[maya + sam + 1000] is None
    assert m.has == {HAS_FOLLOW_UPS}
    assert s.has == {HAS_LEDGER, HAS_INTROS}
    assert s.introduced_by == "Maya López" and m.introduced_by is None
    assert m.facts == stored[maya] and m.facts.moments == 2 and m.facts.fuelled == 1
    assert s.facts == stored[sam] and s.facts.gave_count == 1
    with kith.begin() as conn:
        ana = profile_repo.person_head(conn, kith.account_id, maya + 2)
    assert ana is not None and ana.has == {HAS_INTROS, HAS_OPPORTUNITIES}


def test_a_kept_promise_is_no_longer_flagged(kith):  # type: ignore[no-untyped-def]
    maya = make_person(kith, "Maya López")
    _log(kith, "Maya", follow_up="call back")
    (open_one,) = moments_svc.follow_ups(kith, "Maya")
    moments_svc.complete_follow_up(kith, open_one["id"])
    with kith.begin() as conn:
        head = profile_repo.person_head(conn, kith.account_id, maya)
    assert head is not None and HAS_FOLLOW_UPS not in head.has


def test_another_accounts_person_has_no_head(kith, db_url):  # type: ignore[no-untyped-def]
    theirs_kith = open_kith(db_url, today=TODAY, account="bob")
    try:
        theirs = make_person(theirs_kith, "Bob's Friend")
    finally:
        theirs_kith.engine.dispose()
    make_person(kith, "Maya López")
    with kith.begin() as conn:
        assert profile_repo.person_head(conn, kith.account_id, theirs) is None


def _tables_read(kith, fn):  # type: ignore[no-untyped-def]
    """The tables named after FROM/JOIN in every statement ``fn`` sends."""
    sent: list[str] = []

    def note(conn: Connection, cursor, statement: str, *args) -> None:  # type: ignore[no-untyped-def]
        sent.append(" ".join(statement.split()).lower())

    event.listen(kith.engine, "before_cursor_execute", note)
    try:
        fn()
    finally:
        event.remove(kith.engine, "before_cursor_execute", note)
    return sent


def test_the_page_reads_only_the_lists_that_have_something(kith):  # type: ignore[no-untyped-def]
    make_person(kith, "Maya López")
    make_person(kith, "Sam Okafor")
    _log(kith, "Maya", topics=["climbing"])
    records_svc.add_ledger(kith, "Sam", "received", "advice")
    quiet = _tables_read(kith, lambda: profile.profile(kith, "Maya"))
    busy = _tables_read(kith, lambda: profile.profile(kith, "Sam"))
    record_lists = ("from follow_ups", "from ledger", "from introductions", "from opportunities")
    lists_read = [  # the head's EXISTS probes name the tables too
        s for s in quiet if "exists" not in s and any(t in s for t in record_lists)
    ]
    assert lists_read == []
    assert len([s for s in quiet if "exists" in s]) == 1
    assert any("from ledger" in s and "exists" not in s for s in busy)
    assert profile.profile(kith, "Sam")["ledger"]["received"] == 1


def test_a_persons_moment_ids_come_from_the_index_alone(kith):  # type: ignore[no-untyped-def]
    if kith.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL picks its plan by table size; bench/web_load.py measures it")
    make_person(kith, "Maya López")
    with kith.engine.connect() as conn:
        sql = str(moments_repo._INDEX.compile(dialect=conn.dialect))
        plan = [r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", (1,))]
    assert any("moment_people USING COVERING INDEX ix_moment_people_person" in p for p in plan)
    assert any("moments USING INTEGER PRIMARY KEY" in p for p in plan)
