"""The phrase vocabulary: each interest or topic phrase stored once."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, insert, select

from kithkin.storage.tables import phrases


def phrase_ids(conn: Connection, texts: Iterable[str]) -> dict[str, int]:
    """Ids for normalised phrases, adding the ones not seen before."""
    wanted = list(dict.fromkeys(texts))
    if not wanted:
        return {}
    found: dict[str, int] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        rows = conn.execute(select(phrases.c.text, phrases.c.id).where(phrases.c.text.in_(chunk)))
        found.update({t: pid for t, pid in rows})
    missing = [t for t in wanted if t not in found]
    if missing:
        dialect = conn.dialect.name
        if dialect in ("sqlite", "postgresql"):
            if dialect == "sqlite":
                from sqlalchemy.dialects.sqlite import insert as upsert
            else:
                from sqlalchemy.dialects.postgresql import insert as upsert  # type: ignore[assignment]
            conn.execute(
                upsert(phrases).on_conflict_do_nothing(index_elements=["text"]),
                [{"text": t} for t in missing],
            )
        else:  # pragma: no cover - other databases are not supported targets
            conn.execute(insert(phrases), [{"text": t} for t in missing])
        rows = conn.execute(select(phrases.c.text, phrases.c.id).where(phrases.c.text.in_(missing)))
        found.update({t: pid for t, pid in rows})
    return found
