"""People for browsing: an account's people as a search sees them
(:class:`kithkin.domain.directory.Directory`), and the rows a page of results lists with
their stored facts (no GROUP BY over moments)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from kithkin.domain.directory import Directory, Listed
from kithkin.storage.tables import (
    interests,
    people,
    person_facts,
    person_tags,
    phrases,
    tags,
)

#: Name order, case folded; exactly the order of ``ix_people_account_name`` (its columns,
#: then the rowid), so reading people in it walks that index and needs no sort.
BY_NAME = (
    func.lower(people.c.display_name),
    people.c.search_name,
    people.c.display_name,
    people.c.id,
)


_LISTED_PEOPLE = (
    select(people.c.id, people.c.search_name, people.c.status, people.c.snoozed_until)
    .where(people.c.account_id == bindparam("account"))
    .order_by(*BY_NAME)
)
_LISTED_INTERESTS = (
    select(interests.c.person_id, phrases.c.text)
    .join(phrases, phrases.c.id == interests.c.phrase_id)
    .join(people, people.c.id == interests.c.person_id)
    .where(people.c.account_id == bindparam("account"))
    .order_by(interests.c.person_id, interests.c.position, interests.c.id)
)
_LISTED_TAGS = (  # from the account's people (indexed), not from every person_tags row
    select(person_tags.c.person_id, tags.c.name)
    .select_from(people)
    .join(person_tags, person_tags.c.person_id == people.c.id)
    .join(tags, tags.c.id == person_tags.c.tag_id)
    .where(people.c.account_id == bindparam("account"))
    .order_by(tags.c.name)
)


def directory(conn: Connection, account_id: int) -> Directory:
    """The account's people by name, each with their folded names, status, interests
    and tags: everything a search matches on (three statements, whatever the size)."""
    bound = {"account": account_id}
    loves: dict[int, list[str]] = {}
    for pid, phrase in conn.execute(_LISTED_INTERESTS, bound):
        loves.setdefault(pid, []).append(phrase)
    tagged: dict[int, list[str]] = {}
    order: list[str] = []  # the database's order of tag names (its collation)
    for pid, name in conn.execute(_LISTED_TAGS, bound):
        tagged.setdefault(pid, []).append(name)
        order.append(name)
    listed = [
        Listed(
            r.id,
            r.search_name,
            r.status,
            r.snoozed_until,
            tuple(loves.get(r.id, ())),
            tuple(tagged.get(r.id, ())),
        )
        for r in conn.execute(_LISTED_PEOPLE, bound)
    ]
    return Directory(listed, order)


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
