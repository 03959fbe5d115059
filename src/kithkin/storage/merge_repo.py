"""The SQL side of merging one person (B) into another (A), and of undoing it.

:func:`person_rows` reads B and every row that mentions B, as JSON-ready data (the
merge record keeps it all). :func:`move_records` moves B's records to A and returns
exactly which rows moved, which were dropped because A already had them, and which
were set aside; :func:`copy_attributes` gives A the interests, channels and tags of
B's it lacks. For ``kith unmerge``, :func:`restore_attributes` and
:func:`restore_records` bring B's rows back (moved rows that are still A's go back,
dropped and set-aside rows are inserted again from the record) and :func:`remove_added`
takes from A what it was given, where unchanged. Rows written with A after the merge
are never touched.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    LargeBinary,
    Table,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)

from kithkin.storage.phrases import phrase_ids
from kithkin.storage.tables import (
    card_properties,
    channels,
    dismissals,
    duplicate_candidates,
    follow_ups,
    interests,
    introductions,
    ledger,
    merges,
    moment_people,
    moments,
    office_hour_people,
    office_hours,
    opportunities,
    opportunity_chain,
    people,
    person_dates,
    person_photos,
    person_sources,
    person_tags,
    phrases,
    relations,
    saved_items,
    saved_matches,
    tags,
)

Row = dict[str, Any]
Rows = dict[str, list[Row]]

#: (thing, person) link tables: the column naming the thing, and the thing's table.
#: Where A is linked to the same thing already, B's link is dropped.
_LINKS: dict[str, tuple[Table, str, Table]] = {
    "moments": (moment_people, "moment_id", moments),
    "office_hours": (office_hour_people, "office_hour_id", office_hours),
    "saved": (saved_matches, "item_id", saved_items),
    "chain": (opportunity_chain, "opportunity_id", opportunities),
}
#: Records that belong to one person and simply change hands.
_OWNED: dict[str, Table] = {
    "follow_ups": follow_ups,
    "ledger": ledger,
    "dismissals": dismissals,
    "sources": person_sources,
}
#: A person's ordered lists: B's rows go after A's, except those A has already (the
#: columns that make two rows the same).
_LISTS: dict[str, tuple[Table, tuple[str, ...]]] = {
    "dates": (person_dates, ("label", "year", "month", "day")),
    "properties": (card_properties, ("line",)),
    "relations": (relations, ("kind", "name", "other_id")),
}
#: Other rows read into the record: the table, the columns naming the person, the order.
_OTHERS: dict[str, tuple[Table, tuple[str, ...], tuple[str, ...]]] = {
    "person": (people, ("id",), ("id",)),
    "channels": (channels, ("person_id",), ("position", "id")),
    "photo": (person_photos, ("person_id",), ("person_id",)),
    "introductions": (introductions, ("person_a_id", "person_b_id"), ("id",)),
    "candidates": (duplicate_candidates, ("person_a_id", "person_b_id"), ("id",)),
    "merges": (merges, ("kept_id",), ("id",)),
}


def encode(row: Row) -> Row:
    """A row as JSON-ready values: dates as ISO text, bytes as base64."""
    out: Row = {}
    for k, v in row.items():
        if isinstance(v, (date, datetime)):
            v = v.isoformat()
        elif isinstance(v, (bytes, bytearray, memoryview)):
            v = base64.b64encode(bytes(v)).decode("ascii")
        out[k] = v
    return out


def decode(table: Table, row: Row) -> Row:
    """A JSON row back as the table's column values (keys that are not columns dropped)."""
    out: Row = {}
    for col in table.columns:
        if col.name in row:
            v = row[col.name]
            if v is not None and isinstance(col.type, DateTime):
                v = datetime.fromisoformat(v)
            elif v is not None and isinstance(col.type, Date):
                v = date.fromisoformat(v)
            elif v is not None and isinstance(col.type, LargeBinary):
                v = base64.b64decode(v)
            out[col.name] = v
    return out


