"""What matching reads: interests as (person, phrase) rows, your own interests, and who
already knows whom (moments together, introductions, "introduced by")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from kithkin.storage.phrases import phrase_ids
from kithkin.storage.tables import (
    interests,
    introductions,
    moment_people,
    moments,
    own_interests,
    people,
    phrases,
)

Row = dict[str, Any]


def _active(account_id: int, today: date) -> Any:
    """Active people, and snoozed people whose snooze has ended (on its day or before,
    as Today counts it; a snooze with no end date has ended)."""
    return and_(
        people.c.account_id == account_id,
        or_(
            people.c.status == "active",
            and_(
                people.c.status == "snoozed",
                or_(people.c.snoozed_until.is_(None), people.c.snoozed_until <= today),
            ),
        ),
    )


def interest_rows(
    conn: Connection, account_id: int, today: date, ids: Sequence[int] | None = None
) -> list[tuple[int, int]]:
    """(person id, phrase id) of active people's interests (or these people's, whatever
    their status), ordered by person."""
    q = select(interests.c.person_id, interests.c.phrase_id).join(
        people, people.c.id == interests.c.person_id
    )
    if ids is None:
        q = q.where(_active(account_id, today))
    else:
        q = q.where(people.c.account_id == account_id, people.c.id.in_(list(ids)))
    q = q.order_by(interests.c.person_id, interests.c.position, interests.c.id)
    return [(pid, ph) for pid, ph in conn.execute(q).all()]


def rows_using(
    conn: Connection, account_id: int, today: date, phrase_ids: Sequence[int]
) -> list[tuple[int, int]]:
    """(person id, phrase id) of active people's interests that use these phrases,
    grouped by person: read through the phrase index, people filtered apart (a join
    here makes SQLite walk every person)."""
    active = set(conn.execute(select(people.c.id).where(_active(account_id, today))).scalars())
    q = (
        select(interests.c.person_id, interests.c.phrase_id)
        .where(interests.c.phrase_id.in_(list(phrase_ids)))
        .order_by(interests.c.person_id)  # the (person, phrase) key: no sort step
    )
    return [(pid, ph) for pid, ph in conn.execute(q).all() if pid in active]


def active_phrase_ids(conn: Connection, account_id: int, today: date) -> list[int]:
    """Every phrase some active person has as an interest."""
    q = (
        select(interests.c.phrase_id)
        .join(people, people.c.id == interests.c.person_id)
        .where(_active(account_id, today))
        .distinct()
        .order_by(interests.c.phrase_id)
    )
    return list(conn.execute(q).scalars())


def people_with_interests(conn: Connection, account_id: int, today: date, *, but: int) -> int:
    """How many active people (other than ``but``) have any interest."""
    q = (
        select(func.count(func.distinct(interests.c.person_id)))
        .join(people, people.c.id == interests.c.person_id)
        .where(_active(account_id, today), people.c.id != but)
    )
    return int(conn.execute(q).scalar_one())


def people_rows(conn: Connection, account_id: int, ids: Sequence[int]) -> dict[int, Row]:
    """Name, status, place and time zone of these people."""
    if not ids:
        return {}
    q = select(
        people.c.id,
        people.c.display_name,
        people.c.status,
        people.c.location,
        people.c.timezone,
    ).where(people.c.account_id == account_id, people.c.id.in_(sorted(set(ids))))
    return {r.id: dict(r._mapping) for r in conn.execute(q)}


def own(conn: Connection, account_id: int) -> list[Row]:
    """Your own interests (phrase id, phrase, note), in the order you gave them."""
    q = (
        select(own_interests.c.phrase_id, phrases.c.text.label("phrase"), own_interests.c.note)
        .join(phrases, phrases.c.id == own_interests.c.phrase_id)
        .where(own_interests.c.account_id == account_id)
        .order_by(own_interests.c.position, own_interests.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(q)]


def add_own(
    conn: Connection, account_id: int, items: Sequence[tuple[str, str | None]]
) -> list[int]:
    """Add (phrase, note) to your interests (a known phrase gets its note replaced);
    returns the phrase ids."""
    ids = phrase_ids(conn, [p for p, _ in items])
    have = {
        r.phrase_id
        for r in conn.execute(
            select(own_interests.c.phrase_id).where(own_interests.c.account_id == account_id)
        )
    }
    position = conn.execute(
        select(func.count()).where(own_interests.c.account_id == account_id)
    ).scalar_one()
    for text, note in items:
        pid = ids[text]
        if pid in have:
            if note is not None:
                conn.execute(
                    update(own_interests)
                    .where(own_interests.c.account_id == account_id)
                    .where(own_interests.c.phrase_id == pid)
                    .values(note=note)
                )
            continue
        conn.execute(
            insert(own_interests).values(
                account_id=account_id, phrase_id=pid, note=note, position=position
            )
        )
        have.add(pid)
        position += 1
    return [ids[p] for p, _ in items]


def remove_own(conn: Connection, account_id: int, texts: Sequence[str]) -> int:
    """Remove your interests by phrase; returns how many went."""
    if not texts:
        return 0
    sub = select(phrases.c.id).where(phrases.c.text.in_(list(texts)))
    res = conn.execute(
        delete(own_interests).where(
            own_interests.c.account_id == account_id, own_interests.c.phrase_id.in_(sub)
        )
    )
    return int(res.rowcount or 0)


def known_pairs(conn: Connection, account_id: int) -> set[tuple[int, int]]:
    """Pairs of people (smaller id first) who already know each other as far as the
    records say: in a moment together, in an introduction, or one introduced the other."""
    a, b = moment_people.alias("a"), moment_people.alias("b")
    together = (
        select(a.c.person_id, b.c.person_id)
        .join(b, and_(b.c.moment_id == a.c.moment_id, a.c.person_id < b.c.person_id))
        .join(moments, moments.c.id == a.c.moment_id)
        .where(moments.c.account_id == account_id)
        .distinct()
    )
    out: set[tuple[int, int]] = set()
    for x, y in conn.execute(together):
        out.add((x, y))
    intro = select(introductions.c.person_a_id, introductions.c.person_b_id).where(
        introductions.c.account_id == account_id
    )
    via = select(people.c.id, people.c.introduced_by_id).where(
        people.c.account_id == account_id, people.c.introduced_by_id.is_not(None)
    )
    for x, y in [*conn.execute(intro), *conn.execute(via)]:
        out.add((min(x, y), max(x, y)))
    return out


def interests_by_person(conn: Connection, ids: Sequence[int]) -> dict[int, list[tuple[int, str]]]:
    """(phrase id, phrase) of each person's interests, in the order given."""
    out: dict[int, list[tuple[int, str]]] = {pid: [] for pid in ids}
    if not ids:
        return out
    q = (
        select(interests.c.person_id, phrases.c.id, phrases.c.text)
        .join(phrases, phrases.c.id == interests.c.phrase_id)
        .where(interests.c.person_id.in_(sorted(set(ids))))
        .order_by(interests.c.person_id, interests.c.position, interests.c.id)
    )
    for pid, ph, text in conn.execute(q):
        out[pid].append((ph, text))
    return out
