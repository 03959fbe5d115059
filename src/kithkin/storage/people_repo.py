"""Reading and writing people and what hangs off them: interests, channels, tags."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    null,
    or_,
    select,
    union_all,
    update,
)

from kithkin.domain.names import NameEntry
from kithkin.storage.phrases import phrase_ids
from kithkin.storage.rows import insert_row, padded
from kithkin.storage.tables import (
    channels,
    interests,
    moment_people,
    moments,
    people,
    person_tags,
    phrases,
    tags,
)

Row = dict[str, Any]


def insert_person(conn: Connection, values: Mapping[str, Any]) -> int:
    """Insert one person row and return its id."""
    return insert_row(conn, people, values)


def update_person(conn: Connection, person_id: int, values: Mapping[str, Any]) -> None:
    """Change the given columns of one person."""
    if values:
        conn.execute(update(people).where(people.c.id == person_id).values(**values))


_PERSON = select(people).where(
    people.c.id == bindparam("person"), people.c.account_id == bindparam("account")
)


def get_person(conn: Connection, account_id: int, person_id: int) -> Row | None:
    """One person's row, or None if it is not this account's."""
    row = conn.execute(_PERSON, {"person": person_id, "account": account_id}).first()
    return dict(row._mapping) if row else None


def get_person_by_uid(conn: Connection, account_id: int, uid: str) -> Row | None:
    """One person by stable uid."""
    row = conn.execute(
        select(people).where(people.c.uid == uid, people.c.account_id == account_id)
    ).first()
    return dict(row._mapping) if row else None


def name_entries(conn: Connection, account_id: int, contains: str | None = None) -> list[NameEntry]:
    """People as the name matcher sees them; ``contains`` narrows them in SQL first."""
    q = select(people.c.id, people.c.display_name, people.c.search_name).where(
        people.c.account_id == account_id
    )
    if contains:
        escaped = contains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        q = q.where(people.c.search_name.like(f"%{escaped}%", escape="\\"))
    q = q.order_by(people.c.display_name, people.c.id)
    return [NameEntry(i, n, k) for i, n, k in conn.execute(q)]


def name_entries_starting(conn: Connection, account_id: int, key: str) -> list[NameEntry]:
    """People whose first (main) name is exactly ``key`` (folded); uses the index."""
    q = select(people.c.id, people.c.display_name, people.c.search_name).where(
        people.c.account_id == account_id,
        people.c.search_name >= key,
        people.c.search_name < key + "\uffff",
    )
    return [
        NameEntry(i, n, k) for i, n, k in conn.execute(q) if k == key or k.startswith(key + " | ")
    ]


def list_people(
    conn: Connection,
    account_id: int,
    *,
    tag: str | None = None,
    statuses: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[Row]:
    """People with their last moment date and moment count, by name."""
    last = (
        select(
            moment_people.c.person_id,
            func.max(moments.c.occurred_on).label("last_seen"),
            func.count().label("moment_count"),
        )
        .join(moments, moments.c.id == moment_people.c.moment_id)
        .where(moments.c.account_id == account_id)
        .group_by(moment_people.c.person_id)
        .subquery()
    )
    q = (
        select(people, last.c.last_seen, last.c.moment_count)
        .outerjoin(last, last.c.person_id == people.c.id)
        .where(people.c.account_id == account_id)
    )
    if tag:
        q = q.where(
            people.c.id.in_(
                select(person_tags.c.person_id)
                .join(tags, tags.c.id == person_tags.c.tag_id)
                .where(tags.c.account_id == account_id, tags.c.name == tag)
            )
        )
    if statuses:
        q = q.where(people.c.status.in_(statuses))
    q = q.order_by(people.c.display_name, people.c.id)
    if limit:
        q = q.limit(limit)
    return [dict(r._mapping) for r in conn.execute(q)]


#: Built once: an IN over a list bound at run time costs nothing per call to build.
_INTERESTS_OF = (
    select(interests.c.person_id, phrases.c.text.label("phrase"), interests.c.note)
    .join(phrases, phrases.c.id == interests.c.phrase_id)
    .where(interests.c.person_id.in_(bindparam("ids", expanding=True)))
    .order_by(interests.c.person_id, interests.c.position, interests.c.id)
)


def interests_of(conn: Connection, person_ids: Sequence[int]) -> dict[int, list[Row]]:
    """Interests (phrase, note) per person, in the order they were given."""
    out: dict[int, list[Row]] = {pid: [] for pid in person_ids}
    if not person_ids:
        return out
    for r in conn.execute(_INTERESTS_OF, {"ids": list(person_ids)}):
        out[r.person_id].append({"phrase": r.phrase, "note": r.note})
    return out


_NONE = null().cast(String)
_ZERO: ColumnElement[int] = literal_column("0")

#: One person's interests, tags and channels in one statement (three branches, each in
#: the order its own reader gives: interests and channels as given, tags by name).
_LISTS_OF = union_all(
    select(
        literal_column("'interest'").label("which"),
        phrases.c.text.label("a"),
        interests.c.note.label("b"),
        _NONE.label("c"),
        interests.c.position.label("pos"),
        interests.c.id.label("seq"),
    )
    .join(phrases, phrases.c.id == interests.c.phrase_id)
    .where(interests.c.person_id == bindparam("person")),
    select(literal_column("'tag'"), tags.c.name, _NONE, _NONE, _ZERO, _ZERO)
    .join(tags, tags.c.id == person_tags.c.tag_id)
    .where(person_tags.c.person_id == bindparam("person")),
    select(
        literal_column("'channel'"),
        channels.c.kind,
        channels.c.label,
        channels.c.value,
        channels.c.position,
        channels.c.id,
    ).where(channels.c.person_id == bindparam("person")),
).order_by("which", "pos", "seq", "a")


def lists_of(conn: Connection, person_id: int) -> tuple[list[Row], list[str], list[Row]]:
    """A person's interests (as :func:`interests_of`), tags (as :func:`tags_of`) and
    channels (as :func:`channels_of`), read together."""
    loves: list[Row] = []
    tagged: list[str] = []
    chans: list[Row] = []
    for which, a, b, c, _, _ in conn.execute(_LISTS_OF, {"person": person_id}):
        if which == "interest":
            loves.append({"phrase": a, "note": b})
        elif which == "tag":
            tagged.append(a)
        else:
            chans.append({"kind": a, "label": b, "value": c})
    return loves, tagged, chans


def channels_of(conn: Connection, person_id: int) -> list[Row]:
    """A person's channels in their given order."""
    q = (
        select(channels.c.kind, channels.c.label, channels.c.value)
        .where(channels.c.person_id == person_id)
        .order_by(channels.c.position, channels.c.id)
    )
    return [dict(r._mapping) for r in conn.execute(q)]


