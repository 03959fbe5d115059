"""Small helpers shared by the repository modules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert


def insert_row(conn: Connection, table: Table, values: Mapping[str, Any]) -> int:
    """Insert one row and return its integer primary key."""
    pk = conn.execute(insert(table).values(**values)).inserted_primary_key
    assert pk is not None
    return int(pk[0])


#: Lists longer than this are sent as they are (padding them could pass a database's
#: limit on parameters, and so few statements have that many that preparing matters).
PAD_UP_TO = 256


def padded(ids: Sequence[int]) -> list[int]:
    """``ids`` for an ``IN`` list, lengthened to the next power of two by repeating the
    last one (the same rows match); lists over :data:`PAD_UP_TO` come back as they are.

    Every length of an expanded ``IN`` list is a different SQL text, and PostgreSQL
    prepares (and stops re-planning) a statement only once it has seen its text a few
    times; with padding a person's page runs one of a handful of texts instead of one
    per moment count.
    """
    if not ids or len(ids) > PAD_UP_TO:
        return list(ids)
    size = 1 << (len(ids) - 1).bit_length()
    return [*ids, *[ids[-1]] * (size - len(ids))]
