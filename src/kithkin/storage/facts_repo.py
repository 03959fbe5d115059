"""Per-person facts in SQL: the one aggregated query, and the table that keeps its result.

:func:`aggregate` is one GROUP BY over moments and one over the ledger, joined to
people: the same fields :meth:`kithkin.domain.facts.PersonFacts.of` computes in Python.
Reading it for a whole account costs a scan of every moment, so its result is kept in
``person_facts``: every repository function that writes a moment, a reply or a ledger
entry calls :func:`refresh` for the people it touched (one small GROUP BY over their
moments), bulk writers call :func:`rebuild`, and Today reads the table in one query.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Integer,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
)

from kithkin.domain.facts import (
    COLLAB_KIND,
    DEPTH_VALUE,
    EPOCH,
    FACT_FIELDS,
    HALF_LIFE_FAST,
    HALF_LIFE_SLOW,
    PersonFacts,
)
from kithkin.storage.rows import padded
from kithkin.storage.tables import (
    FACT_COUNTS,
    FACT_DAYS,
    FACT_SUMS,
    accounts,
    ledger,
    moment_people,
    moments,
    people,
    person_facts,
)

#: A PersonFacts field ending in ``_on`` is stored as ``…_day`` (days since EPOCH).
DAY_FIELDS = {f: f[:-3] + "_day" for f in FACT_FIELDS if f.endswith("_on")}


def day_number(conn: Connection, column: Any) -> ColumnElement[int]:
    """Whole days from the facts epoch to a DATE column, in this database's dialect."""
    if conn.dialect.name == "sqlite":
        epoch_julian = (EPOCH - date(1, 1, 1)).days + 1721425.5  # julianday('2000-01-01')
        return cast(func.julianday(column) - epoch_julian, Integer)
    return cast(column - literal(EPOCH), Integer)


def to_day(d: date | None) -> int | None:
    """A date as days since the facts epoch."""
    return None if d is None else (d - EPOCH).days


def from_day(n: int | None) -> date | None:
    """Days since the facts epoch as a date."""
    return None if n is None else EPOCH + timedelta(days=int(n))


def _moment_aggregate(conn: Connection, account_id: int, ids: list[int] | None) -> Any:
    day = day_number(conn, moments.c.occurred_on)
    fast = func.exp(cast(day, Float) * (math.log(2) / HALF_LIFE_FAST))
    slow = func.exp(cast(day, Float) * (math.log(2) / HALF_LIFE_SLOW))
    rated = moments.c.energy.is_not(None)
    depth = case(*((moments.c.depth == k, v) for k, v in DEPTH_VALUE.items()), else_=None)
    has_depth = depth.is_not(None)

    def count(cond: Any) -> Any:
        return func.sum(case((cond, 1), else_=0))

    def total(cond: Any, value: Any) -> Any:
        return func.coalesce(func.sum(case((cond, value), else_=None)), 0.0)

    q = (
        select(
            moment_people.c.person_id.label("person_id"),
            func.count().label("moments"),
            func.min(day).label("first_day"),
            func.max(day).label("last_moment_day"),
            func.max(day_number(conn, moments.c.replied_on)).label("last_reply_day"),
            count(rated).label("rated"),
            count(moments.c.energy >= 1).label("fuelled"),
            count(moments.c.energy <= -1).label("drained"),
            count(moments.c.initiated_by == "me").label("by_me"),
            count(moments.c.initiated_by == "them").label("by_them"),
            count(moments.c.initiated_by == "mutual").label("by_both"),
            func.sum(fast).label("w_fast"),
            func.sum(slow).label("w_slow"),
            total(rated, fast).label("ew_fast"),
            total(rated, slow).label("ew_slow"),
            total(rated, moments.c.energy * fast).label("e_fast"),
            total(rated, moments.c.energy * slow).label("e_slow"),
            total(has_depth, fast).label("dw_fast"),
            total(has_depth, slow).label("dw_slow"),
            total(has_depth, depth * fast).label("d_fast"),
            total(has_depth, depth * slow).label("d_slow"),
            count(moments.c.outreach_style.is_not(None)).label("outreach"),
            count(moments.c.reply_state == "replied").label("replied"),
            count(moments.c.reply_state == "awaiting").label("awaiting"),
            count(moments.c.reply_state.in_(("awaiting", "no_reply"))).label("unanswered"),
            func.min(case((moments.c.reply_state == "awaiting", day), else_=None)).label(
                "oldest_awaiting_day"
            ),
        )
        .select_from(moment_people.join(moments, moments.c.id == moment_people.c.moment_id))
        .where(moments.c.account_id == account_id)
        .group_by(moment_people.c.person_id)
    )
    if ids is not None:
        q = q.where(moment_people.c.person_id.in_(ids))
    return q.subquery("m")


