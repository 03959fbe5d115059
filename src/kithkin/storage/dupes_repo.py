"""The queue of people who may be one person (``duplicate_candidates``), and what the
duplicate finder reads: every person's name, organisation and channels."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from kithkin.storage.tables import channels, duplicate_candidates, people

Row = dict[str, Any]
#: A pair to queue: (lower id, higher id, score, evidence in words).
Pair = tuple[int, int, float, list[str]]


def dedupe_people(
    conn: Connection, account_id: int
) -> list[tuple[int, str, str | None, list[tuple[str, str]]]]:
    """(id, display name, org, [(kind, value), ...]) of every person of the account, in
    two queries."""
    chans: dict[int, list[tuple[str, str]]] = defaultdict(list)
    q = (
        select(channels.c.person_id, channels.c.kind, channels.c.value)
        .join(people, people.c.id == channels.c.person_id)
        .where(people.c.account_id == account_id)
    )
    for pid, kind, value in conn.execute(q):
        chans[pid].append((kind, value))
    rows = conn.execute(
        select(people.c.id, people.c.display_name, people.c.org)
        .where(people.c.account_id == account_id)
        .order_by(people.c.id)
    )
    return [(i, n, o, chans.get(i, [])) for i, n, o in rows]


def known_pairs(conn: Connection, account_id: int) -> set[tuple[int, int]]:
    """Every pair already in the queue, open or dismissed."""
    q = select(duplicate_candidates.c.person_a_id, duplicate_candidates.c.person_b_id).where(
        duplicate_candidates.c.account_id == account_id
    )
    return {(a, b) for a, b in conn.execute(q)}


def add_pairs(conn: Connection, account_id: int, pairs: Iterable[Pair], found_on: date) -> int:
    """Queue pairs not queued (or dismissed) before; returns how many were added."""
    have = known_pairs(conn, account_id)
    rows = []
    for a, b, score, evidence in pairs:
        lo, hi = min(a, b), max(a, b)
        if lo == hi or (lo, hi) in have:
            continue
        have.add((lo, hi))
        rows.append(
            {
                "account_id": account_id,
                "person_a_id": lo,
                "person_b_id": hi,
                "score": float(score),
                "evidence": json.dumps(list(evidence), ensure_ascii=False),
                "found_on": found_on,
            }
        )
    if rows:
        conn.execute(insert(duplicate_candidates), rows)
    return len(rows)


def open_pairs(conn: Connection, account_id: int) -> list[Row]:
    """Open (not dismissed) pairs with both people's names, best first."""
    pa, pb = people.alias("pa"), people.alias("pb")
    dc = duplicate_candidates
    q = (
        select(
            dc.c.id,
            dc.c.person_a_id,
            dc.c.person_b_id,
            dc.c.score,
            dc.c.evidence,
            dc.c.found_on,
            pa.c.display_name.label("a_name"),
            pb.c.display_name.label("b_name"),
        )
        .join(pa, pa.c.id == dc.c.person_a_id)
        .join(pb, pb.c.id == dc.c.person_b_id)
        .where(dc.c.account_id == account_id, dc.c.dismissed_on.is_(None))
        .order_by(dc.c.score.desc(), dc.c.person_a_id, dc.c.person_b_id)
    )
    out = []
    for r in conn.execute(q):
        row = dict(r._mapping)
        row["evidence"] = json.loads(row["evidence"])
        out.append(row)
    return out


def dismiss_pair(conn: Connection, account_id: int, a: int, b: int, on: date) -> None:
    """Mark a pair as not the same person (queued or not), so no scan offers it again."""
    lo, hi = min(a, b), max(a, b)
    dc = duplicate_candidates
    found = conn.execute(
        update(dc)
        .where(dc.c.account_id == account_id, dc.c.person_a_id == lo, dc.c.person_b_id == hi)
        .values(dismissed_on=on)
    )
    if not found.rowcount:
        conn.execute(
            insert(dc).values(
                account_id=account_id,
                person_a_id=lo,
                person_b_id=hi,
                score=0.0,
                evidence=json.dumps(["not the same person"]),
                found_on=on,
                dismissed_on=on,
            )
        )


def drop_person(conn: Connection, person_id: int) -> int:
    """Remove every pair involving a person; returns how many went."""
    dc = duplicate_candidates
    res = conn.execute(
        delete(dc).where(or_(dc.c.person_a_id == person_id, dc.c.person_b_id == person_id))
    )
    return int(res.rowcount or 0)
