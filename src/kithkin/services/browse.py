"""Browsing people: search as you type, narrowed by tag, status and energy.

The web app's People page and ``GET /api/v1/people`` both answer from here. Words match
a folded name (accents and case ignored) or one of the person's interests; every word
must match. Energy is the label of :func:`kithkin.domain.energy.energy_reading`.
"""

from __future__ import annotations

from typing import Any

from kithkin.domain import names, records
from kithkin.domain.energy import LABELS as ENERGY_LABELS
from kithkin.domain.energy import energy_reading
from kithkin.domain.facts import PersonFacts
from kithkin.services import cache
from kithkin.services.context import Kith
from kithkin.storage import browse_repo, people_repo
from kithkin.storage.facts_repo import facts_of_row

#: The most people one answer lists (the rest are counted in ``total``).
MAX_LIMIT = 500
#: At most this many words of a query are used.
MAX_WORDS = 8


def _facts(row: dict[str, Any]) -> PersonFacts:
    if row.get("person_id") is None:  # no stored facts yet: nothing logged
        return PersonFacts()
    return facts_of_row(row)


def search(
    kith: Kith,
    q: str | None = None,
    *,
    tag: str | None = None,
    status: str | None = None,
    energy: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """``{"total": n, "people": [...]}``: who matches, by name, ``limit`` from ``offset``."""
    if status:
        status = records.choice("status", status, records.STATUSES)
    if energy:
        energy = records.choice("energy", energy, ENERGY_LABELS)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    words = names.fold(q or "").replace("-", " ").split()[:MAX_WORDS]
    with kith.begin() as conn:
        match = browse_repo.Match(
            kith.account_id,
            words,
            tag or None,
            browse_repo.status_is(status, kith.today) if status else None,
        )
        if energy:  # a reading per match: the facts of every match, full rows for the page
            labelled = [
                r["id"]
                for r in browse_repo.matching_facts(conn, match)
                if energy_reading(_facts(r)).label == energy
            ]
            total = len(labelled)
            rows = browse_repo.people_by_ids(conn, kith.account_id, labelled[offset:][:limit])
        else:
            rows = browse_repo.people_page(conn, match, limit=limit, offset=offset)
            if 0 < len(rows) < limit or (not rows and offset == 0):  # the last page
                total = offset + len(rows)
            else:  # a full page (more may follow), or past the end: count them all
                total = browse_repo.count_people(conn, match)
        picked = []
        for r in rows:
            facts = _facts(r)
            eff = records.effective_status(r["status"], r["snoozed_until"], kith.today)
            picked.append((r, eff, energy_reading(facts).label, facts))
        ids = [r["id"] for r in rows]
        tag_map = people_repo.tags_of(conn, ids)
        loves = people_repo.interests_of(conn, ids)
    return {
        "total": total,
        "people": [
            {
                "id": r["id"],
                "name": r["display_name"],
                "status": eff,
                "energy": label,
                "last_seen": facts.last_on,
                "moments": facts.moments,
                "tags": tag_map.get(r["id"], []),
                "interests": [i["phrase"] for i in loves.get(r["id"], [])][:5],
                "org": r["org"],
                "met_where": r["met_where"],
            }
            for r, eff, label, facts in picked
        ],
    }


def tags(kith: Kith) -> list[str]:
    """Every tag in use, for the filter (kept until the account's data changes)."""

    def compute() -> list[str]:
        with kith.begin() as conn:
            return browse_repo.all_tags(conn, kith.account_id)

    return cache.remembered(kith, ("tags",), compute)
