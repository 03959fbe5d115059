"""Reading and writing the ledger, introductions, opportunities and saved items."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Select, bindparam, insert, or_, select, update

from kithkin.storage import facts_repo
from kithkin.storage.phrases import phrase_ids
from kithkin.storage.rows import insert_row, padded
from kithkin.storage.tables import (
    dismissals,
    introductions,
    ledger,
    opportunities,
    opportunity_chain,
    people,
    phrases,
    saved_item_topics,
    saved_items,
)

Row = dict[str, Any]


def insert_ledger(
    conn: Connection, values: Mapping[str, Any], *, refresh_facts: bool = True
) -> int:
    """Insert one ledger entry (and refresh the person's facts unless told not to)."""
    entry_id = insert_row(conn, ledger, values)
    if refresh_facts:
        facts_repo.refresh(conn, values["account_id"], [values["person_id"]])
    return entry_id


#: Statements a person's page runs are built once: building one costs SQLAlchemy more
#: than SQLite takes to answer it.
_LEDGER_OF = (
    select(ledger)
    .where(ledger.c.account_id == bindparam("account"), ledger.c.person_id == bindparam("person"))
    .order_by(ledger.c.occurred_on.desc(), ledger.c.id.desc())
)


def ledger_of(conn: Connection, account_id: int, person_id: int) -> list[Row]:
    """A person's ledger entries, newest first."""
    rows = conn.execute(_LEDGER_OF, {"account": account_id, "person": person_id})
    return [dict(r._mapping) for r in rows]


def insert_intro(conn: Connection, values: Mapping[str, Any]) -> int:
    """Insert one introduction."""
    return insert_row(conn, introductions, values)


#: The two people of an introduction (built once: an alias copies every column).
_INTRO_A, _INTRO_B = people.alias("a"), people.alias("b")


def intros(
    conn: Connection,
    account_id: int,
    person_id: int | None = None,
    *,
    intro_id: int | None = None,
) -> list[Row]:
    """Introductions with both names, newest first (optionally those touching a person,
    or the one with ``intro_id``)."""
    q = _intros_query(person_id is not None, intro_id is not None)
    params = {"account": account_id, "person": person_id, "intro": intro_id}
    return [dict(r._mapping) for r in conn.execute(q, params)]


@cache
def _intros_query(by_person: bool, by_id: bool) -> Select[Any]:
    """The introductions statement of one shape, built once."""
    a, b = _INTRO_A, _INTRO_B
    q = (
        select(introductions, a.c.display_name.label("a_name"), b.c.display_name.label("b_name"))
        .join(a, a.c.id == introductions.c.person_a_id)
        .join(b, b.c.id == introductions.c.person_b_id)
        .where(introductions.c.account_id == bindparam("account"))
        .order_by(introductions.c.proposed_on.desc(), introductions.c.id.desc())
    )
    if by_person:
        q = q.where(
            or_(
                introductions.c.person_a_id == bindparam("person"),
                introductions.c.person_b_id == bindparam("person"),
            )
        )
    if by_id:
        q = q.where(introductions.c.id == bindparam("intro"))
    return q


def get_intro(conn: Connection, account_id: int, intro_id: int) -> Row | None:
    """One introduction of this account."""
    rows = intros(conn, account_id, intro_id=intro_id)
    return rows[0] if rows else None


def update_intro(conn: Connection, intro_id: int, values: Mapping[str, Any]) -> None:
    """Change an introduction's status fields."""
    conn.execute(update(introductions).where(introductions.c.id == intro_id).values(**values))


def insert_opportunity(conn: Connection, values: Mapping[str, Any], chain: Sequence[int]) -> int:
    """Insert an opportunity with the ordered chain of people it came through."""
    opp_id = insert_row(conn, opportunities, values)
    if chain:
        conn.execute(
            insert(opportunity_chain),
            [
                {"opportunity_id": opp_id, "position": i, "person_id": p}
                for i, p in enumerate(chain)
            ],
        )
    return opp_id


@cache
def _opportunities_query(by_person: bool, by_id: bool) -> Select[Any]:
    """The opportunities statement of one shape, built once."""
    q = select(opportunities).where(opportunities.c.account_id == bindparam("account"))
    if by_id:
        q = q.where(opportunities.c.id == bindparam("opportunity"))
    if by_person:
        through = select(opportunity_chain.c.opportunity_id).where(
            opportunity_chain.c.person_id == bindparam("person")
        )
        q = q.where(opportunities.c.id.in_(through))
    return q.order_by(opportunities.c.occurred_on.desc(), opportunities.c.id.desc())


#: The names along each opportunity's chain, in order.
_CHAINS = (
    select(opportunity_chain.c.opportunity_id, people.c.display_name)
    .join(people, people.c.id == opportunity_chain.c.person_id)
    .where(opportunity_chain.c.opportunity_id.in_(bindparam("ids", expanding=True)))
    .order_by(opportunity_chain.c.opportunity_id, opportunity_chain.c.position)
)


def opportunities_list(
    conn: Connection,
    account_id: int,
    person_id: int | None = None,
    *,
    opportunity_id: int | None = None,
) -> list[Row]:
    """Opportunities with their chains of names, newest first (optionally those through a
    person, or the one with ``opportunity_id``)."""
    q = _opportunities_query(person_id is not None, opportunity_id is not None)
    params = {"account": account_id, "person": person_id, "opportunity": opportunity_id}
    rows = [dict(r._mapping) for r in conn.execute(q, params)]
    chains: dict[int, list[str]] = {r["id"]: [] for r in rows}
    if rows:
        for oid, name in conn.execute(_CHAINS, {"ids": padded(list(chains))}):
            chains[oid].append(name)
    for r in rows:
        r["chain"] = chains[r["id"]]
    return rows


def insert_saved(conn: Connection, values: Mapping[str, Any], topics: Sequence[str]) -> int:
    """Insert a saved item with its topics."""
    item_id = insert_row(conn, saved_items, values)
    if topics:
        ids = phrase_ids(conn, topics)
        conn.execute(
            insert(saved_item_topics),
            [{"item_id": item_id, "phrase_id": ids[t]} for t in dict.fromkeys(topics)],
        )
    return item_id


def saved_list(conn: Connection, account_id: int) -> list[Row]:
    """Saved items with their topics, newest first."""
    q = (
        select(saved_items)
        .where(saved_items.c.account_id == account_id)
        .order_by(saved_items.c.saved_on.desc(), saved_items.c.id.desc())
    )
    rows = [dict(r._mapping) for r in conn.execute(q)]
    topics: dict[int, list[str]] = {r["id"]: [] for r in rows}
    if rows:
        tq = (
            select(saved_item_topics.c.item_id, phrases.c.text)
            .join(phrases, phrases.c.id == saved_item_topics.c.phrase_id)
            .where(saved_item_topics.c.item_id.in_(list(topics)))
            .order_by(phrases.c.text)
        )
        for iid, text in conn.execute(tq):
            topics[iid].append(text)
    for r in rows:
        r["topics"] = topics[r["id"]]
    return rows


def insert_dismissal(conn: Connection, values: Mapping[str, Any]) -> int:
    """Insert one dismissal of a suggestion."""
    return insert_row(conn, dismissals, values)
