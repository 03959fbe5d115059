"""Writing placed import groups: new people in bulk, known people only filled in.

A known person keeps every value they have; an import adds what they lack (a blank
field, a channel, a tag, an interest, a date, a relation, a photo, a kept property).
References between people — "introduced by" and relations — are resolved once every
person of the file has an id: by Kithkin uid, by the other card's UID, or by name: a
name only one person of the same file has, or a full name only one person you know
has. An introducer nobody matches is kept in words in how-you-met.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from kithkin.domain.dedupe import channel_key
from kithkin.domain.names import fold, person_key
from kithkin.services.import_place import Group
from kithkin.services.import_rows import Row
from kithkin.storage import extras_repo, import_repo

#: Columns an import may fill on a known person when theirs is blank.
_NEVER_FILLED = {"display_name", "search_name", "status"}
_BIRTHDAY = ("birthday_year", "birthday_month", "birthday_day")


@dataclass
class Outcome:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: list[dict[str, str]] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)


def combine(rows: list[Row]) -> Row:
    """Several contacts of one person as one: the first one's values win."""
    base = rows[0]
    for other in rows[1:]:
        for k, v in other.columns.items():
            if base.columns.get(k) is None and v is not None and k not in _BIRTHDAY:
                base.columns[k] = v
        if base.columns.get("birthday_month") is None:
            base.columns.update({k: other.columns.get(k) for k in _BIRTHDAY})
        have_c = {_same(k, v) for k, v, _ in base.channels}
        base.channels += [c for c in other.channels if _same(c[0], c[1]) not in have_c]
        base.tags += [t for t in other.tags if t not in base.tags]
        have = {p for p, _ in base.interests}
        base.interests += [i for i in other.interests if i[0] not in have]
        base.dates += [d for d in other.dates if d not in base.dates]
        base.related += [r for r in other.related if r not in base.related]
        base.properties += [p for p in other.properties if p not in base.properties]
        base.photo = base.photo or other.photo
        base.introduced_by = base.introduced_by or other.introduced_by
        base.uid = base.uid or other.uid
    return base


def write_groups(
    conn: Connection,
    account_id: int,
    fmt: str,
    groups: list[Group],
    *,
    now: datetime,
    new_uid: Callable[[], str],
) -> Outcome:
    """Write every group; returns what happened."""
    out = Outcome()
    by_uid, names = import_repo.people_index(conn, account_id)
    known_ids = [g.person_id for g in groups if g.person_id is not None]
    merged = {
        id(g): g.rows[0] if len(g.rows) == 1 else combine([_copy(r) for r in g.rows])
        for g in groups
    }
    keys_of = {id(g): [r.source_key for r in g.rows] for g in groups}

    new_groups = [g for g in groups if g.person_id is None]
    used = set(by_uid)
    values: list[dict[str, Any]] = []
    # only columns some new person has a value for: fewer parameters per row
    columns = sorted(
        {k for g in new_groups for k, v in merged[id(g)].columns.items() if v is not None}
    )
    for g in new_groups:
        row = merged[id(g)]
        uid = row.uid if row.uid and row.uid not in used else new_uid()
        used.add(uid)
        v = {c: row.columns.get(c) for c in columns}
        v.update(account_id=account_id, uid=uid, created_at=now, updated_at=now)
        v["status"] = v.get("status") or "active"
        values.append(v)
    for g, pid, v in zip(
        new_groups, import_repo.insert_people(conn, account_id, values), values, strict=True
    ):
        g.person_id = pid
        by_uid[v["uid"]] = pid
        names[pid] = v["display_name"]
        out.new_ids.append(pid)
    out.added = len(new_groups)

    changed = _fill_known(conn, account_id, groups, merged, known_ids, names, now)
    changed |= _children(conn, account_id, groups, merged, known_ids)
    sources = extras_repo.source_owners(conn, account_id, fmt)
    fresh = {}
    for g in groups:
        for key in keys_of[id(g)]:
            if key not in sources and key not in fresh:
                fresh[key] = g.person_id
    extras_repo.add_sources(conn, account_id, [(p, fmt, k) for k, p in fresh.items() if p])
    sources.update({k: p for k, p in fresh.items() if p})
    changed |= _references(conn, groups, merged, by_uid, sources, names)
    for g in groups:
        if g.person_id in known_ids:
            if g.person_id in changed:
                out.updated += 1
            else:
                out.unchanged += 1
        for row, why in g.merged_from:
            into = names.get(g.person_id or 0, "")
            name = row.columns["display_name"]
            out.merged.append({"name": name, "into": into, "why": why})
    return out


