"""Browsing people: search as you type, narrowed by tag, status and energy.

The web app's People page and ``GET /api/v1/people`` both answer from here. Words match
a folded name (accents and case ignored) or one of the person's interests; every word
must match. Energy is the label of :func:`kithkin.domain.energy.energy_reading`.
"""

from __future__ import annotations

from typing import Any

from kithkin.domain import records
from kithkin.domain.directory import Directory, query_words
from kithkin.domain.energy import LABELS as ENERGY_LABELS
from kithkin.domain.energy import energy_reading
from kithkin.services import cache
from kithkin.services.context import Kith
from kithkin.storage import browse_repo

#: The most people one answer lists (the rest are counted in ``total``).
MAX_LIMIT = 500
#: At most this many words of a query are used.
MAX_WORDS = 8


def directory(kith: Kith) -> Directory:
    """The account's people as a search sees and lists them, built once per change of
    its data (three statements over the account); until the next change a search reads
    only the account's revision and answers from memory."""

    def compute() -> Directory:
        with kith.begin() as conn:
            return browse_repo.directory(conn, kith.account_id)

    return cache.remembered(kith, ("directory",), compute, large=True)


def search(
    kith: Kith,
    q: str | None = None,
    *,
    tag: str | None = None,
    status: str | None = None,
    energy: str | None = None,
    limit: int = 50,
    offset: int = 0,
    within: Directory | None = None,
) -> dict[str, Any]:
    """``{"total": n, "people": [...]}``: who matches, by name, ``limit`` from ``offset``
    (in ``within``, when the caller already holds the account's :func:`directory`)."""
    if status:
        status = records.choice("status", status, records.STATUSES)
    if energy:
        energy = records.choice("energy", energy, ENERGY_LABELS)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    found = (within or directory(kith)).matching(
        query_words(q, MAX_WORDS), tag=tag or None, status=status or None, today=kith.today
    )
    if energy:
        found = [p for p in found if energy_reading(p.facts).label == energy]
    return {
        "total": len(found),
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "status": records.effective_status(p.status, p.snoozed_until, kith.today),
                "energy": energy_reading(p.facts).label,
                "last_seen": p.facts.last_on,
                "moments": p.facts.moments,
                "tags": list(p.tags),
                "interests": list(p.interests[:5]),
                "org": p.org,
                "met_where": p.met_where,
            }
            for p in found[offset:][:limit]
        ],
    }


def tags(kith: Kith) -> list[str]:
    """Every tag in use, by name, for the filter (from the account's directory)."""
    return directory(kith).tags()
