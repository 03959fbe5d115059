"""The parts of a snapshot that came with import and the calendar: each person's other
dates, relations, photo, kept vCard properties and source ids; and office hours."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from kithkin.domain.data_uri import split_photo
from kithkin.domain.dates import parse_birthday
from kithkin.storage import extras_repo
from kithkin.storage.tables import office_hour_people, office_hours

Doc = dict[str, Any]


def add_person_extras(conn: Connection, people_out: list[Doc], pid_of: dict[str, int]) -> None:
    """Fill each person dict (with ``uid``) with its extras' keys."""
    extras = extras_repo.extras_of(conn, [pid_of[p["uid"]] for p in people_out])
    for p in people_out:
        x = extras[pid_of[p["uid"]]]
        p["dates"] = x.dates
        p["related"] = x.related
        p["photo"] = x.photo
        p["properties"] = x.properties
        p["sources"] = x.sources


def write_person_extras(
    conn: Connection, account_id: int, new_people: list[Doc], pid_of: dict[str, int]
) -> None:
    """Store the extras of people just added (validated dicts)."""
    dates: list[tuple[int, str, int | None, int, int]] = []
    rels: list[tuple[int, str, str, int | None]] = []
    photos: list[tuple[int, str, bytes]] = []
    props: list[tuple[int, str]] = []
    sources: list[tuple[int, str, str]] = []
    for p in new_people:
        pid = pid_of[p["uid"]]
        for d in p.get("dates") or []:
            y, m, dd = parse_birthday(d["date"])
            dates.append((pid, d["label"], y, m, dd))
        for r in p.get("related") or []:
            rels.append((pid, r["kind"], r["name"], pid_of.get(r.get("person") or "")))
        if p.get("photo"):
            split = split_photo(p["photo"])
            if split:
                photos.append((pid, split[0], split[1]))
        props.extend((pid, line) for line in p.get("properties") or [])
        sources.extend((pid, s["source"], s["key"]) for s in p.get("sources") or [])
    extras_repo.add_dates(conn, dates)
    extras_repo.add_relations(conn, rels)
    extras_repo.set_photos(conn, photos)
    extras_repo.add_properties(conn, props)
    known = {
        (s, k)
        for s in {s for _, s, _ in sources}
        for k in extras_repo.source_owners(conn, account_id, s)
    }
    extras_repo.add_sources(conn, account_id, [r for r in sources if (r[1], r[2]) not in known])


def read_office_hours(conn: Connection, account_id: int, uid_of: dict[int, str]) -> list[Doc]:
    """Office hours as plain data, sorted by start."""
    rows = list(conn.execute(select(office_hours).where(office_hours.c.account_id == account_id)))
    who: dict[int, list[str]] = defaultdict(list)
    for oid, pid in conn.execute(
        select(office_hour_people.c.office_hour_id, office_hour_people.c.person_id).where(
            office_hour_people.c.office_hour_id.in_([r.id for r in rows])
        )
    ):
        who[oid].append(uid_of[pid])
    out = [
        {
            "uid": r.uid,
            "starts_at": r.starts_at.isoformat(),
            "timezone": r.timezone,
            "hours": r.hours,
            "place": r.place,
            "description": r.description,
            "people": sorted(who[r.id]),
        }
        for r in rows
    ]
    return sorted(out, key=lambda d: (d["starts_at"], d["uid"]))


def write_office_hours(
    conn: Connection, account_id: int, items: list[Doc], pid_of: dict[str, int]
) -> int:
    """Add office hours whose uid is new; returns how many."""
    have = {
        u
        for (u,) in conn.execute(
            select(office_hours.c.uid).where(office_hours.c.account_id == account_id)
        )
    }
    added = 0
    for o in items:
        if o["uid"] in have:
            continue
        oid = conn.execute(
            insert(office_hours)
            .values(
                account_id=account_id,
                uid=o["uid"],
                starts_at=datetime.fromisoformat(o["starts_at"]),
                timezone=o.get("timezone"),
                hours=float(o["hours"]),
                place=o.get("place"),
                description=o.get("description"),
            )
            .returning(office_hours.c.id)
        ).scalar_one()
        people_ids = sorted({pid_of[u] for u in o.get("people", [])})
        if people_ids:
            conn.execute(
                insert(office_hour_people),
                [{"office_hour_id": oid, "person_id": p} for p in people_ids],
            )
        have.add(o["uid"])
        added += 1
    return added
