"""Phrase vectors: one row per phrase and encoder, the vector as float32 bytes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, select

from kithkin.storage.tables import phrase_vectors, phrases

if TYPE_CHECKING:
    import numpy as np

#: How many ids go into one IN (...) list.
CHUNK = 900


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield list(ids[i : i + CHUNK])


def texts(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    """Phrase texts by id."""
    out: dict[int, str] = {}
    for chunk in _chunks(sorted(set(ids))):
        q = select(phrases.c.id, phrases.c.text).where(phrases.c.id.in_(chunk))
        out.update({pid: text for pid, text in conn.execute(q)})
    return out


def without_vector(conn: Connection, encoder: str, ids: Sequence[int] | None = None) -> list[int]:
    """Phrase ids (all, or among ``ids``) that have no vector from ``encoder`` yet."""
    have = select(phrase_vectors.c.phrase_id).where(phrase_vectors.c.encoder == encoder)
    q = select(phrases.c.id).where(phrases.c.id.not_in(have)).order_by(phrases.c.id)
    if ids is None:
        return list(conn.execute(q).scalars())
    out: list[int] = []
    for chunk in _chunks(sorted(set(ids))):
        out.extend(conn.execute(q.where(phrases.c.id.in_(chunk))).scalars())
    return out


def store(conn: Connection, encoder: str, ids: Sequence[int], vectors: np.ndarray) -> None:
    """Save one vector per phrase id. Phrases are shared by every account, so another
    session may store the same phrase at the same time: a vector already there is kept
    (the same encoder gives the same vector)."""
    if not ids:
        return
    rows = [
        {"phrase_id": int(pid), "encoder": encoder, "vector": vec.astype("<f4").tobytes()}
        for pid, vec in zip(ids, vectors, strict=True)
    ]
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]
    conn.execute(upsert(phrase_vectors).on_conflict_do_nothing(), rows)


def load(conn: Connection, encoder: str, ids: Sequence[int], dim: int) -> dict[int, np.ndarray]:
    """The stored vectors of these phrases (those that have one)."""
    import numpy as np

    out: dict[int, np.ndarray] = {}
    for chunk in _chunks(sorted(set(ids))):
        q = select(phrase_vectors.c.phrase_id, phrase_vectors.c.vector).where(
            phrase_vectors.c.encoder == encoder, phrase_vectors.c.phrase_id.in_(chunk)
        )
        for pid, blob in conn.execute(q):
            vec = np.frombuffer(blob, dtype="<f4")
            if vec.shape == (dim,):
                out[pid] = vec
    return out


def forget(conn: Connection, encoder: str) -> None:
    """Drop every vector of one encoder (before a full reindex)."""
    conn.execute(delete(phrase_vectors).where(phrase_vectors.c.encoder == encoder))
