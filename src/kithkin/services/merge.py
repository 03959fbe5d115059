"""Merging two records of one person, and undoing it.

``merge(A, B)`` keeps A and absorbs B, in one transaction, losing nothing:

* every moment, follow-up, ledger entry, introduction, opportunity link, saved-item
  match, dismissal, office-hours seat, source id, other date, relation, vCard
  property and "introduced by" of B's becomes A's (where A was already in the same
  moment, opportunity chain or office hours, B's duplicate link just goes);
* B's interests, channels and tags that A lacks are added after A's; an interest both
  have keeps A's note (or takes B's when A's is empty); B's photo when A has none;
* B's fields fill A's blank ones; where both have a value and they differ, A's value
  wins and B's is written, with B's name and B's own notes, into a short block at the
  end of A's notes ("merged from …"), so nothing B knew disappears from view;
* an introduction between A and B themselves would become one of A with A: it is set
  aside (kept in the merge record) and comes back with ``unmerge``;
* B's duplicate-candidate pairs are dropped, B is deleted, A's facts are recomputed,
  and a ``merges`` row keeps B's row and every row that mentioned B (JSON), exactly
  which rows moved, and which of A's fields changed and how.

``unmerge`` brings B back with the same uid (and id, when still free) and fields, sends
back every moved record that is still A's, restores what was dropped or set aside, and
takes from A what the merge gave it where A still has it unchanged. Records logged
with A after the merge stay with A.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from kithkin.domain import names
from kithkin.domain.dates import format_birthday
from kithkin.domain.errors import InvalidInput, KithError, NotFound
from kithkin.services.context import Kith, new_uid, utcnow
from kithkin.services.people import resolve
from kithkin.storage import facts_repo, merge_repo, people_repo
from kithkin.storage.tables import people

Row = dict[str, Any]

#: Fields of B that fill A's blanks; where both are set and differ, A's value wins.
FIELDS = (
    "given_name",
    "family_name",
    "nickname",
    "pronouns",
    "met_how",
    "met_where",
    "met_on",
    "introduced_by_id",
    "location",
    "timezone",
    "generation",
    "field",
    "org",
    "title",
    "cadence_days",
    "pancake",
)
_LABELS = {"introduced_by_id": "introduced by", "cadence_days": "cadence (days)"}
#: Record format of ``merges.record``.
RECORD_VERSION = 1
_NAME_FIELDS = ("display_name", "nickname", "given_name", "family_name")


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _same(x: Any, y: Any) -> bool:
    """Equal, or text that differs only in case, accents or spacing ('Stripe', 'stripe')."""
    if isinstance(x, str) and isinstance(y, str):
        return names.fold(x) == names.fold(y)
    return bool(x == y)


def _label(field: str) -> str:
    return _LABELS.get(field, field.replace("_", " "))


def _shown(conn: Connection, kith: Kith, field: str, value: Any) -> Any:
    """A field's value as a person reads it (a name for introduced_by_id)."""
    if field == "introduced_by_id" and value is not None:
        return people_repo.people_by_ids(conn, kith.account_id, [value]).get(value, f"#{value}")
    return value


def _birthday(row: Row) -> str | None:
    if row["birthday_month"] is None:
        return None
    return format_birthday(row["birthday_year"], row["birthday_month"], row["birthday_day"])