def _same(kind: str, value: str) -> str:
    """What makes two channels the same: the match key (e-mail in any case, a phone in
    any format), else the exact value."""
    return channel_key(kind, value) or f"{kind}:{value}"


def _birthday_fill(have: dict[str, Any], cols: dict[str, Any]) -> dict[str, Any]:
    """A birthday is one value: taken whole when they have none, or only its year when
    the day and month agree (never a day from one source and a year from another)."""
    y, m, d = (cols.get(k) for k in _BIRTHDAY)
    if m is None:
        return {}
    if have["birthday_month"] is None:
        return {"birthday_year": y, "birthday_month": m, "birthday_day": d}
    same_day = (have["birthday_month"], have["birthday_day"]) == (m, d)
    if same_day and have["birthday_year"] is None and y is not None:
        return {"birthday_year": y}
    return {}


def _copy(row: Row) -> Row:
    from dataclasses import replace

    return replace(
        row,
        columns=dict(row.columns),
        channels=list(row.channels),
        tags=list(row.tags),
        interests=list(row.interests),
        dates=list(row.dates),
        related=list(row.related),
        properties=list(row.properties),
    )


def _fill_known(
    conn: Connection,
    account_id: int,
    groups: list[Group],
    merged: dict[int, Row],
    known_ids: list[int],
    names: dict[int, str],
    now: datetime,
) -> set[int]:
    """Blank fields of known people filled from the file; returns who changed."""
    existing = import_repo.people_rows(conn, known_ids)
    changes: dict[int, dict[str, Any]] = {}
    for g in groups:
        if g.person_id not in existing:
            continue
        have = existing[g.person_id]
        cols = merged[id(g)].columns
        fill = {
            k: v
            for k, v in cols.items()
            if k not in _NEVER_FILLED
            and k not in _BIRTHDAY
            and v is not None
            and have.get(k) is None
        }
        fill.update(_birthday_fill(have, cols))
        if fill:
            have.update(fill)
            fill["search_name"] = person_key(
                have["display_name"], have["nickname"], have["given_name"], have["family_name"]
            )
            fill["updated_at"] = now
            changes[g.person_id] = fill
    import_repo.update_people(conn, changes)
    return set(changes)


