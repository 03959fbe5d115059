"""What the network picture reads: who has which interest phrase (people not released)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from kithkin.storage.tables import interests, people, phrases


def interest_rows(conn: Connection, account_id: int) -> list[tuple[int, int]]:
    """(person id, phrase id) of every interest of the account's people not released."""
    q = (
        select(interests.c.person_id, interests.c.phrase_id)
        .join(people, people.c.id == interests.c.person_id)
        .where(people.c.account_id == account_id, people.c.status != "released")
    )
    return [(pid, ph) for pid, ph in conn.execute(q).all()]


def phrase_texts(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    """The text of these phrases."""
    wanted = sorted(set(ids))
    out: dict[int, str] = {}
    for i in range(0, len(wanted), 500):
        q = select(phrases.c.id, phrases.c.text).where(phrases.c.id.in_(wanted[i : i + 500]))
        out.update({pid: text for pid, text in conn.execute(q)})
    return out