def _plan(
    kith: Kith, conn: Connection, a: Row, b: Row
) -> tuple[Row, dict[str, Any], list[dict[str, Any]], str | None]:
    """What A's row becomes: (changed columns, fills shown, conflicts shown, notes block)."""
    changes: Row = {}
    fills: dict[str, Any] = {}
    conflicts: list[dict[str, Any]] = []

    def conflict(field: str, kept: Any, absorbed: Any) -> None:
        conflicts.append({"field": _label(field), "kept": kept, "absorbed": absorbed})

    if not _same(a["display_name"], b["display_name"]):
        conflict("name", a["display_name"], b["display_name"])
    for f in FIELDS:
        av, bv = a[f], b[f]
        if f == "introduced_by_id":
            if av == b["id"]:  # A "introduced by" B: that would be A by A now
                av = changes[f] = None if bv == a["id"] else bv
                if av is not None:
                    fills[_label(f)] = _shown(conn, kith, f, av)
                continue
            if bv == a["id"]:
                continue
        if _blank(bv):
            continue
        if _blank(av):
            changes[f] = bv
            fills[_label(f)] = _shown(conn, kith, f, bv)
        elif not _same(av, bv):
            conflict(f, _shown(conn, kith, f, av), _shown(conn, kith, f, bv))
    if b["birthday_month"] is not None:
        if a["birthday_month"] is None:
            for c in ("birthday_year", "birthday_month", "birthday_day"):
                changes[c] = b[c]
            fills["birthday"] = _birthday(b)
        elif (a["birthday_month"], a["birthday_day"]) == (b["birthday_month"], b["birthday_day"]):
            if a["birthday_year"] is None and b["birthday_year"] is not None:
                changes["birthday_year"] = b["birthday_year"]
                fills["birthday"] = _birthday(b)
            elif b["birthday_year"] not in (None, a["birthday_year"]):
                conflict("birthday", _birthday(a), _birthday(b))
        else:
            conflict("birthday", _birthday(a), _birthday(b))
    if a["status"] != b["status"]:
        conflict("status", a["status"], b["status"])

    extra_notes = None
    if not _blank(b["notes"]):
        if _blank(a["notes"]):
            changes["notes"] = b["notes"]
            fills["notes"] = b["notes"]
        elif b["notes"].strip() not in a["notes"]:
            extra_notes = b["notes"].strip()
    block = None
    if conflicts or extra_notes:
        lines = [f"Merged from {b['display_name']} ({kith.today.isoformat()}):"]
        lines += [f"{c['field']}: {c['absorbed']}" for c in conflicts]
        if extra_notes:
            lines.append(extra_notes)
        block = "\n".join(lines)
        base = changes.get("notes", a["notes"])
        changes["notes"] = f"{base}\n\n{block}" if not _blank(base) else block
    return changes, fills, conflicts, block


def _precise_now() -> datetime:
    """Now in UTC (naive), to the microsecond: merges in one second still sort in order."""
    return datetime.now(UTC).replace(tzinfo=None)


def _who(row: Row) -> dict[str, Any]:
    return {"id": row["id"], "uid": row["uid"], "name": row["display_name"]}


def _counts(moved: dict[str, Any], added: dict[str, Any], rows: dict[str, list[Row]]) -> Row:
    """How many records of each kind moved to A, were already A's, or were set aside."""
    return {
        "moved": {
            "moments": len(moved["moments"]),
            "follow_ups": len(moved["follow_ups"]),
            "ledger": len(moved["ledger"]),
            "introductions": len(moved["intros_a"]) + len(moved["intros_b"]),
            "opportunities": len(moved["chain"]),
            "interests": len(added["interests"]),
            "channels": len(added["channels"]),
            "tags": len(added["tags"]),
            "dates": len(moved["dates"]),
            "relations": len(moved["relations"]),
            "sources": len(moved["sources"]),
            "properties": len(moved["properties"]),
            "saved_items": len(moved["saved"]),
            "dismissals": len(moved["dismissals"]),
            "office_hours": len(moved["office_hours"]),
            "photo": int(bool(moved["photo"])),
            "introduced": len(moved["introduced"]),
        },
        "already_shared": {
            "moments": len(moved["moments_shared"]),
            "opportunities": len(moved["chain_shared"]),
            "office_hours": len(moved["office_hours_shared"]),
            "saved_items": len(moved["saved_shared"]),
            "interests": len(rows["interests"]) - len(added["interests"]),
            "channels": len(rows["channels"]) - len(added["channels"]),
            "tags": len(rows["tags"]) - len(added["tags"]),
            "dates": len(moved["dates_dropped"]),
            "relations": len(moved["relations_dropped"]),
            "properties": len(moved["properties_dropped"]),
        },
        "set_aside": {"introductions": len(moved["intros_between"])},
    }


def _pair(kith: Kith, conn: Connection, a: str, b: str) -> tuple[Row, Row]:
    pa, pb = resolve(kith, conn, a), resolve(kith, conn, b)
    if pa == pb:
        raise InvalidInput("merge", f"'{a}' and '{b}' are the same person; name two records")
    ra = people_repo.get_person(conn, kith.account_id, pa)
    rb = people_repo.get_person(conn, kith.account_id, pb)
    assert ra is not None and rb is not None
    return ra, rb


def _search_name(row: Row) -> str:
    return names.person_key(*(row.get(c) for c in _NAME_FIELDS))


