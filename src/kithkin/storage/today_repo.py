"""What Today reads: candidates with their facts in one query, then their details."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, case, func, or_, select

from kithkin.domain.facts import LedgerFact, MomentFact
from kithkin.domain.today import Bounds, Prefilter, Promise
from kithkin.storage.facts_repo import to_day
from kithkin.storage.saved_repo import unsent_clause
from kithkin.storage.tables import (
    dismissals,
    follow_ups,
    ledger,
    moment_people,
    moments,
    people,
    person_facts,
)

Row = dict[str, Any]


def _lapsed(account_id: int, pf: Prefilter) -> Any:
    """Open follow-ups past due (or undated and older than the grace period)."""
    return and_(
        follow_ups.c.account_id == account_id,
        follow_ups.c.done_on.is_(None),
        or_(
            follow_ups.c.due_on < pf.today,
            and_(follow_ups.c.due_on.is_(None), follow_ups.c.created_on < pf.lapsed_by),
        ),
    )


def _clauses(account_id: int, pf: Prefilter) -> dict[str, Any]:
    """The prefilter as SQL, one condition per reason kind (promises are counted apart):
    each is true for every person who may have that reason today."""
    f = person_facts.c
    today = to_day(pf.today)
    assert today is not None
    cadence = func.coalesce(
        people.c.cadence_days,
        case(*((people.c.pancake == k, v) for k, v in pf.pancake_cadence.items()), else_=None),
    )
    return {
        "cadence": and_(
            cadence.is_not(None), or_(f.last_day.is_(None), f.last_day + cadence < today)
        ),
        "birthday": (people.c.birthday_month * 100 + people.c.birthday_day).in_(
            [m * 100 + d for m, d in pf.birthdays]
        ),
        "unanswered": f.oldest_awaiting_day <= to_day(pf.unanswered_by),
        "fueller": and_(
            f.rated >= pf.fueller_min_rated,
            f.e_slow >= pf.fueller_at * f.ew_slow,
            f.last_day <= to_day(pf.fueller_seen_by),
        ),
        "kindness": and_(
            f.last_received_day >= to_day(pf.kindness_since),
            or_(f.last_gave_day.is_(None), f.last_gave_day < f.last_received_day),
        ),
        "martyrdom": and_(
            f.gives_since_received >= pf.martyr_gives, f.last_gave_day >= to_day(pf.martyr_since)
        ),
        "vanished": and_(f.last_offer_day.is_not(None), f.unanswered >= pf.vanish_after),
        "saved": unsent_clause(account_id, pf.gifts_since),
        "drift": and_(
            f.w_slow * (3 * pf.slow_per_year) >= pf.drift_close,
            f.w_fast * pf.fast_per_year < pf.drift_lately_share * f.w_slow * pf.slow_per_year,
        ),
    }


def _columns() -> list[Any]:
    return [
        people.c.id,
        people.c.display_name,
        people.c.cadence_days,
        people.c.pancake,
        people.c.birthday_year,
        people.c.birthday_month,
        people.c.birthday_day,
        *(c for c in person_facts.c if c.name not in ("person_id", "account_id")),
    ]


def _active(account_id: int, pf: Prefilter) -> Any:
    # "+ 0": SQLite would otherwise walk the account's index in name order, a random read
    # per person; a straight scan is faster when most of the account is read.
    return and_(
        (people.c.account_id + 0) == account_id,
        or_(
            people.c.status == "active",
            and_(people.c.status == "snoozed", people.c.snoozed_until <= pf.today),
        ),
    )


def candidates(
    conn: Connection, account_id: int, pf: Prefilter, *, use_prefilter: bool = True
) -> list[Row]:
    """Active people (snoozes that ended count as active) who may have a reason today,
    each with their stored facts: one query."""
    q = (
        select(*_columns())
        .select_from(people.outerjoin(person_facts, person_facts.c.person_id == people.c.id))
        .where(_active(account_id, pf))
    )
    if use_prefilter:
        promised = select(follow_ups.c.person_id).where(_lapsed(account_id, pf))
        q = q.where(or_(*_clauses(account_id, pf).values(), people.c.id.in_(promised)))
    return [dict(r._mapping) for r in conn.execute(q)]


def by_bound(
    conn: Connection, account_id: int, pf: Prefilter, bounds: Bounds
) -> Generator[Row, None, None]:
    """Candidates with their facts, highest upper bound on their score first.

    bound = the largest urgency among the reasons they may have (``bounds.top``) +
    min(extra · (possible reasons − 1), cap), possible reasons counting each lapsed
    promise. Rows come in batches as the caller asks for them.
    """
    clauses = _clauses(account_id, pf)
    pr = (
        select(follow_ups.c.person_id, func.count().label("n"))
        .where(_lapsed(account_id, pf))
        .group_by(follow_ups.c.person_id)
        .subquery("pr")
    )
    possible: Any = func.coalesce(pr.c.n, 0)
    for cond in clauses.values():
        possible = possible + case((cond, 1), else_=0)
    ladder = sorted(bounds.top.items(), key=lambda kv: -kv[1])
    top = case(
        *(
            (pr.c.n.is_not(None) if kind == "follow-up" else clauses[kind], value)
            for kind, value in ladder
        ),
        else_=0,
    )
    extra = case(
        *(
            (possible >= n + 1, min(bounds.extra * n, bounds.cap))
            for n in range(int(bounds.cap // bounds.extra), 0, -1)
        ),
        else_=0,
    )
    bound = (top + extra).label("bound")
    q = (
        select(*_columns(), bound)
        .select_from(
            people.outerjoin(person_facts, person_facts.c.person_id == people.c.id).outerjoin(
                pr, pr.c.person_id == people.c.id
            )
        )
        .where(_active(account_id, pf), top > 0)
        .order_by(bound.desc())
    )
    result = conn.execute(q)
    try:
        for r in result:
            yield dict(r._mapping)
    finally:
        result.close()


def lapsed_promises(
    conn: Connection, account_id: int, pf: Prefilter, ids: Iterable[int] | None = None
) -> dict[int, list[Promise]]:
    """Lapsed open follow-ups by person id (everyone's, or these people's)."""
    q = (
        select(follow_ups)
        .where(_lapsed(account_id, pf))
        .order_by(follow_ups.c.due_on, follow_ups.c.id)
    )
    if ids is not None:
        q = q.where(follow_ups.c.person_id.in_(sorted(set(ids))))
    out: dict[int, list[Promise]] = defaultdict(list)
    for r in conn.execute(q):
        out[r.person_id].append(Promise(r.id, r.person_id, r.text, r.due_on, r.created_on))
    return out


def ledger_entries(conn: Connection, ids: Iterable[int]) -> dict[int, list[LedgerFact]]:
    """Every ledger entry of these people (ids read from this account's rows).

    Filtered on the person ids alone: an account condition makes SQLite walk the whole
    account's ledger by date instead of these people's entries."""
    only = sorted(set(ids))
    out: dict[int, list[LedgerFact]] = defaultdict(list)
    if not only:
        return out
    q = select(
        ledger.c.person_id, ledger.c.occurred_on, ledger.c.direction, ledger.c.kind, ledger.c.size
    )
    q = q.where(ledger.c.person_id.in_(only))
    for pid, on, direction, kind, size in conn.execute(q):
        out[pid].append(LedgerFact(on, direction, kind, size))
    return out


def outreach_since(conn: Connection, since: dict[int, date]) -> dict[int, list[MomentFact]]:
    """Outreach moments of these people (ids read from this account's rows) on or after
    each one's date. Filtered on the person ids alone, for the same reason as the ledger."""
    out: dict[int, list[MomentFact]] = defaultdict(list)
    if not since:
        return out
    q = (
        select(moment_people.c.person_id, moments.c.occurred_on, moments.c.reply_state)
        .join(moments, moments.c.id == moment_people.c.moment_id)
        .where(
            moment_people.c.person_id.in_(sorted(since)),
            moments.c.outreach_style.is_not(None),
        )
    )
    for pid, on, state in conn.execute(q):
        if on >= since[pid]:
            out[pid].append(MomentFact(on, outreach=True, reply_state=state))
    return out


def active_dismissals(conn: Connection, account_id: int, today: date) -> set[tuple[int, str]]:
    """(person id, reason) pairs dismissed and not yet expired."""
    q = select(dismissals.c.person_id, dismissals.c.reason).where(
        dismissals.c.account_id == account_id,
        dismissals.c.dismissed_on <= today,
        or_(dismissals.c.until_on.is_(None), dismissals.c.until_on > today),
    )
    return {(pid, reason) for pid, reason in conn.execute(q)}
