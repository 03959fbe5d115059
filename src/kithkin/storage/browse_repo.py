"""People for browsing: an account's people as a search sees and lists them
(:class:`kithkin.domain.directory.Directory`), with their stored facts (no GROUP BY
over moments)."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, func, select

from kithkin.domain.directory import NO_FACTS, Directory, Listed
from kithkin.storage.facts_repo import facts_of_row
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
    select(
        people.c.id,
        people.c.search_name,
        people.c.status,
        people.c.snoozed_until,
        people.c.display_name,
        people.c.org,
        people.c.met_where,
        person_facts,
    )
    .select_from(people.outerjoin(person_facts, person_facts.c.person_id == people.c.id))
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
    """The account's people by name, each with their folded names, status, interests,
    tags and stored facts: everything a search matches on and lists (three statements,
    whatever the size)."""
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
            r.display_name,
            r.org,
            r.met_where,
            NO_FACTS if r.person_id is None else facts_of_row(r._mapping),
        )
        for r in conn.execute(_LISTED_PEOPLE, bound)
    ]
    return Directory(listed, order)