def _merge(kith: Kith, conn: Connection, a: str, b: str, *, derive: bool) -> dict[str, Any]:
    """Merge B into A on this connection; returns what happened (see :func:`merge`)."""
    ra, rb = _pair(kith, conn, a, b)
    a_id, b_id = ra["id"], rb["id"]
    rows = merge_repo.person_rows(conn, b_id)
    changes, fills, conflicts, block = _plan(kith, conn, ra, rb)
    moved = merge_repo.move_records(conn, a_id, b_id)
    added = merge_repo.copy_attributes(conn, a_id, rows)
    now = utcnow()
    after = {**ra, **changes}
    if any(c in changes for c in _NAME_FIELDS) and _search_name(after) != ra["search_name"]:
        changes["search_name"] = _search_name(after)
    before = {c: ra[c] for c in changes}
    people_repo.update_person(conn, a_id, {**changes, "updated_at": now})
    merge_repo.delete_absorbed(conn, b_id)
    facts_repo.refresh(conn, kith.account_id, [a_id])
    counts = _counts(moved, added, rows)
    uid = new_uid()
    record = {
        "version": RECORD_VERSION,
        "kept": _who(ra),
        "absorbed": _who(rb),
        "rows": rows,
        "moved": moved,
        "added": added,
        "a_before": merge_repo.encode(before),
        "a_after": merge_repo.encode(changes),
        "notes_block": block,
        "counts": counts,
    }
    merge_repo.insert_merge(
        conn,
        {
            "account_id": kith.account_id,
            "uid": uid,
            "kept_id": a_id,
            "absorbed_uid": rb["uid"],
            "record": record,
            "merged_at": _precise_now(),
        },
    )
    if derive and (added["interests"] or moved["saved"]):
        from kithkin.services import saved

        saved.refresh_fresh(kith, conn)
    return {
        "merge": uid,
        "kept": _who(ra),
        "absorbed": _who(rb),
        "fills": fills,
        "conflicts": conflicts,
        "conflicts_kept_in_notes": block is not None,
        **counts,
    }


def preview(kith: Kith, a: str, b: str) -> dict[str, Any]:
    """What ``merge(a, b)`` would do, without doing it: the merge is run and rolled back,
    so the preview is exactly the merge (keys as :func:`merge`, without ``merge``)."""
    with kith.engine.connect() as conn:
        trans = conn.begin()
        try:
            out = _merge(kith, conn, a, b, derive=False)
        finally:
            trans.rollback()
    del out["merge"]
    return out


def merge(kith: Kith, a: str, b: str) -> dict[str, Any]:
    """Merge B into A in one transaction (see the module's docstring); returns the merge's
    uid (``merge``), ``kept`` and ``absorbed`` ({id, uid, name}), ``fills`` (B's values
    that filled A's blanks), ``conflicts`` (A's value kept, B's written into A's notes),
    and counts of the records ``moved``, ``already_shared`` (B's duplicate link dropped)
    and ``set_aside`` (introductions between A and B)."""
    with kith.begin() as conn:
        return _merge(kith, conn, a, b, derive=True)


# --- undoing ------------------------------------------------------------------------


def _by_absorbed_name(conn: Connection, kith: Kith, query: str) -> Row | None:
    """The one open merge whose absorbed person a name means (they no longer exist)."""
    entries = []
    rows = merge_repo.open_merges(conn, kith.account_id)
    for i, r in enumerate(rows):
        person = r["record"]["rows"]["person"][0]
        key = names.person_key(*(person.get(c) for c in _NAME_FIELDS))
        entries.append(names.NameEntry(i, person["display_name"], key))
    hits = names.resolve(query, entries)
    return rows[hits[0].id] if len(hits) == 1 else None


def _find(kith: Kith, conn: Connection, who: str | None, merge_uid: str | None) -> Row:
    if merge_uid:
        found = merge_repo.by_uid(conn, kith.account_id, merge_uid.strip())
        if not found or not merge_uid.strip():
            raise NotFound(f"no merge '{merge_uid}'; see 'kith unmerge --list'")
        if len(found) > 1:
            raise InvalidInput("merge", f"'{merge_uid}' starts {len(found)} merges' uids")
        return found[0]
    if not who:
        raise InvalidInput("unmerge", "name the person kept, or give --merge UID")
    try:
        pid = resolve(kith, conn, who)
    except NotFound:
        row = _by_absorbed_name(conn, kith, who)
        if row is None:
            raise
        return row
    row = merge_repo.latest_open(conn, kith.account_id, pid)
    if row is None:
        name = people_repo.people_by_ids(conn, kith.account_id, [pid])[pid]
        raise NotFound(f"nothing to unmerge: no merge into {name}; see 'kith unmerge --list'")
    return row


