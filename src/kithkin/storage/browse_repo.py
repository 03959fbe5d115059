"""People for browsing: search by name or interest, narrowed by tag and status,
with the stored facts each row needs (no GROUP BY over moments)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, bindparam, func, or_, select

from kithkin.storage.tables import (
    interests,
    people,
    person_facts,
    person_tags,
    phrases,
    tags,
)


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def status_is(status: str, today: date) -> ColumnElement[bool]:
    """People whose status reads as ``status`` today, in SQL.

    :func:`kithkin.domain.records.effective_status` said in SQL: a snooze that has run
    out (no date, or a date not after today) reads as active.
    """
    s, until = people.c.status, people.c.snoozed_until
    lapsed = and_(s == "snoozed", or_(until.is_(None), until <= today))
    if status == "active":
        return or_(s == "active", lapsed)
    if status == "snoozed":
        return and_(s == "snoozed", until > today)
    return s == status


@dataclass(frozen=True)
class Match:
    """Who a search asks for: every word in the name or an interest (words folded as
    ``search_name`` is), a tag, and a status condition from :func:`status_is`."""

    account_id: int
    words: Sequence[str] = ()
    tag: str | None = None
    status: ColumnElement[bool] | None = None


def _matching(q: Select[Any], m: Match) -> Select[Any]:
    account_id, tag = m.account_id, m.tag
    q = q.where(people.c.account_id == account_id)
    for word in m.words:  # every word in the name, or in one of their interests
        loves = select(interests.c.person_id).where(
            interests.c.phrase_id.in_(
                select(phrases.c.id).where(
                    func.lower(phrases.c.text).like(_like(word), escape="\\")
                )
            )
        )
        q = q.where(
            or_(people.c.search_name.like(_like(word), escape="\\"), people.c.id.in_(loves))
        )
    if tag:
        q = q.where(
            people.c.id.in_(
                select(person_tags.c.person_id)
                .join(tags, tags.c.id == person_tags.c.tag_id)
                .where(tags.c.account_id == account_id, tags.c.name == tag)
            )
        )
    if m.status is not None:
        q = q.where(m.status)
    return q


#: Name order, case folded; exactly the order of ``ix_people_account_name`` (its columns,
#: then the rowid), so walking that index needs no sort.
BY_NAME = (
    func.lower(people.c.display_name),
    people.c.search_name,
    people.c.display_name,
    people.c.id,
)


#: What a search lists of each person, beside their stored facts.
LISTED = (
    people.c.id,
    people.c.display_name,
    people.c.status,
    people.c.snoozed_until,
    people.c.org,
    people.c.met_where,
)


#: People with their stored facts (none yet for someone nothing was logged with).
_WITH_FACTS = people.outerjoin(person_facts, person_facts.c.person_id == people.c.id)


def count_people(conn: Connection, m: Match) -> int:
    """How many people match."""
    q = _matching(select(func.count()).select_from(people), m)
    return int(conn.execute(q).scalar_one())


def people_page(conn: Connection, m: Match, *, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """``limit`` matching people from ``offset``, by name, as a search lists them, with
    their stored facts (None when they have none). Walking ``ix_people_account_name``
    (name order, with the folded name the words are matched against) stops at the
    page's last match; only the page's rows are read."""
    q = _matching(select(*LISTED, person_facts).select_from(_WITH_FACTS), m)
    q = q.order_by(*BY_NAME).limit(limit).offset(offset)
    return [dict(r._mapping) for r in conn.execute(q)]


def matching_facts(conn: Connection, m: Match) -> list[dict[str, Any]]:
    """Every matching person's id with their stored facts only, by name: what reading
    each one's energy needs."""
    q = select(people.c.id, person_facts).select_from(_WITH_FACTS)
    q = _matching(q, m).order_by(*BY_NAME)
    return [dict(r._mapping) for r in conn.execute(q)]


_PEOPLE_BY_IDS = (
    select(*LISTED, person_facts)
    .select_from(_WITH_FACTS)
    .where(
        people.c.account_id == bindparam("account"),
        people.c.id.in_(bindparam("ids", expanding=True)),
    )
)


def people_by_ids(conn: Connection, account_id: int, ids: Sequence[int]) -> list[dict[str, Any]]:
    """These people (of the account) as a search lists them, with their stored facts
    (None when they have none), in the order of ``ids``."""
    if not ids:
        return []
    rows = conn.execute(_PEOPLE_BY_IDS, {"account": account_id, "ids": list(ids)})
    found = {r.id: dict(r._mapping) for r in rows}
    return [found[i] for i in ids if i in found]


def all_tags(conn: Connection, account_id: int) -> list[str]:
    """Every tag in use, by name."""
    rows = conn.execute(
        select(tags.c.name)
        .where(tags.c.account_id == account_id)
        .where(tags.c.id.in_(select(person_tags.c.tag_id)))
        .order_by(tags.c.name)
    )
    return [r[0] for r in rows]
