"""Saved items matched to the people who'd love them (by meaning of topics and interests).

Matches are stored (the best MATCHES_PER_ITEM people per item) so Today can offer
"send X to Y, no reason needed" without loading any model; they are computed when an
item is saved, when someone's interests change, and by `kith reindex`.
`kith for PERSON` computes its answer fresh, over every item.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection

from kithkin.domain import matching as domain
from kithkin.domain.records import item_title
from kithkin.domain.today import GIFT_FRESH_DAYS
from kithkin.services import matching, semantic
from kithkin.services.context import Kith
from kithkin.services.people import resolve
from kithkin.storage import match_repo, people_repo, saved_repo, vectors_repo

#: How many people each saved item is matched to.
MATCHES_PER_ITEM = 5
#: Items saved within this many days are offered on Today.
FRESH_DAYS = GIFT_FRESH_DAYS


def title(row: dict[str, Any], width: int = 60) -> str:
    """A short name for an item row: its link, or the start of its text."""
    return item_title(row.get("url"), row.get("text"), width)


def match_items(kith: Kith, conn: Connection, item_ids: Sequence[int] | None = None) -> int:
    """Match these saved items (all by default) to people; returns how many were matched.

    One matrix product for every topic of every item against every interest phrase;
    each item's people are ranked by domain.overlap_scores, and the closest pair of
    (topic, interest) explains each match.
    """
    found_items = saved_repo.items(conn, kith.account_id, item_ids)
    if not found_items:
        return 0
    import numpy as np

    rows = match_repo.interest_rows(conn, kith.account_id, kith.today)
    topic_ids = sorted({p for item in found_items for p, _ in item["topics"]})
    if not rows or not topic_ids:
        for item in found_items:
            saved_repo.replace_matches(conn, kith.account_id, item["id"], [])
        return len(found_items)
    # topics read with the interests, so both come from the same encoder
    data = matching.load_interests(kith, conn, rows, extra=topic_ids)
    cut = data.encoder.related_at
    sims = data.extra @ data.vectors.T  # topic × interest phrase
    row_of = {p: i for i, p in enumerate(topic_ids)}
    texts = vectors_repo.texts(conn, [*topic_ids, *data.phrase_ids])
    for item in found_items:
        t_rows = [row_of[p] for p, _ in item["topics"]]
        best: list[dict[str, Any]] = []
        if t_rows:
            sub = sims[t_rows]
            scores = domain.overlap_scores(
                sub, data.weights, data.row_person, data.row_phrase, data.starts, cut
            )
            k = min(MATCHES_PER_ITEM, len(scores))
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.lexsort((top, -scores[top]))]
            for person_index in (int(i) for i in top if scores[i] > 0):
                phrases = data.row_phrase[list(data.rows_of(person_index))]
                block = sub[:, phrases]
                t, j = np.unravel_index(int(np.argmax(block)), block.shape)
                best.append(
                    {
                        "person_id": data.people[person_index],
                        "score": round(float(block[t, j]), 3),
                        "topic": texts[topic_ids[t_rows[t]]],
                        "interest": texts[data.phrase_ids[int(phrases[j])]],
                    }
                )
        saved_repo.replace_matches(conn, kith.account_id, item["id"], best)
    return len(found_items)


def refresh_fresh(kith: Kith, conn: Connection) -> None:
    """Match again the items Today may offer (after someone's interests changed)."""
    since = kith.today - timedelta(days=FRESH_DAYS)
    ids = [r["id"] for r in saved_repo.items(conn, kith.account_id) if r["saved_on"] >= since]
    if ids:
        match_items(kith, conn, ids)


def refresh_all(kith: Kith) -> int:
    """Match every saved item again (after `kith reindex` or an import)."""
    with kith.begin() as conn:
        return match_items(kith, conn)


def fits(kith: Kith, conn: Connection, item_id: int) -> list[dict[str, Any]]:
    """Who an item was matched to, best first, in words."""
    rows = saved_repo.matches_of_item(conn, item_id)
    names = people_repo.people_by_ids(conn, kith.account_id, [r["person_id"] for r in rows])
    return [{**r, "person": names[r["person_id"]]} for r in rows]


def for_person(kith: Kith, query: str) -> dict[str, Any]:
    """What you saved that fits a person, best match first (newest first on ties): one
    matrix product of every item's topics against their interests."""
    with kith.begin() as conn:
        pid = resolve(kith, conn, query)
        name = people_repo.people_by_ids(conn, kith.account_id, [pid])[pid]
        theirs = match_repo.interests_by_person(conn, [pid])[pid]
        sent = saved_repo.sent_to(conn, pid)
        found_items = [i for i in saved_repo.items(conn, kith.account_id) if i["topics"]]
        spec = semantic.matcher(kith)
        out = []
        topic_ids = sorted({p for item in found_items for p, _ in item["topics"]})
        if theirs and topic_ids:
            spec, both = semantic.vectors(kith, conn, [*topic_ids, *(p for p, _ in theirs)])
            sims = both[: len(topic_ids)] @ both[len(topic_ids) :].T
            row_of = {p: i for i, p in enumerate(topic_ids)}
            their_texts = [t for _, t in theirs]
            for item in found_items:
                rows = [row_of[p] for p, _ in item["topics"]]
                topics = [t for _, t in item["topics"]]
                shared = domain.pair_up(topics, their_texts, sims[rows], spec.related_at)
                if shared:
                    out.append(
                        {
                            "item_id": item["id"],
                            "title": title(item, 200),
                            "kind": item["kind"],
                            "saved_on": item["saved_on"],
                            "sent_on": sent.get(item["id"]),
                            "shared": [
                                {"topic": m.mine, "interest": m.theirs, "score": m.score}
                                for m in shared
                            ],
                        }
                    )
    out.sort(key=lambda r: (-r["shared"][0]["score"], -r["saved_on"].toordinal(), r["item_id"]))
    return {"person_id": pid, "person": name, "semantic": spec.semantic, "items": out}