_TAGS_OF = (
    select(person_tags.c.person_id, tags.c.name)
    .join(tags, tags.c.id == person_tags.c.tag_id)
    .where(person_tags.c.person_id.in_(bindparam("ids", expanding=True)))
    .order_by(tags.c.name)
)


def tags_of(conn: Connection, person_ids: Sequence[int]) -> dict[int, list[str]]:
    """Tag names per person, sorted."""
    out: dict[int, list[str]] = {pid: [] for pid in person_ids}
    if not person_ids:
        return out
    for pid, name in conn.execute(_TAGS_OF, {"ids": list(person_ids)}):
        out[pid].append(name)
    return out


def add_interests(
    conn: Connection, person_id: int, items: Sequence[tuple[str, str | None]]
) -> None:
    """Add (phrase, note) interests; an existing phrase gets its note replaced."""
    if not items:
        return
    ids = phrase_ids(conn, [p for p, _ in items])
    existing = {
        r.phrase_id: r.id
        for r in conn.execute(
            select(interests.c.id, interests.c.phrase_id).where(interests.c.person_id == person_id)
        )
    }
    position = len(existing)
    for text, note in items:
        pid = ids[text]
        if pid in existing:
            if note is not None:
                conn.execute(
                    update(interests).where(interests.c.id == existing[pid]).values(note=note)
                )
            continue
        conn.execute(
            insert(interests).values(
                person_id=person_id, phrase_id=pid, note=note, position=position
            )
        )
        existing[pid] = -1
        position += 1


def remove_interests(conn: Connection, person_id: int, texts: Sequence[str]) -> int:
    """Remove interests by phrase; returns how many were removed."""
    if not texts:
        return 0
    sub = select(phrases.c.id).where(phrases.c.text.in_(texts))
    res = conn.execute(
        delete(interests).where(interests.c.person_id == person_id, interests.c.phrase_id.in_(sub))
    )
    return int(res.rowcount or 0)


