"""Saved items' topics and who they fit (the saved_matches table)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from kithkin.storage.tables import (
    people,
    phrases,
    saved_item_topics,
    saved_items,
    saved_matches,
)

Row = dict[str, Any]


def items(conn: Connection, account_id: int, ids: Sequence[int] | None = None) -> list[Row]:
    """Saved items (id, kind, url, text, saved_on) with their topics as (phrase id, text)."""
    q = select(saved_items).where(saved_items.c.account_id == account_id)
    if ids is not None:
        q = q.where(saved_items.c.id.in_(list(ids)))
    rows = [dict(r._mapping) for r in conn.execute(q.order_by(saved_items.c.id))]
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        r["topics"] = []
    if rows:
        tq = (
            select(saved_item_topics.c.item_id, phrases.c.id, phrases.c.text)
            .join(phrases, phrases.c.id == saved_item_topics.c.phrase_id)
            .where(saved_item_topics.c.item_id.in_(list(by_id)))
            .order_by(phrases.c.text)
        )
        for iid, pid, text in conn.execute(tq):
            by_id[iid]["topics"].append((pid, text))
    return rows


def replace_matches(conn: Connection, account_id: int, item_id: int, found: Sequence[Row]) -> None:
    """Store who an item fits now, keeping the day it was sent to anyone still listed
    (and to anyone it was sent to, even if they no longer match)."""
    sent = {
        r.person_id: r
        for r in conn.execute(
            select(saved_matches).where(
                saved_matches.c.item_id == item_id, saved_matches.c.sent_on.is_not(None)
            )
        )
    }
    conn.execute(delete(saved_matches).where(saved_matches.c.item_id == item_id))
    rows = []
    for f in found:
        old = sent.pop(f["person_id"], None)
        rows.append(
            {
                **f,
                "item_id": item_id,
                "account_id": account_id,
                "sent_on": old.sent_on if old is not None else None,
            }
        )
    rows.extend(dict(r._mapping) for r in sent.values())
    if rows:
        conn.execute(insert(saved_matches), rows)


def matches_of(
    conn: Connection, account_id: int, person_ids: Sequence[int], since: date
) -> dict[int, list[Row]]:
    """Unsent matches of items saved on or after ``since``, per person, best first."""
    out: dict[int, list[Row]] = {pid: [] for pid in person_ids}
    if not person_ids:
        return out
    # fresh unsent matches are few (recent items x MATCHES_PER_ITEM): read the account's
    # and keep these people's, rather than an IN list of every candidate
    q = (
        select(
            saved_matches.c.person_id,
            saved_matches.c.item_id,
            saved_matches.c.score,
            saved_matches.c.topic,
            saved_matches.c.interest,
            saved_items.c.url,
            saved_items.c.text,
            saved_items.c.saved_on,
        )
        .join(saved_items, saved_items.c.id == saved_matches.c.item_id)
        .where(
            saved_matches.c.account_id == account_id,
            saved_matches.c.sent_on.is_(None),
            saved_items.c.saved_on >= since,
        )
        .order_by(saved_matches.c.score.desc(), saved_matches.c.item_id)
    )
    for r in conn.execute(q):
        if r.person_id in out:
            out[r.person_id].append(dict(r._mapping))
    return out


def unsent_clause(account_id: int, since: date) -> Any:
    """People with an unsent match of an item saved on or after ``since`` (for Today)."""
    fresh = (
        select(saved_matches.c.person_id)
        .join(saved_items, saved_items.c.id == saved_matches.c.item_id)
        .where(
            saved_matches.c.account_id == account_id,
            saved_matches.c.sent_on.is_(None),
            saved_items.c.saved_on >= since,
        )
    )
    return people.c.id.in_(fresh)


def mark_sent(conn: Connection, item_id: int, person_id: int, on: date) -> bool:
    """Record that an item went to a person; False when it was not matched to them."""
    res = conn.execute(
        update(saved_matches)
        .where(and_(saved_matches.c.item_id == item_id, saved_matches.c.person_id == person_id))
        .values(sent_on=on)
    )
    return bool(res.rowcount)


def all_sent(conn: Connection, account_id: int) -> list[Row]:
    """Every (item uid, person uid, sent_on) sent, for the lossless export."""
    q = (
        select(
            saved_items.c.uid.label("item"), people.c.uid.label("person"), saved_matches.c.sent_on
        )
        .join(saved_items, saved_items.c.id == saved_matches.c.item_id)
        .join(people, people.c.id == saved_matches.c.person_id)
        .where(saved_matches.c.account_id == account_id, saved_matches.c.sent_on.is_not(None))
        .order_by(saved_items.c.uid, people.c.uid)
    )
    return [dict(r._mapping) for r in conn.execute(q)]


def matches_of_item(conn: Connection, item_id: int) -> list[Row]:
    """Who one item was matched to (person id, score, topic, interest, sent_on), best first."""
    q = (
        select(
            saved_matches.c.person_id,
            saved_matches.c.score,
            saved_matches.c.topic,
            saved_matches.c.interest,
            saved_matches.c.sent_on,
        )
        .where(saved_matches.c.item_id == item_id)
        .order_by(saved_matches.c.score.desc(), saved_matches.c.person_id)
    )
    return [dict(r._mapping) for r in conn.execute(q)]


def sent_to(conn: Connection, person_id: int) -> dict[int, date]:
    """Item id → the day it was sent to this person."""
    q = select(saved_matches.c.item_id, saved_matches.c.sent_on).where(
        saved_matches.c.person_id == person_id, saved_matches.c.sent_on.is_not(None)
    )
    return {iid: on for iid, on in conn.execute(q)}