def _read(
    conn: Connection, table: Table, who: tuple[str, ...], order: Sequence[str], p: int
) -> Any:
    q = select(table).where(or_(*(table.c[c] == p for c in who)))
    return _rows(conn, q.order_by(*(table.c[c] for c in order)))


def _rows(conn: Connection, q: Any) -> list[Row]:
    return [encode(dict(r._mapping)) for r in conn.execute(q)]


def _ids(conn: Connection, q: Any) -> list[int]:
    return [int(r[0]) for r in conn.execute(q)]


def person_rows(conn: Connection, p: int) -> Rows:
    """A person's row and every row that mentions them, by part, JSON-ready."""
    out: Rows = {}
    for part, (table, who, order) in _OTHERS.items():
        out[part] = _read(conn, table, who, order, p)
    for part, (table, key, _things) in _LINKS.items():
        extra = ("position",) if table is opportunity_chain else ()
        out[part] = _read(conn, table, ("person_id",), (key, *extra), p)
    for part, table in _OWNED.items():
        out[part] = _read(conn, table, ("person_id",), ("id",), p)
    for part, (table, _same) in _LISTS.items():
        out[part] = _read(conn, table, ("person_id",), ("position", "id"), p)
    out["interests"] = _rows(
        conn,
        select(interests, phrases.c.text.label("phrase"))
        .join(phrases, phrases.c.id == interests.c.phrase_id)
        .where(interests.c.person_id == p)
        .order_by(interests.c.position, interests.c.id),
    )
    out["tags"] = _rows(
        conn,
        select(person_tags, tags.c.name.label("tag"))
        .join(tags, tags.c.id == person_tags.c.tag_id)
        .where(person_tags.c.person_id == p)
        .order_by(tags.c.name),
    )
    rel = relations
    out["relations_to"] = _rows(
        conn, select(rel).where(rel.c.other_id == p, rel.c.person_id != p).order_by(rel.c.id)
    )
    out["introduced"] = _rows(
        conn, select(people.c.id).where(people.c.introduced_by_id == p).order_by(people.c.id)
    )
    return out


# --- merging --------------------------------------------------------------------------


def _move_links(conn: Connection, part: str, a: int, b: int) -> tuple[list[int], list[int]]:
    """Move B's links to A, dropping those to things A is linked to already; returns the
    (moved, dropped) thing ids."""
    table, key, _things = _LINKS[part]
    col = table.c[key]
    mine = set(_ids(conn, select(col).where(table.c.person_id == a)))
    theirs = _ids(conn, select(col).where(table.c.person_id == b).order_by(col))
    dropped = [x for x in theirs if x in mine]
    if dropped:
        conn.execute(delete(table).where(table.c.person_id == b, col.in_(dropped)))
    conn.execute(update(table).where(table.c.person_id == b).values(person_id=a))
    return [x for x in theirs if x not in mine], dropped


def _move_list(conn: Connection, part: str, a: int, b: int) -> tuple[list[int], list[int]]:
    """Move B's rows of an ordered list after A's, dropping rows A has already; returns
    the (moved, dropped) row ids."""
    table, same = _LISTS[part]
    cols = [table.c[c] for c in same]
    mine = {tuple(r) for r in conn.execute(select(*cols).where(table.c.person_id == a))}
    position = _next_position(conn, table, a)
    moved, dropped = [], []
    q = select(table.c.id, *cols).where(table.c.person_id == b)
    for r in conn.execute(q.order_by(table.c.position, table.c.id)).all():
        if tuple(r[1:]) in mine:
            dropped.append(int(r[0]))
            continue
        mine.add(tuple(r[1:]))
        moved.append(int(r[0]))
        conn.execute(update(table).where(table.c.id == r[0]).values(person_id=a, position=position))
        position += 1
    if dropped:
        conn.execute(delete(table).where(table.c.id.in_(dropped)))
    return moved, dropped


