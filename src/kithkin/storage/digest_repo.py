"""What the weekly digest reads: the week's records, open promises, people ahead.

Each function is one query over the whole account (no query per person), always
filtered by ``account_id``, and returns plain rows for :mod:`kithkin.domain.digest`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select

from kithkin.domain.digest import LedgerRow, MomentRow, PromiseRow, ReplyRow
from kithkin.storage.facts_repo import to_day
from kithkin.storage.tables import (
    follow_ups,
    ledger,
    moment_people,
    moments,
    people,
    person_facts,
)

Row = dict[str, Any]


def _active(on: date) -> ColumnElement[bool]:
    """Active on ``on``: status active, or a snooze that has ended (as Today reads it)."""
    return or_(
        people.c.status == "active",
        and_(people.c.status == "snoozed", people.c.snoozed_until <= on),
    )


def moments_between(conn: Connection, account_id: int, start: date, end: date) -> list[MomentRow]:
    """Every (moment, person) pair of the account's moments from ``start`` to ``end``."""
    q = (
        select(
            moments.c.id,
            moments.c.occurred_on,
            moments.c.kind,
            moments.c.energy,
            people.c.id.label("person_id"),
            people.c.display_name,
        )
        .select_from(
            moments.join(moment_people, moment_people.c.moment_id == moments.c.id).join(
                people, people.c.id == moment_people.c.person_id
            )
        )
        .where(
            moments.c.account_id == account_id,
            moments.c.occurred_on >= start,
            moments.c.occurred_on <= end,
        )
        .order_by(moments.c.occurred_on, moments.c.id, people.c.id)
    )
    return [MomentRow(*r) for r in conn.execute(q)]


def replies_between(conn: Connection, account_id: int, start: date, end: date) -> list[ReplyRow]:
    """Outreach answered from ``start`` to ``end``, one row per person written to."""
    q = (
        select(
            people.c.id,
            people.c.display_name,
            moments.c.occurred_on,
            moments.c.replied_on,
            moments.c.outreach_style,
        )
        .select_from(
            moments.join(moment_people, moment_people.c.moment_id == moments.c.id).join(
                people, people.c.id == moment_people.c.person_id
            )
        )
        .where(
            moments.c.account_id == account_id,
            moments.c.reply_state == "replied",
            moments.c.replied_on >= start,
            moments.c.replied_on <= end,
        )
        .order_by(moments.c.replied_on, moments.c.id, people.c.id)
    )
    return [ReplyRow(*r) for r in conn.execute(q)]


def ledger_between(conn: Connection, account_id: int, start: date, end: date) -> list[LedgerRow]:
    """The account's ledger entries from ``start`` to ``end``."""
    q = (
        select(
            people.c.id,
            people.c.display_name,
            ledger.c.direction,
            ledger.c.kind,
            ledger.c.size,
            ledger.c.occurred_on,
        )
        .join(people, people.c.id == ledger.c.person_id)
        .where(
            ledger.c.account_id == account_id,
            ledger.c.occurred_on >= start,
            ledger.c.occurred_on <= end,
        )
        .order_by(ledger.c.occurred_on, ledger.c.id)
    )
    return [LedgerRow(*r) for r in conn.execute(q)]


def _promise_query(account_id: int) -> Any:
    return (
        select(
            follow_ups.c.id,
            follow_ups.c.person_id,
            people.c.display_name,
            follow_ups.c.text,
            follow_ups.c.due_on,
            follow_ups.c.created_on,
            follow_ups.c.done_on,
        )
        .join(people, people.c.id == follow_ups.c.person_id)
        .where(follow_ups.c.account_id == account_id)
        .order_by(follow_ups.c.id)
    )


def kept_between(conn: Connection, account_id: int, start: date, end: date) -> list[PromiseRow]:
    """Promises marked kept from ``start`` to ``end`` (anyone's, released or not)."""
    q = _promise_query(account_id).where(follow_ups.c.done_on >= start, follow_ups.c.done_on <= end)
    return [PromiseRow(*r) for r in conn.execute(q)]


def open_promises(conn: Connection, account_id: int, on: date, until: date) -> list[PromiseRow]:
    """Active people's promises open on ``on`` (made by then, not kept by then) that
    are dated no later than ``until``, or undated."""
    q = _promise_query(account_id).where(
        _active(on),
        follow_ups.c.created_on <= on,
        or_(follow_ups.c.done_on.is_(None), follow_ups.c.done_on > on),
        or_(follow_ups.c.due_on.is_(None), follow_ups.c.due_on <= until),
    )
    return [
        PromiseRow(r.id, r.person_id, r.display_name, r.text, r.due_on, r.created_on)
        for r in conn.execute(q)
    ]


def people_ahead(
    conn: Connection,
    account_id: int,
    on: date,
    until: date,
    birthdays: Sequence[tuple[int, int]],
    pancake_cadence: Mapping[str, int],
) -> list[Row]:
    """Active people with a birthday on one of ``birthdays`` (month, day), or with a
    cadence whose check-in may be due by ``until`` (last contact + cadence ≤ until, or
    nothing logged), each with their stored facts: one query."""
    f = person_facts.c
    cadence = func.coalesce(
        people.c.cadence_days,
        case(*((people.c.pancake == k, v) for k, v in pancake_cadence.items()), else_=None),
    )
    keys = [m * 100 + d for m, d in birthdays]
    q = (
        select(
            people.c.id,
            people.c.display_name,
            people.c.cadence_days,
            people.c.pancake,
            people.c.birthday_year,
            people.c.birthday_month,
            people.c.birthday_day,
            *(c for c in person_facts.c if c.name not in ("person_id", "account_id")),
        )
        .select_from(people.outerjoin(person_facts, person_facts.c.person_id == people.c.id))
        .where(
            people.c.account_id == account_id,
            _active(on),
            or_(
                (people.c.birthday_month * 100 + people.c.birthday_day).in_(keys),
                and_(
                    cadence.is_not(None),
                    or_(f.last_day.is_(None), f.last_day + cadence <= to_day(until)),
                ),
            ),
        )
        .order_by(people.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(q)]
