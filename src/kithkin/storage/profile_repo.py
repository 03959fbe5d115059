"""The head of a person's page in one statement: their row, their stored facts, who
introduced them, and which of their records (promises, ledger, introductions,
opportunities) exist at all, so the page reads only the lists that have something in
them. Most people have no open follow-up and no introduction: for them those statements
are never sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, bindparam, exists, or_, select

from kithkin.domain.facts import PersonFacts
from kithkin.storage.facts_repo import facts_of_row
from kithkin.storage.tables import (
    follow_ups,
    introductions,
    ledger,
    opportunity_chain,
    people,
    person_facts,
)

#: What a person may have records of, each told by an index probe.
HAS_FOLLOW_UPS, HAS_LEDGER, HAS_INTROS, HAS_OPPORTUNITIES = RECORDS = (
    "follow_ups",
    "ledger",
    "intros",
    "opportunities",
)

_VIA = people.alias("via")
_FACT_PREFIX = "facts_"
_HAS_PREFIX = "has_"
_KEYS = [c for c in person_facts.c if c.name not in ("person_id", "account_id")]

_HEAD = (
    select(
        people,
        _VIA.c.display_name.label("introduced_by_name"),
        *(c.label(_FACT_PREFIX + c.name) for c in _KEYS),
        exists()
        .where(follow_ups.c.person_id == people.c.id, follow_ups.c.done_on.is_(None))
        .label(_HAS_PREFIX + HAS_FOLLOW_UPS),
        exists().where(ledger.c.person_id == people.c.id).label(_HAS_PREFIX + HAS_LEDGER),
        exists()
        .where(
            or_(
                introductions.c.person_a_id == people.c.id,
                introductions.c.person_b_id == people.c.id,
            )
        )
        .label(_HAS_PREFIX + HAS_INTROS),
        exists()
        .where(opportunity_chain.c.person_id == people.c.id)
        .label(_HAS_PREFIX + HAS_OPPORTUNITIES),
    )
    .select_from(
        people.outerjoin(person_facts, person_facts.c.person_id == people.c.id).outerjoin(
            _VIA,
            and_(_VIA.c.id == people.c.introduced_by_id, _VIA.c.account_id == people.c.account_id),
        )
    )
    .where(people.c.id == bindparam("person"), people.c.account_id == bindparam("account"))
)


@dataclass(frozen=True)
class PersonHead:
    """A person's row, stored facts, introducer's name and which records they have."""

    row: dict[str, Any]
    facts: PersonFacts
    introduced_by: str | None
    has: frozenset[str]


def person_head(conn: Connection, account_id: int, person_id: int) -> PersonHead | None:
    """The head of a person's page, or None if the person is not this account's."""
    found = conn.execute(_HEAD, {"person": person_id, "account": account_id}).first()
    if found is None:
        return None
    values = found._mapping
    facts = {c.name: values[_FACT_PREFIX + c.name] for c in _KEYS}
    return PersonHead(
        row={c.name: values[c.name] for c in people.c},
        facts=facts_of_row(facts),
        introduced_by=values["introduced_by_name"],
        has=frozenset(n for n in RECORDS if values[_HAS_PREFIX + n]),
    )
