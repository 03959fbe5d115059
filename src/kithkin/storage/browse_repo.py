"""People for browsing: search by name or interest, narrowed by tag and status,
with the stored facts each row needs (no GROUP BY over moments)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, func, or_, select

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


def _filtered(
    account_id: int,
    words: Sequence[str],
    tag: str | None,
    statuses: Sequence[str] | None,
) -> Select[Any]:
    q = (
        select(people, person_facts)
        .outerjoin(person_facts, person_facts.c.person_id == people.c.id)
        .where(people.c.account_id == account_id)
    )
    for word in words:  # every word in the name, or in one of their interests
        loves = (
            select(interests.c.person_id)
            .join(phrases, phrases.c.id == interests.c.phrase_id)
            .where(func.lower(phrases.c.text).like(_like(word), escape="\\"))
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
    if statuses:
        q = q.where(people.c.status.in_(statuses))
    return q


def people_rows(
    conn: Connection,
    account_id: int,
    *,
    words: Sequence[str] = (),
    tag: str | None = None,
    statuses: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Matching people (with their stored facts, None when they have none), by name."""
    q = _filtered(account_id, words, tag, statuses).order_by(
        func.lower(people.c.display_name), people.c.id
    )
    return [dict(r._mapping) for r in conn.execute(q)]


def all_tags(conn: Connection, account_id: int) -> list[str]:
    """Every tag in use, by name."""
    rows = conn.execute(
        select(tags.c.name)
        .where(tags.c.account_id == account_id)
        .where(tags.c.id.in_(select(person_tags.c.tag_id)))
        .order_by(tags.c.name)
    )
    return [r[0] for r in rows]