def _revert_fields(conn: Connection, a_id: int, b_id: int, record: Row) -> list[str]:
    """Put back A's fields the merge changed, where they are unchanged since; returns
    the fields put back. (B, restored as ``b_id``, may have had another id before.)"""
    before = merge_repo.decode(people, record["a_before"])
    via = before.get("introduced_by_id")
    if via is not None:
        if via == record["absorbed"]["id"]:
            before["introduced_by_id"] = b_id
        elif not merge_repo.existing(conn, people, [via]):
            before["introduced_by_id"] = None
    after = merge_repo.decode(people, record["a_after"])
    row = conn.execute(people.select().where(people.c.id == a_id)).first()
    assert row is not None
    current = dict(row._mapping)
    changes: Row = {}
    for field, value in after.items():
        if field == "search_name":
            continue
        if current[field] == value:
            changes[field] = before[field]
        elif field == "notes" and record["notes_block"] and current[field]:
            block = record["notes_block"]
            text = current[field]
            for piece in (f"\n\n{block}", block):
                if piece in text:
                    changes[field] = text.replace(piece, "", 1) or None
                    break
    if changes:
        merged = {**current, **changes}
        changes["search_name"] = _search_name(merged)
        changes["updated_at"] = utcnow()
        people_repo.update_person(conn, a_id, changes)
    return sorted(c for c in changes if c not in ("search_name", "updated_at"))


def unmerge(kith: Kith, who: str | None = None, merge_uid: str | None = None) -> dict[str, Any]:
    """Undo the latest merge into a person (or the merge ``merge_uid``, a uid or a unique
    start of one): B comes back with the same uid and fields, the records that moved go
    back, A loses what the merge gave it where unchanged since. Returns ``merge`` (uid),
    ``kept`` and ``restored`` ({id, uid, name}), ``back`` (records returned, by kind) and
    ``reverted`` (A's fields put back)."""
    with kith.begin() as conn:
        row = _find(kith, conn, who, merge_uid)
        if row["undone_at"] is not None:
            raise InvalidInput("merge", f"{row['uid'][:8]} was undone already")
        record = row["record"]
        rows = record["rows"]
        a_id = int(row["kept_id"])
        person = dict(rows["person"][0])
        if merge_repo.uid_taken(conn, kith.account_id, person["uid"]):
            raise KithError(
                f"cannot unmerge {person['display_name']}: a person with the same uid exists again"
            )
        via = person.get("introduced_by_id")
        if via is not None and not merge_repo.existing(conn, people, [via]):
            person["introduced_by_id"] = None
        b_id = merge_repo.reinsert(conn, people, person)
        merge_repo.restore_attributes(conn, kith.account_id, b_id, rows)
        back = merge_repo.restore_records(conn, a_id, b_id, record["moved"], rows)
        merge_repo.remove_added(conn, a_id, record["added"])
        reverted = _revert_fields(conn, a_id, b_id, record)
        merge_repo.mark_undone(conn, row["id"], utcnow())
        facts_repo.refresh(conn, kith.account_id, [a_id, b_id])
        if record["added"]["interests"] or rows["interests"] or rows["saved"]:
            from kithkin.services import saved

            saved.refresh_fresh(kith, conn)
        kept = people_repo.get_person(conn, kith.account_id, a_id)
        assert kept is not None
    return {
        "merge": row["uid"],
        "kept": _who(kept),
        "restored": {"id": b_id, "uid": person["uid"], "name": person["display_name"]},
        "back": back,
        "reverted": reverted,
    }


def history(kith: Kith) -> list[dict[str, Any]]:
    """Every merge, newest first: its uid, who was kept and absorbed, when, what moved,
    and when it was undone (None while it stands)."""
    with kith.begin() as conn:
        rows = merge_repo.list_merges(conn, kith.account_id)
    out = []
    for r in rows:
        rec = r["record"]
        out.append(
            {
                "merge": r["uid"],
                "kept": {"id": r["kept_id"], "name": r["kept_name"]},
                "absorbed": {
                    "uid": r["absorbed_uid"],
                    "name": rec["absorbed"]["name"],
                    "id": rec["absorbed"]["id"],
                },
                "merged_at": r["merged_at"],
                "undone_at": r["undone_at"],
                "moved": {k: v for k, v in rec["counts"]["moved"].items() if v},
            }
        )
    return out