def _repoint(conn: Connection, column: Any, ids: list[int], frm: int, to: int) -> int:
    """Set ``column`` from one person to another on the rows ``ids``; returns how many."""
    if not ids:
        return 0
    table = column.table
    res = conn.execute(
        update(table).where(table.c.id.in_(ids), column == frm).values({column.name: to})
    )
    return int(res.rowcount or 0)


def move_records(conn: Connection, a: int, b: int) -> dict[str, Any]:
    """Move everything of B's to A (B's row, interests, channels and tags stay for the
    caller) and return exactly what moved, what was dropped, what was set aside."""
    out: dict[str, Any] = {}
    sm = saved_matches
    sent_a = dict(conn.execute(select(sm.c.item_id, sm.c.sent_on).where(sm.c.person_id == a)).all())
    out["saved_sent"] = []
    for item, sent in conn.execute(select(sm.c.item_id, sm.c.sent_on).where(sm.c.person_id == b)):
        if item in sent_a and sent_a[item] is None and sent is not None:  # keep "sent"
            conn.execute(
                update(sm).where(sm.c.person_id == a, sm.c.item_id == item).values(sent_on=sent)
            )
            out["saved_sent"].append([int(item), sent.isoformat()])
    for part in _LINKS:
        out[part], out[f"{part}_shared"] = _move_links(conn, part, a, b)
    for part, table in _OWNED.items():
        out[part] = _ids(conn, select(table.c.id).where(table.c.person_id == b))
        _repoint(conn, table.c.person_id, out[part], b, a)
    for part in _LISTS:
        out[part], out[f"{part}_dropped"] = _move_list(conn, part, a, b)

    i = introductions
    between = or_(
        and_(i.c.person_a_id == a, i.c.person_b_id == b),
        and_(i.c.person_a_id == b, i.c.person_b_id == a),
    )
    out["intros_between"] = _ids(conn, select(i.c.id).where(between).order_by(i.c.id))
    conn.execute(delete(i).where(between))
    for side in ("a", "b"):
        col = i.c[f"person_{side}_id"]
        out[f"intros_{side}"] = _ids(conn, select(i.c.id).where(col == b).order_by(i.c.id))
        _repoint(conn, col, out[f"intros_{side}"], b, a)

    rel = relations
    out["relations_to"] = _ids(conn, select(rel.c.id).where(rel.c.other_id == b))
    _repoint(conn, rel.c.other_id, out["relations_to"], b, a)
    out["introduced"] = _ids(
        conn, select(people.c.id).where(people.c.introduced_by_id == b, people.c.id != a)
    )
    _repoint(conn, people.c.introduced_by_id, out["introduced"], b, a)
    pp = person_photos
    has = set(_ids(conn, select(pp.c.person_id).where(pp.c.person_id.in_([a, b]))))
    out["photo"] = b in has and a not in has
    if out["photo"]:
        conn.execute(update(pp).where(pp.c.person_id == b).values(person_id=a))
    return out


def _next_position(conn: Connection, table: Table, person_id: int) -> int:
    q = select(func.max(table.c.position)).where(table.c.person_id == person_id)
    last = conn.execute(q).scalar()
    return 0 if last is None else int(last) + 1


def _insert(conn: Connection, table: Table, values: Row) -> int:
    res = conn.execute(insert(table).values(**values))
    return int(res.inserted_primary_key[0])  # type: ignore[index]