def _children(
    conn: Connection,
    account_id: int,
    groups: list[Group],
    merged: dict[int, Row],
    known_ids: list[int],
) -> set[int]:
    """Channels, tags, interests, dates, relations without a target yet, photo and kept
    properties that people do not have yet; returns the known people who got some."""
    chans: dict[int, set[str]] = defaultdict(set)
    wanted_known = set(known_ids)
    if known_ids:
        wanted = wanted_known
        for owner, kind, value in import_repo.all_channels(conn, account_id):
            if owner in wanted:
                chans[owner].add(_same(kind, value))
    tags = import_repo.tags_by_person(conn, known_ids)
    ints = import_repo.interests_by_person(conn, known_ids)
    extras = extras_repo.extras_of(conn, known_ids)
    photos = extras_repo.have_photo(conn, known_ids)
    new_chans: list[tuple[int, str, str, str | None, int]] = []
    new_tags: list[tuple[int, str]] = []
    new_ints: list[tuple[int, str, str | None, int]] = []
    new_dates: list[tuple[int, str, int | None, int, int]] = []
    new_props: list[tuple[int, str]] = []
    new_photos: list[tuple[int, str, bytes]] = []
    changed: set[int] = set()
    for g in groups:
        pid = g.person_id
        assert pid is not None
        row = merged[id(g)]
        if pid not in wanted_known:  # someone new: their channels are already distinct
            new_chans.extend((pid, k, v, lab, n) for n, (k, v, lab) in enumerate(row.channels))
        else:
            have_c = chans[pid]
            for kind, value, label in row.channels:
                if _same(kind, value) not in have_c:
                    new_chans.append((pid, kind, value, label, len(have_c)))
                    have_c.add(_same(kind, value))
                    changed.add(pid)
        for t in row.tags:
            if t not in tags[pid]:
                new_tags.append((pid, t))
                tags[pid].add(t)
                changed.add(pid)
        for phrase, note in row.interests:
            if phrase not in ints[pid]:
                new_ints.append((pid, phrase, note, len(ints[pid])))
                ints[pid][phrase] = len(ints[pid])
                changed.add(pid)
        x = extras[pid]
        have_d = {(d["label"], d["date"]) for d in x.dates}
        from kithkin.domain.dates import format_birthday

        for label, y, m, d in row.dates:
            if (label, format_birthday(y, m, d)) not in have_d:
                new_dates.append((pid, label, y, m, d))
                have_d.add((label, format_birthday(y, m, d)))
                changed.add(pid)
        for line in row.properties:
            if line not in x.properties:
                new_props.append((pid, line))
                x.properties.append(line)
                changed.add(pid)
        if row.photo and pid not in photos:
            new_photos.append((pid, row.photo[0], row.photo[1]))
            photos.add(pid)
            changed.add(pid)
    import_repo.add_channels(conn, new_chans)
    import_repo.add_tags(conn, account_id, new_tags)
    import_repo.add_interests(conn, new_ints)
    extras_repo.add_dates(conn, new_dates)
    extras_repo.add_properties(conn, new_props)
    extras_repo.set_photos(conn, new_photos)
    return changed & set(known_ids)


def _references(
    conn: Connection,
    groups: list[Group],
    merged: dict[int, Row],
    by_uid: dict[str, int],
    sources: dict[str, int],
    names: dict[int, str],
) -> set[int]:
    """Resolve "introduced by" and relations now that everyone has an id."""
    in_file = {g.person_id for g in groups}
    by_name: dict[str, list[int]] = defaultdict(list)
    for known, name in names.items():
        by_name[fold(name)].append(known)

    def find(ref: str) -> int | None:
        bare = ref[9:] if ref.lower().startswith("urn:uuid:") else ref
        for key in (bare.replace("-", ""), bare):
            if key in by_uid:
                return by_uid[key]
        for key in (ref, bare):
            if key in sources:
                return sources[key]
        hits = by_name.get(fold(ref), [])
        here = [h for h in hits if h in in_file]
        if len(here) == 1:  # someone of the same file
            return here[0]
        # someone already known, only by a full name nobody else has ("Sam" is not enough)
        return hits[0] if len(hits) == 1 and len(fold(ref).split()) >= 2 else None

    rows = import_repo.people_rows(
        conn, [g.person_id for g in groups if g.person_id and merged[id(g)].introduced_by]
    )
    related = extras_repo.extras_of(
        conn, [g.person_id for g in groups if g.person_id and merged[id(g)].related]
    )
    changes: dict[int, dict[str, Any]] = {}
    new_rel: list[tuple[int, str, str, int | None]] = []
    for g in groups:
        pid = g.person_id
        assert pid is not None
        row = merged[id(g)]
        if row.introduced_by and pid in rows:
            have = rows[pid]
            other = find(row.introduced_by)
            if other is not None and other != pid and have["introduced_by_id"] is None:
                changes[pid] = {"introduced_by_id": other}
            elif other is None and not have["met_how"]:
                changes[pid] = {"met_how": f"introduced by {row.introduced_by}"}
        have_r = {(r["kind"], r["name"]) for r in related[pid].related} if row.related else set()
        for kind, ref in row.related:
            other = find(ref)
            name = names[other] if other is not None and ref.lower().startswith("urn:") else ref
            if (kind, name) not in have_r:
                new_rel.append((pid, kind, name, other if other != pid else None))
                have_r.add((kind, name))
    import_repo.update_people(conn, changes)
    extras_repo.add_relations(conn, new_rel)
    return set(changes) | {p for p, *_ in new_rel}
