"""Shared interests by meaning: yours with a person's, a person's with everyone's, and
pairs of people worth introducing. The CLI and the web app both call these."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from kithkin.domain import matching, records
from kithkin.domain.energy import energy_reading
from kithkin.domain.errors import InvalidInput
from kithkin.services import semantic
from kithkin.services.context import Kith
from kithkin.services.people import resolve
from kithkin.storage import facts_repo, match_repo, people_repo, vectors_repo

if TYPE_CHECKING:
    import numpy as np

    from kithkin.semantic.encoder import Spec


@dataclass(frozen=True)
class Interests:
    """Everyone's interests as rows grouped by person, with the phrase vectors."""

    encoder: Spec
    people: list[int]  # person ids, in the order of their groups
    starts: np.ndarray  # where each person's rows start
    row_person: np.ndarray  # row → index into people
    row_phrase: np.ndarray  # row → index into phrase_ids
    phrase_ids: list[int]
    vectors: np.ndarray  # one row per phrase id
    holders: Counter[int]  # phrase id → how many people have it
    weights: np.ndarray  # one per phrase id: matching.weight of its rarity
    extra: np.ndarray  # vectors of the ``extra`` phrases asked for, from the same encoder

    def rows_of(self, person_index: int) -> range:
        """The interest rows of one person (an index into ``people``)."""
        end = self.starts[person_index + 1] if person_index + 1 < len(self.starts) else None
        return range(
            int(self.starts[person_index]), len(self.row_person) if end is None else int(end)
        )


def load_interests(
    kith: Kith, conn: Connection, rows: list[tuple[int, int]], extra: Sequence[int] = ()
) -> Interests:
    """Interests of the people in ``rows`` ((person, phrase), grouped by person), and the
    vectors of ``extra`` phrases read in the same call (so both share one encoder)."""
    import numpy as np

    phrase_ids = sorted({ph for _, ph in rows})
    index = {p: i for i, p in enumerate(phrase_ids)}
    enc, both = semantic.vectors(kith, conn, [*phrase_ids, *extra])
    vectors = both[: len(phrase_ids)]
    people: list[int] = []
    starts: list[int] = []
    row_person: list[int] = []
    for r, (pid, _) in enumerate(rows):
        if not people or people[-1] != pid:
            people.append(pid)
            starts.append(r)
        row_person.append(len(people) - 1)
    holders = Counter(ph for _, ph in set(rows))
    counts = np.array([holders[p] for p in phrase_ids], dtype=np.float64)
    return Interests(
        encoder=enc,
        people=people,
        starts=np.array(starts, dtype=np.intp),
        row_person=np.array(row_person, dtype=np.intp),
        row_phrase=np.array([index[ph] for _, ph in rows], dtype=np.intp),
        phrase_ids=phrase_ids,
        vectors=vectors,
        holders=holders,
        weights=matching.weights(counts, len(people)).astype(np.float32),
        extra=both[len(phrase_ids) :],
    )


def _match_dicts(found: Sequence[matching.Match]) -> list[dict[str, Any]]:
    return [{"mine": m.mine, "theirs": m.theirs, "score": m.score} for m in found]


def shared_between(
    kith: Kith, conn: Connection, a: Sequence[tuple[int, str]], b: Sequence[tuple[int, str]]
) -> tuple[Spec, list[matching.Match]]:
    """Shared interests of two lists of (phrase id, phrase), by meaning."""
    ids = sorted({p for p, _ in a} | {p for p, _ in b})
    enc, vectors = semantic.vectors(kith, conn, ids)
    where = {p: i for i, p in enumerate(ids)}
    va = vectors[[where[p] for p, _ in a]] if a else vectors[:0]
    vb = vectors[[where[p] for p, _ in b]] if b else vectors[:0]
    sims = va @ vb.T
    return enc, matching.pair_up([t for _, t in a], [t for _, t in b], sims, enc.related_at)


def _their_interests(conn: Connection, ids: Sequence[int]) -> dict[int, list[tuple[int, str]]]:
    return match_repo.interests_by_person(conn, ids)


# --- your own interests ---------------------------------------------------------------


def my_interests(kith: Kith) -> list[dict[str, Any]]:
    """Your own interests (what `kith common` compares with)."""
    with kith.begin() as conn:
        return [
            {"phrase": r["phrase"], "note": r["note"]}
            for r in match_repo.own(conn, kith.account_id)
        ]