def _ledger_aggregate(conn: Connection, account_id: int, ids: list[int] | None) -> Any:
    last_got = (
        select(ledger.c.person_id, func.max(ledger.c.occurred_on).label("got_on"))
        .where(ledger.c.account_id == account_id, ledger.c.direction == "received")
        .group_by(ledger.c.person_id)
    )
    if ids is not None:
        last_got = last_got.where(ledger.c.person_id.in_(ids))
    lg = last_got.subquery("lg")
    gave = ledger.c.direction == "gave"
    got = ledger.c.direction == "received"
    day = day_number(conn, ledger.c.occurred_on)

    def count(cond: Any) -> Any:
        return func.sum(case((cond, 1), else_=0))

    q = (
        select(
            ledger.c.person_id.label("person_id"),
            count(gave).label("gave_count"),
            func.sum(case((gave, ledger.c.size), else_=0)).label("gave_size"),
            count(got).label("received_count"),
            func.sum(case((got, ledger.c.size), else_=0)).label("received_size"),
            func.max(case((gave, day), else_=None)).label("last_gave_day"),
            func.max(case((got, day), else_=None)).label("last_received_day"),
            func.max(case((and_(gave, ledger.c.kind == COLLAB_KIND), day), else_=None)).label(
                "last_offer_day"
            ),
            count(and_(gave, or_(lg.c.got_on.is_(None), ledger.c.occurred_on > lg.c.got_on))).label(
                "gives_since_received"
            ),
        )
        .select_from(ledger.outerjoin(lg, lg.c.person_id == ledger.c.person_id))
        .where(ledger.c.account_id == account_id)
        .group_by(ledger.c.person_id)
    )
    if ids is not None:
        q = q.where(ledger.c.person_id.in_(ids))
    return q.subquery("l")


def aggregate(conn: Connection, account_id: int, ids: Iterable[int] | None = None) -> Any:
    """The one aggregated query: a row of facts per person (all of the account's, or
    ``ids``), with the columns of ``person_facts``."""
    only = None if ids is None else sorted(set(ids))
    m = _moment_aggregate(conn, account_id, only)
    lsub = _ledger_aggregate(conn, account_id, only)
    last = case(
        (
            and_(m.c.last_reply_day.is_not(None), m.c.last_reply_day > m.c.last_moment_day),
            m.c.last_reply_day,
        ),
        else_=m.c.last_moment_day,
    )
    cols: list[Any] = [people.c.id.label("person_id"), people.c.account_id]
    for name in FACT_COUNTS:
        src = lsub.c[name] if name in lsub.c else m.c[name]
        cols.append(func.coalesce(src, 0).label(name))
    for name in FACT_SUMS:
        cols.append(func.coalesce(m.c[name], literal_column("0.0")).label(name))
    for name in FACT_DAYS:
        if name == "last_day":
            cols.append(last.label(name))
        else:
            src = lsub.c[name] if name in lsub.c else m.c[name]
            cols.append(src.label(name))
    q = (
        select(*cols)
        .select_from(
            people.outerjoin(m, m.c.person_id == people.c.id).outerjoin(
                lsub, lsub.c.person_id == people.c.id
            )
        )
        .where(people.c.account_id == account_id)
    )
    if only is not None:
        q = q.where(people.c.id.in_(only))
    return q


