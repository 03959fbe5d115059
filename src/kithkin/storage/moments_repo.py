"""Reading and writing moments (interactions) and the follow-ups promised in them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    bindparam,
    insert,
    literal_column,
    select,
    union_all,
    update,
)

from kithkin.storage import facts_repo
from kithkin.storage.phrases import phrase_ids
from kithkin.storage.rows import insert_row, padded
from kithkin.storage.tables import (
    follow_ups,
    moment_people,
    moment_topics,
    moments,
    people,
    phrases,
)

Row = dict[str, Any]


def insert_moment(
    conn: Connection,
    values: Mapping[str, Any],
    person_ids: Sequence[int],
    topics: Sequence[str],
    *,
    refresh_facts: bool = True,
) -> int:
    """Insert a moment with its people and topics; returns its id.

    The people's stored facts are refreshed unless ``refresh_facts`` is False (bulk
    writers rebuild them once at the end instead).
    """
    moment_id = insert_row(conn, moments, values)
    conn.execute(
        insert(moment_people), [{"moment_id": moment_id, "person_id": p} for p in person_ids]
    )
    if topics:
        ids = phrase_ids(conn, topics)
        conn.execute(
            insert(moment_topics),
            [{"moment_id": moment_id, "phrase_id": ids[t]} for t in dict.fromkeys(topics)],
        )
    if refresh_facts:
        facts_repo.refresh(conn, values["account_id"], person_ids)
    return moment_id


def insert_follow_up(conn: Connection, values: Mapping[str, Any]) -> int:
    """Insert one follow-up; returns its id."""
    return insert_row(conn, follow_ups, values)


#: Built once, like the other statements a person's page runs: building a statement
#: costs SQLAlchemy more than SQLite takes to answer it.
_INDEX = (
    select(moments.c.id, moments.c.occurred_on, moments.c.energy)
    .select_from(moment_people.join(moments, moments.c.id == moment_people.c.moment_id))
    .where(moment_people.c.person_id == bindparam("person"))
    .order_by(moments.c.occurred_on.desc(), moments.c.id.desc())
)


def moment_index(conn: Connection, person_id: int) -> list[tuple[int, date, int | None]]:
    """(id, date, energy) of every moment with a person, newest first: one index walk.

    Driven from ``moment_people`` (the caller has checked the person's account), so
    SQLite reads this person's entries only, whatever the size of the account.
    """
    return [(i, d, e) for i, d, e in conn.execute(_INDEX, {"person": person_id})]


#: Each moment's topics and the other people in it, by name: one statement for both. The
#: names are looked up row by row (a join made PostgreSQL hash every phrase of the account
#: for a handful of topics).
_TOPICS_AND_OTHERS = union_all(
    select(
        moment_topics.c.moment_id,
        literal_column("'topic'").label("which"),
        select(phrases.c.text)
        .where(phrases.c.id == moment_topics.c.phrase_id)
        .scalar_subquery()
        .label("text"),
    ).where(moment_topics.c.moment_id.in_(bindparam("ids", expanding=True))),
    select(
        moment_people.c.moment_id,
        literal_column("'other'"),
        select(people.c.display_name)
        .where(people.c.id == moment_people.c.person_id)
        .scalar_subquery(),
    ).where(
        moment_people.c.moment_id.in_(bindparam("ids", expanding=True)),
        moment_people.c.person_id != bindparam("person"),
    ),
).order_by("text")

#: What a moment says (its uid, account and creation time are not shown anywhere it is read).
_MOMENTS = select(
    *(c for c in moments.c if c.name not in ("account_id", "uid", "created_at"))
).where(moments.c.id.in_(bindparam("ids", expanding=True)))


def moments_by_ids(conn: Connection, ids: list[int], person_id: int) -> list[Row]:
    """Moments in the order of ``ids`` (without uid, account and creation time), each with
    its topics and the other people."""
    if not ids:
        return []
    found = {r.id: dict(r._mapping) for r in conn.execute(_MOMENTS, {"ids": padded(ids)})}
    rows = [found[i] for i in ids if i in found]
    topics: dict[int, list[str]] = {i: [] for i in ids}
    others: dict[int, list[str]] = {i: [] for i in ids}
    lists = {"topic": topics, "other": others}
    params = {"ids": padded(ids), "person": person_id}
    for mid, which, text in conn.execute(_TOPICS_AND_OTHERS, params):
        lists[which][mid].append(text)
    for r in rows:
        r["topics"] = topics[r["id"]]
        r["with"] = others[r["id"]]
    return rows


def follow_ups_of(
    conn: Connection,
    account_id: int,
    person_id: int | None = None,
    *,
    open_only: bool = True,
    follow_up_id: int | None = None,
) -> list[Row]:
    """Follow-ups (optionally one person's, or the one with ``follow_up_id``), soonest due
    first; undated ones last."""
    q = _follow_ups_query(person_id is not None, open_only, follow_up_id is not None)
    params = {"account": account_id, "person": person_id, "follow_up": follow_up_id}
    return [dict(r._mapping) for r in conn.execute(q, params)]


@cache
def _follow_ups_query(by_person: bool, open_only: bool, by_id: bool) -> Select[Any]:
    """The follow-ups statement of one shape, built once."""
    q = (
        select(follow_ups, people.c.display_name.label("person"))
        .join(people, people.c.id == follow_ups.c.person_id)
        .where(follow_ups.c.account_id == bindparam("account"))
    )
    if by_person:
        q = q.where(follow_ups.c.person_id == bindparam("person"))
    if open_only:
        q = q.where(follow_ups.c.done_on.is_(None))
    if by_id:
        q = q.where(follow_ups.c.id == bindparam("follow_up"))
    return q.order_by(follow_ups.c.due_on.is_(None), follow_ups.c.due_on, follow_ups.c.id)


def last_outreach_awaiting(conn: Connection, account_id: int, person_id: int) -> Row | None:
    """The newest outreach to a person still awaiting a reply."""
    q = (
        select(moments)
        .join(moment_people, moment_people.c.moment_id == moments.c.id)
        .where(
            moment_people.c.person_id == person_id,
            moments.c.account_id == account_id,
            moments.c.reply_state == "awaiting",
        )
        .order_by(moments.c.occurred_on.desc(), moments.c.id.desc())
        .limit(1)
    )
    row = conn.execute(q).first()
    return dict(row._mapping) if row else None


def get_moment(conn: Connection, account_id: int, moment_id: int) -> Row | None:
    """One moment of this account, with the ids of its people (``people``)."""
    row = conn.execute(
        select(moments).where(moments.c.id == moment_id, moments.c.account_id == account_id)
    ).first()
    if row is None:
        return None
    found = dict(row._mapping)
    who = select(moment_people.c.person_id).where(moment_people.c.moment_id == moment_id)
    found["people"] = sorted(conn.execute(who).scalars())
    return found


def set_reply(conn: Connection, moment_id: int, state: str, on: date | None) -> None:
    """Record whether and when an outreach was answered (a reply is contact too)."""
    conn.execute(
        update(moments).where(moments.c.id == moment_id).values(reply_state=state, replied_on=on)
    )
    account_id = conn.execute(select(moments.c.account_id).where(moments.c.id == moment_id))
    who = select(moment_people.c.person_id).where(moment_people.c.moment_id == moment_id)
    facts_repo.refresh(conn, account_id.scalar_one(), conn.execute(who).scalars())


def mark_follow_up_done(conn: Connection, follow_up_id: int, on: date) -> None:
    """Close a promise."""
    conn.execute(update(follow_ups).where(follow_ups.c.id == follow_up_id).values(done_on=on))