def set_my_interests(kith: Kith, add: Sequence[str], remove: Sequence[str]) -> list[dict[str, Any]]:
    """Add and remove your own interests ('phrase: note' like a person's)."""
    items = [records.interest(t) for t in add]
    gone = [records.phrase(t) for t in remove]
    with kith.begin() as conn:
        if match_repo.remove_own(conn, kith.account_id, gone) < len(set(gone)):
            have = {r["phrase"] for r in match_repo.own(conn, kith.account_id)}
            missing = next(g for g in gone if g not in have)
            raise InvalidInput("interest", f"'{missing}' is not one of your interests")
        ids = match_repo.add_own(conn, kith.account_id, items)
        semantic.embed_missing(kith, conn, ids)
    return my_interests(kith)


def replace_my_interests(kith: Kith, texts: Sequence[str]) -> list[dict[str, Any]]:
    """Make your interests exactly these ('phrase: note' like a person's), in one go."""
    items = [records.interest(t) for t in texts]
    keep = {p for p, _ in items}
    with kith.begin() as conn:
        mine = match_repo.own(conn, kith.account_id)
        gone = [r["phrase"] for r in mine if r["phrase"] not in keep]
        match_repo.remove_own(conn, kith.account_id, gone)
        ids = match_repo.add_own(conn, kith.account_id, items)
        semantic.embed_missing(kith, conn, ids)
    return my_interests(kith)


# --- kith common / kith similar -------------------------------------------------------


def common(kith: Kith, query: str) -> dict[str, Any]:
    """What you share with a person, by meaning, with the phrases on each side."""
    with kith.begin() as conn:
        pid = resolve(kith, conn, query)
        name = people_repo.people_by_ids(conn, kith.account_id, [pid])[pid]
        mine = [(r["phrase_id"], r["phrase"]) for r in match_repo.own(conn, kith.account_id)]
        theirs = _their_interests(conn, [pid])[pid]
        enc, found = shared_between(kith, conn, mine, theirs)
    return {
        "person_id": pid,
        "person": name,
        "semantic": enc.semantic,
        "yours": [t for _, t in mine],
        "theirs": [t for _, t in theirs],
        "shared": _match_dicts(found),
    }


def similar(kith: Kith, query: str, limit: int = 10) -> dict[str, Any]:
    """Who else shares a person's interests, by meaning; rare shared interests count
    more than common ones (see domain.matching.overlap_scores).

    Reads only what can matter: the phrases related to the person's (one matrix product
    over every phrase vector), then the interests that use those phrases.
    """
    import numpy as np

    if limit < 1:
        raise InvalidInput("limit", "must be at least 1")
    with kith.begin() as conn:
        pid = resolve(kith, conn, query)
        name = people_repo.people_by_ids(conn, kith.account_id, [pid])[pid]
        theirs = _their_interests(conn, [pid])[pid]
        enc = semantic.matcher(kith)
        found: list[dict[str, Any]] = []
        universe = match_repo.active_phrase_ids(conn, kith.account_id, kith.today)
        if not theirs or not universe:
            return {"person_id": pid, "person": name, "semantic": enc.semantic, "similar": found}
        enc, vectors = semantic.vectors(kith, conn, [p for p, _ in theirs] + universe)
        sims = vectors[: len(theirs)] @ vectors[len(theirs) :].T
        keep = np.nonzero((sims >= enc.related_at).any(axis=0))[0]
        related = [universe[i] for i in keep]
        rows = [
            r
            for r in match_repo.rows_using(conn, kith.account_id, kith.today, related)
            if r[0] != pid
        ]
        if rows:
            pairs = np.array(rows, dtype=np.int64)
            people_arr, row_person = np.unique(pairs[:, 0], return_inverse=True)
            people = people_arr.tolist()
            related_arr = np.array(related, dtype=np.int64)
            row_phrase = np.searchsorted(related_arr, pairs[:, 1])
            unique_pairs = np.unique(pairs, axis=0)
            counts = np.bincount(
                np.searchsorted(related_arr, unique_pairs[:, 1]), minlength=len(related)
            ).astype(np.float64)
            total = match_repo.people_with_interests(conn, kith.account_id, kith.today, but=pid)
            starts = np.searchsorted(row_person, np.arange(len(people)))
            scores = matching.overlap_scores(
                sims[:, keep],
                matching.weights(counts, total).astype(np.float32),
                row_person,
                row_phrase,
                starts,
                enc.related_at,
            )
            names = people_repo.people_by_ids(conn, kith.account_id, people)
            ranked = sorted(
                (i for i in range(len(people)) if scores[i] > 0),
                key=lambda i: (-round(float(scores[i]), 6), names[people[i]].casefold(), people[i]),
            )[:limit]
            best = [people[i] for i in ranked]
            detail = _their_interests(conn, best)
            energy = _energy_labels(conn, kith, best)
            for i, other in zip(ranked, best, strict=True):
                _, shared = shared_between(kith, conn, theirs, detail[other])
                found.append(
                    {
                        "person_id": other,
                        "person": names[other],
                        "score": round(float(scores[i]), 3),
                        "energy": energy[other],
                        "shared": _match_dicts(shared),
                    }
                )
    return {"person_id": pid, "person": name, "semantic": enc.semantic, "similar": found}


