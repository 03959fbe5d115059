"""An account's records as plain data, with references as uids: read and write.

The shape is Kithkin's own JSON format (see ``kithkin.io.json_format``) minus its
header. Lists are sorted by stable keys, so the same data always reads the same.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from kithkin.domain import records
from kithkin.domain.dates import format_birthday, parse_birthday
from kithkin.storage import facts_repo, moments_repo, people_repo, records_repo, saved_repo
from kithkin.storage.match_repo import add_own, own
from kithkin.storage.snapshot_extras import (
    add_person_extras,
    read_office_hours,
    write_office_hours,
    write_person_extras,
)
from kithkin.storage.tables import (
    channels,
    dismissals,
    duplicate_candidates,
    follow_ups,
    introductions,
    ledger,
    merges,
    moment_people,
    moment_topics,
    moments,
    office_hours,
    opportunities,
    opportunity_chain,
    own_interests,
    people,
    phrases,
    saved_item_topics,
    saved_items,
    saved_matches,
    tags,
)

Doc = dict[str, Any]
_PERSON_COLS = (
    "given_name",
    "family_name",
    "nickname",
    "pronouns",
    "met_how",
    "met_where",
    "met_on",
    "notes",
    "location",
    "timezone",
    "generation",
    "field",
    "org",
    "title",
    "cadence_days",
    "pancake",
    "status",
    "snoozed_until",
    "released_on",
    "release_note",
    "created_at",
    "updated_at",
)


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, (date, datetime)) else v


def read_people(conn: Connection, account_id: int) -> tuple[list[Doc], dict[int, str]]:
    """Every person of the account as plain data (sorted by name), and id -> uid."""
    prow = [
        dict(r._mapping)
        for r in conn.execute(select(people).where(people.c.account_id == account_id))
    ]
    uid_of = {r["id"]: r["uid"] for r in prow}
    ids = list(uid_of)
    ints = people_repo.interests_of(conn, ids)
    tag_map = people_repo.tags_of(conn, ids)
    chan: dict[int, list[Doc]] = defaultdict(list)
    for c in conn.execute(
        select(channels)
        .where(channels.c.person_id.in_(ids))
        .order_by(channels.c.position, channels.c.id)
    ):
        chan[c.person_id].append({"kind": c.kind, "label": c.label, "value": c.value})
    people_out = []
    for r in prow:
        d: Doc = {"uid": r["uid"], "name": r["display_name"]}
        d.update({c: _iso(r[c]) for c in _PERSON_COLS})
        d["introduced_by"] = uid_of.get(r["introduced_by_id"])
        d["birthday"] = (
            format_birthday(r["birthday_year"], r["birthday_month"], r["birthday_day"])
            if r["birthday_month"]
            else None
        )
        d["interests"] = ints[r["id"]]
        d["channels"] = chan[r["id"]]
        d["tags"] = tag_map[r["id"]]
        people_out.append(d)
    add_person_extras(conn, people_out, {u: i for i, u in uid_of.items()})
    people_out.sort(key=lambda d: (d["name"], d["uid"]))
    return people_out, uid_of


def read_snapshot(conn: Connection, account_id: int) -> Doc:
    """Every record of the account as plain, JSON-ready data."""
    people_out, uid_of = read_people(conn, account_id)
    mrows = [
        dict(r._mapping)
        for r in conn.execute(select(moments).where(moments.c.account_id == account_id))
    ]
    m_uid = {r["id"]: r["uid"] for r in mrows}
    who: dict[int, list[str]] = defaultdict(list)
    for mid, pid in conn.execute(
        select(moment_people.c.moment_id, moment_people.c.person_id).where(
            moment_people.c.moment_id.in_(list(m_uid))
        )
    ):
        who[mid].append(uid_of[pid])
    tops: dict[int, list[str]] = defaultdict(list)
    for mid, text in conn.execute(
        select(moment_topics.c.moment_id, phrases.c.text)
        .join(phrases, phrases.c.id == moment_topics.c.phrase_id)
        .where(moment_topics.c.moment_id.in_(list(m_uid)))
    ):
        tops[mid].append(text)
    moments_out = [
        {
            "uid": r["uid"],
            "date": _iso(r["occurred_on"]),
            "kind": r["kind"],
            "people": sorted(who[r["id"]]),
            "initiated_by": r["initiated_by"],
            "energy": r["energy"],
            "depth": r["depth"],
            "topics": sorted(tops[r["id"]]),
            "notes": r["notes"],
            "outreach_style": r["outreach_style"],
            "reply_state": r["reply_state"],
            "replied_on": _iso(r["replied_on"]),
            "created_at": _iso(r["created_at"]),
        }
        for r in mrows
    ]
    moments_out.sort(key=lambda d: (d["date"], d["uid"]))

    fus = [
        {
            "uid": r.uid,
            "person": uid_of[r.person_id],
            "moment": m_uid.get(r.moment_id),
            "text": r.text,
            "due": _iso(r.due_on),
            "done": _iso(r.done_on),
            "created_on": _iso(r.created_on),
        }
        for r in conn.execute(select(follow_ups).where(follow_ups.c.account_id == account_id))
    ]
    led = [
        {
            "uid": r.uid,
            "person": uid_of[r.person_id],
            "direction": r.direction,
            "kind": r.kind,
            "size": r.size,
            "date": _iso(r.occurred_on),
            "note": r.note,
        }
        for r in conn.execute(select(ledger).where(ledger.c.account_id == account_id))
    ]
    intro_out = [
        {
            "uid": r.uid,
            "a": uid_of[r.person_a_id],
            "b": uid_of[r.person_b_id],
            "reason": r.reason,
            "status": r.status,
            "proposed_on": _iso(r.proposed_on),
            "a_agreed_on": _iso(r.a_agreed_on),
            "b_agreed_on": _iso(r.b_agreed_on),
            "made_on": _iso(r.made_on),
            "closed_on": _iso(r.closed_on),
            "outcome": r.outcome,
        }
        for r in conn.execute(select(introductions).where(introductions.c.account_id == account_id))
    ]
    orows = [
        dict(r._mapping)
        for r in conn.execute(select(opportunities).where(opportunities.c.account_id == account_id))
    ]
    chain: dict[int, list[str]] = defaultdict(list)
    for oid, pid in conn.execute(
        select(opportunity_chain.c.opportunity_id, opportunity_chain.c.person_id)
        .where(opportunity_chain.c.opportunity_id.in_([r["id"] for r in orows]))
        .order_by(opportunity_chain.c.opportunity_id, opportunity_chain.c.position)
    ):
        chain[oid].append(uid_of[pid])
    opp_out = [
        {
            "uid": r["uid"],
            "title": r["title"],
            "kind": r["kind"],
            "date": _iso(r["occurred_on"]),
            "value": r["value"],
            "notes": r["notes"],
            "chain": chain[r["id"]],
        }
        for r in orows
    ]
    srows = [
        dict(r._mapping)
        for r in conn.execute(select(saved_items).where(saved_items.c.account_id == account_id))
    ]
    stop: dict[int, list[str]] = defaultdict(list)
    for iid, text in conn.execute(
        select(saved_item_topics.c.item_id, phrases.c.text)
        .join(phrases, phrases.c.id == saved_item_topics.c.phrase_id)
        .where(saved_item_topics.c.item_id.in_([r["id"] for r in srows]))
    ):
        stop[iid].append(text)
    sent: dict[int, list[Doc]] = defaultdict(list)
    for iid, pid, on in conn.execute(
        select(saved_matches.c.item_id, saved_matches.c.person_id, saved_matches.c.sent_on)
        .where(saved_matches.c.account_id == account_id, saved_matches.c.sent_on.is_not(None))
        .order_by(saved_matches.c.item_id, saved_matches.c.person_id)
    ):
        sent[iid].append({"person": uid_of[pid], "on": _iso(on)})
    saved_out = [
        {
            "uid": r["uid"],
            "kind": r["kind"],
            "url": r["url"],
            "text": r["text"],
            "saved_on": _iso(r["saved_on"]),
            "topics": sorted(stop[r["id"]]),
            "sent_to": sent[r["id"]],
        }
        for r in srows
    ]
    dis = [
        {
            "person": uid_of[r.person_id],
            "reason": r.reason,
            "dismissed_on": _iso(r.dismissed_on),
            "until": _iso(r.until_on),
        }
        for r in conn.execute(select(dismissals).where(dismissals.c.account_id == account_id))
    ]
    by_uid = lambda d: d["uid"]  # noqa: E731
    return {
        "people": people_out,
        "moments": moments_out,
        "follow_ups": sorted(fus, key=by_uid),
        "ledger": sorted(led, key=lambda d: (d["date"], d["uid"])),
        "introductions": sorted(intro_out, key=by_uid),
        "opportunities": sorted(opp_out, key=lambda d: (d["date"], d["uid"])),
        "saved_items": sorted(saved_out, key=by_uid),
        "dismissals": sorted(dis, key=lambda d: (d["person"], d["reason"], d["dismissed_on"])),
        "my_interests": [{"phrase": r["phrase"], "note": r["note"]} for r in own(conn, account_id)],
        "office_hours": read_office_hours(conn, account_id, uid_of),
    }


def clear_account(conn: Connection, account_id: int) -> None:
    """Delete every record of one account (children go with their parents)."""
    from sqlalchemy import delete

    for table in (
        duplicate_candidates,
        merges,
        office_hours,
        dismissals,
        follow_ups,
        ledger,
        introductions,
        opportunities,
        saved_items,
        moments,
        people,
        tags,
        own_interests,
    ):
        conn.execute(delete(table).where(table.c.account_id == account_id))


def _d(v: str | None) -> date | None:
    return date.fromisoformat(v) if v else None


def _dt(v: str | None) -> datetime | None:
    return datetime.fromisoformat(v) if v else None


def _existing(conn: Connection, table: Any, account_id: int) -> dict[str, int]:
    return {
        u: i
        for u, i in conn.execute(
            select(table.c.uid, table.c.id).where(table.c.account_id == account_id)
        )
    }


def _write_sent(
    conn: Connection, account_id: int, items: list[Doc], pid_of: dict[str, int]
) -> None:
    """Who each saved item was sent to (kept when matches are computed again)."""
    iid_of = _existing(conn, saved_items, account_id)
    have = {
        (r.item_id, r.person_id)
        for r in conn.execute(
            select(saved_matches.c.item_id, saved_matches.c.person_id).where(
                saved_matches.c.account_id == account_id
            )
        )
    }
    for it in items:
        for to in it.get("sent_to", []):
            key = (iid_of[it["uid"]], pid_of[to["person"]])
            if key in have:
                saved_repo.mark_sent(conn, key[0], key[1], _d(to["on"]) or date.min)
                continue
            conn.execute(
                insert(saved_matches).values(
                    item_id=key[0],
                    person_id=key[1],
                    account_id=account_id,
                    score=0.0,
                    topic="",
                    interest="",
                    sent_on=_d(to["on"]),
                )
            )
            have.add(key)


def write_snapshot(
    conn: Connection, account_id: int, snap: Doc, *, now: datetime
) -> dict[str, int]:
    """Add a (validated) snapshot's records; records whose uid exists already are kept as
    they are. Returns how many records of each kind were added."""
    from kithkin.domain.names import person_key

    added: dict[str, int] = defaultdict(int)
    pid_of = _existing(conn, people, account_id)
    new_people = [p for p in snap["people"] if p["uid"] not in pid_of]
    for p in new_people:
        y = m = dd = None
        if p.get("birthday"):
            y, m, dd = parse_birthday(p["birthday"])
        values = {c: p.get(c) for c in _PERSON_COLS}
        for c in ("met_on", "snoozed_until", "released_on"):
            values[c] = _d(values[c])
        values["created_at"] = _dt(values["created_at"]) or now
        values["updated_at"] = _dt(values["updated_at"]) or now
        values["status"] = values["status"] or "active"
        values.update(
            account_id=account_id,
            uid=p["uid"],
            display_name=p["name"],
            birthday_year=y,
            birthday_month=m,
            birthday_day=dd,
            search_name=person_key(
                p["name"], p.get("nickname"), p.get("given_name"), p.get("family_name")
            ),
        )
        pid_of[p["uid"]] = people_repo.insert_person(conn, values)
        added["people"] += 1
    for p in new_people:
        pid = pid_of[p["uid"]]
        if p.get("introduced_by"):
            people_repo.update_person(conn, pid, {"introduced_by_id": pid_of[p["introduced_by"]]})
        people_repo.add_interests(
            conn, pid, [(i["phrase"], i.get("note")) for i in p.get("interests", [])]
        )
        people_repo.add_channels(
            conn, pid, [(c["kind"], c["value"], c.get("label")) for c in p.get("channels", [])]
        )
        people_repo.add_tags(conn, account_id, pid, p.get("tags", []))
    write_person_extras(conn, account_id, new_people, pid_of)

    mid_of = _existing(conn, moments, account_id)
    for mo in snap["moments"]:
        if mo["uid"] in mid_of:
            continue
        values = {
            "account_id": account_id,
            "uid": mo["uid"],
            "occurred_on": _d(mo["date"]),
            "kind": mo["kind"],
            "initiated_by": mo.get("initiated_by"),
            "energy": mo.get("energy"),
            "depth": mo.get("depth"),
            "notes": mo.get("notes"),
            "outreach_style": mo.get("outreach_style"),
            "reply_state": mo.get("reply_state"),
            "replied_on": _d(mo.get("replied_on")),
            "created_at": _dt(mo.get("created_at")) or now,
        }
        people_in = [pid_of[u] for u in mo["people"]]
        mid_of[mo["uid"]] = moments_repo.insert_moment(
            conn, values, people_in, mo.get("topics", []), refresh_facts=False
        )
        added["moments"] += 1

    have = _existing(conn, follow_ups, account_id)
    for f in snap["follow_ups"]:
        if f["uid"] not in have:
            moments_repo.insert_follow_up(
                conn,
                {
                    "account_id": account_id,
                    "uid": f["uid"],
                    "person_id": pid_of[f["person"]],
                    "moment_id": mid_of.get(f["moment"]) if f.get("moment") else None,
                    "text": f["text"],
                    "due_on": _d(f.get("due")),
                    "done_on": _d(f.get("done")),
                    "created_on": _d(f["created_on"]),
                },
            )
            added["follow_ups"] += 1
    have = _existing(conn, ledger, account_id)
    for e in snap["ledger"]:
        if e["uid"] not in have:
            records_repo.insert_ledger(
                conn,
                {
                    "account_id": account_id,
                    "uid": e["uid"],
                    "person_id": pid_of[e["person"]],
                    "direction": e["direction"],
                    "kind": e["kind"],
                    "size": e["size"],
                    "occurred_on": _d(e["date"]),
                    "note": e.get("note"),
                },
                refresh_facts=False,
            )
            added["ledger"] += 1
    have = _existing(conn, introductions, account_id)
    for i in snap["introductions"]:
        if i["uid"] not in have:
            records_repo.insert_intro(
                conn,
                {
                    "account_id": account_id,
                    "uid": i["uid"],
                    "person_a_id": pid_of[i["a"]],
                    "person_b_id": pid_of[i["b"]],
                    "reason": i.get("reason"),
                    "status": i["status"],
                    "proposed_on": _d(i["proposed_on"]),
                    "a_agreed_on": _d(i.get("a_agreed_on")),
                    "b_agreed_on": _d(i.get("b_agreed_on")),
                    "made_on": _d(i.get("made_on")),
                    "closed_on": _d(i.get("closed_on")),
                    "outcome": i.get("outcome"),
                },
            )
            added["introductions"] += 1
    have = _existing(conn, opportunities, account_id)
    for o in snap["opportunities"]:
        if o["uid"] not in have:
            records_repo.insert_opportunity(
                conn,
                {
                    "account_id": account_id,
                    "uid": o["uid"],
                    "title": o["title"],
                    "kind": o["kind"],
                    "occurred_on": _d(o["date"]),
                    "value": o.get("value"),
                    "notes": o.get("notes"),
                },
                [pid_of[u] for u in o.get("chain", [])],
            )
            added["opportunities"] += 1
    have = _existing(conn, saved_items, account_id)
    for it in snap["saved_items"]:
        if it["uid"] not in have:
            records_repo.insert_saved(
                conn,
                {
                    "account_id": account_id,
                    "uid": it["uid"],
                    "kind": it["kind"],
                    "url": it.get("url"),
                    "text": it.get("text"),
                    "saved_on": _d(it["saved_on"]),
                },
                it.get("topics", []),
            )
            added["saved_items"] += 1
    _write_sent(conn, account_id, snap["saved_items"], pid_of)
    mine = [(m["phrase"], m.get("note")) for m in snap.get("my_interests", [])]
    if mine:
        add_own(conn, account_id, [(records.phrase(p), n) for p, n in mine])
    existing_dis = {
        (r.person_id, r.reason, r.dismissed_on)
        for r in conn.execute(select(dismissals).where(dismissals.c.account_id == account_id))
    }
    for x in snap["dismissals"]:
        key = (pid_of[x["person"]], x["reason"], _d(x["dismissed_on"]))
        if key not in existing_dis:
            records_repo.insert_dismissal(
                conn,
                {
                    "account_id": account_id,
                    "person_id": key[0],
                    "reason": x["reason"],
                    "dismissed_on": key[2],
                    "until_on": _d(x.get("until")),
                },
            )
            added["dismissals"] += 1
    added["office_hours"] = write_office_hours(
        conn, account_id, snap.get("office_hours", []), pid_of
    )
    if added["moments"] or added["ledger"]:
        facts_repo.rebuild(conn, account_id)
    return {k: n for k, n in added.items() if n}
