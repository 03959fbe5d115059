"""What the calendar feed reads: birthdays and rhythms, open follow-ups, office hours."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from kithkin.storage.tables import (
    follow_ups,
    office_hour_people,
    office_hours,
    people,
    person_facts,
)

Row = dict[str, Any]


def people_rows(conn: Connection, account_id: int) -> list[Row]:
    """Everyone not released, with birthday, rhythm and last contact (a day number)."""
    q = (
        select(
            people.c.id,
            people.c.uid,
            people.c.display_name,
            people.c.status,
            people.c.snoozed_until,
            people.c.birthday_month,
            people.c.birthday_day,
            people.c.cadence_days,
            people.c.pancake,
            person_facts.c.last_day,
        )
        .select_from(people.outerjoin(person_facts, person_facts.c.person_id == people.c.id))
        .where(people.c.account_id == account_id, people.c.status != "released")
    )
    return [dict(r._mapping) for r in conn.execute(q)]


def open_follow_ups(conn: Connection, account_id: int) -> list[Row]:
    """Follow-ups not done yet that have a due date, with the person's name."""
    q = (
        select(
            follow_ups.c.uid,
            follow_ups.c.text,
            follow_ups.c.due_on,
            people.c.display_name,
        )
        .join(people, people.c.id == follow_ups.c.person_id)
        .where(
            follow_ups.c.account_id == account_id,
            follow_ups.c.done_on.is_(None),
            follow_ups.c.due_on.is_not(None),
        )
    )
    return [dict(r._mapping) for r in conn.execute(q)]


def office_hour_rows(conn: Connection, account_id: int) -> list[Row]:
    """Office hours with the names of the people invited."""
    rows = [
        dict(r._mapping)
        for r in conn.execute(select(office_hours).where(office_hours.c.account_id == account_id))
    ]
    who: dict[int, list[str]] = defaultdict(list)
    for oid, name in conn.execute(
        select(office_hour_people.c.office_hour_id, people.c.display_name)
        .join(people, people.c.id == office_hour_people.c.person_id)
        .where(office_hour_people.c.office_hour_id.in_([r["id"] for r in rows]))
        .order_by(people.c.display_name)
    ):
        who[oid].append(name)
    for r in rows:
        r["people"] = who[r["id"]]
    return rows


def save_office_hour(conn: Connection, account_id: int, values: Row, person_ids: list[int]) -> None:
    """Record office hours (``values`` has uid, starts_at, timezone, hours, place,
    description); the same uid again replaces the earlier record."""
    from sqlalchemy import delete, insert

    conn.execute(
        delete(office_hours).where(
            office_hours.c.account_id == account_id, office_hours.c.uid == values["uid"]
        )
    )
    oid = conn.execute(
        insert(office_hours).values(account_id=account_id, **values).returning(office_hours.c.id)
    ).scalar_one()
    if person_ids:
        conn.execute(
            insert(office_hour_people),
            [{"office_hour_id": oid, "person_id": p} for p in sorted(set(person_ids))],
        )
