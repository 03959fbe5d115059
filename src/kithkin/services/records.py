"""The ledger, introductions, opportunities and saved items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kithkin.domain import intro_flow, records
from kithkin.domain.errors import InvalidInput, NotFound
from kithkin.services.context import Kith, new_uid
from kithkin.services.inputs import read_date, read_past_date
from kithkin.services.people import resolve
from kithkin.storage import people_repo, records_repo


def add_ledger(
    kith: Kith,
    person: str,
    direction: str,
    kind: str,
    *,
    size: str = "small",
    when: str | None = None,
    note: str | None = None,
) -> str:
    """Record something given to or received from a person; returns their name."""
    direction = records.choice("direction", direction, records.LEDGER_DIRECTIONS)
    kind = records.choice("kind", kind.replace(" ", "-"), records.LEDGER_KINDS)
    n = records.size(size)
    on = read_past_date("date", when, kith.today)
    with kith.begin() as conn:
        pid = resolve(kith, conn, person)
        records_repo.insert_ledger(
            conn,
            {
                "account_id": kith.account_id,
                "uid": new_uid(),
                "person_id": pid,
                "direction": direction,
                "kind": kind,
                "size": n,
                "occurred_on": on,
                "note": (note or "").strip() or None,
            },
        )
        return people_repo.people_by_ids(conn, kith.account_id, [pid])[pid]


def propose_intro(kith: Kith, a: str, b: str, reason: str | None = None) -> dict[str, Any]:
    """Propose a double opt-in introduction between two people."""
    with kith.begin() as conn:
        pa, pb = resolve(kith, conn, a), resolve(kith, conn, b)
        if pa == pb:
            raise InvalidInput("intro", "an introduction needs two different people")
        iid = records_repo.insert_intro(
            conn,
            {
                "account_id": kith.account_id,
                "uid": new_uid(),
                "person_a_id": pa,
                "person_b_id": pb,
                "reason": (reason or "").strip() or None,
                "status": "proposed",
                "proposed_on": kith.today,
            },
        )
        row = records_repo.get_intro(conn, kith.account_id, iid)
    assert row is not None
    return row


def advance_intro(
    kith: Kith, intro_id: int, action: str, *, who: str | None = None, outcome: str | None = None
) -> dict[str, Any]:
    """Move an introduction along its double opt-in flow."""
    with kith.begin() as conn:
        row = records_repo.get_intro(conn, kith.account_id, intro_id)
        if row is None:
            raise NotFound(f"no introduction with id {intro_id}; see 'kith intro list'")
        side = None
        if who:
            pid = resolve(kith, conn, who)
            side = {row["person_a_id"]: "a", row["person_b_id"]: "b"}.get(pid)
            if side is None:
                raise InvalidInput("who", f"{who} is not part of this introduction")
        changes = intro_flow.transition(row, action, kith.today, side=side, outcome=outcome)
        records_repo.update_intro(conn, intro_id, changes)
        new = records_repo.get_intro(conn, kith.account_id, intro_id)
    assert new is not None
    return new


def list_intros(kith: Kith, person: str | None = None) -> list[dict[str, Any]]:
    """Introductions, newest first."""
    with kith.begin() as conn:
        pid = resolve(kith, conn, person) if person else None
        return records_repo.intros(conn, kith.account_id, pid)


def add_opportunity(
    kith: Kith,
    title: str,
    kind: str,
    chain: Sequence[str],
    *,
    when: str | None = None,
    value: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """Record an opportunity and the people it came through, nearest to you last."""
    title = records.short_text("title", title, 300)
    kind = records.choice("kind", kind, records.OPPORTUNITY_KINDS)
    worth = records.opportunity_value(value) if value else None
    on = read_past_date("date", when, kith.today)
    with kith.begin() as conn:
        ids = [resolve(kith, conn, q) for q in chain]
        if len(set(ids)) != len(ids):
            raise InvalidInput("via", "the same person appears twice in the chain")
        oid = records_repo.insert_opportunity(
            conn,
            {
                "account_id": kith.account_id,
                "uid": new_uid(),
                "title": title.strip(),
                "kind": kind,
                "occurred_on": on,
                "value": worth,
                "notes": note,
            },
            ids,
        )
        rows = records_repo.opportunities_list(conn, kith.account_id, opportunity_id=oid)
    return rows[0]


def list_opportunities(kith: Kith) -> list[dict[str, Any]]:
    """Every opportunity with its chain, newest first."""
    with kith.begin() as conn:
        return records_repo.opportunities_list(conn, kith.account_id)


def save_item(
    kith: Kith,
    content: str,
    topics: Sequence[str],
    *,
    kind: str | None = None,
    when: str | None = None,
) -> dict[str, Any]:
    """Save a link, note or meme with its topics."""
    text = content.strip()
    if not text:
        raise InvalidInput("item", "is empty")
    is_link = "://" in text and " " not in text
    if is_link and len(text) > 2000:
        raise InvalidInput("item", "a link longer than 2000 characters")
    kind = (
        records.choice("kind", kind, records.SAVED_KINDS)
        if kind
        else ("link" if is_link else "note")
    )
    phrases = [records.phrase(t) for t in topics]
    on = read_past_date("date", when, kith.today)
    with kith.begin() as conn:
        iid = records_repo.insert_saved(
            conn,
            {
                "account_id": kith.account_id,
                "uid": new_uid(),
                "kind": kind,
                "url": text if is_link else None,
                "text": None if is_link else text,
                "saved_on": on,
            },
            phrases,
        )
        from kithkin.services import saved, semantic

        semantic.embed_texts(kith, conn, phrases)
        saved.match_items(kith, conn, [iid])
        fits = saved.fits(kith, conn, iid)
    return {
        "id": iid,
        "kind": kind,
        "content": text,
        "topics": phrases,
        "saved_on": on,
        "fits": fits,
    }


def list_saved(kith: Kith) -> list[dict[str, Any]]:
    """Saved items, newest first."""
    with kith.begin() as conn:
        return records_repo.saved_list(conn, kith.account_id)


def dismiss(kith: Kith, person: str, reason: str, *, until: str | None = None) -> str:
    """Dismiss one kind of suggestion about a person (optionally until a date)."""
    reason = " ".join(reason.split()).lower()
    if not reason:
        raise InvalidInput("reason", "is empty")
    day = read_date("until", until, kith.today, prefer="future") if until else None
    with kith.begin() as conn:
        pid = resolve(kith, conn, person)
        records_repo.insert_dismissal(
            conn,
            {
                "account_id": kith.account_id,
                "person_id": pid,
                "reason": reason[:40],
                "dismissed_on": kith.today,
                "until_on": day,
            },
        )
        return people_repo.people_by_ids(conn, kith.account_id, [pid])[pid]
