"""Vectors for phrases: computed once per unique phrase, read back for matching.

The model is loaded only when a phrase has no vector yet (a new interest, topic or
saved item, or `kith reindex`); ranking reads stored vectors and multiplies matrices.
With the lexical fallback, vectors cost nothing to compute and are never stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from kithkin.semantic.encoder import MODEL_NAME
from kithkin.services.context import Kith
from kithkin.storage import vectors_repo

if TYPE_CHECKING:
    import numpy as np

    from kithkin.semantic.encoder import Encoder, Spec

#: How many phrases are embedded between two progress updates (and commits in reindex).
STEP = 256
Progress = Callable[[int, int], None]


def encoder(kith: Kith) -> Encoder:
    """The encoder, saying once (in ``kith.notices``) when the model is not in use."""
    from kithkin.semantic.load import encoder as load
    from kithkin.semantic.load import fallback_notice

    chosen = load()
    notice = fallback_notice()
    if notice and notice not in kith.notices:
        kith.notices.append(notice)
    return chosen


def embed_missing(
    kith: Kith,
    conn: Connection,
    ids: Sequence[int] | None = None,
    progress: Progress | None = None,
) -> int:
    """Compute and store vectors for phrases (all, or ``ids``) that lack one; returns how
    many. Loads the model only when there is something to embed."""
    if ids is not None and not ids:
        return 0
    missing = vectors_repo.without_vector(conn, MODEL_NAME, ids)
    if not missing:
        return 0
    enc = encoder(kith)
    if not enc.semantic:
        return 0
    names = vectors_repo.texts(conn, missing)
    done = 0
    for start in range(0, len(missing), STEP):
        chunk = missing[start : start + STEP]
        vectors_repo.store(conn, enc.name, chunk, enc.encode([names[i] for i in chunk]))
        done += len(chunk)
        if progress:
            progress(done, len(missing))
    return done


def matcher(kith: Kith) -> Spec:
    """What matching will use (name, dimension, related cut, semantic or not), without
    loading the model: stored vectors are enough until a phrase lacks one."""
    from kithkin.semantic.load import spec

    chosen = spec()
    if not chosen.semantic:
        encoder(kith)  # says why, once
    return chosen


def vectors(kith: Kith, conn: Connection, ids: Sequence[int]) -> tuple[Spec, np.ndarray]:
    """(what matched, one unit row per id in order): stored vectors, computing any still
    missing (which loads the model); the lexical fallback if the model cannot load."""
    import numpy as np

    ordered = list(ids)
    spec = matcher(kith)
    if spec.semantic:
        found = vectors_repo.load(conn, spec.name, ordered, spec.dim)
        if len(found) < len(set(ordered)):
            embed_missing(kith, conn, [i for i in ordered if i not in found])
            found = vectors_repo.load(conn, spec.name, ordered, spec.dim)
        if len(found) == len(set(ordered)):
            out = np.zeros((len(ordered), spec.dim), dtype=np.float32)
            for row, pid in enumerate(ordered):
                out[row] = found[pid]
            return spec, out
    from kithkin.semantic.lexical import LEXICAL, LexicalEncoder

    encoder(kith)  # the model could not embed what was missing: say so once
    names = vectors_repo.texts(conn, ordered)
    return LEXICAL, LexicalEncoder().encode([names[i] for i in ordered])


def reindex(kith: Kith, *, everything: bool = False, progress: Progress | None = None) -> int:
    """Embed every phrase without a vector (or, with ``everything``, all of them again).
    Commits every STEP phrases, so an interrupted reindex keeps what it did."""
    enc = encoder(kith)
    if not enc.semantic:
        return 0
    if everything:
        with kith.begin() as conn:
            vectors_repo.forget(conn, enc.name)
    with kith.begin() as conn:
        todo = vectors_repo.without_vector(conn, enc.name)
    done = 0
    for start in range(0, len(todo), STEP):
        chunk = todo[start : start + STEP]
        with kith.begin() as conn:
            done += embed_missing(kith, conn, chunk)
        if progress:
            progress(done, len(todo))
    return done


def embed_texts(kith: Kith, conn: Connection, texts: Sequence[str]) -> int:
    """Make sure these (normalised) phrases have vectors: the write paths call this, so a
    phrase is embedded when it first appears."""
    if not texts:
        return 0
    from kithkin.storage.phrases import phrase_ids

    return embed_missing(kith, conn, list(phrase_ids(conn, texts).values()))