def _energy_labels(conn: Connection, kith: Kith, ids: Sequence[int]) -> dict[int, str]:
    facts = facts_repo.stored(conn, kith.account_id, ids)
    return {i: energy_reading(facts[i]).label if i in facts else "unknown" for i in ids}


# --- introductions --------------------------------------------------------------------


def intro_suggestions(kith: Kith, limit: int = 10) -> dict[str, Any]:
    """Pairs of people who don't know each other and share an interest, best first.

    Released, snoozed and draining people are left out; so is any pair already in a
    moment together, an introduction, or an "introduced by". Never ranked by title.
    """
    if limit < 1:
        raise InvalidInput("limit", "must be at least 1")
    with kith.begin() as conn:
        rows = match_repo.interest_rows(conn, kith.account_id, kith.today)
        everyone = sorted({p for p, _ in rows})
        facts = facts_repo.stored(conn, kith.account_id)
        drainers = {
            p for p in everyone if p in facts and energy_reading(facts[p]).label == "drainer"
        }
        rows = [r for r in rows if r[0] not in drainers]
        enc = semantic.matcher(kith)
        out: list[dict[str, Any]] = []
        if rows:
            data = load_interests(kith, conn, rows)
            enc = data.encoder
            holders: dict[int, list[int]] = {}
            for pid, ph in rows:
                holders.setdefault(ph, []).append(pid)
            pairs = matching.phrase_pairs(
                data.vectors, data.phrase_ids, data.weights.tolist(), enc.related_at
            )
            known = match_repo.known_pairs(conn, kith.account_id)
            picked = matching.intro_suggestions(pairs, holders, known, limit)
            ids = sorted({s.a for s in picked} | {s.b for s in picked})
            names = people_repo.people_by_ids(conn, kith.account_id, ids)
            info = match_repo.people_rows(conn, kith.account_id, ids)
            detail = _their_interests(conn, ids)
            energy = {i: energy_reading(facts[i]).label if i in facts else "unknown" for i in ids}
            for s in picked:
                _, shared = shared_between(kith, conn, detail[s.a], detail[s.b])
                out.append(
                    {
                        "a": _side(s.a, names, info, energy),
                        "b": _side(s.b, names, info, energy),
                        "strength": s.strength,
                        "shared": _match_dicts(shared),
                        "why": _why(names[s.a], names[s.b], shared),
                    }
                )
    return {"semantic": enc.semantic, "suggestions": out}


def _side(
    pid: int, names: dict[int, str], info: dict[int, Any], energy: dict[int, str]
) -> dict[str, Any]:
    row = info.get(pid, {})
    return {
        "person_id": pid,
        "person": names[pid],
        "location": row.get("location"),
        "energy": energy[pid],
    }


def _why(a: str, b: str, shared: Sequence[matching.Match]) -> str:
    if not shared:
        return f"{a} and {b} share an interest"
    first = shared[0]
    if first.mine == first.theirs:
        return f"{a} and {b} both love {first.mine}"
    return f"{a} is into {first.mine} and {b} into {first.theirs}"


def vector_count(kith: Kith) -> int:
    """How many phrases still lack a vector from the model (0 with the fallback)."""
    from kithkin.semantic.encoder import MODEL_NAME

    with kith.begin() as conn:
        return len(vectors_repo.without_vector(conn, MODEL_NAME))