def add_channels(
    conn: Connection, person_id: int, items: Sequence[tuple[str, str, str | None]]
) -> None:
    """Add (kind, value, label) channels that the person does not have yet."""
    have = {(c["kind"], c["value"]) for c in channels_of(conn, person_id)}
    position = len(have)
    for kind, value, label in items:
        if (kind, value) in have:
            continue
        conn.execute(
            insert(channels).values(
                person_id=person_id, kind=kind, value=value, label=label, position=position
            )
        )
        have.add((kind, value))
        position += 1


def remove_channel(conn: Connection, person_id: int, value: str) -> int:
    """Remove channels with this value; returns how many were removed."""
    res = conn.execute(
        delete(channels).where(channels.c.person_id == person_id, channels.c.value == value)
    )
    return int(res.rowcount or 0)


def tag_ids(conn: Connection, account_id: int, names: Sequence[str]) -> dict[str, int]:
    """Ids for tag names in this account, creating missing ones."""
    found = {
        n: i
        for n, i in conn.execute(
            select(tags.c.name, tags.c.id).where(
                tags.c.account_id == account_id, tags.c.name.in_(names)
            )
        )
    }
    for n in names:
        if n not in found:
            found[n] = insert_row(conn, tags, {"account_id": account_id, "name": n})
    return found


def add_tags(conn: Connection, account_id: int, person_id: int, names: Sequence[str]) -> None:
    """Tag a person (idempotent)."""
    if not names:
        return
    ids = tag_ids(conn, account_id, names)
    have = set(tags_of(conn, [person_id])[person_id])
    for n in names:
        if n not in have:
            conn.execute(insert(person_tags).values(person_id=person_id, tag_id=ids[n]))
            have.add(n)


def remove_tags(conn: Connection, account_id: int, person_id: int, names: Sequence[str]) -> None:
    """Untag a person."""
    if not names:
        return
    sub = select(tags.c.id).where(tags.c.account_id == account_id, tags.c.name.in_(names))
    conn.execute(
        delete(person_tags).where(
            person_tags.c.person_id == person_id, person_tags.c.tag_id.in_(sub)
        )
    )


def set_status(
    conn: Connection,
    person_id: int,
    status: str,
    *,
    snoozed_until: date | None = None,
    released_on: date | None = None,
    release_note: str | None = None,
    now: Any = None,
) -> None:
    """Change a person's status fields together."""
    values: dict[str, Any] = {
        "status": status,
        "snoozed_until": snoozed_until,
        "released_on": released_on,
        "release_note": release_note,
    }
    if now is not None:
        values["updated_at"] = now
    conn.execute(update(people).where(people.c.id == person_id).values(**values))


def delete_person(conn: Connection, person_id: int) -> None:
    """Forget a person: their own records go; moments shared with others stay for them."""
    solo = (
        select(moment_people.c.moment_id)
        .where(
            moment_people.c.moment_id.in_(
                select(moment_people.c.moment_id).where(moment_people.c.person_id == person_id)
            )
        )
        .group_by(moment_people.c.moment_id)
        .having(func.count() == 1)
    )
    solo_ids = [r[0] for r in conn.execute(solo)]
    if solo_ids:
        conn.execute(delete(moments).where(moments.c.id.in_(solo_ids)))
    conn.execute(delete(people).where(people.c.id == person_id))


_NAMES_BY_IDS = select(people.c.id, people.c.display_name).where(
    people.c.account_id == bindparam("account"), people.c.id.in_(bindparam("ids", expanding=True))
)


def people_by_ids(conn: Connection, account_id: int, ids: Sequence[int]) -> dict[int, str]:
    """Display names for ids (only this account's)."""
    if not ids:
        return {}
    found = conn.execute(_NAMES_BY_IDS, {"account": account_id, "ids": padded(ids)})
    return {i: n for i, n in found}


def find_by_channel(conn: Connection, account_id: int, value: str) -> list[int]:
    """Ids of people who have a channel with exactly this value."""
    q = (
        select(channels.c.person_id)
        .join(people, people.c.id == channels.c.person_id)
        .where(people.c.account_id == account_id, or_(channels.c.value == value))
        .distinct()
    )
    return [r[0] for r in conn.execute(q)]