def copy_attributes(conn: Connection, a: int, rows: Rows) -> dict[str, Any]:
    """Give A the interests, channels and tags of B's (``rows``) that A lacks, after A's
    own; an interest both have keeps A's note, or takes B's when A's is empty. Returns
    what A was given (row ids with the values given)."""
    added: dict[str, Any] = {"interests": [], "interest_notes": [], "channels": [], "tags": []}
    q = select(interests.c.phrase_id, interests.c.id, interests.c.note)
    have = {p: (i, n) for p, i, n in conn.execute(q.where(interests.c.person_id == a))}
    position = _next_position(conn, interests, a)
    for r in rows["interests"]:
        if r["phrase_id"] in have:
            iid, note = have[r["phrase_id"]]
            if note is None and r["note"] is not None:
                conn.execute(update(interests).where(interests.c.id == iid).values(note=r["note"]))
                added["interest_notes"].append([iid, r["note"]])
            continue
        values = {"person_id": a, "phrase_id": r["phrase_id"], "note": r["note"]}
        iid = _insert(conn, interests, {**values, "position": position})
        have[r["phrase_id"]] = (iid, r["note"])
        added["interests"].append([iid, r["phrase"], r["note"]])
        position += 1

    q = select(channels.c.kind, channels.c.value).where(channels.c.person_id == a)
    mine = {tuple(r) for r in conn.execute(q)}
    position = _next_position(conn, channels, a)
    for r in rows["channels"]:
        if (r["kind"], r["value"]) not in mine:
            mine.add((r["kind"], r["value"]))
            values = {k: r[k] for k in ("kind", "label", "value")}
            cid = _insert(conn, channels, {**values, "person_id": a, "position": position})
            added["channels"].append([cid, r["kind"], r["value"]])
            position += 1

    q = select(person_tags.c.tag_id).where(person_tags.c.person_id == a)
    mine_tags = set(_ids(conn, q))
    for r in rows["tags"]:
        if r["tag_id"] not in mine_tags:
            conn.execute(insert(person_tags).values(person_id=a, tag_id=r["tag_id"]))
            mine_tags.add(r["tag_id"])
            added["tags"].append([r["tag_id"], r["tag"]])
    return added


def delete_absorbed(conn: Connection, person_id: int) -> None:
    """Delete the absorbed person with their duplicate pairs and the merges into them
    (the merge record keeps them all)."""
    from kithkin.storage.dupes_repo import drop_person

    drop_person(conn, person_id)
    conn.execute(delete(merges).where(merges.c.kept_id == person_id))
    conn.execute(delete(people).where(people.c.id == person_id))


# --- the merges table -----------------------------------------------------------------


def insert_merge(conn: Connection, values: Row) -> int:
    """Record one merge (``record`` as data, stored as JSON text); returns its id."""
    record = json.dumps(values["record"], ensure_ascii=False, sort_keys=True)
    return _insert(conn, merges, {**values, "record": record})


def _merges(conn: Connection, q: Any) -> list[Row]:
    out = []
    for r in conn.execute(q.order_by(merges.c.merged_at.desc(), merges.c.id.desc())):
        row = dict(r._mapping)
        row["record"] = json.loads(row["record"])
        out.append(row)
    return out


def latest_open(conn: Connection, account_id: int, kept_id: int) -> Row | None:
    """The newest merge into a person that is not undone yet."""
    q = select(merges).where(
        merges.c.account_id == account_id, merges.c.kept_id == kept_id, merges.c.undone_at.is_(None)
    )
    found = _merges(conn, q.limit(1))
    return found[0] if found else None


def by_uid(conn: Connection, account_id: int, prefix: str) -> list[Row]:
    """Merges whose uid starts with ``prefix`` (a whole uid finds exactly one)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = merges.c.uid.like(f"{escaped}%", escape="\\")
    return _merges(conn, select(merges).where(merges.c.account_id == account_id, like))


def open_merges(conn: Connection, account_id: int) -> list[Row]:
    """Merges not undone yet, newest first."""
    q = select(merges).where(merges.c.account_id == account_id, merges.c.undone_at.is_(None))
    return _merges(conn, q)


def list_merges(conn: Connection, account_id: int) -> list[Row]:
    """Every merge of the account with the kept person's name, newest first."""
    q = (
        select(merges, people.c.display_name.label("kept_name"))
        .join(people, people.c.id == merges.c.kept_id)
        .where(merges.c.account_id == account_id)
    )
    return _merges(conn, q)


