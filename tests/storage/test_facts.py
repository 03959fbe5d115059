"""The stored facts equal the aggregated query and the Python reference, after any writes."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY, make_person
from kithkin.domain.facts import FACT_FIELDS, SUM_FIELDS, LedgerFact, MomentFact, PersonFacts
from kithkin.services.context import Kith, new_uid, utcnow
from kithkin.storage import facts_repo, moments_repo, records_repo

_names = itertools.count()

moment_st = st.fixed_dictionaries(
    {
        "on": st.dates(date(1995, 1, 1), TODAY),
        "energy": st.none() | st.integers(-2, 2),
        "depth": st.none() | st.sampled_from(["surface", "personal", "vulnerable"]),
        "initiated_by": st.none() | st.sampled_from(["me", "them", "mutual"]),
        "reply": st.sampled_from([None, "awaiting", "replied", "no_reply"]),
        "reply_after": st.integers(0, 40),
        "with": st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),
    }
)
ledger_st = st.fixed_dictionaries(
    {
        "on": st.dates(date(2020, 1, 1), TODAY),
        "direction": st.sampled_from(["gave", "received"]),
        "kind": st.sampled_from(["help", "mini-collab", "article"]),
        "size": st.integers(1, 3),
        "who": st.integers(0, 2),
    }
)


def _assert_same(a: PersonFacts, b: PersonFacts) -> None:
    for f in FACT_FIELDS:
        x, y = getattr(a, f), getattr(b, f)
        if f in SUM_FIELDS:
            assert x == pytest.approx(y, rel=1e-9, abs=1e-12), f
        else:
            assert x == y, f


def _write(kith: Kith, moments: list[dict[str, Any]], ledger: list[dict[str, Any]]) -> list[int]:
    ids = [make_person(kith, f"Person {next(_names)}") for _ in range(3)]
    with kith.begin() as conn:
        for m in moments:
            after = timedelta(days=m["reply_after"])
            replied = m["on"] + after if m["reply"] == "replied" else None
            values = {
                "account_id": kith.account_id,
                "uid": new_uid(),
                "occurred_on": m["on"],
                "kind": "message" if m["reply"] else "coffee",
                "initiated_by": m["initiated_by"],
                "energy": m["energy"],
                "depth": m["depth"],
                "outreach_style": "no-reason" if m["reply"] else None,
                "reply_state": "awaiting" if m["reply"] else None,
                "created_at": utcnow(),
            }
            mid = moments_repo.insert_moment(conn, values, [ids[i] for i in m["with"]], [])
            if m["reply"] and m["reply"] != "awaiting":
                moments_repo.set_reply(conn, mid, m["reply"], replied)
        for e in ledger:
            records_repo.insert_ledger(
                conn,
                {
                    "account_id": kith.account_id,
                    "uid": new_uid(),
                    "person_id": ids[e["who"]],
                    "direction": e["direction"],
                    "kind": e["kind"],
                    "size": e["size"],
                    "occurred_on": e["on"],
                },
            )
    return ids


def _reference(i: int, moments: list[dict[str, Any]], ledger: list[dict[str, Any]]) -> PersonFacts:
    mine = [
        MomentFact(
            m["on"],
            m["energy"],
            m["depth"],
            m["initiated_by"],
            outreach=m["reply"] is not None,
            reply_state=m["reply"],
            replied_on=m["on"] + timedelta(days=m["reply_after"])
            if m["reply"] == "replied"
            else None,
        )
        for m in moments
        if i in m["with"]
    ]
    entries = [
        LedgerFact(e["on"], e["direction"], e["kind"], e["size"]) for e in ledger if e["who"] == i
    ]
    return PersonFacts.of(mine, entries)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(moment_st, max_size=12), st.lists(ledger_st, max_size=8))
def test_stored_facts_equal_query_and_reference(
    kith: Kith, moments: list[dict[str, Any]], ledger: list[dict[str, Any]]
) -> None:
    ids = _write(kith, moments, ledger)
    with kith.begin() as conn:
        stored = facts_repo.stored(conn, kith.account_id, ids)
        computed = facts_repo.computed(conn, kith.account_id, ids)
    for i, pid in enumerate(ids):
        expected = _reference(i, moments, ledger)
        _assert_same(stored.get(pid, PersonFacts()), expected)
        _assert_same(computed[pid], expected)


def test_rebuild_restores_facts_and_forget_removes_them(kith: Kith) -> None:
    from sqlalchemy import delete

    from kithkin.services.people import forget
    from kithkin.storage.tables import person_facts

    moments = [
        {"on": TODAY - timedelta(days=d), "energy": 2, "depth": "personal",
         "initiated_by": "me", "reply": None, "reply_after": 0, "with": [0, 1]}
        for d in (3, 40, 400)
    ]  # fmt: skip
    ids = _write(kith, moments, [])
    with kith.begin() as conn:
        before = facts_repo.stored(conn, kith.account_id, ids)
        conn.execute(delete(person_facts))
        facts_repo.rebuild(conn)
        after = facts_repo.stored(conn, kith.account_id, ids)
    assert before[ids[0]].moments == 3
    for pid in ids:
        _assert_same(after[pid], before.get(pid, PersonFacts()))
    forget(kith, "#" + str(ids[0]))
    with kith.begin() as conn:
        left = facts_repo.stored(conn, kith.account_id, ids)
    assert ids[0] not in left
    assert left[ids[1]].moments == 3  # shared moments stay for the others