#: The account's row, locked by whoever rewrites its people's stored facts.
_LOCK_ACCOUNT = (
    select(accounts.c.id)
    .where(accounts.c.id == bindparam("account"))
    .with_for_update(key_share=True)
)


def _lock_facts(conn: Connection, account_id: int) -> None:
    """Wait for any other transaction rewriting this account's stored facts to finish.

    On PostgreSQL two writers refreshing the same person at once would each delete the
    old row and insert a new one, and the second insert would collide (or a rebuild and
    a refresh would). Every write transaction ends by changing its account's revision,
    so writers of one account already queue on that row at commit; taking it here, the
    one lock, first, makes the second writer wait for the first to commit and then
    recompute from what both wrote. ``FOR NO KEY UPDATE`` leaves the key-share locks
    that inserting rows of the account takes free. SQLite has one writer at a time.
    """
    conn.execute(_LOCK_ACCOUNT, {"account": account_id}).all()


def refresh(conn: Connection, account_id: int, ids: Iterable[int]) -> None:
    """Recompute the stored facts of these people (after a write that touched them)."""
    only = sorted(set(ids))
    if not only:
        return
    _lock_facts(conn, account_id)
    conn.execute(delete(person_facts).where(person_facts.c.person_id.in_(only)))
    q = aggregate(conn, account_id, only)
    conn.execute(insert(person_facts).from_select(list(q.selected_columns.keys()), q))


def rebuild(conn: Connection, account_id: int | None = None) -> None:
    """Recompute the stored facts of every person (of one account, or of all)."""
    if account_id is None:
        accounts_ids = [r[0] for r in conn.execute(select(accounts.c.id).order_by(accounts.c.id))]
    else:
        accounts_ids = [account_id]
    for aid in accounts_ids:
        _lock_facts(conn, aid)
        conn.execute(delete(person_facts).where(person_facts.c.account_id == aid))
        q = aggregate(conn, aid)
        conn.execute(insert(person_facts).from_select(list(q.selected_columns.keys()), q))


def facts_of_row(row: Mapping[Any, Any]) -> PersonFacts:
    """PersonFacts from a row with person_facts columns (missing row: all None → empty)."""
    values: dict[str, Any] = {}
    for f in FACT_FIELDS:
        if f in DAY_FIELDS:
            values[f] = from_day(row[DAY_FIELDS[f]])
        else:
            v = row[f]
            values[f] = 0 if v is None else v
    return PersonFacts(**values)


#: Built once (building a statement costs SQLAlchemy more than SQLite takes to answer).
_STORED = select(person_facts).where(person_facts.c.account_id == bindparam("account"))
_STORED_OF = _STORED.where(person_facts.c.person_id.in_(bindparam("ids", expanding=True)))


def stored(
    conn: Connection, account_id: int, ids: Iterable[int] | None = None
) -> dict[int, PersonFacts]:
    """The stored facts (all of an account's, or these people's) by person id."""
    if ids is None:
        rows = conn.execute(_STORED, {"account": account_id})
    else:
        rows = conn.execute(_STORED_OF, {"account": account_id, "ids": padded(sorted(set(ids)))})
    return {r.person_id: facts_of_row(r._mapping) for r in rows}


def computed(
    conn: Connection, account_id: int, ids: Iterable[int] | None = None
) -> dict[int, PersonFacts]:
    """The facts as the aggregated query computes them now (for checks and benchmarks)."""
    return {
        r.person_id: facts_of_row(r._mapping)
        for r in conn.execute(aggregate(conn, account_id, ids))
    }