def mark_undone(conn: Connection, merge_id: int, at: datetime) -> None:
    """Mark a merge as undone."""
    conn.execute(update(merges).where(merges.c.id == merge_id).values(undone_at=at))


def absorbed_into(conn: Connection, account_id: int) -> dict[str, int]:
    """absorbed uid -> id of the person kept, for every merge not undone (an importer
    meeting an absorbed uid again can use the person it became part of)."""
    q = select(merges.c.absorbed_uid, merges.c.kept_id).where(
        merges.c.account_id == account_id, merges.c.undone_at.is_(None)
    )
    return {u: int(k) for u, k in conn.execute(q.order_by(merges.c.id))}


# --- undoing --------------------------------------------------------------------------


def _exists(conn: Connection, table: Table, values: Row) -> bool:
    """Whether a row with these primary-key values exists."""
    keys = [c == values[c.name] for c in table.primary_key.columns]
    return conn.execute(select(*table.primary_key.columns).where(*keys)).first() is not None


def reinsert(conn: Connection, table: Table, row: Row) -> int:
    """Insert a recorded row again, with its old id when that id is still free."""
    values = decode(table, row)
    if "id" in values and _exists(conn, table, values):
        del values["id"]
    return _insert(conn, table, values)


def uid_taken(conn: Connection, account_id: int, uid: str) -> bool:
    """Whether a person with this uid exists in the account."""
    q = select(people.c.id).where(people.c.account_id == account_id, people.c.uid == uid)
    return conn.execute(q).first() is not None


def existing(conn: Connection, table: Table, ids: Sequence[int]) -> set[int]:
    """Which of these ids exist in a table with an ``id`` column."""
    if not ids:
        return set()
    return set(_ids(conn, select(table.c.id).where(table.c.id.in_(list(ids)))))


def restore_attributes(conn: Connection, account_id: int, b: int, rows: Rows) -> None:
    """Give a restored person back their interests, channels and tags from the record."""
    for r in rows["interests"]:
        pid = phrase_ids(conn, [r["phrase"]])[r["phrase"]]
        reinsert(conn, interests, {**r, "person_id": b, "phrase_id": pid})
    for r in rows["channels"]:
        reinsert(conn, channels, {**r, "person_id": b})
    if rows["tags"]:
        from kithkin.storage.people_repo import tag_ids

        found = tag_ids(conn, account_id, [r["tag"] for r in rows["tags"]])
        conn.execute(
            insert(person_tags), [{"person_id": b, "tag_id": found[r["tag"]]} for r in rows["tags"]]
        )


def remove_added(conn: Connection, a: int, added: dict[str, Any]) -> None:
    """Take back from A what a merge gave it, where A still has it unchanged."""
    ic = interests.c
    for iid, _phrase, note in added["interests"]:
        same = ic.note.is_(None) if note is None else ic.note == note
        conn.execute(delete(interests).where(ic.id == iid, ic.person_id == a, same))
    for iid, note in added["interest_notes"]:
        conn.execute(update(interests).where(ic.id == iid, ic.note == note).values(note=None))
    cc = channels.c
    for cid, kind, value in added["channels"]:
        conn.execute(
            delete(channels).where(
                cc.id == cid, cc.person_id == a, cc.kind == kind, cc.value == value
            )
        )
    for tid, _name in added["tags"]:
        pt = person_tags.c
        conn.execute(delete(person_tags).where(pt.person_id == a, pt.tag_id == tid))


def _swap(b_old: int, b_new: int) -> Callable[[Any], Any]:
    """Maps the absorbed person's old id to their id once restored."""
    return lambda v: b_new if v == b_old else v


