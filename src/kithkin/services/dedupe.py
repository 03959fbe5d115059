"""Likely duplicates: found on import or by a scan, listed with their evidence, dismissed
when the user says they are two people. (Merging them is :mod:`kithkin.services.merge`.)
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection

from kithkin.domain.dedupe import DedupePerson, likely_pairs
from kithkin.domain.errors import InvalidInput
from kithkin.services.context import Kith
from kithkin.services.people import resolve
from kithkin.storage import dupes_repo, people_repo


def merge_hint(a: int, b: int) -> str:
    """The command that merges a pair, ready to type (the older record is kept)."""
    return f'kith merge "#{min(a, b)}" "#{max(a, b)}"'


def queue_likely(kith: Kith, conn: Connection, new_ids: Collection[int] | None = None) -> int:
    """Queue likely duplicates inside the caller's transaction; returns how many pairs
    were added (pairs queued or dismissed before are left alone).

    With ``new_ids`` (the people an import just wrote) only pairs involving one of them
    are looked for; with None, every pair of the account.
    """
    if new_ids is not None and not new_ids:
        return 0
    rows = dupes_repo.dedupe_people(conn, kith.account_id)
    people = [DedupePerson.of(i, name, org, chans) for i, name, org, chans in rows]
    wanted = None if new_ids is None else set(new_ids)
    pairs = likely_pairs(people, wanted)
    return dupes_repo.add_pairs(
        conn, kith.account_id, ((p.a, p.b, p.score, p.evidence) for p in pairs), kith.today
    )


def scan(kith: Kith) -> int:
    """Look through everyone for likely duplicates; returns how many new pairs were queued."""
    with kith.begin() as conn:
        return queue_likely(kith, conn, None)


def candidates(kith: Kith) -> list[dict[str, Any]]:
    """Open candidates, best first: both people, the score, the evidence, the merge command."""
    with kith.begin() as conn:
        rows = dupes_repo.open_pairs(conn, kith.account_id)
    return [
        {
            "a": {"id": r["person_a_id"], "name": r["a_name"]},
            "b": {"id": r["person_b_id"], "name": r["b_name"]},
            "score": r["score"],
            "evidence": r["evidence"],
            "found_on": r["found_on"],
            "merge": merge_hint(r["person_a_id"], r["person_b_id"]),
        }
        for r in rows
    ]


def dismiss(kith: Kith, a: str, b: str) -> tuple[str, str]:
    """Record that two people are not the same person (no scan offers the pair again);
    returns their names."""
    with kith.begin() as conn:
        pa, pb = resolve(kith, conn, a), resolve(kith, conn, b)
        if pa == pb:
            raise InvalidInput("person", f"'{a}' and '{b}' are the same record")
        dupes_repo.dismiss_pair(conn, kith.account_id, pa, pb, kith.today)
        names = people_repo.people_by_ids(conn, kith.account_id, [pa, pb])
    return names[pa], names[pb]
