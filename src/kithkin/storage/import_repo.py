"""Bulk reads and writes for imports: many people in a few statements."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select, update

from kithkin.storage.people_repo import tag_ids
from kithkin.storage.phrases import phrase_ids
from kithkin.storage.tables import channels, interests, people, person_tags, phrases

Row = dict[str, Any]


def people_index(conn: Connection, account_id: int) -> tuple[dict[str, int], dict[int, str]]:
    """(uid -> id, id -> display name) for every person of the account."""
    by_uid: dict[str, int] = {}
    names: dict[int, str] = {}
    for pid, uid, name in conn.execute(
        select(people.c.id, people.c.uid, people.c.display_name).where(
            people.c.account_id == account_id
        )
    ):
        by_uid[uid] = pid
        names[pid] = name
    return by_uid, names


def all_channels(conn: Connection, account_id: int) -> list[tuple[int, str, str]]:
    """(person id, kind, value) for every channel of the account."""
    return [
        (pid, kind, value)
        for pid, kind, value in conn.execute(
            select(channels.c.person_id, channels.c.kind, channels.c.value)
            .join(people, people.c.id == channels.c.person_id)
            .where(people.c.account_id == account_id)
            .order_by(channels.c.person_id, channels.c.position, channels.c.id)
        )
    ]


def insert_people(conn: Connection, account_id: int, rows: Sequence[Row]) -> list[int]:
    """Insert people rows (all with the same keys, each with a new uid); their ids in
    the same order. One executemany, then the ids read back by uid (RETURNING with a
    guaranteed order would make SQLite insert row by row)."""
    if not rows:
        return []
    conn.execute(insert(people), list(rows))
    wanted = {r["uid"] for r in rows}
    ids = {
        uid: pid
        for uid, pid in conn.execute(
            select(people.c.uid, people.c.id).where(people.c.account_id == account_id)
        )
        if uid in wanted
    }
    return [ids[r["uid"]] for r in rows]


def people_rows(conn: Connection, ids: Sequence[int]) -> dict[int, Row]:
    """Full rows of these people."""
    out: dict[int, Row] = {}
    for i in range(0, len(ids), 900):
        for r in conn.execute(select(people).where(people.c.id.in_(ids[i : i + 900]))):
            out[r.id] = dict(r._mapping)
    return out


def update_people(conn: Connection, changes: dict[int, Row]) -> None:
    """Set columns per person (each dict its own columns)."""
    for pid, values in changes.items():
        if values:
            conn.execute(update(people).where(people.c.id == pid).values(**values))


def add_channels(conn: Connection, rows: Iterable[tuple[int, str, str, str | None, int]]) -> None:
    """Insert (person id, kind, value, label, position) channels."""
    values = [
        {"person_id": p, "kind": k, "value": v, "label": lab, "position": n}
        for p, k, v, lab, n in rows
    ]
    if values:
        conn.execute(insert(channels), values)


def tags_by_person(conn: Connection, ids: Sequence[int]) -> dict[int, set[str]]:
    """Tag names per person."""
    from kithkin.storage.tables import tags

    out: dict[int, set[str]] = defaultdict(set)
    for i in range(0, len(ids), 900):
        for pid, name in conn.execute(
            select(person_tags.c.person_id, tags.c.name)
            .join(tags, tags.c.id == person_tags.c.tag_id)
            .where(person_tags.c.person_id.in_(ids[i : i + 900]))
        ):
            out[pid].add(name)
    return out


def add_tags(conn: Connection, account_id: int, rows: Sequence[tuple[int, str]]) -> None:
    """Tag (person id, tag name) pairs; tags are created as needed."""
    if not rows:
        return
    ids = tag_ids(conn, account_id, list(dict.fromkeys(t for _, t in rows)))
    values = [{"person_id": p, "tag_id": ids[t]} for p, t in dict.fromkeys(rows)]
    conn.execute(insert(person_tags), values)


def interests_by_person(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """phrase -> position of each person's interests."""
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for i in range(0, len(ids), 900):
        for pid, text, pos in conn.execute(
            select(interests.c.person_id, phrases.c.text, interests.c.position)
            .join(phrases, phrases.c.id == interests.c.phrase_id)
            .where(interests.c.person_id.in_(ids[i : i + 900]))
        ):
            out[pid][text] = pos
    return out


def add_interests(conn: Connection, rows: Sequence[tuple[int, str, str | None, int]]) -> list[str]:
    """Insert (person id, phrase, note, position) interests; returns the phrases."""
    if not rows:
        return []
    ids = phrase_ids(conn, [p for _, p, _, _ in rows])
    conn.execute(
        insert(interests),
        [
            {"person_id": pid, "phrase_id": ids[p], "note": note, "position": pos}
            for pid, p, note, pos in rows
        ],
    )
    return list(ids)