def restore_records(
    conn: Connection, a: int, b: int, moved: dict[str, Any], rows: Rows
) -> dict[str, int]:
    """Send back to B (restored, with id ``b``) the records the merge moved to A that are
    still A's; insert again what the merge dropped or set aside. Returns how many
    records of each kind went back."""
    swap = _swap(int(rows["person"][0]["id"]), b)
    back: dict[str, int] = {}
    sm = saved_matches.c
    for item, sent in moved["saved_sent"]:
        day = date.fromisoformat(sent)
        conn.execute(
            update(saved_matches)
            .where(sm.person_id == a, sm.item_id == item, sm.sent_on == day)
            .values(sent_on=None)
        )
    for part, (table, key, things) in _LINKS.items():
        if moved[part]:
            conn.execute(
                update(table)
                .where(table.c.person_id == a, table.c[key].in_(moved[part]))
                .values(person_id=b)
            )
        alive = existing(conn, things, [r[key] for r in rows[part]])
        theirs = set(_ids(conn, select(table.c[key]).where(table.c.person_id == b)))
        for r in rows[part]:  # dropped links, and links gone since (B was in them)
            values = decode(table, {**r, "person_id": b})
            if r[key] in alive and r[key] not in theirs and not _exists(conn, table, values):
                conn.execute(insert(table).values(**values))
        count = len(_ids(conn, select(table.c[key]).where(table.c.person_id == b)))
        back[{"chain": "opportunities", "saved": "saved_items"}.get(part, part)] = count
    for part, table in _OWNED.items():
        back[part] = _repoint(conn, table.c.person_id, moved[part], a, b)

    i = introductions
    back["introductions"] = sum(
        _repoint(conn, i.c[f"person_{side}_id"], moved[f"intros_{side}"], a, b)
        for side in ("a", "b")
    )
    for r in rows["introductions"]:
        if r["id"] in moved["intros_between"]:
            reinsert(
                conn,
                i,
                {**r, "person_a_id": swap(r["person_a_id"]), "person_b_id": swap(r["person_b_id"])},
            )
            back["introductions"] += 1

    for part, (table, _same) in _LISTS.items():
        recorded = {r["id"]: r for r in rows[part]}
        n = 0
        for rid in moved[part]:
            res = conn.execute(
                update(table)
                .where(table.c.id == rid, table.c.person_id == a)
                .values(person_id=b, position=recorded[rid]["position"])
            )
            n += int(res.rowcount or 0)
        for rid in moved[f"{part}_dropped"]:
            r = {**recorded[rid], "person_id": b}
            if "other_id" in r:
                r["other_id"] = swap(r["other_id"])
                if r["other_id"] is not None and not existing(conn, people, [r["other_id"]]):
                    r["other_id"] = None
            reinsert(conn, table, r)
            n += 1
        back[part] = n

    _repoint(conn, relations.c.other_id, moved["relations_to"], a, b)
    _repoint(conn, people.c.introduced_by_id, moved["introduced"], a, b)
    if rows["photo"]:
        photo = decode(person_photos, {**rows["photo"][0], "person_id": b})
        if moved["photo"]:
            pp = person_photos.c
            conn.execute(delete(person_photos).where(pp.person_id == a, pp.data == photo["data"]))
        conn.execute(insert(person_photos).values(**photo))

    for r in rows["candidates"]:
        x, y = swap(r["person_a_id"]), swap(r["person_b_id"])
        pair = {"person_a_id": min(x, y), "person_b_id": max(x, y)}
        dc = duplicate_candidates.c
        taken = select(dc.id).where(
            dc.person_a_id == pair["person_a_id"], dc.person_b_id == pair["person_b_id"]
        )
        if len(existing(conn, people, [x, y])) == 2 and conn.execute(taken).first() is None:
            reinsert(conn, duplicate_candidates, {**r, **pair})
    for r in rows["merges"]:
        reinsert(conn, merges, {**r, "kept_id": b})
    return back
