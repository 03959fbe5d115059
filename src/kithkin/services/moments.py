"""Logging moments, the promises made in them, and the replies they get."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from kithkin.domain import records
from kithkin.domain.errors import InvalidInput, NotFound
from kithkin.services.context import Kith, new_uid, utcnow
from kithkin.services.inputs import read_date, read_past_date
from kithkin.services.people import resolve
from kithkin.storage import moments_repo, people_repo


@dataclass
class MomentInput:
    """A moment as the user describes it (raw text, checked here)."""

    people: Sequence[str]
    kind: str
    when: str | None = None
    energy: str | None = None
    depth: str | None = None
    initiated_by: str | None = None
    topics: Sequence[str] = ()
    note: str | None = None
    follow_up: str | None = None
    due: str | None = None
    outreach_style: str | None = None


@dataclass(frozen=True)
class Logged:
    """What was written."""

    moment_id: int
    names: list[str]
    on: date
    follow_up_due: date | None


def log_moment(kith: Kith, data: MomentInput) -> Logged:
    """Record a moment with one or several people, in one transaction."""
    if not data.people:
        raise InvalidInput("person", "no person given")
    kind = records.moment_kind(data.kind)
    energy = records.energy(data.energy) if data.energy not in (None, "") else None
    depth = records.choice("depth", data.depth, records.DEPTHS) if data.depth else None
    initiated = (
        records.choice("initiated by", data.initiated_by, records.INITIATORS)
        if data.initiated_by
        else None
    )
    topics = [records.phrase(t) for t in data.topics]
    if data.due and not data.follow_up:
        raise InvalidInput("due", "a due date needs a --follow-up to attach to")
    on = read_past_date("date", data.when, kith.today)
    due = read_date("due", data.due, kith.today, prefer="future") if data.due else None
    style = (
        records.short_text("outreach style", data.outreach_style, 40).lower()
        if data.outreach_style
        else None
    )
    with kith.begin() as conn:
        ids = list(dict.fromkeys(resolve(kith, conn, q) for q in data.people))
        values: dict[str, Any] = {
            "account_id": kith.account_id,
            "uid": new_uid(),
            "occurred_on": on,
            "kind": kind,
            "initiated_by": initiated or ("me" if style else None),
            "energy": energy,
            "depth": depth,
            "notes": (data.note or "").strip() or None,
            "outreach_style": style,
            "reply_state": "awaiting" if style else None,
            "created_at": utcnow(),
        }
        moment_id = moments_repo.insert_moment(conn, values, ids, topics)
        if topics:
            from kithkin.services import semantic

            semantic.embed_texts(kith, conn, topics)
        if data.follow_up:
            for pid in ids:
                moments_repo.insert_follow_up(
                    conn,
                    {
                        "account_id": kith.account_id,
                        "uid": new_uid(),
                        "person_id": pid,
                        "moment_id": moment_id,
                        "text": data.follow_up.strip(),
                        "due_on": due,
                        "created_on": on,
                    },
                )
        names = people_repo.people_by_ids(conn, kith.account_id, ids)
    return Logged(moment_id, [names[i] for i in ids], on, due)


def follow_ups(
    kith: Kith, person: str | None = None, *, include_done: bool = False
) -> list[dict[str, Any]]:
    """Open promises (optionally one person's), soonest due first."""
    with kith.begin() as conn:
        pid = resolve(kith, conn, person) if person else None
        rows = moments_repo.follow_ups_of(conn, kith.account_id, pid, open_only=not include_done)
    return [
        {
            "id": r["id"],
            "person_id": r["person_id"],
            "person": r["person"],
            "text": r["text"],
            "due": r["due_on"],
            "done": r["done_on"],
            "overdue": bool(r["due_on"] and not r["done_on"] and r["due_on"] < kith.today),
        }
        for r in rows
    ]


def complete_follow_up(kith: Kith, follow_up_id: int) -> str:
    """Mark a promise kept."""
    with kith.begin() as conn:
        rows = moments_repo.follow_ups_of(
            conn, kith.account_id, open_only=False, follow_up_id=follow_up_id
        )
        if not rows:
            raise NotFound(f"no follow-up with id {follow_up_id}; see 'kith follow-ups'")
        if rows[0]["done_on"]:
            raise InvalidInput(
                "follow-up", f"#{follow_up_id} was already done on {rows[0]['done_on']}"
            )
        moments_repo.mark_follow_up_done(conn, follow_up_id, kith.today)
    return str(rows[0]["text"])


def mark_replied(
    kith: Kith, person: str, when: str | None = None, *, no_reply: bool = False
) -> tuple[str, date]:
    """Record that the newest awaiting outreach to a person got (or never got) a reply."""
    on = read_past_date("date", when, kith.today)
    with kith.begin() as conn:
        pid = resolve(kith, conn, person)
        row = moments_repo.last_outreach_awaiting(conn, kith.account_id, pid)
        name = people_repo.people_by_ids(conn, kith.account_id, [pid])[pid]
        if row is None:
            raise NotFound(f"no outreach to {name} is awaiting a reply")
        if on < row["occurred_on"]:
            raise InvalidInput(
                "date", f"the reply cannot come before the outreach on {row['occurred_on']}"
            )
        moments_repo.set_reply(
            conn, row["id"], "no_reply" if no_reply else "replied", None if no_reply else on
        )
    return name, on


def mark_moment_replied(
    kith: Kith, moment_id: int, when: str | None = None, *, no_reply: bool = False
) -> tuple[str, date]:
    """Record that one outreach (a moment awaiting a reply) got, or never got, a reply;
    returns the names of its people and the day."""
    on = read_past_date("date", when, kith.today)
    with kith.begin() as conn:
        row = moments_repo.get_moment(conn, kith.account_id, moment_id)
        if row is None:
            raise NotFound(f"no moment with id {moment_id}")
        if row["reply_state"] != "awaiting":
            state = (row["reply_state"] or "").replace("_", " ")
            raise InvalidInput(
                "moment",
                f"#{moment_id} is already marked {state}"
                if state
                else f"#{moment_id} was not outreach awaiting a reply",
            )
        if on < row["occurred_on"]:
            raise InvalidInput(
                "date", f"the reply cannot come before the outreach on {row['occurred_on']}"
            )
        moments_repo.set_reply(
            conn, moment_id, "no_reply" if no_reply else "replied", None if no_reply else on
        )
        names = people_repo.people_by_ids(conn, kith.account_id, row["people"])
    return ", ".join(names[p] for p in row["people"]), on
