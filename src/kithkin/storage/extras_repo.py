"""What imports bring beside the person's own columns: other dates, relations, a photo,
vCard properties kept verbatim, and the source ids that make re-imports idempotent.

Reads and writes work on many people at once (one statement per table), so an import
of ten thousand cards is a handful of statements, not ten thousand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert, select

from kithkin.domain.data_uri import photo_uri
from kithkin.domain.dates import format_birthday
from kithkin.storage.tables import (
    card_properties,
    people,
    person_dates,
    person_photos,
    person_sources,
    relations,
)

#: How many ids one IN list carries (PostgreSQL takes at most 65,535 parameters).
BATCH = 10_000


@dataclass
class Extras:
    """One person's extras in the JSON format's shape."""

    dates: list[dict[str, Any]] = field(default_factory=list)
    related: list[dict[str, Any]] = field(default_factory=list)
    photo: str | None = None
    properties: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)


def extras_of(conn: Connection, person_ids: Sequence[int]) -> dict[int, Extras]:
    """Every person's extras, keyed by id (people without any get an empty Extras).
    Read in batches, so no statement carries more parameters than a database takes."""
    out: dict[int, Extras] = defaultdict(Extras)
    ids = list(person_ids)
    for i in range(0, len(ids), BATCH):
        _read_extras(conn, ids[i : i + BATCH], out)
    return out


def _read_extras(conn: Connection, ids: list[int], out: dict[int, Extras]) -> None:
    for r in conn.execute(
        select(person_dates)
        .where(person_dates.c.person_id.in_(ids))
        .order_by(person_dates.c.person_id, person_dates.c.id)
    ):
        out[r.person_id].dates.append(
            {"label": r.label, "date": format_birthday(r.year, r.month, r.day)}
        )
    for r in conn.execute(
        select(relations, people.c.uid.label("other_uid"))
        .outerjoin(people, people.c.id == relations.c.other_id)
        .where(relations.c.person_id.in_(ids))
        .order_by(relations.c.person_id, relations.c.id)
    ):
        out[r.person_id].related.append({"kind": r.kind, "name": r.name, "person": r.other_uid})
    for r in conn.execute(select(person_photos).where(person_photos.c.person_id.in_(ids))):
        out[r.person_id].photo = photo_uri(r.media_type, r.data)
    for r in conn.execute(
        select(card_properties.c.person_id, card_properties.c.line)
        .where(card_properties.c.person_id.in_(ids))
        .order_by(card_properties.c.person_id, card_properties.c.id)
    ):
        out[r.person_id].properties.append(r.line)
    for r in conn.execute(
        select(person_sources.c.person_id, person_sources.c.source, person_sources.c.key)
        .where(person_sources.c.person_id.in_(ids))
        .order_by(person_sources.c.person_id, person_sources.c.source, person_sources.c.key)
    ):
        out[r.person_id].sources.append({"source": r.source, "key": r.key})


def source_owners(conn: Connection, account_id: int, source: str) -> dict[str, int]:
    """key -> person id for every key this account has seen from ``source``."""
    return {
        k: pid
        for k, pid in conn.execute(
            select(person_sources.c.key, person_sources.c.person_id).where(
                person_sources.c.account_id == account_id, person_sources.c.source == source
            )
        )
    }


def add_sources(conn: Connection, account_id: int, rows: Iterable[tuple[int, str, str]]) -> None:
    """Record (person id, source, key) rows (the caller leaves out keys already known)."""
    values = [{"account_id": account_id, "person_id": p, "source": s, "key": k} for p, s, k in rows]
    if values:
        conn.execute(insert(person_sources), values)


def add_dates(conn: Connection, rows: Iterable[tuple[int, str, int | None, int, int]]) -> None:
    """Add (person id, label, year, month, day) dates after the person's others."""
    values = [
        {"person_id": p, "label": lab, "year": y, "month": m, "day": d, "position": n}
        for n, (p, lab, y, m, d) in enumerate(rows)
    ]
    if values:
        conn.execute(insert(person_dates), values)


def add_relations(conn: Connection, rows: Iterable[tuple[int, str, str, int | None]]) -> None:
    """Add (person id, kind, name, other person id or None) relations."""
    values = [
        {"person_id": p, "kind": k, "name": nm, "other_id": o, "position": n}
        for n, (p, k, nm, o) in enumerate(rows)
    ]
    if values:
        conn.execute(insert(relations), values)


def set_photos(conn: Connection, rows: Iterable[tuple[int, str, bytes]]) -> None:
    """Store (person id, media type, bytes) photos for people who have none yet."""
    values = [{"person_id": p, "media_type": t, "data": d} for p, t, d in rows]
    if values:
        conn.execute(insert(person_photos), values)


def add_properties(conn: Connection, rows: Iterable[tuple[int, str]]) -> None:
    """Keep (person id, content line) vCard properties verbatim."""
    values = [{"person_id": p, "line": line, "position": n} for n, (p, line) in enumerate(rows)]
    if values:
        conn.execute(insert(card_properties), values)


def have_photo(conn: Connection, person_ids: Sequence[int]) -> set[int]:
    """Which of these people already have a photo."""
    ids = list(person_ids)
    found: set[int] = set()
    for i in range(0, len(ids), BATCH):
        q = select(person_photos.c.person_id).where(
            person_photos.c.person_id.in_(ids[i : i + BATCH])
        )
        found.update(p for (p,) in conn.execute(q))
    return found
